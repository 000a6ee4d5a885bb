"""Accepting and dismissing a suggestion: the CLI (``kith inbox``) and the TUI's Inbox tab
leave the same database (issue 29). Both twins pull the same vdir calendar first."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import TabbedContent

from kith.core import clock
from tests.live.conftest import NOW
from tests.live.servers import event
from tests.parity.conftest import Twins, assert_same_databases, cli_run, tui_drive


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
