"""Parity for the introduction use cases (issue 28): ``kith intro make`` and ``kith intro
outcome`` on database A, the TUI's Intros tab (driven with Pilot) on database B, a copy
of A: the same input leaves the same database, and bad input the same refusal.

The helpers are local to this file (other parity tests bring their own).
"""

from __future__ import annotations

import asyncio
import json
import re
import shutil
from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result
from textual.widgets import DataTable, Static

from kith.cli.main import build_cli
from kith.persistence.store import Store
from kith.services.context import KithApp
from kith.tui import make_app
from kith.tui.app import KithTUI
from kith.tui.introductions import IntroduceForm, OutcomeForm
from tests.conftest import snapshot_db

TODAY = date(2026, 6, 15)
STAMPS = frozenset({"_base", "_fields", "modified"})
"""When each record was written (for sync): differs between any two runs."""
ULID = re.compile(r"\b[0-9a-hjkmnp-tv-z]{26}\b")


def cli(home: Path, *args: str) -> Result:
    home.mkdir(parents=True, exist_ok=True)  # $KITH_HOME must name a folder that exists
    return CliRunner().invoke(build_cli(), list(args),
                              env={"KITH_HOME": str(home),
                                   "KITH_CONFIG": str(home.parent / "none.toml")})


def normalised(home: Path, known: set[str]) -> dict[str, Any]:
    """The database with every id that is new since ``known`` renamed by order of first
    appearance: two faces create the same records under different fresh ids."""
    names: dict[str, str] = {}

    def rename(match: re.Match[str]) -> str:
        ident = match.group()
        if ident in known:
            return ident
        return names.setdefault(ident, f"NEW{len(names)}")

    def unstamped(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: unstamped(v) for k, v in value.items() if k not in STAMPS}
        if isinstance(value, list):
            return [unstamped(v) for v in value]
        return value

    out = {}
    for name, data in snapshot_db(home).items():
        text = ULID.sub(rename, data.decode())
        out[ULID.sub(rename, name)] = unstamped(json.loads(text))
    return out


def ids_in(home: Path) -> set[str]:
    return {m for data in snapshot_db(home).values() for m in ULID.findall(data.decode())}


def drive(home: Path, steps: Callable[[KithTUI, Any], Awaitable[None]]) -> None:
    app = make_app(KithApp(home), today=TODAY, blink=False)

    async def main() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await steps(app, pilot)

    asyncio.run(main())


async def settle(pilot: Any) -> None:
    await pilot.pause()
    await pilot.pause()


def fill(screen: Any, **fields: str) -> None:
    for name, value in fields.items():
        widget = screen.query_one(f"#{name}")
        widget.value = value


def two_databases(tmp_path: Path) -> tuple[Path, Path]:
    """Ana (church) needs a flat, Ben (PyData) offers one: database A, and B a copy."""
    a = tmp_path / "a" / "db"
    a.parent.mkdir()
    for args in (("network", "add", "Church", "--kind", "church", "--joined", "2020-01-01"),
                 ("network", "add", "PyData", "--kind", "association", "--joined",
                  "2020-01-01"),
                 ("person", "add", "Ana", "--network", "Church"),
                 ("person", "add", "Ben", "--network", "PyData"),
                 ("hear", "Ana", "--need", "looking for a flat to rent near the station",
                  "--on", "2026-02-20"),
                 ("hear", "Ben", "--offer", "my flat near the station is free from March",
                  "--on", "2026-02-21")):
        assert cli(a, *args).exit_code == 0
    b = tmp_path / "b" / "db"
    shutil.copytree(a, b)
    return a, b


async def _introduce(app: KithTUI, pilot: Any, note: str, on: str) -> None:
    await pilot.press("o")
    await settle(pilot)
    table = app.query_one("#suggestions", DataTable)
    assert [str(c) for c in table.get_row_at(0)][1:3] == ["Ana", "Ben"]
    evidence = str(app.query_one("#suggestion-evidence", Static).render())
    assert "Ana needs: “looking for a flat to rent near the station”" in evidence
    table.focus()
    await pilot.press("I")
    await settle(pilot)
    assert isinstance(app.screen, IntroduceForm)
    fill(app.screen, note=note, on=on)
    await pilot.press("ctrl+s")
    await settle(pilot)


def test_introducing_and_recording_the_outcome_leave_the_same_database(
        tmp_path: Path) -> None:
    a, b = two_databases(tmp_path)
    known = ids_in(a)
    made = cli(a, "intro", "make", "Ana", "Ben", "--note", "over coffee", "--on",
               "2026-03-02", "--json")
    assert made.exit_code == 0, made.stderr
    intro = json.loads(made.stdout)["id"]
    done = cli(a, "intro", "outcome", intro, "--led-to", "Ben's sister hired me",
               "--for-me", "--money", "300", "--from", "Ben", "--on", "2026-04-10")
    assert done.exit_code == 0, done.stderr

    async def steps(app: KithTUI, pilot: Any) -> None:
        await _introduce(app, pilot, "over coffee", "2026-03-02")
        made_table = app.query_one("#introductions-made", DataTable)
        assert [str(c) for c in made_table.get_row_at(0)][:3] == [
            "2026-03-02", "Ana and Ben", "church"]
        made_table.focus()
        await pilot.press("u")
        await settle(pilot)
        assert isinstance(app.screen, OutcomeForm)
        fill(app.screen, led_to="Ben's sister hired me", for_me="yes", money="300",
             sources="Ben", on="2026-04-10")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, OutcomeForm)

    drive(b, steps)
    assert normalised(a, known) == normalised(b, known)
    received = [i for i in Store(b).interactions() if i.kind == "referral"]
    assert [(i.network, i.when.date().isoformat()) for i in received] == [
        ("pydata", "2026-04-10")]


def test_the_same_refusal_on_both_faces(tmp_path: Path) -> None:
    """An outcome dated before the introduction is refused, with the same words, and
    neither database changes."""
    a, b = two_databases(tmp_path)
    made = cli(a, "intro", "make", "Ana", "Ben", "--on", "2026-03-02", "--json")
    intro_a = json.loads(made.stdout)["id"]
    before_a = snapshot_db(a)
    refused = cli(a, "intro", "outcome", intro_a, "--led-to", "a flat", "--on", "2026-02-01")
    assert refused.exit_code == 2 and "Traceback" not in refused.stderr
    cli_message = refused.stderr.strip().removeprefix("kith: error: ")
    assert snapshot_db(a) == before_a
    seen: dict[str, str] = {}

    async def steps(app: KithTUI, pilot: Any) -> None:
        await _introduce(app, pilot, "", "2026-03-02")
        app.query_one("#introductions-made", DataTable).focus()
        await pilot.press("u")
        await settle(pilot)
        before = snapshot_db(b)
        fill(app.screen, led_to="a flat", on="2026-02-01")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, OutcomeForm), "the form stays open"
        seen["error"] = str(app.screen.query_one("#form-error", Static).render())
        assert snapshot_db(b) == before

    drive(b, steps)
    assert cli_message == "an outcome cannot come before the introduction (2026-03-02): " \
        "check --on"
    assert seen["error"] == cli_message
