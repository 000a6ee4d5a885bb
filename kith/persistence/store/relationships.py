"""Relationships between people: the ``relationships`` table of ``kith.json``."""

from __future__ import annotations

from kith.core.model import Relationship
from kith.persistence.store.core import Core

TABLE = "relationships"


class Relationships:
    def __init__(self, core: Core):
        self.core = core

    def all(self, person: str | None = None) -> list[Relationship]:
        """Everyone's relationships, or those ``person`` is on either side of."""
        found = [Relationship.from_dict(d) for d in self.core.table(TABLE).docs().values()
                 if person is None or person in (d.get("a"), d.get("b"))]
        return sorted(found, key=lambda r: (r.kind, r.id))

    def pairs(self) -> set[frozenset[str]]:
        """Every pair of people related in any way (for the introduction matcher)."""
        return {frozenset((d["a"], d["b"])) for d in self.core.table(TABLE).docs().values()}

    def save(self, item: Relationship) -> Relationship:
        with self.core.transaction():
            self.core.table(TABLE).put(item.id, item.to_dict())
        return item

    def remove(self, ident: str) -> None:
        with self.core.transaction():
            self.core.table(TABLE).discard(ident)
