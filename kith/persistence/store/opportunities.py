"""Opportunities (needs and offers people have) in ``kith.json``."""

from __future__ import annotations

from kith.core.errors import NotFound
from kith.core.ids import by_id_or_prefix
from kith.core.model import Opportunity
from kith.persistence.store.core import Core


class Opportunities:
    def __init__(self, core: Core):
        self.core = core

    def all(self, *, status: str | None = None) -> list[Opportunity]:
        # the raw documents, not TinyDB's copies of them: from_dict copies what it keeps
        docs = list(self.core.table("opportunities").docs().values())
        if status:  # years of closed needs and offers are not built to be dropped
            docs = [d for d in docs if d.get("status", "open") == status]
        return sorted((Opportunity.from_dict(d) for d in docs), key=lambda o: (o.when, o.id))

    def get(self, ident: str) -> Opportunity:
        """By id or unambiguous prefix, as notes and follow-ups are found."""
        doc = by_id_or_prefix(self.core.table("opportunities").docs(), ident)
        if doc is None:
            raise NotFound(f"no opportunity {ident!r} (see `kith opportunities`)")
        return Opportunity.from_dict(doc)

    def save(self, opportunity: Opportunity) -> Opportunity:
        with self.core.transaction():
            if not self.core.table("people").contains(doc_id=opportunity.person):  # type: ignore[arg-type]
                raise NotFound(f"no person {opportunity.person!r}")
            self.core.table("opportunities").put(opportunity.id, opportunity.to_dict())
        return opportunity
