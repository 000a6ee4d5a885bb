"""Turning what a person typed into people, networks and needs or offers: one place for
the CLI's commands (``kith person``, ``kith network``, ``kith hear``) and the TUI's forms,
so both accept and refuse exactly the same input.

Every refusal is a ``FieldError`` naming the field (as in ``kith.services.recording``), so a form
marks the field that caused it and the CLI prints its usual one line.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from kith.core import clock
from kith.core.clock import now
from kith.core.dates import parse_user_when
from kith.core.errors import ValidationError
from kith.core.model import Network, Opportunity, Person, normalize_handle, parse_birthday
from kith.services.recording import FieldError
from kith.services.recording import in_field as _field

if TYPE_CHECKING:
    from kith.persistence.store import Store


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


def check_cadence(cadence: int | None) -> int | None:
    """A keep-in-touch cadence in days: 0 clears it, a negative number is refused."""
    if cadence is None:
        return None
    if cadence < 0:
        raise ValidationError(f"--cadence cannot be negative: {cadence}")
    return cadence or None


def check_kind(kinds: Iterable[str], kind: str) -> str:
    """``kind`` if it is a network kind kith or a plugin knows."""
    known = list(kinds)
    if kind not in known:
        raise ValidationError(f"unknown network kind {kind!r} (known: {', '.join(known)})")
    return kind


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


def _cadence(text: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    try:
        number = int(text)
    except ValueError:
        raise ValidationError(f"cadence must be a whole number of days, not {text!r}") from None
    return check_cadence(number)


def build_person(store: Store, typed: PersonTyped, existing: Person | None = None) -> Person:
    """A new person, or ``existing`` with every field replaced by what was typed.

    Raises ``FieldError`` for the first wrong field, in form order. Networks the person
    stays in keep the date they joined.
    """
    name = typed.name.strip()
    if not name:
        raise FieldError("name", "a person needs a name")
    aliases = tuple(split_list(typed.aliases))
    handles = _field("handles", parse_handles, split_list(typed.emails),
                     split_list(typed.phones), split_list(typed.handles))
    tags = tuple(split_list(typed.tags))
    before = existing.networks if existing else {}
    networks: dict[str, str | None] = {}
    for ref in split_list(typed.networks):
        found = _field("networks", store.find_network, ref)
        networks[found.id] = before.get(found.id)
    birthday = _field("birthday", parse_birthday, typed.birthday) \
        if typed.birthday.strip() else None
    cadence = _field("cadence", _cadence, typed.cadence)
    fields: dict[str, Any] = {"aliases": aliases, "handles": handles, "tags": tags,
                              "networks": networks, "birthday": birthday,
                              "cadence_days": cadence, "notes": typed.notes.strip()}
    try:
        if existing is None:
            return Person.create(name, created=clock.now().isoformat(
                timespec="seconds"), **fields)
        return existing.with_changes(name=name, **fields)
    except ValidationError as error:
        raise FieldError("name", str(error)) from None


# networks -----------------------------------------------------------------------------

@dataclass
class NetworkTyped:
    """A network's fields as typed in a form."""

    name: str
    kind: str = "other"
    joined: str = ""
    left: str = ""
    notes: str = ""


def parse_day(text: str, what: str) -> date:
    """A day as the CLI's date options read it (relative dates such as "yesterday" too)."""
    from kith.core.dates import parse_user_date

    return parse_user_date(text, what)


def _date(text: str, field: str) -> date | None:
    return _field(field, parse_day, text, field) if text.strip() else None


def build_network(store: Store, kinds: Iterable[str], typed: NetworkTyped,
                  existing: Network | None = None) -> Network:
    """A new network, or ``existing`` with the typed fields (its id stays)."""
    name = typed.name.strip()
    if not name:
        raise FieldError("name", "a network needs a name")
    kind = _field("kind", check_kind, kinds, typed.kind.strip() or "other")
    joined, left = _date(typed.joined, "joined"), _date(typed.left, "left")
    if joined and left and left < joined:
        raise FieldError("left", f"a network cannot be left ({left}) before it was "
                                 f"joined ({joined})")
    try:
        if existing is None:
            created = Network.create(name, kind=kind, joined=joined, left=left,
                                     notes=typed.notes.strip())
        else:
            created = Network(id=existing.id, name=name, kind=kind, joined=joined, left=left,
                              notes=typed.notes.strip())
    except ValidationError as error:
        raise FieldError("name", str(error)) from None
    if existing is None and store.get_network(created.id) is not None:
        raise FieldError("name", f"a network with id {created.id!r} already exists")
    return created


# needs and offers ---------------------------------------------------------------------

def build_opportunity(store: Store, *, person: str, type: str, text: str,
                      tags: Iterable[str] = (), network: str | None = None,
                      heard_at: str = "", on: str | None = None) -> Opportunity:
    """A need or offer ``person`` mentioned; the network defaults to the person's only one."""
    if not person.strip():
        raise FieldError("person", "who needs or offers it? (a name)")
    who = _field("person", store.find_person, person)
    if type not in ("need", "offer"):
        raise FieldError("type", "say whether it is a need or an offer")
    if not text.strip():
        raise FieldError("text", f"what is the {type}? (a few words)")
    net = _field("network", store.find_network, network).id if network and network.strip() \
        else None
    if net is None and len(who.networks) == 1:
        net = next(iter(who.networks))
    when = _field("on", parse_user_when, on, "--on") if on and on.strip() else now()
    return Opportunity.create(person=who.id, type=type, text=text, when=when,
                              tags=tuple(tags), network=net, heard_at=heard_at.strip())


def check_merge(store: Store, keep: str, absorb: str) -> tuple[Person, Person]:
    """The two people a merge would join, or a ``FieldError`` naming the wrong one."""
    if not keep.strip():
        raise FieldError("keep", "which person stays? (a name)")
    if not absorb.strip():
        raise FieldError("absorb", "which person is merged into them? (a name)")
    kept = _field("keep", store.find_person, keep)
    absorbed = _field("absorb", store.find_person, absorb)
    if kept.id == absorbed.id:
        raise FieldError("absorb", f"{kept.name} and {absorbed.name} are the same person")
    return kept, absorbed
