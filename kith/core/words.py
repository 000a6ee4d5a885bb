"""Counts and dates in words: ``counted(1, "person", "people")`` is "1 person",
``counted(2, "day")`` "2 days". One helper for every count kith prints, so no line says
"1 people overdue" or "(1 days ago)": a face that builds a count from a number calls this,
never ``f"{n} days"``.

English only, and deliberately small: the regular plural adds ``s``, an irregular one is
given by the caller (``person``/``people``), and a few phrasings around a day count
(``days_ago``, ``in_days``) read as people say them ("today", "yesterday", "in 3 days").
Dates shown to people go through ``day``/``birthday`` ("14 Mar 2026", "14 March"), never
as the stored ``--03-14``.
"""

from __future__ import annotations

from datetime import date


def plural(number: int, singular: str, many: str | None = None) -> str:
    """The noun for ``number`` of them: ``singular`` for exactly one (or minus one),
    otherwise ``many`` (default: ``singular`` + "s"). Zero takes the plural ("0 days")."""
    if abs(number) == 1:
        return singular
    return many if many is not None else singular + "s"


def counted(number: int, singular: str, many: str | None = None, *,
            thousands: bool = False) -> str:
    """``number`` followed by its noun: "1 person", "0 people", "2 days" (``thousands``:
    "10,000 people")."""
    shown = f"{number:,}" if thousands else str(number)
    return f"{shown} {plural(number, singular, many)}"


def days_ago(days: int) -> str:
    """How long ago, read as people say it: "today", "yesterday", "3 days ago" (a day in
    the future: "in 2 days")."""
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 0:
        return in_days(-days)
    return f"{counted(days, 'day')} ago"


def in_days(days: int) -> str:
    """How far ahead: "today", "tomorrow", "in 3 days" (a day past: "2 days ago")."""
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days < 0:
        return days_ago(-days)
    return f"in {counted(days, 'day')}"


def day(value: date | str, *, today: date | None = None) -> str:
    """A date as people read it: "Tue 15 Dec 2026" (the year left out when it is
    ``today``'s year: "Tue 15 Dec"). A string is read as ISO (a date-time's date part);
    one that is not a date is returned as it is."""
    if isinstance(value, str):
        try:
            when = date.fromisoformat(value[:10])
        except ValueError:
            return value
    else:
        when = value
    shown = f"{when:%a} {when.day} {when:%b}"
    return shown if today is not None and when.year == today.year else f"{shown} {when.year}"


def birthday(value: str) -> str:
    """A stored birthday as people read it: ``--03-14`` is "14 March", ``1990-03-14`` is
    "14 March 1990" (anything else, kept as text by an import, is shown as it is)."""
    parts = ["", *value[2:].split("-")] if value.startswith("--") else value.split("-")
    try:
        year, month, dom = parts
        shown = date(2000, int(month), int(dom))  # a leap year: 29 February reads
        words = f"{shown.day} {shown:%B}"
        return f"{words} {int(year)}" if year else words
    except ValueError:
        return value
