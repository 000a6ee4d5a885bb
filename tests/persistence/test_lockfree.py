"""Readers never wait: they read the last committed state without the writers' lock.

The writer here is another process that really holds the lock or really commits, and the
reader checks what matters to a person: it answers at once, and what it shows is one
committed state (two files written together always agree), never half of a commit.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.synchronize
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from kith.core.model import Interaction, Network, Person
from kith.persistence import journal
from kith.persistence.files import FileSet
from kith.persistence.folder import JOURNAL, commit_count
from kith.persistence.lock import WriterLock
from kith.persistence.lockfree import NeedsWriter, TornRead
from kith.persistence.store import Store

PAIR = ("kith.json", "interactions/2025-01.json")


def write_pair(home: Path, value: int) -> None:
    """One commit of two files that always hold the same number."""
    files = FileSet(home)
    with files.transaction():
        for name in PAIR:
            files.write(name, {"t": {"n": {"value": value}}})


def read_pair(files: FileSet) -> tuple[int, int]:
    return tuple(files.read(name)["t"]["n"]["value"] for name in PAIR)  # type: ignore[return-value]


def _hold(home: str, ready: multiprocessing.synchronize.Event, seconds: float) -> None:
    with WriterLock(Path(home)).held():
        ready.set()
        time.sleep(seconds)


def add_person_met(store: Store, number: int) -> None:
    """One commit: a person and the interaction with them (kith.json, a month, derived)."""
    with store.transaction():
        person = store.add_person(Person(id=f"p{number}", name=f"Person {number}"))
        when = datetime(2025, 1 + number % 12, 3, tzinfo=UTC)
        store.record(Interaction(id=f"i{number}", when=when, network="club",
                                 people=(person.id,), direction="shared"))


def new_store(home: Path) -> Store:
    store = Store(home)
    with store.transaction():
        store.add_network(Network(id="club", name="Club"))
    return store


def _commit_forever(home: str, ready: multiprocessing.synchronize.Event, count: int) -> None:
    store = Store(Path(home))
    for number in range(1, count + 1):
        add_person_met(store, number)
        ready.set()


def test_a_reader_does_not_wait_while_a_writer_holds_the_lock(tmp_path: Path) -> None:
    write_pair(tmp_path, 1)
    context = multiprocessing.get_context("fork")
    ready = context.Event()
    holder = context.Process(target=_hold, args=(str(tmp_path), ready, 30))
    holder.start()
    try:
        assert ready.wait(10)
        files = FileSet(tmp_path)
        started = time.monotonic()
        with files.lock_free():
            assert read_pair(files) == (1, 1)
        assert time.monotonic() - started < 5  # the writer holds the lock for 30 s
    finally:
        holder.kill()
        holder.join()


def test_a_commit_between_two_reads_makes_the_reader_read_again(tmp_path: Path) -> None:
    new_store(tmp_path)
    add_person_met(Store(tmp_path), 1)
    reader, other = Store(tmp_path), Store(tmp_path)
    attempts: list[tuple[int, int]] = []

    def read() -> tuple[int, int]:
        people = len(reader.people()) - 1  # and Me
        if not attempts:  # another process commits between our two reads, once
            add_person_met(other, 2)
        met = sum(1 for _ in reader.interactions())
        attempts.append((people, met))
        return people, met

    assert reader.read_consistently(read) == (2, 2)
    assert attempts == [(1, 2), (2, 2)]  # the torn view was never returned


def test_the_torn_view_is_refused_even_when_it_raised(tmp_path: Path) -> None:
    write_pair(tmp_path, 1)
    files = FileSet(tmp_path)
    with pytest.raises(TornRead), files.lock_free():
        files.read(PAIR[0])
        write_pair(tmp_path, 2)
        raise KeyError("a record naming something not yet visible")


def test_a_reader_that_writes_is_sent_to_the_writers(tmp_path: Path) -> None:
    write_pair(tmp_path, 1)
    files = FileSet(tmp_path)
    with pytest.raises(NeedsWriter), files.lock_free(), files.transaction():
        files.write(PAIR[0], {})
    assert read_pair(FileSet(tmp_path)) == (1, 1)


def test_a_commit_that_crashed_is_finished_by_a_reader_when_the_lock_is_free(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_pair(tmp_path, 1)
    real_replace = journal.os.replace
    renamed: list[Any] = []

    def die_after_one_rename(source: Any, target: Any) -> None:
        if renamed and str(target).endswith(".json"):
            raise SystemExit("killed")  # the process dies between two renames
        real_replace(source, target)
        if str(target).endswith(".json"):
            renamed.append(target)

    with monkeypatch.context() as patch:
        patch.setattr(journal.os, "replace", die_after_one_rename)
        with pytest.raises(SystemExit):
            write_pair(tmp_path, 2)
    assert (tmp_path / JOURNAL).exists()  # half switched: one file new, one old
    files = FileSet(tmp_path)
    with files.lock_free():
        assert read_pair(files) == (2, 2)
    assert not (tmp_path / JOURNAL).exists()


def test_a_switch_under_way_is_not_read(tmp_path: Path) -> None:
    write_pair(tmp_path, 1)
    context = multiprocessing.get_context("fork")
    ready = context.Event()
    holder = context.Process(target=_hold, args=(str(tmp_path), ready, 30))
    holder.start()
    try:
        assert ready.wait(10)
        (tmp_path / JOURNAL).write_bytes(b"[]")  # what a writer mid-switch leaves
        with pytest.raises(TornRead), FileSet(tmp_path).lock_free():
            pass
    finally:
        holder.kill()
        holder.join()


def test_every_multi_file_commit_moves_the_counter(tmp_path: Path) -> None:
    write_pair(tmp_path, 1)
    before = commit_count(tmp_path)
    write_pair(tmp_path, 2)
    assert commit_count(tmp_path) == before + 1


def test_readers_never_see_half_of_a_commit_from_a_busy_writer(tmp_path: Path) -> None:
    """A writer process adds a person and an interaction with them, in one commit, 150
    times as fast as it can; the reader counts both without the lock all the while:
    every answer is one committed state (as many people as interactions)."""
    new_store(tmp_path)
    context = multiprocessing.get_context("fork")
    ready = context.Event()
    writer = context.Process(target=_commit_forever, args=(str(tmp_path), ready, 150))
    writer.start()
    store = Store(tmp_path)
    seen: set[tuple[int, int]] = set()
    try:
        assert ready.wait(20)
        while writer.is_alive():
            seen.add(store.read_consistently(
                lambda: (len(store.people()) - 1, sum(1 for _ in store.interactions()))))
    finally:
        writer.join(120)
    assert all(people == met for people, met in seen), sorted(seen)[:5]
    assert len(seen) > 1  # it really read while the writer committed
