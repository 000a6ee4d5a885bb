"""Reading what a person typed into the typed values the use cases take: one place for
the CLI's options and the TUI's form fields, so both read text exactly the same way.

This module only parses: it never opens the store and decides nothing about records.
The use cases (``kith.services.people``, ``networks``, ``opportunities``, ``notes``,
``followups``) find people and networks, check the rules and write. Every refusal is a
``FieldError`` naming the field (as in ``kith.services.recording``), so a form marks the
field that caused it and the CLI prints its usual one line.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from kith.core.dates import parse_duration, parse_user_date, parse_user_when
from kith.core.errors import ValidationError
from kith.core.handles import normalize_handle
from kith.services.networks import NetworkDetails
from kith.services.opportunities import Hearing
from kith.services.people import PersonDetails
from kith.services.recording import in_field


def split_list(text: str) -> list[str]:
    """The items of a comma-separated field, stripped, empty ones dropped."""
    return [item.strip() for item in text.split(",") if item.strip()]


def parse_handles(emails: Iterable[str], phones: Iterable[str],
                  handles: Iterable[str]) -> dict[str, list[str]]:
    """Emails, phones and ``KIND=VALUE`` handles, normalised, by kind."""
    result: dict[str, list[str]] = {}
    for kind, values in (("email", emails), ("phone", phones)):
        for value in values:
            k, v = normalize_handle(kind, value)
            result.setdefault(k, []).append(v)
    for raw in handles:
        if "=" not in raw:
            raise ValidationError(f"--handle must look like KIND=VALUE (e.g. x=@jane), not {raw!r}")
        kind, _, value = raw.partition("=")
        k, v = normalize_handle(kind, value)
        result.setdefault(k, []).append(v)
    return result


def parse_day(text: str, what: str, *, prefer: str = "past") -> date | None:
    """A day as typed ("2024-05-31", "yesterday", "next friday"), or None when empty."""
    return in_field(what.lstrip("-"), parse_user_date, text, what, prefer=prefer) \
        if text.strip() else None


def parse_when(text: str, what: str = "--on") -> datetime | None:
    """A moment as typed ("now", "yesterday", an ISO date-time), or None when empty."""
    return in_field(what.lstrip("-"), parse_user_when, text, what) if text.strip() else None


def parse_due(on: str, within: str, *, on_label: str = "on",
              in_label: str = "in") -> date | None:
    """When a follow-up is due: on a day (a future one when the words allow both) or in a
    while from today; None when neither was typed (the face says which to give)."""
    if on.strip():
        return parse_day(on, on_label, prefer="future")
    if within.strip():
        span: timedelta = in_field(in_label.lstrip("-"), parse_duration, within, in_label)
        return date.today() + span
    return None


# people -------------------------------------------------------------------------------

@dataclass
class PersonTyped:
    """A person's fields as typed in a form (lists comma-separated; empty means none)."""

    name: str
    aliases: str = ""
    emails: str = ""
    phones: str = ""
    handles: str = ""
    tags: str = ""
    networks: str = ""
    birthday: str = ""
    cadence: str = ""
    notes: str = ""


def parse_cadence(text: str) -> int | None:
    """A cadence typed as a whole number of days (empty: none)."""
    text = text.strip()
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        raise ValidationError(f"cadence must be a whole number of days, not {text!r}") from None


def parse_person(typed: PersonTyped) -> PersonDetails:
    """What the person form says; the use case checks the rest."""
    return PersonDetails(
        name=typed.name, aliases=tuple(split_list(typed.aliases)),
        handles=in_field("handles", parse_handles, split_list(typed.emails),
                         split_list(typed.phones), split_list(typed.handles)),
        tags=tuple(split_list(typed.tags)), networks=tuple(split_list(typed.networks)),
        birthday=typed.birthday.strip() or None,
        cadence_days=in_field("cadence", parse_cadence, typed.cadence), notes=typed.notes)


# networks -----------------------------------------------------------------------------

@dataclass
class NetworkTyped:
    """A network's fields as typed in a form."""

    name: str
    kind: str = "other"
    joined: str = ""
    left: str = ""
    notes: str = ""


def parse_network(typed: NetworkTyped) -> NetworkDetails:
    return NetworkDetails(name=typed.name, kind=typed.kind.strip() or "other",
                          joined=parse_day(typed.joined, "joined"),
                          left=parse_day(typed.left, "left"), notes=typed.notes)


# needs and offers ---------------------------------------------------------------------

def parse_hearing(*, person: str, type: str, text: str, tags: Iterable[str] = (),
                  network: str = "", heard_at: str = "", on: str = "") -> Hearing:
    """A need or offer as typed (``on`` empty: now)."""
    return Hearing(person=person, type=type, text=text, tags=tuple(tags),
                   network=network.strip() or None, heard_at=heard_at,
                   when=parse_when(on, "--on"))
