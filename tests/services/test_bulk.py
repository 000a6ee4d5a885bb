"""The cycle collector is paused only for a bulk read (every reading command is one) and
always comes back."""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from kith.cli.commands import log as log_command
from kith.domain import ledger
from kith.services import bulk
from kith.services.bulk import no_cycle_collection


def test_the_collector_is_paused_during_and_restored_after_even_on_error() -> None:
    assert gc.isenabled()
    with no_cycle_collection():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), no_cycle_collection():
        raise ValueError("a bad read")
    assert gc.isenabled()


def test_a_caller_that_paused_it_keeps_it_paused() -> None:
    gc.disable()
    try:
        with no_cycle_collection():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_one_command_process_freezes_what_a_reading_command_made(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """What a reader loaded lives until the process exits: frozen, no later collection
    (nor the sweep at exit) walks it again; the collector itself comes back."""
    monkeypatch.setattr(bulk, "_one_command", True)
    before = gc.get_freeze_count()
    try:
        with bulk.reading_command():
            loaded = [{"row": [n, n + 1]} for n in range(1000)]
        assert gc.isenabled()
        assert gc.get_freeze_count() >= before + 2 * len(loaded)
    finally:
        gc.unfreeze()


def test_outside_a_one_command_process_nothing_is_frozen(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The tests' runner (many commands in one process) never freezes: garbage of one
    command must stay collectable for the next; nor does a bulk read in a process that
    goes on (the TUI's reminders), even when the process was started by the console
    script."""
    assert not bulk._one_command
    before = gc.get_freeze_count()
    with bulk.reading_command():
        loaded = [{"row": [n]} for n in range(1000)]
    monkeypatch.setattr(bulk, "_one_command", True)
    with no_cycle_collection():
        loaded += [{"row": [n]} for n in range(1000)]
    assert loaded and gc.get_freeze_count() == before


def test_reading_commands_read_without_the_collector_and_writers_with_it(
        demo_home: Path, ok: Callable[..., Result], monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, bool] = {}
    real_assess = ledger.assess

    def assess(*args: Any, **kwargs: Any) -> Any:
        seen["assess"] = gc.isenabled()
        return real_assess(*args, **kwargs)

    monkeypatch.setattr(ledger, "assess", assess)
    ok("assess", "--json")
    assert seen == {"assess": False}
    assert gc.isenabled()
    real_log = log_command.log_interaction

    def log(*args: Any, **kwargs: Any) -> Any:
        seen["log"] = gc.isenabled()
        return real_log(*args, **kwargs)

    monkeypatch.setattr(log_command, "log_interaction", log)
    ok("log", "st-marys", "--with", "Lena", "--shared", "--kind", "meal")
    assert seen == {"assess": False, "log": True}
    assert gc.isenabled()
