"""The one place kith reads the clock and the local time zone.

The machine's clock and zone are input like any other, and not always sane: ``TZ=XXX-99``
gives an offset of 99 hours, which Python's ``datetime.astimezone()`` refuses with a
ValueError, so every command that stamped "now" used to crash. Here a zone whose offset
is outside what a time zone can be (strictly within ±24 h) counts as UTC, the same answer
on every call, so dates stay consistent within a run. A sane zone is used exactly as
``astimezone()`` uses it (daylight saving time included).
"""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timezone

_skew_ns = [0]
"""An offset added to the wall clock that stamps read (``wall_ns``): zero, except in
tests that play a device whose clock is behind or ahead (``set_skew``)."""


def wall_ns() -> int:
    """The wall clock in nanoseconds since the epoch, as edit stamps read it
    (``kith.persistence.stamps.now``)."""
    return time.time_ns() + _skew_ns[0]


def set_skew(seconds: float) -> None:
    """Make ``wall_ns`` run ``seconds`` ahead (negative: behind) of the machine's clock:
    the injected clock of the clock-skew tests."""
    _skew_ns[0] = int(seconds * 1_000_000_000)


def to_local(moment: datetime) -> datetime:
    """``moment`` in the local zone, as ``moment.astimezone()`` gives it, or in UTC where
    the local zone is impossible. A naive moment is taken to be local time already."""
    try:
        return moment.astimezone()
    except (ValueError, OverflowError):  # e.g. TZ=XXX-99: an offset of 99 hours
        return moment.replace(tzinfo=UTC) if moment.tzinfo is None \
            else moment.astimezone(UTC)


def now() -> datetime:
    """The current moment, aware, in the local zone (see ``to_local``)."""
    return to_local(datetime.now(UTC))


def today() -> date:
    """Today's date in the local zone."""
    return now().date()


def local_tz() -> timezone:
    """The local zone's current UTC offset, as a fixed zone (UTC where it is impossible)."""
    offset = now().utcoffset()
    return timezone(offset) if offset is not None else UTC
