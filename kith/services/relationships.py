"""Use cases for relationships between people (spouse, parent, colleague, introduced-by,
...): relate two people, forget how they are related.

A relationship (``kith.core.model.Relationship``) reads as typed, ``kith person relate A B
--as KIND``: "A is B's KIND", so ``relate Ann Tom --as parent`` says Ann is Tom's parent.
One record per relationship; each side sees it in its own words: symmetric kinds read the
same from both sides, the others through their inverse (Tom's page says "child of Ann").
People related in any way are never suggested as an introduction: they know each other.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kith.core import clock
from kith.core.didyoumean import suggestion
from kith.core.errors import NotFound, ValidationError
from kith.core.ids import new_id
from kith.core.model import (
    INVERSE_RELATIONSHIPS,
    RELATIONSHIP_ALIASES,
    RELATIONSHIP_KINDS,
    Relationship,
    describe_relationship,
)
from kith.services.recording import FieldError, in_field

if TYPE_CHECKING:
    from kith.persistence.store import Store


def check_kind(kind: str, *, new_kind: bool = False) -> str:
    """A known relationship kind (or its alias), or a clear error with suggestions;
    with ``new_kind``, any short lower-case word."""
    wanted = kind.strip().lower()
    wanted = RELATIONSHIP_ALIASES.get(wanted, wanted)
    if wanted in RELATIONSHIP_KINDS:
        return wanted
    if new_kind:
        if not re.fullmatch(r"[a-z][a-z0-9-]{0,39}", wanted):
            raise ValidationError(f"a relationship kind is a short lower-case word, not "
                                  f"{kind!r}")
        return wanted
    hint = suggestion(wanted, [*RELATIONSHIP_KINDS, *RELATIONSHIP_ALIASES])
    raise ValidationError(f"unknown relationship {kind!r}{hint} (known: "
                          f"{', '.join(RELATIONSHIP_KINDS)}; --new-kind to use your own)")


def _same(existing: Relationship, a: str, b: str, kind: str) -> bool:
    if (existing.a, existing.b, existing.kind) == (a, b, kind):
        return True
    return (existing.a, existing.b) == (b, a) and \
        INVERSE_RELATIONSHIPS.get(kind, kind) == existing.kind


def _reversed(existing: Relationship, a: str, b: str, kind: str) -> bool:
    """Whether ``a is b's kind`` would make a cycle with ``existing`` (each the other's
    parent, manager, mentor...): ``b`` is already ``a``'s ``kind``."""
    from kith.persistence.store.relationships import relationship_key

    if kind not in INVERSE_RELATIONSHIPS:
        return False
    x, y, same = relationship_key({"a": a, "b": b, "kind": kind})
    return relationship_key(existing.to_dict()) == (y, x, same)


def relate(store: Store, first: str, second: str, kind: str, *, note: str = "",
           new_kind: bool = False) -> Relationship:
    """Record that ``first`` is ``second``'s ``kind`` (people by id or name). A
    relationship already recorded, from either side, is refused rather than doubled."""
    with store.transaction():
        checked = in_field("kind", check_kind, kind, new_kind=new_kind)
        a = in_field("first", store.find_person, first)
        b = in_field("second", store.find_person, second)
        if a.id == b.id:
            raise FieldError("second", f"{a.name} cannot be related to themselves")
        for existing in store.relationships(a.id):
            if _same(existing, a.id, b.id, checked):
                raise FieldError("kind", f"{a.name} is already "
                                         f"{describe_relationship(checked)} {b.name} "
                                         f"({existing.id})")
            if _reversed(existing, a.id, b.id, checked):
                raise FieldError("kind", f"{b.name} is already "
                                         f"{describe_relationship(checked)} {a.name} "
                                         f"({existing.id}): they cannot each be the "
                                         f"other's {checked}")
        created = clock.now()
        item = Relationship(id=new_id(created), a=a.id, b=b.id, kind=checked,
                            note=note.strip(), created=created.isoformat(timespec="seconds"))
        return store.save_relationship(item)


def unrelate(store: Store, first: str, second: str,
             kind: str | None = None) -> list[Relationship]:
    """Remove the relationships between ``first`` and ``second`` (of ``kind`` as seen from
    ``first``, or all of them). Nothing to remove is refused."""
    with store.transaction():
        a = in_field("first", store.find_person, first)
        b = in_field("second", store.find_person, second)
        wanted = RELATIONSHIP_ALIASES.get(kind.strip().lower(), kind.strip().lower()) \
            if kind else None
        doomed = [r for r in store.relationships(a.id) if b.id in (r.a, r.b) and r.a != r.b
                  and (wanted is None or r.seen_from(a.id)[0] == wanted)]
        if not doomed:
            raise NotFound("no such relationship between them"
                           + (f" ({wanted})" if wanted else ""))
        for item in doomed:
            store.remove_relationship(item.id)
        return doomed


def preview(store: Store, first: str, second: str, kind: str, *,
            new_kind: bool = False) -> Relationship:
    """What ``relate`` would record, checked the same way (kind, people, not oneself) and
    written nowhere: faces show it so the direction is seen before it is saved."""
    checked = in_field("kind", check_kind, kind, new_kind=new_kind)
    a = in_field("first", store.find_person, first)
    b = in_field("second", store.find_person, second)
    if a.id == b.id:
        raise FieldError("second", f"{a.name} cannot be related to themselves")
    return Relationship(id="", a=a.id, b=b.id, kind=checked)
