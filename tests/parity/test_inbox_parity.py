"""Accepting and dismissing a suggestion: the CLI (``kith inbox``) and the TUI's Inbox tab
leave the same database, and an edit before accepting is refused the same way on both
(issue 29). Both twins pull the same vdir calendar first."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import TabbedContent

from kith.core import clock
from kith.tui.inbox import SuggestionForm
from tests.live.conftest import NOW
from tests.live.servers import event
from tests.parity.conftest import (
    Twins,
    assert_same_databases,
    cli_refusal,
    cli_run,
    same_refusal,
    tui_drive,
    tui_form,
)


@pytest.fixture
def pulled(twins: Twins, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Twins:
    monkeypatch.setattr(clock, "now", lambda: NOW)
    monkeypatch.setenv("KITH_CONFIG", str(tmp_path / "config.toml"))
    calendar = tmp_path / "calendar"
    calendar.mkdir()
    (calendar / "a.ics").write_text(event("a", "20260601T090000Z", "Design review",
                                          ("ana@okafor.studio",), minutes=50))
    (calendar / "b.ics").write_text(event("b", "20260602T090000Z", "Lunch with Ben Carter"))
    assert cli_run(twins.cli_home, "source", "add", "cal", "--kind", "vdir-calendar",
                   "--path", calendar, "--network", "design-guild").exit_code == 0
    for home in (twins.cli_home, twins.tui_home):
        assert "2 suggestions" in cli_run(home, "pull").stdout
    return twins


def test_accept_and_dismiss_leave_the_same_database(pulled: Twins) -> None:
    import json

    first, second = json.loads(cli_run(pulled.cli_home, "inbox", "--json").stdout)
    assert cli_run(pulled.cli_home, "inbox", "accept", first["id"], "--direction", "gave",
                   "--fun", "3").exit_code == 0
    assert cli_run(pulled.cli_home, "inbox", "dismiss", second["id"]).exit_code == 0

    async def steps(app: Any, pilot: Any) -> None:
        app.query_one("#tabs", TabbedContent).active = "inbox"
        await pilot.pause()
        await pilot.press("g", "3", "enter")
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()

    tui_drive(pulled.tui_home, steps)
    assert_same_databases(pulled)


# editing a suggestion before accepting it ------------------------------------------------

def _first(home: Path) -> dict[str, Any]:
    import json

    found: list[dict[str, Any]] = json.loads(cli_run(home, "inbox", "--json").stdout)
    return found[0]


async def open_edit(app: Any, pilot: Any) -> None:
    """The Inbox tab, the first suggestion highlighted, ``E``: its edit form."""
    app.query_one("#tabs", TabbedContent).active = "inbox"
    await pilot.pause()
    await pilot.press("E")
    await pilot.pause()
    await pilot.pause()


EDIT = {"title": "Design review, round two", "kind": "meeting", "minutes": "30",
        "on": "2026-06-01 10:30", "direction": "gave"}


def test_an_edit_then_accept_leaves_the_same_database(pulled: Twins) -> None:
    first = _first(pulled.cli_home)
    assert first["title"] == "Design review"
    assert cli_run(pulled.cli_home, "inbox", "edit", first["id"], "--title", EDIT["title"],
                   "--kind", "meeting", "--minutes", "30", "--on", EDIT["on"],
                   "--direction", "gave").exit_code == 0
    assert cli_run(pulled.cli_home, "inbox", "accept", first["id"], "--fun",
                   "2").exit_code == 0

    assert tui_form(pulled.tui_home, open_edit, SuggestionForm, EDIT) is None

    async def accept(app: Any, pilot: Any) -> None:
        app.query_one("#tabs", TabbedContent).active = "inbox"
        await pilot.pause()
        await pilot.press("2", "enter")
        await pilot.pause()

    tui_drive(pulled.tui_home, accept)
    assert_same_databases(pulled)
    edited = _first_accepted(pulled.tui_home)
    assert (edited["title"], edited["kind"], edited["minutes"], edited["direction"]) == \
        (EDIT["title"], "meeting", 30, "gave")
    assert sorted(edited["meta"]["edited"]) == ["direction", "kind", "minutes", "title",
                                                "when"]


def _first_accepted(home: Path) -> dict[str, Any]:
    import json

    found = json.loads(cli_run(home, "inbox", "list", "--all", "--json").stdout)
    return next(s for s in found if s["state"] == "accepted")


@pytest.mark.parametrize(("field", "cli_option", "typed"), [
    ("kind", "--kind", "meetnig"),  # a misspelt kind: refused with the nearest ones
    ("on", "--on", "2026-02-30 10:00"),  # no such day
    ("on", "--on", "someday"),
    ("title", "--title", "   "),
    ("network", "--network", "no-such-network"),
])
def test_an_edit_is_refused_the_same_way(pulled: Twins, field: str, cli_option: str,
                                         typed: str) -> None:
    first = _first(pulled.cli_home)
    cli = cli_refusal(pulled.cli_home, "inbox", "edit", first["id"], cli_option, typed)
    tui = tui_form(pulled.tui_home, open_edit, SuggestionForm, {field: typed})
    assert same_refusal(cli, tui), (cli, tui)
    assert_same_databases(pulled, wrote=False)
