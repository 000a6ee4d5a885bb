"""The clock and zone are input too: an impossible zone (``TZ=XXX-99``, 99 hours) counts as
UTC instead of crashing every command that stamps "now" (issue 31)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta

import pytest

from kith.core import clock


@pytest.fixture
def zone(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    def set_zone(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    yield set_zone
    monkeypatch.undo()
    time.tzset()


def test_an_impossible_zone_counts_as_utc(zone) -> None:  # type: ignore[no-untyped-def]
    zone("XXX-99")
    with pytest.raises(ValueError):
        datetime.now().astimezone()  # what kith used to call everywhere
    assert clock.now().utcoffset() == timedelta(0)
    assert clock.local_tz() == UTC
    assert clock.to_local(datetime(2020, 6, 1, 12)).tzinfo == UTC
    assert clock.today() == datetime.now(UTC).date()


def test_a_real_zone_is_used_as_astimezone_uses_it(zone) -> None:  # type: ignore[no-untyped-def]
    zone("Europe/Berlin")
    summer = datetime(2026, 7, 1, 12, tzinfo=UTC)
    winter = datetime(2026, 1, 1, 12, tzinfo=UTC)
    assert clock.to_local(summer).utcoffset() == timedelta(hours=2)  # daylight saving
    assert clock.to_local(winter).utcoffset() == timedelta(hours=1)
    assert clock.now().utcoffset() in (timedelta(hours=1), timedelta(hours=2))


@pytest.mark.parametrize("args", [["person", "add", "Ann"], ["assess"], ["remind"],
                                  ["network", "add", "Church", "--kind", "church"]])
def test_commands_run_in_an_impossible_zone(tmp_path, args: list[str]) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "db").mkdir(exist_ok=True)  # $KITH_HOME must name a folder that exists
    env = {**os.environ, "TZ": "XXX-99", "KITH_HOME": str(tmp_path / "db"),
           "KITH_CONFIG": str(tmp_path / "config.toml")}
    done = subprocess.run([sys.executable, "-m", "kith", *args], env=env,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
