"""Relationships between people: spouse, parent, colleague, introduced-by, ...

A relationship is a record of the ``relationships`` table in ``kith.json``::

    {"id": ULID, "a": PERSON_ID, "b": PERSON_ID, "kind": "parent", "note": "",
     "created": ISO date-time}

It reads as typed, ``kith person relate A B --as KIND``: "A is B's KIND", so
``relate Ann Tom --as parent`` says Ann is Tom's parent. One record per relationship;
each side sees it in its own words: symmetric kinds (spouse, friend, ...) read the same
from both sides, the others through their inverse (Tom's page says "child of Ann").
People related in any way are never suggested as an introduction: they know each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kith.core import clock
from kith.core.errors import NotFound, ValidationError
from kith.core.ids import new_id

if TYPE_CHECKING:
    from kith.persistence.store import Store

TABLE = "relationships"

SYMMETRIC: tuple[str, ...] = ("spouse", "partner", "sibling", "relative", "colleague",
                              "friend", "neighbour", "classmate", "acquaintance")
INVERSE: dict[str, str] = {"parent": "child", "child": "parent",
                           "introduced-by": "introduced", "introduced": "introduced-by",
                           "manager": "report", "report": "manager",
                           "mentor": "mentee", "mentee": "mentor"}
KINDS: tuple[str, ...] = (*SYMMETRIC, *INVERSE)
ALIASES = {"wife": "spouse", "husband": "spouse", "brother": "sibling", "sister": "sibling",
           "mother": "parent", "father": "parent", "son": "child", "daughter": "child",
           "coworker": "colleague", "co-worker": "colleague", "neighbor": "neighbour",
           "boss": "manager"}


@dataclass(frozen=True, slots=True)
class Relationship:
    id: str
    a: str
    b: str
    kind: str
    note: str = ""
    created: str | None = None

    def seen_from(self, person: str) -> tuple[str, str]:
        """``(kind in that person's words, the other person)``."""
        if person == self.a:
            return self.kind, self.b
        return INVERSE.get(self.kind, self.kind), self.a

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "a": self.a, "b": self.b, "kind": self.kind,
                "note": self.note, "created": self.created}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Relationship:
        return cls(id=data["id"], a=data["a"], b=data["b"], kind=data["kind"],
                   note=data.get("note") or "", created=data.get("created"))


def describe(kind: str) -> str:
    """``parent`` -> "parent of"; ``friend`` -> "friend of"; ``introduced-by`` as is."""
    return kind if kind.endswith("-by") else f"{kind} of"


def check_kind(kind: str, *, new_kind: bool = False) -> str:
    """A known relationship kind (or its alias), or a clear error with suggestions."""
    import re

    from kith.core.didyoumean import suggestion

    wanted = kind.strip().lower()
    wanted = ALIASES.get(wanted, wanted)
    if wanted in KINDS:
        return wanted
    if new_kind:
        if not re.fullmatch(r"[a-z][a-z0-9-]{0,39}", wanted):
            raise ValidationError(f"a relationship kind is a short lower-case word, not "
                                  f"{kind!r}")
        return wanted
    hint = suggestion(wanted, [*KINDS, *ALIASES])
    raise ValidationError(f"unknown relationship {kind!r}{hint} (known: {', '.join(KINDS)}; "
                          "--new-kind to use your own)")


def relationships(store: Store, person: str | None = None) -> list[Relationship]:
    found = [Relationship.from_dict(d) for d in store.records(TABLE).values()
             if person is None or person in (d.get("a"), d.get("b"))]
    return sorted(found, key=lambda r: (r.kind, r.id))


def _same(existing: Relationship, a: str, b: str, kind: str) -> bool:
    if (existing.a, existing.b, existing.kind) == (a, b, kind):
        return True
    return (existing.a, existing.b) == (b, a) and INVERSE.get(kind, kind) == existing.kind


def relate(store: Store, a: str, b: str, kind: str, *, note: str = "") -> Relationship:
    """Record that ``a`` is ``b``'s ``kind`` (ids, checked). A relationship already
    recorded, from either side, is an error rather than a duplicate."""
    first, second = store.get_person(a), store.get_person(b)
    if first is None or second is None:
        raise NotFound(f"no person {a if first is None else b!r}")
    if first.id == second.id:
        raise ValidationError(f"{first.name} cannot be related to themselves")
    for existing in relationships(store, first.id):
        if _same(existing, first.id, second.id, kind):
            raise ValidationError(f"{first.name} is already {describe(kind)} {second.name} "
                                  f"({existing.id})")
    created = clock.now()
    item = Relationship(id=new_id(created), a=first.id, b=second.id, kind=kind,
                        note=note.strip(), created=created.isoformat(timespec="seconds"))
    store.put_record(TABLE, item.to_dict())
    return item


def unrelate(store: Store, a: str, b: str, kind: str | None = None) -> list[Relationship]:
    """Remove the relationships between ``a`` and ``b`` (of ``kind`` from a's side, or
    all of them). Nothing to remove is an error."""
    doomed = [r for r in relationships(store, a) if b in (r.a, r.b) and r.a != r.b
              and (kind is None or r.seen_from(a)[0] == kind)]
    if not doomed:
        raise NotFound("no such relationship between them" + (f" ({kind})" if kind else ""))
    with store.transaction():
        for item in doomed:
            store.remove_record(TABLE, item.id)
    return doomed


def related_pairs(store: Store) -> set[frozenset[str]]:
    """Every pair of people related in any way (for the introduction matcher)."""
    return {frozenset((d["a"], d["b"])) for d in store.records(TABLE).values()}
