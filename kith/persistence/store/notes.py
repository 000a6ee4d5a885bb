"""Dated notes about people: the ``notes`` table of ``kith.json``.

Records go through the keyed table like every other, stamped, so merges and sync treat
them the same way.
"""

from __future__ import annotations

from kith.core.errors import NotFound
from kith.core.ids import by_id_or_prefix
from kith.core.model import Note
from kith.persistence.store.core import Core

TABLE = "notes"


class Notes:
    def __init__(self, core: Core):
        self.core = core

    def all(self, person: str | None = None) -> list[Note]:
        """Notes (of one person, or everyone's), newest first: by day, then by writing."""
        found = [Note.from_dict(d) for d in self.core.table(TABLE).docs().values()
                 if person is None or d.get("person") == person]
        return sorted(found, key=lambda n: (n.on, n.created or "", n.id), reverse=True)

    def texts_by_person(self) -> dict[str, list[str]]:
        """Every note's text grouped by person (raw, no parsing: ``person list --search``
        looks in them for 10k people)."""
        grouped: dict[str, list[str]] = {}
        for doc in self.core.table(TABLE).docs().values():
            grouped.setdefault(doc.get("person", ""), []).append(doc.get("text", ""))
        return grouped

    def get(self, ident: str) -> Note:
        """By id or unambiguous prefix."""
        doc = by_id_or_prefix(dict(self.core.table(TABLE).docs()), ident)
        if doc is None:
            raise NotFound(f"no note {ident!r} (see `kith person show PERSON`)")
        return Note.from_dict(doc)

    def save(self, note: Note) -> Note:
        with self.core.transaction():
            self.core.table(TABLE).put(note.id, note.to_dict())
        return note

    def remove(self, ident: str) -> None:
        with self.core.transaction():
            self.core.table(TABLE).discard(ident)
