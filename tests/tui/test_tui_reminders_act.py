"""The TUI's Reminders tab shows who came to you, who is drifting (``s`` silences) and whom
to thank, each with why and the command that acts; the Intros tab shows the evidence of
the highlighted suggestion in words (issue 28). Driven with Pilot on a database on disk.
"""

from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from textual.widgets import DataTable, Static

from kith.cli.main import build_cli
from kith.persistence.store import Store
from kith.services.context import KithApp
from kith.tui import make_app


def _cli(home: Path, *args: str) -> None:
    home.mkdir(parents=True, exist_ok=True)  # $KITH_HOME must name a folder that exists
    result = CliRunner().invoke(build_cli(), list(args), env={
        "KITH_HOME": str(home), "KITH_CONFIG": str(home.parent / "none.toml")})
    assert result.exit_code == 0, result.stderr


def _story(home: Path) -> None:
    _cli(home, "network", "add", "Church", "--kind", "church", "--joined", "2020-01-01")
    for name in ("Sam", "Lea", "Ana", "Bo", "Cy"):
        _cli(home, "person", "add", name, "--network", "Church")
    for day in ("2026-01-05", "2026-01-12", "2026-01-19", "2026-01-26", "2026-02-02",
                "2026-02-09"):
        _cli(home, "log", "Church", "--with", "Sam", "--shared", "--kind", "conversation",
             "--on", day)
    _cli(home, "log", "Church", "--with", "Ana", "--gave", "--kind", "talk", "--note",
         "Money and meaning", "--on", "2026-04-26")
    _cli(home, "log", "Church", "--with", "Lea", "--shared", "--kind", "conversation",
         "--invited", "--on", "2026-04-27")
    _cli(home, "hear", "Bo", "--need", "our kitchen tap keeps dripping", "--on", "2026-04-01")
    _cli(home, "hear", "Cy", "--offer", "retired plumber, happy to help", "--on",
         "2026-04-02")


def _drive(home: Path, steps: Any) -> None:
    app = make_app(KithApp(home), today=date(2026, 5, 1), blink=False)

    async def main() -> None:
        async with app.run_test(size=(120, 50)) as pilot:
            await pilot.pause()
            await steps(app, pilot)

    asyncio.run(main())


def test_reminders_tab_says_who_came_to_you_who_drifts_and_silences(tmp_path: Path) -> None:
    home = tmp_path / "db"
    _story(home)

    async def steps(app: Any, pilot: Any) -> None:
        await pilot.press("r")
        await pilot.pause()
        came = str(app.query_one("#came-to-you", Static).render())
        assert "Lea: came to you in Church on 2026-04-27, after your talk on 2026-04-26 " \
               "(Money and meaning); nothing since" in came
        assert "kith follow-up add Lea" in came
        drifting = app.query_one("#drifting", DataTable)
        row = [str(c) for c in drifting.get_row_at(0)]
        assert row[:3] == ["Sam", "7 days", "81 days"]
        # at 120 columns the command that acts is under the table, not in a cut column
        assert len(row) == 4
        assert "--silence Sam" in str(app.query_one("#drifting-act", Static).render())
        assert "drifting: at least 5 contacts" in str(
            app.query_one("#drifting-rule", Static).render())
        drifting.focus()
        await pilot.press("s")
        await pilot.pause()
        await pilot.pause()
        assert app.query_one("#drifting", DataTable).row_count == 0

    _drive(home, steps)
    sam = next(p for p in Store(home).people() if p.name == "Sam")
    assert sam.extra["remind_silenced"] == "2026-05-01"


def test_intros_tab_shows_the_evidence_in_words(tmp_path: Path) -> None:
    home = tmp_path / "db"
    _story(home)

    async def steps(app: Any, pilot: Any) -> None:
        await pilot.press("o")
        await pilot.pause()
        row = [str(c) for c in app.query_one("#suggestions", DataTable).get_row_at(0)]
        assert row[1:4] == ["Bo", "Cy", "tap, dripping → plumber (plumbing)"]
        evidence = str(app.query_one("#suggestion-evidence", Static).render())
        assert "Bo needs: “our kitchen tap keeps dripping”" in evidence
        assert "Cy offers: “retired plumber, happy to help”" in evidence

    _drive(home, steps)
