"""Backups kept by sequence, not by the clock (issue 31): a clock three years ahead or
behind, or a move from Tokyo to Los Angeles, never makes the rotation delete the newest
backups, an explicit ``kith backup`` survives, and the jump is reported once."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import orjson
import pytest

from kith.core import clock
from kith.core.model import Network
from kith.persistence.snapshots import MAX_BACKUPS, sequence_of
from kith.persistence.store import Store
from kith.reliability.backups import backups, make_backup
from tests.synchelp import kith

NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)


class Clock:
    """The injected clock: ``kith.core.clock.now`` at a moment the test sets."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch):
        self.moment = NOW
        monkeypatch.setattr(clock, "now", lambda: clock.to_local(self.moment))

    def set(self, moment: datetime) -> None:
        self.moment = moment

    def tick(self) -> None:
        self.moment += timedelta(seconds=1)


@pytest.fixture
def fake_clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    return Clock(monkeypatch)


@pytest.fixture
def store(kith_home: Path) -> Store:
    store = Store(kith_home)
    store.add_network(Network.create("Club"))
    return store


@pytest.fixture
def zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    def set_zone(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    yield set_zone
    monkeypatch.undo()
    time.tzset()


def _backup(store: Store, fake_clock: Clock, reason: str = "manual") -> Path:
    fake_clock.tick()
    return make_backup(store, reason)


@pytest.mark.parametrize("jump", [timedelta(days=3 * 365), -timedelta(days=3 * 365)])
def test_a_clock_jump_either_way_deletes_none_of_the_newest_backups(
        store: Store, fake_clock: Clock, jump: timedelta) -> None:
    before = [_backup(store, fake_clock) for _ in range(MAX_BACKUPS - 2)]
    fake_clock.set(NOW + jump)  # three years ahead, or behind
    during = [_backup(store, fake_clock) for _ in range(3)]
    fake_clock.set(NOW + timedelta(hours=1))  # the clock set right again
    result = kith(store.home, "backup")
    explicit = Path(result.stdout.strip().removeprefix("Backed up to "))
    kept = backups(store.home)
    assert kept[0] == explicit  # the newest, whatever its name says
    assert len(kept) == MAX_BACKUPS
    assert set(kept) == {*before[2:], *during, explicit}  # only the two oldest went
    assert [sequence_of(p) for p in kept] == sorted((sequence_of(p) for p in kept),
                                                    reverse=True)


def test_the_jump_is_reported_once(store: Store, fake_clock: Clock) -> None:
    kith(store.home, "backup")
    fake_clock.set(NOW + timedelta(days=3 * 365))
    ahead = kith(store.home, "backup")
    assert "the clock is 3 years ahead of the previous backup" in ahead.stderr
    assert "none was deleted" in ahead.stderr
    assert "warning" not in kith(store.home, "backup").stderr  # said once
    fake_clock.set(NOW)
    back = kith(store.home, "backup")
    assert "the clock is 3 years behind the previous backup" in back.stderr
    assert "warning" not in kith(store.home, "backup").stderr
    assert len(backups(store.home)) == 5  # nothing was deleted for it


def test_moving_from_tokyo_to_los_angeles_keeps_the_backup_before_an_import(
        store: Store, fake_clock: Clock, zone: object) -> None:
    set_zone = zone
    assert callable(set_zone)
    set_zone("Asia/Tokyo")
    for _ in range(MAX_BACKUPS):
        _backup(store, fake_clock)
    set_zone("America/Los_Angeles")  # names now read 17 hours earlier
    before_import = _backup(store, fake_clock, "import")
    assert before_import.name < min(p.name for p in backups(store.home)
                                    if p != before_import)  # the clock's order is wrong
    kept = backups(store.home)
    assert kept[0] == before_import and len(kept) == MAX_BACKUPS
    # and it stays while newer backups come
    for _ in range(MAX_BACKUPS - 1):
        _backup(store, fake_clock)
    assert before_import in backups(store.home)
    _backup(store, fake_clock)
    assert before_import not in backups(store.home)  # the oldest by sequence, now


def test_backups_made_before_numbering_count_as_older(store: Store,
                                                      fake_clock: Clock) -> None:
    made = [_backup(store, fake_clock) for _ in range(3)]
    for path in made[:2]:  # as an older kith wrote them: no sequence in the manifest
        manifest = path / ".manifest"
        doc = orjson.loads(manifest.read_bytes())
        doc.pop("sequence")
        doc.pop("taken")
        manifest.write_bytes(orjson.dumps(doc))
    fake_clock.set(NOW - timedelta(days=1000))
    newest = _backup(store, fake_clock)
    assert backups(store.home)[:2] == [newest, made[2]]
