"""The TUI's Inbox tab (issue 29): suggestions pulled from a calendar, accepted with one
key each for direction and fun, or dismissed for good. Driven with Pilot on a database on
disk, after a real ``kith pull`` of a vdir calendar."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from textual.widgets import DataTable, TabbedContent

from kith.cli.main import build_cli
from kith.core import clock
from kith.persistence.store import Store
from kith.services.context import KithApp
from kith.tui import make_app
from tests.live.servers import event


def _cli(home: Path, config: Path, *args: Any) -> None:
    home.mkdir(parents=True, exist_ok=True)  # $KITH_HOME must name a folder that exists
    result = CliRunner().invoke(build_cli(), [str(a) for a in args], env={
        "KITH_HOME": str(home), "KITH_CONFIG": str(config)})
    assert result.exit_code == 0, result.output


@pytest.fixture
def pulled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    monkeypatch.setattr(clock, "now", lambda: datetime(2026, 6, 15, 12, tzinfo=UTC))
    home, config = tmp_path / "db", tmp_path / "config.toml"
    calendar = tmp_path / "calendar"
    calendar.mkdir()
    (calendar / "a.ics").write_text(event("a", "20260601T090000Z", "Coffee",
                                          ("ann@example.org",)))
    (calendar / "b.ics").write_text(event("b", "20260602T090000Z", "Walk",
                                          ("ann@example.org",), minutes=45))
    _cli(home, config, "network", "add", "Friends", "--kind", "friends")
    _cli(home, config, "person", "add", "Ann Lee", "--email", "ann@example.org",
         "--network", "Friends")
    _cli(home, config, "source", "add", "cal", "--kind", "vdir-calendar", "--path",
         calendar, "--network", "Friends")
    _cli(home, config, "pull")
    monkeypatch.setenv("KITH_CONFIG", str(config))
    return home, config


def test_the_inbox_tab_accepts_with_one_key_each_and_dismisses(pulled: tuple[Path, Path]
                                                               ) -> None:
    home, _ = pulled
    app = make_app(KithApp(home), today=date(2026, 6, 15), blink=False)

    async def main() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            app.query_one("#tabs", TabbedContent).active = "inbox"
            await pilot.pause()
            table = app.query_one("#inbox-table", DataTable)
            assert table.row_count == 2
            assert [str(c) for c in table.get_row_at(0)][1:] == [
                "Coffee", "Ann Lee", "friends", "shared", "-"]
            await pilot.press("g", "4")
            assert [str(c) for c in table.get_row_at(0)][-2:] == ["gave", "4"]
            await pilot.press("enter")
            await pilot.pause()
            assert table.row_count == 1
            await pilot.press("x")
            await pilot.pause()
            assert table.row_count == 0

    asyncio.run(main())
    store = Store(home, create=False)
    [recorded] = list(store.interactions())
    assert (recorded.direction, recorded.value.fun, recorded.value.minutes, recorded.note) \
        == ("gave", 4, 60, "Coffee")
    assert [s.state for s in store.live.suggestions(state=None)] == ["accepted", "dismissed"]


def test_without_sources_the_tabs_stay_as_they_were(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KITH_CONFIG", str(tmp_path / "none.toml"))
    app = make_app(KithApp(tmp_path / "db"), today=date(2026, 6, 15), blink=False)

    async def main() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            assert not app.query("#inbox")

    asyncio.run(main())


def test_e_edits_a_suggestion_before_it_is_accepted(pulled: tuple[Path, Path]) -> None:
    """``E`` opens the suggestion's form with every field as it is; a refusal stays in
    the form, marks the field and writes nothing; Ctrl+S saves what changed, and the
    one-key choices made before still apply when it is accepted."""
    from textual.widgets import Input, Static

    from kith.tui.inbox import SuggestionForm
    from tests.conftest import snapshot_db

    home, _ = pulled
    app = make_app(KithApp(home), today=date(2026, 6, 15), blink=False)

    async def main() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            app.query_one("#tabs", TabbedContent).active = "inbox"
            await pilot.pause()
            await pilot.press("g", "3", "E")
            await pilot.pause()
            form = app.screen
            assert isinstance(form, SuggestionForm)
            assert form.query_one("#title", Input).value == "Coffee"
            assert form.query_one("#minutes", Input).value == "60"
            assert form.query_one("#people", Input).value == "Ann Lee"
            before = snapshot_db(home)
            form.query_one("#kind", Input).value = "meetnig"
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.screen is form
            error = str(form.query_one("#form-error", Static).render())
            assert error.startswith("kind: unknown kind 'meetnig'; did you mean meeting?")
            assert form.query_one("#kind", Input).has_class("-invalid")
            assert snapshot_db(home) == before
            form.query_one("#kind", Input).value = "meeting"
            form.query_one("#title", Input).value = "Coffee and plans"
            form.query_one("#minutes", Input).value = "90"
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert not isinstance(app.screen, SuggestionForm)
            table = app.query_one("#inbox-table", DataTable)
            assert [str(c) for c in table.get_row_at(0)][1:] == [
                "Coffee and plans", "Ann Lee", "friends", "gave", "3"]
            await pilot.press("enter")
            await pilot.pause()
            assert table.row_count == 1

    asyncio.run(main())
    store = Store(home, create=False)
    [recorded] = list(store.interactions())
    assert (recorded.direction, recorded.kind, recorded.value.fun, recorded.value.minutes,
            recorded.note) == ("gave", "meeting", 3, 90, "Coffee and plans")
