"""Dates as people type them: ISO, plus ``today``, ``yesterday``, ``3 days ago``,
``last friday``, ``next monday``, ``in 2 weeks`` and durations like ``2w``.

Why a small parser of our own and not ``dateparser`` or ``parsedatetime``: kith needs a
dozen English phrases, read the same way every time. ``dateparser`` imports for about
half a second (a large locale database and the ``regex`` package) on every command that
takes a date, and guesses: it reads "3/4" by locale and silently turns a typo into some
date. Here a phrase is either understood exactly or refused with the list of what is
understood, and the whole grammar fits on this page and in its tests.

Every function takes ``today`` so the tests (and the TUI) decide what "today" is.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from kith.core import clock
from kith.core.errors import ValidationError
from kith.core.limits import check_year
from kith.core.parsing import local_tz, parse_when

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_UNITS = {"d": 1, "day": 1, "days": 1, "w": 7, "wk": 7, "week": 7, "weeks": 7,
          "m": 30, "month": 30, "months": 30, "y": 365, "year": 365, "years": 365}
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
                 "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_DURATION = re.compile(r"^(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s*"
                       r"(d|days?|w|wks?|weeks?|m|months?|y|years?)$")
MAX_DAYS = 366 * 100

UNDERSTOOD = ("an ISO date (2024-05-31), today, yesterday, tomorrow, 3 days ago, "
              "2 weeks ago, last friday, next monday, friday, in 2 weeks")
UNDERSTOOD_WHEN = (UNDERSTOOD.replace("an ISO date (2024-05-31)",
                                      "an ISO date or date-time (2024-05-31 18:30)")
                   + ", now, or a day and a time (yesterday 19:00, last friday at 8pm)")
"""What a moment (``--on`` of ``kith log``, the log form's When) may be."""
DAY_HELP = "2024-05-31, yesterday, 2 weeks ago, last friday..."
"""The phrases an option that takes a day accepts, for its help (every date option takes
the same phrases: this module is the one parser)."""
_TIME_OF_DAY = re.compile(r"^(?P<day>.*?\S)(?:\s+at)?\s+(?P<hour>\d{1,2})(?::(?P<minute>\d{2}))?"
                          r"\s*(?P<half>am|pm)?$")


def _weekday(name: str) -> int | None:
    name = name.strip().lower()
    for index, day in enumerate(WEEKDAYS):
        if name == day or (len(name) >= 3 and day.startswith(name)):
            return index
    return None


def parse_duration(text: str, what: str = "duration") -> timedelta:
    """``2w``, ``10d``, ``3 months``, ``a week`` as a number of days (a month is 30 days,
    a year 365: follow-ups need "about then", not calendar arithmetic)."""
    cleaned = " ".join(text.strip().lower().split())
    match = _DURATION.match(cleaned)
    if not match:
        raise ValidationError(f"{what} must be a duration like 3d, 2w, 2 weeks or 6 months, "
                              f"not {text!r}")
    count_text, unit = match.groups()
    count = int(count_text) if count_text.isdigit() else _NUMBER_WORDS[count_text]
    days = count * _UNITS[unit]
    if days > MAX_DAYS:
        raise ValidationError(f"{what} is too long: {text!r} (at most 100 years)")
    return timedelta(days=days)


def relative_date(text: str, *, today: date, prefer: str = "past") -> date | None:
    """The date a phrase names, or ``None`` if it is not a phrase this module knows.

    A bare weekday ("friday") is the most recent one (today included) when ``prefer`` is
    ``"past"`` (when something happened), the next one when ``"future"`` (a follow-up).
    """
    phrase = " ".join(text.strip().lower().split())
    if phrase in ("today", "now"):
        return today
    if phrase == "yesterday":
        return today - timedelta(days=1)
    if phrase == "tomorrow":
        return today + timedelta(days=1)
    if phrase.endswith(" ago"):
        return today - parse_duration(phrase.removesuffix(" ago"))
    if phrase.startswith("in "):
        return today + parse_duration(phrase.removeprefix("in "))
    words = phrase.split(" ")
    if len(words) == 2 and words[0] in ("last", "next", "this") and words[1] in ("week",
                                                                                "month"):
        step = 7 if words[1] == "week" else 30
        return today + timedelta(days={"last": -step, "next": step, "this": 0}[words[0]])
    if len(words) == 2 and words[0] in ("last", "next", "this"):
        day = _weekday(words[1])
        if day is None:
            return None
        if words[0] == "last":  # the most recent one strictly before today
            return today - timedelta(days=(today.weekday() - day - 1) % 7 + 1)
        if words[0] == "next":  # the first one strictly after today
            return today + timedelta(days=(day - today.weekday() - 1) % 7 + 1)
        return today + timedelta(days=day - today.weekday())  # this week's
    if len(words) == 1 and (day := _weekday(words[0])) is not None:
        if prefer == "future":
            return today + timedelta(days=(day - today.weekday()) % 7)
        return today - timedelta(days=(today.weekday() - day) % 7)
    return None


def parse_user_date(text: str, what: str = "date", *, today: date | None = None,
                    prefer: str = "past") -> date:
    """A date typed by a person: ISO or a phrase :func:`relative_date` understands."""

    today = today or date.today()
    stripped = text.strip()
    try:
        day = date.fromisoformat(stripped)
    except ValueError:
        pass
    else:
        check_year(day, what)
        return day
    try:
        found = relative_date(stripped, today=today, prefer=prefer)
    except (ValidationError, OverflowError):
        found = None
    if found is None:
        raise ValidationError(f"{what}: cannot read {text!r} as a date; use {UNDERSTOOD}")
    check_year(found, what)
    return found


def parse_user_when(text: str, what: str = "date", *, end_of_day: bool = False,
                    today: date | None = None, prefer: str = "past") -> datetime:
    """A moment typed by a person: an ISO date or date-time (see ``parse_when``), or a
    phrase. ``now`` is this moment; every other phrase names a day, which means local
    midnight (or its end with ``end_of_day``), exactly like an ISO date."""
    stripped = text.strip()
    if stripped[:1].isdigit() and not re.match(r"^\d+\s*[a-z]", stripped.lower()):
        return parse_when(stripped, what, end_of_day=end_of_day)
    if stripped.lower() == "now":
        return clock.now()
    timed = _with_time(stripped, what, today=today, prefer=prefer)
    if timed is not None:
        return timed
    try:
        day = parse_user_date(stripped, what, today=today, prefer=prefer)
    except ValidationError:
        raise ValidationError(f"{what}: cannot read {text!r} as a date; use "
                              f"{UNDERSTOOD_WHEN}") from None
    return datetime.combine(day, time.max if end_of_day else time.min, tzinfo=local_tz())


def _with_time(text: str, what: str, *, today: date | None,
               prefer: str) -> datetime | None:
    """"yesterday 19:00", "last friday at 8pm", "3 days ago 9:30" as a local moment; None
    when ``text`` does not end in a time of day after a day phrase."""
    match = _TIME_OF_DAY.match(" ".join(text.lower().split()))
    if match is None or relative_date_or_none(match["day"], today, prefer) is None:
        return None
    hour, minute = int(match["hour"]), int(match["minute"] or 0)
    if match["half"]:
        if not 1 <= hour <= 12:
            raise ValidationError(f"{what}: {text!r} has no such time ({hour}{match['half']})")
        hour = hour % 12 + (12 if match["half"] == "pm" else 0)
    elif match["minute"] is None:
        return None  # "in 2" is not a time: a bare number needs am/pm or minutes
    if hour > 23 or minute > 59:
        raise ValidationError(f"{what}: {text!r} has no such time ({hour}:{minute:02d})")
    day = parse_user_date(match["day"], what, today=today, prefer=prefer)
    return datetime.combine(day, time(hour, minute), tzinfo=local_tz())


def relative_date_or_none(text: str, today: date | None, prefer: str) -> date | None:
    """``relative_date`` that says None for a phrase that overflows or is refused."""
    try:
        return relative_date(text, today=today or date.today(), prefer=prefer)
    except (ValidationError, OverflowError):
        return None
