"""The one calendar reader, shared by the church and association plugins.

Reads an iCalendar file (RFC 5545) with ``icalendar`` and expands recurring events
(RRULE, RDATE, EXDATE, RECURRENCE-ID) with ``recurring-ical-events`` between two dates
(default: the last two years up to today). Each occurrence becomes a shared interaction
(source id: UID plus start, so re-imports match); ``ORGANIZER`` and ``ATTENDEE``
(``mailto:`` and ``CN=``) link people, matched by email.

Events where the user *gave* time (a volunteering shift, teaching a workshop, giving a
talk) are recognised by ``--role gave`` (every event) or by keywords in the summary,
and become ``gave`` interactions; the rest were attended (``shared``). Minutes come from
the event's duration.

Traps handled: all-day ``DATE`` versus ``DATE-TIME`` (all-day events start at local
midnight), floating times (the calendar's ``X-WR-TIMEZONE``, else local time), ``TZID``s
without a ``VTIMEZONE`` (resolved by name), a byte-order mark, and broken files (a clear
error naming the line).

Real calendars carry odd events; one of them never costs the others. A second
``DTSTART`` is ignored (the first counts) with a warning; an ``RDATE``/``EXDATE`` that is
not a date (``RDATE;VALUE=TIME``) is dropped with a warning; an event whose recurrence
still cannot be expanded is kept once, at its ``DTSTART``, with a warning. An event with
a broken line or no ``DTSTART`` is skipped and listed (``--strict``: the import stops).

Which events the user attended: ``--attended all`` (the default: every event), ``none``
(only events where they gave time count) or ``mine`` (events where one of ``--me``'s
addresses is the organiser or an attendee who did not decline, ``PARTSTAT=DECLINED``);
the rest are counted in one summary line. Events with no occurrence inside the window
are counted in another, with their dates, so "0 added" never comes without a reason.

The import's options (``since``, ``until``, ``role``, ``attended``, ``gave_keywords``,
``me_emails``)
arrive in ``ImportContext.options``; the command-line options that fill them are
``kith.api.source_options.calendar_options``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from kith.core.errors import ImportFormatError
from kith.core.parsing import local_tz, parse_date
from kith.importing.toolkit.archives import read_limited
from kith.importing.toolkit.records import (
    ImportBatch,
    ImportContext,
    InteractionRecord,
    NetworkHint,
    PersonRecord,
)
from kith.importing.toolkit.recurrence import bound_event

GAVE_WORDS = ("volunteer", "shift", "serving", "serve", "rota", "usher", "teach", "teaching",
              "lead", "leading", "host", "hosting", "speaker", "speaking", "my talk",
              "giving a talk", "keynote", "facilitat", "mentor")


@dataclass(frozen=True)
class KindRule:
    """Words in an event's summary that name its kind (first match wins)."""

    kind: str
    words: tuple[str, ...]


def _window(options: dict[str, Any], today: date) -> tuple[datetime, datetime]:
    since = options.get("since")
    until = options.get("until")
    start = parse_date(since, "--since") if since else today - timedelta(days=730)
    end = parse_date(until, "--until") if until else today
    if end < start:
        raise ImportFormatError(f"--until ({end}) is before --since ({start})")
    zone = local_tz()
    return (datetime.combine(start, time.min, tzinfo=zone),
            datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone))


def _broken_line(raw: str, message: str) -> int | None:
    quoted = re.findall(r"'([^']{3,})'", message)
    for text in quoted:
        for number, line in enumerate(raw.splitlines(), 1):
            if text.strip() and text.strip() in line:
                return number
    return None


def _zone(calendar: Any) -> tzinfo:
    name = calendar.get("X-WR-TIMEZONE")
    if name:
        try:
            return ZoneInfo(str(name))
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return local_tz()


def _as_datetime(value: Any, zone: tzinfo) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=zone)
    if isinstance(value, date):
        return datetime.combine(value, time.min, tzinfo=zone)
    raise ValueError(f"not a date: {value!r}")


def _address(value: Any) -> tuple[str | None, str | None]:
    text = str(value or "")
    email = text[7:] if text.lower().startswith("mailto:") else (text if "@" in text else None)
    name = None
    params = getattr(value, "params", None)
    if params is not None:
        name = params.get("CN")
    return (email.strip().lower() if email else None), (str(name).strip('"') if name else None)


def parse_calendar(path: Path, context: ImportContext, *, kinds: list[KindRule],
                   default_kind: str, network: NetworkHint) -> ImportBatch:
    """Expand a calendar file into interactions (see the module docstring)."""
    import icalendar


    raw_bytes = read_limited(path)
    raw = raw_bytes.decode("utf-8-sig", errors="replace")
    try:
        calendar = icalendar.Calendar.from_ical(raw)
    except (ValueError, IndexError, KeyError) as error:
        line = _broken_line(raw, str(error))
        raise ImportFormatError("not a valid iCalendar file", file=str(path),
                                record=f"line {line}" if line else None) from None
    for component in calendar.walk():
        if component.name == "VEVENT":
            continue  # an event's broken line costs that event only (below)
        for _, message in getattr(component, "errors", []) or []:
            line = _broken_line(raw, message)
            raise ImportFormatError("broken calendar line (not NAME:VALUE)", file=str(path),
                                    record=f"line {line}" if line else None)
    options = context.options
    start, end = _window(options, context.today)
    zone = _zone(calendar)
    role = options.get("role") or "auto"
    words = tuple(w.strip().lower() for w in (options.get("gave_keywords") or "").split(",")
                  if w.strip()) or GAVE_WORDS
    mine = {e.lower() for e in options.get("me_emails") or ()}
    attended = options.get("attended") or "all"
    if attended == "mine" and not mine:
        raise ImportFormatError("--attended mine needs --me YOUR@EMAIL: the calendar says "
                                "who attended by email address", file=str(path))
    readable: dict[str, Any] = {}
    for number, event in enumerate(list(calendar.walk("VEVENT")), 1):
        label = f"event {number} ({event.get('UID') or 'no UID'})"
        problem = _clean_event(event, f"{path.name}: {label}", context)
        if problem:
            why, library_message = problem
            line = _broken_line(raw, library_message) if library_message else None
            context.bad_record(ImportFormatError(why, file=str(path),
                                                 record=f"line {line}" if line else label))
            if event in calendar.subcomponents:
                calendar.subcomponents.remove(event)
            continue
        if event.get("RECURRENCE-ID") is None:
            readable.setdefault(str(event.get("UID") or f"#{number}"), event)
        keep, warning = bound_event(event, start, end, f"{path.name}: {label}")
        if warning:
            context.warn(warning)
        if not keep and event in calendar.subcomponents:
            calendar.subcomponents.remove(event)
    occurrences = _expand(calendar, start, end, path, context)
    _say_outside(readable, occurrences, start, end, zone, context)
    people: dict[str, PersonRecord] = {}
    records = []
    not_attended = 0
    for index, event in enumerate(occurrences, 1):
        if event.name != "VEVENT":
            continue
        uid = str(event.get("UID") or f"no-uid-{event.get('SUMMARY')}")
        try:
            begins = _as_datetime(event.decoded("DTSTART"), zone)
            finishes = _as_datetime(event.decoded("DTEND"), zone) if event.get("DTEND") \
                else begins + (event.decoded("DURATION") if event.get("DURATION")
                               else timedelta(0))
            if not isinstance(finishes, datetime):
                raise ValueError("end")
        except (KeyError, ValueError, TypeError, AttributeError):
            context.bad_record(ImportFormatError(
                "event without a usable start or end", file=str(path),
                record=f"event {index} ({uid})"))
            continue
        summary = str(event.get("SUMMARY") or "")
        text = f"{summary} {event.get('DESCRIPTION') or ''}".lower()
        refs = []
        organiser_is_me = False
        me_attending = False
        for field in ("ORGANIZER", "ATTENDEE"):
            values = event.get(field)
            for value in values if isinstance(values, list) else [values] if values else []:
                email, name = _address(value)
                if not email:
                    continue
                if email in mine:
                    organiser_is_me = organiser_is_me or field == "ORGANIZER"
                    me_attending = me_attending or field == "ORGANIZER" or not _declined(value)
                    continue
                if email not in people:
                    people[email] = PersonRecord(ref=email, name=name or email,
                                                 handles={"email": [email]})
                refs.append(email)
        gave = role == "gave" or (role == "auto" and (
            organiser_is_me or any(w in text for w in words)))
        kind = next((rule.kind for rule in kinds if any(w in text for w in rule.words)),
                    default_kind)
        if gave and kind == default_kind:
            kind = "volunteering"
        if not gave and (attended == "none" or (attended == "mine" and not me_attending)):
            not_attended += 1
            continue
        minutes = max(0, int((finishes - begins).total_seconds() // 60))
        records.append(InteractionRecord(
            source_id=f"{uid}:{begins.isoformat()}", when=begins, people=list(dict.fromkeys(
                refs)), direction="gave" if gave else "shared", kind=kind,
            note=summary[:200], meta={"event": summary[:200], "minutes": minutes,
                                     "location": str(event.get("LOCATION") or "")[:200],
                                     "all_day": not isinstance(event.decoded("DTSTART"),
                                                               datetime)}))
    if not_attended:
        why = ("--attended none" if attended == "none" else
               "you are not an attendee, or declined (--attended mine)")
        context.warn(f"{path.name}: {_events(not_attended)} not imported: {why}")
    used = {ref for record in records for ref in record.people}
    return ImportBatch(people=[p for p in people.values() if p.ref in used],
                       interactions=records, network=network)


def _events(count: int) -> str:
    return f"{count} event" + ("" if count == 1 else "s")


def _declined(value: Any) -> bool:
    """Whether an ``ATTENDEE`` line says the person declined (``PARTSTAT=DECLINED``)."""
    params = getattr(value, "params", None) or {}
    return str(params.get("PARTSTAT", "")).upper() == "DECLINED"


def _say_outside(events: dict[str, Any], occurrences: list[Any], start: datetime,
                 end: datetime, zone: tzinfo, context: ImportContext) -> None:
    """One summary line for the events with no occurrence inside the import window: they
    are not imported, and without this line the summary only said "0 added"."""
    inside = {str(e.get("UID") or "") for e in occurrences}
    outside = []
    for uid, event in events.items():
        if uid in inside:
            continue
        try:
            outside.append(_as_datetime(event.decoded("DTSTART"), zone).date())
        except (KeyError, ValueError, TypeError, AttributeError):
            continue
    if not outside:
        return
    last_day = (end - timedelta(days=1)).date()
    context.warn(f"{_events(len(outside))} outside the import window {start.date()} to "
                 f"{last_day} (starting {min(outside)} to {max(outside)}) not imported; "
                 "widen it with --since/--until")


_DATES = (date, datetime)


def _clean_event(event: Any, name: str, context: ImportContext
                 ) -> tuple[str, str | None] | None:
    """Fix what can be fixed in one event, with a warning; return why the event cannot
    be read at all (and the parser's message, only to find the line), or ``None``."""
    broken = []
    for prop, message in getattr(event, "errors", []) or []:
        prop = str(prop or "").upper()
        if prop in ("RRULE", "RDATE", "EXDATE", "EXRULE"):
            if prop in event:
                del event[prop]
            context.warn(f"{name}: its {prop} cannot be read; the event is kept once, at "
                         "its DTSTART")
        elif prop and prop != "DTSTART":
            context.warn(f"{name}: a broken {prop} line was ignored")
        else:
            broken.append(str(message))
    starts = event.get("DTSTART")
    if starts is None and broken:
        return "broken calendar line (not NAME:VALUE)", broken[0]
    if starts is None:
        return "event has no DTSTART: nothing places it in time", None
    if broken:
        context.warn(f"{name}: {len(broken)} broken line(s) ignored")
    if isinstance(starts, list):
        context.warn(f"{name} has {len(starts)} DTSTART lines; the first is used")
        del event["DTSTART"]
        event.add("DTSTART", starts[0].dt)
        if starts[0].params:
            event["DTSTART"].params.update(starts[0].params)
    if not isinstance(getattr(event.get("DTSTART"), "dt", None), _DATES):
        return "DTSTART is not a date", None
    for field in ("DTEND", "RRULE", "DURATION"):
        if isinstance(event.get(field), list):
            context.warn(f"{name} has several {field} lines; the first is used")
            first = event[field][0]
            del event[field]
            event[field] = first
    for field in ("RDATE", "EXDATE"):
        values = event.get(field)
        if values is None:
            continue
        lists = values if isinstance(values, list) else [values]
        ok = all(isinstance(getattr(d, "dt", None), (*_DATES, tuple))
                 for item in lists for d in getattr(item, "dts", [None]))
        if not ok:
            context.warn(f"{name}: {field} is not a list of dates (e.g. VALUE=TIME); "
                         "ignored")
            del event[field]
    return None


def _expand(calendar: Any, start: datetime, end: datetime, path: Path,
            context: ImportContext) -> list[Any]:
    """Every occurrence between ``start`` and ``end``. When the whole calendar cannot be
    expanded, each event (with its overrides, by UID) is expanded alone, and one that
    still fails is kept once at its DTSTART, with a warning."""
    import icalendar
    import recurring_ical_events

    try:
        return list(recurring_ical_events.of(calendar).between(start, end))
    except Exception:  # the expander raises many kinds on odd rules
        pass
    groups: dict[str, list[Any]] = {}
    for event in calendar.walk("VEVENT"):
        groups.setdefault(str(event.get("UID") or id(event)), []).append(event)
    others = [c for c in calendar.subcomponents if c.name != "VEVENT"]
    occurrences: list[Any] = []
    for uid, events in groups.items():
        single = icalendar.Calendar()
        for key, value in calendar.items():
            single[key] = value
        for component in [*others, *events]:
            single.add_component(component)
        try:
            occurrences += recurring_ical_events.of(single).between(start, end)
            continue
        except Exception:
            pass
        context.warn(f"{path.name}: event {uid}: its repetition (RRULE/RDATE/EXDATE) "
                     "cannot be expanded; kept once, at its DTSTART")
        for event in events:
            if event.get("RECURRENCE-ID") is not None:
                continue
            for field in ("RRULE", "RDATE", "EXDATE", "EXRULE"):
                if field in event:
                    del event[field]
            begins = _as_datetime(event.decoded("DTSTART"), start.tzinfo or local_tz())
            if start <= begins < end:
                occurrences.append(event)
    return occurrences


def event_minutes(interaction: Any, usual: Mapping[str, int], default: int = 90
                  ) -> int | None:
    """How long an event read by ``parse_calendar`` lasted, in minutes; ``None`` when the
    interaction is not such an event. An all-day event, or a duration of none or more
    than 16 hours, says nothing about the time spent: then ``usual[kind]`` (else
    ``default``). What the minutes are worth is each plugin's own value rule."""
    if "event" not in interaction.meta:
        return None
    minutes = int(interaction.meta.get("minutes") or 0)
    if interaction.meta.get("all_day") or minutes <= 0 or minutes > 16 * 60:
        return usual.get(interaction.kind, default)
    return minutes
