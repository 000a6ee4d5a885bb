"""Bounding recurring calendar events before they are expanded.

``recurring-ical-events`` asks ``dateutil`` for every occurrence between two dates, and
``dateutil`` builds that list in memory, stepping from the event's first occurrence: an
``RRULE:FREQ=SECONDLY`` without an end is tens of millions of datetimes (7.4 GB in the
report), ``FREQ=MINUTELY`` a million interactions. Before expansion, each recurring event
is walked here lazily, within a budget of steps:

- at most ``limits.MAX_OCCURRENCES`` occurrences inside the import window are kept: the
  rule is given an ``UNTIL`` at the last one kept, and a warning says so;
- an event that needs more than the budget of steps just to reach the window (a rule
  every second that started years ago) is skipped with a warning.

The walk never holds more than one occurrence at a time.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

from kith.core import limits

STEP_BUDGET = 20 * limits.MAX_OCCURRENCES
"""Occurrences a rule may produce before the window starts (a weekly rule from 1990 has
about 2,000; a rule that needs more is not a real appointment)."""


def _comparable(moment: Any, aware: bool) -> datetime:
    if not isinstance(moment, datetime):
        moment = datetime.combine(moment, time.min)
    if aware and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    if not aware and moment.tzinfo is not None:
        return moment.replace(tzinfo=None)
    return moment


def bound_event(event: Any, start: datetime, end: datetime, label: str,
                cap: int = limits.MAX_OCCURRENCES) -> tuple[bool, str | None]:
    """``(keep, warning)`` for one VEVENT: whether to expand it at all, and what was cut.

    May rewrite the event's RRULE in place (an ``UNTIL`` at the last occurrence kept).
    """
    properties = sum(len(v) if isinstance(v, list) else 1 for v in event.values())
    if properties > limits.MAX_PROPERTIES_PER_RECORD:
        return False, (f"{label} has {properties:,} properties "
                       f"(at most {limits.MAX_PROPERTIES_PER_RECORD:,}); skipped")
    rules = event.get("RRULE")
    if rules is None:
        return True, None
    rules = rules if isinstance(rules, list) else [rules]
    try:
        first = event.decoded("DTSTART")
    except (KeyError, ValueError):
        return True, None  # the importer reports events without a usable start
    all_day = not isinstance(first, datetime)
    dtstart = _comparable(first, aware=not all_day and first.tzinfo is not None)
    aware = dtstart.tzinfo is not None
    low, high = _comparable(start, aware), _comparable(end, aware)
    for rule in rules:
        iterator = _walk(rule, dtstart)
        if iterator is None:
            return False, f"{label} has a recurrence rule kith cannot read; skipped"
        steps = kept = 0
        last = None
        try:
            for occurrence in iterator:
                steps += 1
                if occurrence > high:
                    break
                if occurrence < low:
                    if steps > STEP_BUDGET:
                        return False, (f"{label} recurs more than {STEP_BUDGET:,} times "
                                       "before the import window; skipped")
                    continue
                kept += 1
                if kept > cap:
                    break
                last = occurrence
        except (ValueError, OverflowError):
            pass  # ran past the calendar's end: what was seen is all there is
        if kept > cap and last is not None:
            until: date | datetime = last.date() if all_day else (
                last.astimezone(UTC) if aware else last)
            rule.pop("COUNT", None)
            rule["UNTIL"] = [until]
            return True, (f"{label} has more than {cap:,} occurrences in the import window; "
                          f"kept the first {cap:,} (narrow it with --since/--until)")
    return True, None


def _walk(rule: Any, dtstart: datetime) -> Any:
    """The rule's occurrences as a lazy iterator; an ``UNTIL`` that does not fit
    ``DTSTART`` (a common quirk the expander forgives) is left out of the walk, which
    stops at the window's end anyway."""
    from dateutil.rrule import rrulestr

    for drop_until in (False, True):
        try:
            parts = {k: v for k, v in rule.items() if not (drop_until and k == "UNTIL")}
            text = type(rule)(parts).to_ical().decode()
            return iter(rrulestr(text, dtstart=dtstart))
        except (ValueError, TypeError, AttributeError, OverflowError, KeyError):
            continue
    return None
