"""Issue 26, item 11: tombstones pruned once every known device has seen them, never
before: a device that has not synced for long must not bring a deleted record back."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest

from kith.persistence.stamps import TOMBSTONES
from kith.sync import pruning
from tests.sync.test_sync import assert_identical_and_healthy, build_pair
from tests.synchelp import kith, records


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # at every sync, whatever a tombstone's age (a day and thirty days otherwise)
    monkeypatch.setattr(pruning, "PRUNE_EVERY", timedelta(0))
    # old at once, even a tombstone stamped this very second (stamps have seconds)
    monkeypatch.setattr(pruning, "PRUNE_AFTER", timedelta(seconds=-60))
    monkeypatch.setenv("KITH_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.delenv("KITH_HOME", raising=False)
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")


def tombstones(home: Path) -> set[str]:
    found: set[str] = set()
    for path in [home / "kith.json", *(home / "interactions").glob("*.json")]:
        found.update(orjson.loads(path.read_bytes()).get(TOMBSTONES, {}))
    return found


def rounds(*devices: Path, times: int = 2) -> None:
    for _ in range(times):
        for device in devices:
            kith(device, "sync")


def test_a_tombstone_every_device_has_seen_is_pruned(tmp_path: Path) -> None:
    pair: dict[str, Any] = build_pair(tmp_path)
    a, b = pair["a"], pair["b"]
    kith(a, "interaction", "delete", pair["x1"], "--yes")
    key = f"interactions/{pair['x1']}"
    kith(a, "sync")
    assert key in tombstones(a)
    rounds(b, a, b, a)
    assert key not in tombstones(a) and key not in tombstones(b)
    assert pair["x1"] not in records(a, "interactions")
    assert pair["x1"] not in records(b, "interactions")
    rounds(b, a)
    assert_identical_and_healthy(a, b)


def test_a_device_away_for_long_holds_the_tombstone_and_resurrects_nothing(
        tmp_path: Path) -> None:
    pair: dict[str, Any] = build_pair(tmp_path)
    a, b, c = pair["a"], pair["b"], tmp_path / "c"
    kith(c, "sync", "init", pair["remote"])  # a third device, then away
    kith(a, "sync")
    kith(b, "sync")
    assert pair["x1"] in records(c, "interactions")
    kith(a, "interaction", "delete", pair["x1"], "--yes")
    key = f"interactions/{pair['x1']}"
    rounds(a, b, times=4)
    assert key in tombstones(a) and key in tombstones(b)  # c has not seen it
    kith(c, "sync")  # back after long: the deletion reaches it
    assert pair["x1"] not in records(c, "interactions")
    rounds(a, b, c, times=3)
    for device in (a, b, c):
        assert pair["x1"] not in records(device, "interactions")
        assert key not in tombstones(device)
    assert_identical_and_healthy(a, b)
    assert_identical_and_healthy(a, c)


def test_a_commit_made_by_hand_keeps_every_tombstone(tmp_path: Path) -> None:
    import subprocess

    pair: dict[str, Any] = build_pair(tmp_path)
    a, b = pair["a"], pair["b"]
    kith(a, "interaction", "delete", pair["x1"], "--yes")
    kith(a, "sync")
    (a / ".gitattributes").write_text((a / ".gitattributes").read_text())
    kith(a, "person", "add", "Dan Hand", "--network", "church")
    subprocess.run(["git", "-C", str(a), "-c", "user.name=me", "-c",
                    "user.email=me@example.org", "-c", "commit.gpgsign=false",
                    "commit", "--quiet", "-am", "by hand"], check=True)
    rounds(a, b, times=3)
    assert f"interactions/{pair['x1']}" in tombstones(a)  # a device kith cannot count
    assert_identical_and_healthy(a, b)


def test_young_tombstones_wait(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pruning, "PRUNE_AFTER", timedelta(days=30))
    pair: dict[str, Any] = build_pair(tmp_path)
    a, b = pair["a"], pair["b"]
    kith(a, "interaction", "delete", pair["x1"], "--yes")
    rounds(a, b, times=3)
    key = f"interactions/{pair['x1']}"
    assert key in tombstones(a) and key in tombstones(b)  # seen by all, but too young
    assert "Already in sync" in kith(a, "sync").stdout  # and nothing churns meanwhile
    monkeypatch.setattr(pruning, "PRUNE_AFTER", timedelta(seconds=-60))  # a month later
    rounds(a, b, times=2)
    assert key not in tombstones(a) and key not in tombstones(b)  # the pending month
