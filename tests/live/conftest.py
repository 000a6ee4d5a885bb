"""Fixtures of the live-source tests: a fixed clock and a database with one network."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import Result

from kith.core import clock

NOW = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)
"""The day every live-source story happens on (events before it have happened)."""


@pytest.fixture
def frozen(monkeypatch: pytest.MonkeyPatch) -> datetime:
    monkeypatch.setattr(clock, "now", lambda: NOW)
    return NOW


@pytest.fixture
def friends(run: Callable[..., Result], frozen: datetime) -> Callable[..., Result]:
    """A database with the network Friends (and the clock at ``NOW``)."""
    assert run("network", "add", "Friends", "--kind", "friends").exit_code == 0
    return run


def written(home: Path) -> dict[str, int]:
    """Every database file's modification time: unchanged means nothing was written."""
    return {str(p.relative_to(home)): p.stat().st_mtime_ns for p in sorted(home.rglob("*"))
            if p.is_file() and "backups" not in p.relative_to(home).parts}
