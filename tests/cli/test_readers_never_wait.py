"""While a writer holds the lock (a long import, a merge), every reading command answers
at once from the last committed state; only writers queue, and a waiting writer says
whom it waits for (issue 31)."""

from __future__ import annotations

import multiprocessing
import multiprocessing.synchronize
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import Result

from kith.persistence import lock as lock_room
from kith.persistence.lock import WriterLock
from kith.services.scope import READERS


def _hold(home: str, ready: multiprocessing.synchronize.Event, seconds: float) -> None:
    with WriterLock(Path(home)).held():
        ready.set()
        time.sleep(seconds)


@pytest.fixture
def lock_held(demo_home: Path) -> Iterator[None]:
    context = multiprocessing.get_context("fork")
    ready = context.Event()
    holder = context.Process(target=_hold, args=(str(demo_home), ready, 120))
    holder.start()
    try:
        assert ready.wait(10)
        yield
    finally:
        holder.kill()
        holder.join()


READS = [
    ("history", "--network", "st-marys"), ("assess",), ("remind",), ("network", "list"),
    ("network", "show", "st-marys"), ("person", "list"), ("person", "show", "Lena"),
    ("intro", "suggest"), ("intro", "list"), ("note", "list"), ("follow-up", "list"),
    ("opportunities",), ("person", "duplicates"), ("export", "json", "-"),
]


@pytest.mark.parametrize("command", READS, ids=" ".join)
def test_a_reading_command_answers_while_a_writer_holds_the_lock(
        lock_held: None, ok: Callable[..., Result], monkeypatch: pytest.MonkeyPatch,
        command: tuple[str, ...]) -> None:
    monkeypatch.setattr(lock_room, "LOCK_TIMEOUT_SECONDS", 3.0)  # waiting would fail
    started = time.monotonic()
    result = ok(*command)
    assert result.stdout.strip()
    assert "waiting for the database" not in result.stderr
    assert time.monotonic() - started < 3.0


def test_every_listed_reader_is_a_command(ok: Callable[..., Result]) -> None:
    """The list of readers names real commands (or ones other issues add)."""
    planned = {"conflicts", "kinds", "inbox list", "source list"}
    for path in READERS - planned:
        assert ok(*path.split(), "--help").stdout.startswith(f"Usage: cli {path} ")


def test_a_waiting_writer_says_whom_it_waits_for(
        lock_held: None, run: Callable[..., Result], demo_home: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lock_room, "PATIENCE_SECONDS", 0.1)
    monkeypatch.setattr(lock_room, "LOCK_TIMEOUT_SECONDS", 0.6)
    before = sorted(p.name for p in demo_home.rglob("*.json"))
    result = run("person", "add", "Zoë Waits")
    assert result.exit_code == 2, result.stderr
    assert "waiting for the database" in result.stderr
    assert "(pid " in result.stderr and "is busy" in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in demo_home.rglob("*.json")) == before
