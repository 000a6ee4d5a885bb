"""The association plugin's importers (pure: a path in, an ``ImportBatch`` out)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from kith.api import (
    Field,
    ImportBatch,
    ImportContext,
    ImportFormatError,
    InteractionRecord,
    KindRule,
    NetworkHint,
    PersonRecord,
    cell_date,
    local_tz,
    parse_calendar,
    parse_date,
    parse_payments,
    read_table,
)

ASSOCIATION_KINDS = [
    KindRule("talk", ("my talk", "giving a talk", "speaker", "speaking", "keynote",
                      "presentation by me")),
    KindRule("workshop", ("workshop", "training", "class", "tutorial", "teach")),
    KindRule("conference", ("conference", "summit", "congress", "convention", "con ")),
    KindRule("meeting", ("meeting", "meetup", "board", "chapter", "committee", "agm")),
]


def association_calendar(path: Path, context: ImportContext) -> ImportBatch:
    return parse_calendar(path, context, kinds=ASSOCIATION_KINDS, default_kind="event",
                          network=NetworkHint("Association", "association"))


def dues(path: Path, context: ImportContext) -> ImportBatch:
    records, warnings = parse_payments(path, context, kind="dues")
    return ImportBatch(interactions=records, warnings=warnings,
                       network=NetworkHint("Association", "association"))


WILD_APRICOT = [
    Field("id", ("User ID", "Contact ID", "Member ID")),
    Field("first", ("First name", "First Name")),
    Field("last", ("Last name", "Last Name")),
    Field("organization", ("Organization", "Organisation", "Company"), required=False),
    Field("email", ("Email", "E-mail", "Email address"), required=False),
    Field("phone", ("Phone", "Mobile phone", "Phone number"), required=False),
    Field("level", ("Membership level", "Level"), required=False),
    Field("status", ("Membership status", "Status"), required=False),
    Field("since", ("Member since", "Member Since", "Joined"), required=False, date=True),
    Field("renewal", ("Renewal due", "Renewal date", "Renewal Due"), required=False,
          date=True),
    Field("groups", ("Group participation", "Groups"), required=False),
    Field("notes", ("Notes",), required=False),
    Field("address", ("Address", "Street address", "Home address"), required=False),
    Field("household", ("Household", "Family", "Bundle ID"), required=False),
]


def wild_apricot(path: Path, context: ImportContext) -> ImportBatch:
    table = read_table(path, WILD_APRICOT, context.options)
    people = []
    for line, row in table:
        name = f"{row['first']} {row['last']}".strip()
        try:
            if not name:
                raise ImportFormatError("member without a name", file=str(path),
                                        record=f"line {line}")
            renewal = cell_date(row.get("renewal", ""), table, line, "renewal due")
            since = cell_date(row.get("since", ""), table, line, "member since")
        except ImportFormatError as error:
            context.bad_record(error)
            continue
        extra = {k: row[k] for k in ("organization", "level", "status", "address")
                 if row.get(k)}
        if renewal:
            extra["renewal_due"] = renewal.isoformat()
        handles = {k: [row[k]] for k in ("email", "phone") if row.get(k)}
        groups = [g.strip().lower() for g in row.get("groups", "").replace(";", ",").split(",")
                  if g.strip()]
        people.append(PersonRecord(
            ref=f"wa:{row['id'] or line}", name=name, handles=handles,
            source_id=row["id"] or None, notes=row.get("notes", ""),
            connected=since, household=row.get("household", ""),
            tags=groups, extra=extra))
    return ImportBatch(people=people, warnings=table.warnings,
                       network=NetworkHint("Association", "association"))


MEETUP = [
    Field("name", ("Name",)),
    Field("attendance", ("Attendance", "Attended"), required=False),
    Field("id", ("User ID", "Member ID")),
    Field("title", ("Title",), required=False),
    Field("host", ("Event Host", "Host"), required=False),
    Field("rsvp", ("RSVP", "Response"), required=False),
    Field("rsvped", ("RSVPed on", "RSVP date"), required=False, date=True),
    Field("joined", ("Joined Group on", "Joined"), required=False, date=True),
    Field("url", ("URL of Member Profile", "Profile URL"), required=False),
    Field("notes", ("Notes",), required=False),
]


def meetup(path: Path, context: ImportContext) -> ImportBatch:
    """One event's attendees: people met there, and one shared event with those who came."""
    table = read_table(path, MEETUP, context.options)
    event = context.options.get("event") or path.stem.replace("_", " ")
    people = []
    came = []
    latest = None
    for line, row in table:
        if not row["name"]:
            continue
        handles = {"url": [row["url"]]} if row.get("url") else {}
        try:
            joined = cell_date(row.get("joined", ""), table, line, "joined group on")
            rsvped = cell_date(row.get("rsvped", ""), table, line, "RSVPed on")
        except ImportFormatError as error:
            context.bad_record(error)
            continue
        latest = max(filter(None, [latest, rsvped]), default=None)
        ref = f"meetup:{row['id'] or row['name']}"
        people.append(PersonRecord(ref=ref, name=row["name"], handles=handles,
                                   source_id=row["id"] or None, connected=joined,
                                   extra={"meetup_host": True} if row.get("host", "").lower()
                                   in ("yes", "true", "host") else {}))
        attendance = row.get("attendance", "").lower()
        rsvp = row.get("rsvp", "").lower()
        if attendance in ("attended", "yes", "true", "present") or (
                not attendance and rsvp in ("yes", "going")):
            came.append(ref)
    day = parse_date(context.options["event_date"], "--on") if context.options.get(
        "event_date") else latest
    if day is None:
        raise ImportFormatError("cannot tell when the event was: pass --on DATE",
                                file=str(path))
    interactions = []
    if came:
        interactions.append(InteractionRecord(
            source_id=f"{event}:{day.isoformat()}",
            when=datetime.combine(day, datetime.min.time(), tzinfo=local_tz()).replace(hour=18),
            people=came, direction="shared", kind="event", note=event[:200],
            meta={"event": event[:200], "attendees": len(came)}))
    return ImportBatch(people=people, interactions=interactions, warnings=table.warnings,
                       network=NetworkHint("Association", "association"))
