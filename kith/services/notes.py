"""Dated notes about people: a journal per person, not one field that is overwritten.

A note is a record of the ``notes`` table in ``kith.json``::

    {"id": ULID, "person": PERSON_ID, "on": "2024-05-31", "text": "...",
     "network": NETWORK_ID | null, "created": ISO date-time}

``on`` is the day the note is about (default today); ``created`` when it was written.
Records go through the store's keyed put, so merges and sync treat them like any other.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from kith.core import clock
from kith.core.errors import NotFound, ValidationError
from kith.core.ids import by_id_or_prefix, new_id

if TYPE_CHECKING:
    from kith.persistence.store import Store

TABLE = "notes"
MAX_TEXT = 10_000


@dataclass(frozen=True, slots=True)
class Note:
    id: str
    person: str
    on: str
    text: str
    network: str | None = None
    created: str | None = None

    def __post_init__(self) -> None:
        if not self.text or not self.text.strip():
            raise ValidationError("a note needs some text")
        if len(self.text) > MAX_TEXT:
            raise ValidationError(f"a note is at most {MAX_TEXT:,} characters, not "
                                  f"{len(self.text):,}")
        try:
            date.fromisoformat(self.on)
        except (TypeError, ValueError):
            raise ValidationError(f"a note's date must be like 2024-05-31, not {self.on!r}") \
                from None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "person": self.person, "on": self.on, "text": self.text,
                "network": self.network, "created": self.created}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Note:
        return cls(id=data["id"], person=data["person"], on=data["on"], text=data["text"],
                   network=data.get("network"), created=data.get("created"))


def add_note(store: Store, person: str, text: str, *, on: date | None = None,
             network: str | None = None) -> Note:
    """Write a note about ``person`` (an id, checked) dated ``on`` (default today)."""
    found = store.get_person(person)
    if found is None:
        raise NotFound(f"no person {person!r}")
    if network is not None and store.get_network(network) is None:
        raise NotFound(f"no network {network!r}")
    created = clock.now()
    note = Note(id=new_id(created), person=found.id,
                on=(on or date.today()).isoformat(), text=text.strip(), network=network,
                created=created.isoformat(timespec="seconds"))
    store.put_record(TABLE, note.to_dict())
    return note


def notes(store: Store, person: str | None = None) -> list[Note]:
    """Notes (of one person, or everyone's), newest first: by day, then by writing."""
    found = [Note.from_dict(d) for d in store.records(TABLE).values()
             if person is None or d.get("person") == person]
    return sorted(found, key=lambda n: (n.on, n.created or "", n.id), reverse=True)


def texts_by_person(store: Store) -> dict[str, list[str]]:
    """Every note's text grouped by person: what ``person list --search`` looks in."""
    grouped: dict[str, list[str]] = {}
    for doc in store.records(TABLE).values():
        grouped.setdefault(doc.get("person", ""), []).append(doc.get("text", ""))
    return grouped


def get_note(store: Store, ident: str) -> Note:
    doc = by_id_or_prefix(store.records(TABLE), ident)
    if doc is None:
        raise NotFound(f"no note {ident!r} (see `kith person show PERSON`)")
    return Note.from_dict(doc)


def delete_note(store: Store, ident: str) -> Note:
    note = get_note(store, ident)
    store.remove_record(TABLE, note.id)
    return note
