"""Events of a live calendar: what happened, when, with whom.

Each calendar item (one ``.ics`` in a vdir, one object in a CalDAV collection) is read
with ``icalendar`` and its repetitions expanded with ``recurring-ical-events`` between a
start and *now*: only what has happened can be suggested. The first occurrence after now
is kept as ``next`` so that the pull looks at the item again when it is due, even if the
item never changes. ``ORGANIZER`` and ``ATTENDEE`` give addresses (the user's own are
left out); an item that cannot be read is an ``EventError`` naming it, and costs that
item only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from kith.core import limits

LOOK_AHEAD = timedelta(days=400)
"""How far after now the next occurrence of a repeating event is looked for."""


class EventError(ValueError):
    """An item that is not a readable calendar object; never quotes it."""


@dataclass(frozen=True)
class Occurrence:
    """One occurrence of an event that has happened."""

    uid: str
    start: datetime
    minutes: int
    summary: str
    attendees: tuple[tuple[str, str], ...] = ()
    """(address, name) of the organiser and attendees, without the user's own."""
    all_day: bool = False
    location: str = ""

    @property
    def key(self) -> str:
        return f"event:{self.uid}:{self.start.isoformat()}"


@dataclass
class ItemEvents:
    """What one calendar item holds between the window's start and now."""

    occurrences: list[Occurrence] = field(default_factory=list)
    next: datetime | None = None
    warnings: list[str] = field(default_factory=list)


def _as_datetime(value: Any, zone: tzinfo) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=zone)
    if isinstance(value, date):
        return datetime.combine(value, time.min, tzinfo=zone)
    raise EventError("DTSTART is not a date")


def _address(value: Any) -> tuple[str, str] | None:
    text = str(value or "").strip()
    email = text[7:] if text.lower().startswith("mailto:") else text
    if "@" not in email:
        return None
    params = getattr(value, "params", None) or {}
    return email.strip().lower(), str(params.get("CN", "") or "").strip('"')


def read_events(content: bytes, since: datetime, now: datetime, zone: tzinfo,
                me: frozenset[str] = frozenset()) -> ItemEvents:
    """The occurrences of one calendar item between ``since`` and ``now`` (see the module
    docstring); ``EventError`` for an item that cannot be read."""
    import icalendar
    import recurring_ical_events

    if len(content) > limits.MAX_FILE_BYTES:
        raise EventError("the item is too large")
    text = content.decode("utf-8-sig", errors="replace")
    try:
        calendar = icalendar.Calendar.from_ical(text)
    except (ValueError, IndexError, KeyError):
        raise EventError("not a valid iCalendar object") from None
    events = list(calendar.walk("VEVENT"))
    if not events:
        return ItemEvents()  # a to-do or a journal: nothing that happened with someone
    result = ItemEvents()
    for event in events:
        if event.get("DTSTART") is None:
            raise EventError(f"event {event.get('UID') or '(no UID)'} has no DTSTART")
        if getattr(event, "errors", None):
            raise EventError(f"event {event.get('UID') or '(no UID)'} has a broken line")
    try:
        # one query for both spans: building it (collecting the series) is most of the
        # expander's cost, and the same for both
        query = recurring_ical_events.of(calendar)
        found = list(query.between(since, now))
        later = query.between(now, now + LOOK_AHEAD)
        upcoming = next(iter(later), None)
    except Exception:  # the expander raises many kinds on odd rules
        raise EventError("its repetition (RRULE/RDATE/EXDATE) cannot be expanded") from None
    if upcoming is not None:
        result.next = _as_datetime(upcoming.decoded("DTSTART"), zone)
    for event in found[:limits.MAX_OCCURRENCES]:
        uid = str(event.get("UID") or "").strip()
        if not uid:
            raise EventError("an event has no UID")
        begins = _as_datetime(event.decoded("DTSTART"), zone)
        if begins > now:
            continue
        try:
            ends = _as_datetime(event.decoded("DTEND"), zone) if event.get("DTEND") else \
                begins + (event.decoded("DURATION") if event.get("DURATION")
                          else timedelta(0))
        except (KeyError, ValueError, TypeError):
            ends = begins
        people: dict[str, str] = {}
        for prop in ("ORGANIZER", "ATTENDEE"):
            values = event.get(prop)
            for value in values if isinstance(values, list) else [values] if values else []:
                found_address = _address(value)
                if found_address and found_address[0] not in me:
                    people.setdefault(found_address[0], found_address[1])
        all_day = not isinstance(event.decoded("DTSTART"), datetime)
        minutes = max(0, int((ends - begins).total_seconds() // 60))
        result.occurrences.append(Occurrence(
            uid=uid[:200], start=begins, minutes=0 if all_day else minutes,
            summary=str(event.get("SUMMARY") or "")[:200],
            attendees=tuple(people.items()), all_day=all_day,
            location=str(event.get("LOCATION") or "")[:200]))
    return result
