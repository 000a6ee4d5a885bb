"""Windows, membership and rhythm: which stretch of a network's life a verdict is about.

A window is a span of whole months. Within it, what a verdict may rest on depends on the
membership (joined, left) and on the network's rhythm: a network you left is judged up to
the day you left; an account with no records for a long stretch is dormant, not short of
records; a seasonal network (a conference that runs three months a year) is judged over
the months it is active once its records cover a year.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from kith.core.errors import ValidationError
from kith.core.limits import MAX_WINDOW_MONTHS, check_year
from kith.core.parsing import parse_date

MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
               "Dec")


@dataclass(frozen=True)
class Window:
    """A span of whole months; ``start`` None means since the network began."""

    label: str
    start: date | None
    end: date

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "start": self.start.isoformat() if self.start else None,
                "end": self.end.isoformat()}


def month_of(day: date) -> str:
    """``YYYY-MM`` of a day, the key of the month aggregates."""
    return f"{day.year:04d}-{day.month:02d}"


def month_name(month: str) -> str:
    """``2026-08`` as ``Aug 2026``."""
    return f"{MONTH_NAMES[int(month[5:7]) - 1]} {month[:4]}"


def month_index(month: str) -> int:
    """Months since year 0, so spans between ``YYYY-MM`` keys are subtractions."""
    return int(month[:4]) * 12 + int(month[5:7]) - 1


def month_span(start: str, end: str) -> int:
    """Months from ``start`` to ``end`` inclusive (at least 1)."""
    return max(1, month_index(end) - month_index(start) + 1)


def whole_months(start: date, end: date) -> int:
    """Whole months from ``start`` to ``end`` (0 when ``end`` is before ``start``)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day:
        months -= 1
    return max(0, months)


def months_back(day: date, months: int) -> date:
    """The first day of the month ``months - 1`` months before ``day``'s month."""
    index = day.year * 12 + day.month - 1 - (months - 1)
    return date(index // 12, index % 12 + 1, 1)


def every_month(start: str, end: str) -> list[str]:
    """Every ``YYYY-MM`` from ``start`` to ``end`` (at most 100 years)."""
    first, last = month_index(start), min(month_index(end), month_index(start) + 1199)
    return [f"{i // 12:04d}-{i % 12 + 1:02d}" for i in range(first, last + 1)]


def default_windows(today: date) -> list[Window]:
    """The last 12 months (this month included) and all time."""
    return [Window("last 12 months", months_back(today, 12), today),
            Window("all time", None, today)]


def parse_window(*, since: str | None = None, until: str | None = None,
                 window: str | None = None, today: date | None = None) -> Window:
    """``--window 12m|24m|all|YYYY`` or ``--since/--until`` dates (whole months)."""
    today = today or date.today()
    if window and (since or until):
        raise ValidationError("give either --window or --since/--until, not both")
    if window:
        text = window.strip().lower()
        if text in ("all", "all-time", "all time"):
            return Window("all time", None, today)
        if text.endswith("m") and text[:-1].isdigit() and int(text[:-1]) > 0:
            months = int(text[:-1])
            if months > MAX_WINDOW_MONTHS:
                raise ValidationError(f"--window covers at most {MAX_WINDOW_MONTHS}m "
                                      f"({MAX_WINDOW_MONTHS // 12} years)")
            return Window(f"last {months} months", months_back(today, months), today)
        if text.isdigit() and len(text) == 4:
            year = int(text)
            check_year(date(max(year, 1), 1, 1), "--window")
            return Window(text, date(year, 1, 1), min(date(year, 12, 31), today))
        raise ValidationError(f"--window must be like 12m, 24m, all or 2024, not {window!r}")
    end = parse_date(until, "--until") if until else today
    start = parse_date(since, "--since") if since else None
    if start and start > end:
        raise ValidationError(f"--since ({since}) is after --until ({until or end})")
    label = f"{start.isoformat() if start else 'beginning'} to {end.isoformat()}"
    return Window(label, start, end)


def during(label: str) -> str:
    """A window's label after a verb: ``in the last 12 months``, ``over all time``."""
    if label.startswith("last "):
        return f"in the {label}"
    if label == "all time":
        return "over all time"
    return f"in {label}" if label[:1].isdigit() and " to " not in label else f"from {label}"


@dataclass
class Rhythm:
    """How a network lives, as far as one window can tell.

    ``active_months`` are the months of the window with records; ``first_ever`` and
    ``last_ever`` the first and last months on record up to the window's end (before the
    window too); ``left_on`` the day the user left, when that is inside the window."""

    active_months: int = 0
    first_ever: str | None = None
    last_ever: str | None = None
    left_on: date | None = None
    quiet_months: int = 0
    """Whole months from the last record to the window's end (or leaving)."""

    def dormant(self, limit: int) -> bool:
        """No record for ``limit`` months or more, though there were records before."""
        return self.last_ever is not None and self.quiet_months >= limit

    def covers_a_year(self, end_month: str) -> bool:
        """Records reach back a year or more: the months it is active are its rhythm, not
        a sign that too little was recorded."""
        return self.first_ever is not None and month_span(self.first_ever, end_month) > 12


def rhythm_of(months: list[str], end_month: str, active: int,
              left_on: date | None) -> Rhythm:
    """The rhythm of a network from its sorted months on record up to ``end_month``."""
    upto = [m for m in months if m <= end_month] if months and months[-1] > end_month \
        else months
    rhythm = Rhythm(active_months=active, left_on=left_on)
    if upto:
        rhythm.first_ever, rhythm.last_ever = upto[0], upto[-1]
        rhythm.quiet_months = month_index(end_month) - month_index(upto[-1])
    return rhythm
