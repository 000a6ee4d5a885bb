"""Relationships between people: the ``relationships`` table of ``kith.json``."""

from __future__ import annotations

from typing import Any

from kith.core.model import INVERSE_RELATIONSHIPS, SYMMETRIC_RELATIONSHIPS, Relationship
from kith.persistence.store.core import Core

TABLE = "relationships"


def relationship_key(doc: dict[str, Any]) -> tuple[Any, Any, Any]:
    """A relationship as the same fact reads from either side: ``(a, b, kind)`` with a
    symmetric kind's people in order and an inverse kind in its first spelling."""
    a, b, kind_ = doc.get("a"), doc.get("b"), doc.get("kind")
    if kind_ in SYMMETRIC_RELATIONSHIPS and isinstance(a, str) and isinstance(b, str):
        return (min(a, b), max(a, b), kind_)
    inverse = INVERSE_RELATIONSHIPS.get(kind_) if isinstance(kind_, str) else None
    if inverse is not None and inverse < kind_:  # type: ignore[operator]
        return (b, a, inverse)
    return (a, b, kind_)


def settle_relationships(records: dict[str, dict[str, Any]]) -> list[str]:
    """Drop self-relations, duplicates and cycles (each the other's parent) in place, the
    oldest record (smallest id) of each staying; returns the ids dropped."""
    seen: set[tuple[Any, Any, Any]] = set()
    dropped = []
    for ident in sorted(records):
        doc = records[ident]
        a, b, kind_ = key = relationship_key(doc)
        if a == b or key in seen or (kind_ in INVERSE_RELATIONSHIPS and (b, a, kind_) in seen):
            del records[ident]
            dropped.append(ident)
            continue
        seen.add(key)
    return dropped


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

    def settle(self) -> list[str]:
        """Drop self-relations, duplicates and cycles (``settle_relationships``), as a
        merge of people can make them; returns the ids dropped."""
        records = dict(self.core.table(TABLE).docs())
        dropped = settle_relationships(records)
        with self.core.transaction():
            for ident in dropped:
                self.core.table(TABLE).discard(ident)
        return dropped

    def remove(self, ident: str) -> None:
        with self.core.transaction():
            self.core.table(TABLE).discard(ident)
