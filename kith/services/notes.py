"""Use cases for dated notes about people: write one, delete one, and the reads the faces
share.

A note (``kith.core.model.Note``) is kept in the ``notes`` table by the store's ``Notes``
room. ``on`` is the day the note is about (default today); ``created`` when it was
written. ``person`` and ``network`` are references (an id, or a name the store finds);
refusals name their field.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from kith.core import clock
from kith.core.ids import new_id
from kith.core.model import Note
from kith.services.recording import FieldError, in_field

if TYPE_CHECKING:
    from kith.persistence.store import Store


def add_note(store: Store, person: str, text: str, *, on: date | None = None,
             network: str | None = None) -> Note:
    """Write a note about ``person`` dated ``on`` (default today)."""
    with store.transaction():
        if not text.strip():
            raise FieldError("text", "a note needs some text")
        who = in_field("person", store.find_person, person)
        net = in_field("network", store.find_network, network).id \
            if network and network.strip() else None
        created = clock.now()
        note = in_field("text", Note, id=new_id(created), person=who.id,
                        on=(on or date.today()).isoformat(), text=text.strip(), network=net,
                        created=created.isoformat(timespec="seconds"))
        return store.save_note(note)


def notes(store: Store, person: str | None = None) -> list[Note]:
    """Notes (of one person id, or everyone's), newest first."""
    return store.notes(person)


def get_note(store: Store, ident: str) -> Note:
    return store.get_note(ident)


def delete_note(store: Store, ident: str) -> Note:
    """Delete the note ``ident`` (its id or a prefix of it); returns what was deleted."""
    with store.transaction():
        note = store.get_note(ident)
        store.remove_note(note.id)
        return note
