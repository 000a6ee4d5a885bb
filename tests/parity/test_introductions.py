"""Parity for the introduction use cases (issue 28): ``kith intro make`` and ``kith intro
outcome`` on database A, the TUI's Intros tab (driven with Pilot) on database B, a copy
of A: the same input leaves the same database, and bad input the same refusal.

Built on the one parity harness (``tests/parity/conftest.py``) on a database of its own.
"""

from __future__ import annotations

import importlib.util
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable, Static

from kith.domain.serendipity import meaning
from kith.persistence.store import Store
from kith.tui.app import KithTUI
from kith.tui.introductions import IntroduceForm, OutcomeForm
from tests.conftest import snapshot_db
from tests.parity.conftest import (
    Twins,
    assert_same_databases,
    cli_ok,
    cli_refusal,
    same_refusal,
    settle,
    tui_drive,
    twins_of,
)
from tests.tui.test_tui import fill

TODAY = date(2026, 6, 15)
MEANING = importlib.util.find_spec("numpy") is not None and meaning.model_dir() is not None
pytestmark = pytest.mark.usefixtures("first_party_plugins_only")  # and no config of the user's


def two_databases(tmp_path: Path) -> Twins:
    """Ana (church) needs a flat, Ben (PyData) offers one: database A, and B a copy."""
    a = tmp_path / "a" / "db"
    a.mkdir(parents=True)
    for args in (("network", "add", "Church", "--kind", "church", "--joined", "2020-01-01"),
                 ("network", "add", "PyData", "--kind", "association", "--joined",
                  "2020-01-01"),
                 ("person", "add", "Ana", "--network", "Church"),
                 ("person", "add", "Ben", "--network", "PyData"),
                 ("hear", "Ana", "--need", "looking for a flat to rent near the station",
                  "--on", "2026-02-20"),
                 ("hear", "Ben", "--offer", "my flat near the station is free from March",
                  "--on", "2026-02-21")):
        cli_ok(a, *args)
    return twins_of(a, tmp_path / "b" / "db")


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
    twins = two_databases(tmp_path)
    made = cli_ok(twins.cli_home, "intro", "make", "Ana", "Ben", "--note", "over coffee",
                  "--on", "2026-03-02", "--json")
    intro = json.loads(made.stdout)["id"]
    cli_ok(twins.cli_home, "intro", "outcome", intro, "--led-to", "Ben's sister hired me",
           "--for-me", "--money", "300", "--from", "Ben", "--on", "2026-04-10")

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

    tui_drive(twins.tui_home, steps, size=(120, 40), today=TODAY)
    assert_same_databases(twins)
    received = [i for i in Store(twins.tui_home).interactions() if i.kind == "referral"]
    assert [(i.network, i.when.date().isoformat()) for i in received] == [
        ("pydata", "2026-04-10")]


def test_the_same_refusal_on_both_faces(tmp_path: Path) -> None:
    """An outcome dated before the introduction is refused, with the same words, and
    neither database changes."""
    twins = two_databases(tmp_path)
    made = cli_ok(twins.cli_home, "intro", "make", "Ana", "Ben", "--on", "2026-03-02",
                  "--json")
    cli_message = cli_refusal(twins.cli_home, "intro", "outcome", json.loads(made.stdout)["id"],
                              "--led-to", "a flat", "--on", "2026-02-01")
    seen: dict[str, str] = {}

    async def steps(app: KithTUI, pilot: Any) -> None:
        await _introduce(app, pilot, "", "2026-03-02")
        app.query_one("#introductions-made", DataTable).focus()
        await pilot.press("u")
        await settle(pilot)
        before = snapshot_db(twins.tui_home)
        fill(app.screen, led_to="a flat", on="2026-02-01")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, OutcomeForm), "the form stays open"
        seen["error"] = str(app.screen.query_one("#form-error", Static).render())
        assert snapshot_db(twins.tui_home) == before

    tui_drive(twins.tui_home, steps, size=(120, 40), today=TODAY)
    assert cli_message == "an outcome cannot come before the introduction (2026-03-02): " \
        "check --on"
    assert same_refusal(cli_message, seen["error"])


@pytest.mark.meaning
@pytest.mark.skipif(not MEANING, reason="the meaning extra (numpy, the model) is not installed")
def test_both_faces_say_how_many_texts_wait_for_the_meaning_layer(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With no time to read texts for meaning, ``kith intro suggest`` notes on stderr how
    many wait and the Intros tab shows the same words above its table; each evidence
    line stays one line, cut to the pane."""
    twins = two_databases(tmp_path)
    monkeypatch.setenv("KITH_MEANING_BUDGET", "0")
    said = cli_ok(twins.cli_home, "intro", "suggest").stderr
    assert "kith: note: 2 needs and offers not read for meaning yet" in said
    seen: dict[str, Any] = {}

    async def steps(app: KithTUI, pilot: Any) -> None:
        await pilot.press("o")
        await settle(pilot)
        note = app.query_one("#meaning-waiting", Static)
        seen["note"], seen["shown"] = str(note.render()), note.display
        seen["evidence"] = str(app.query_one("#suggestion-evidence", Static).render())

    tui_drive(twins.tui_home, steps, size=(60, 40), today=TODAY)
    assert seen["shown"] and seen["note"].startswith("Note: ")
    assert seen["note"].removeprefix("Note: ").split()[:3] == \
        said.removeprefix("kith: note: ").split()[:3]
    assert all(len(line) <= 60 for line in seen["evidence"].splitlines())
    assert any(line.endswith("…") for line in seen["evidence"].splitlines())
