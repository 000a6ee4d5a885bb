"""Follow-ups: the ``followups`` table of ``kith.json``."""

from __future__ import annotations

from kith.core.errors import NotFound
from kith.core.ids import by_id_or_prefix
from kith.core.model import FollowUp
from kith.persistence.store.core import Core

TABLE = "followups"


class FollowUps:
    def __init__(self, core: Core):
        self.core = core

    def all(self, *, person: str | None = None, include_done: bool = False) -> list[FollowUp]:
        """Follow-ups, open ones first, soonest due first (overdue ones lead)."""
        items = [FollowUp.from_dict(d) for d in self.core.table(TABLE).docs().values()
                 if person is None or d.get("person") == person]
        if not include_done:
            items = [i for i in items if i.is_open]
        return sorted(items, key=lambda i: (not i.is_open, i.due, i.id))

    def get(self, ident: str) -> FollowUp:
        """By id or unambiguous prefix."""
        doc = by_id_or_prefix(dict(self.core.table(TABLE).docs()), ident)
        if doc is None:
            raise NotFound(f"no follow-up {ident!r} (see `kith follow-up list`)")
        return FollowUp.from_dict(doc)

    def save(self, item: FollowUp) -> FollowUp:
        with self.core.transaction():
            self.core.table(TABLE).put(item.id, item.to_dict())
        return item
