"""Interactions, partitioned by UTC month (``interactions/YYYY-MM.json``): record, upsert,
classify, replace and delete, each keeping the aggregates in the same transaction.

What is stored is what the caller gave: a missing value is estimated by the use case
(``kith.services.interactions``) before the write, never here."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from kith.core.errors import NotFound, ValidationError
from kith.core.model import Interaction
from kith.core.months import month_of
from kith.persistence.store import conversation_index
from kith.persistence.store.aggregates import Aggregates
from kith.persistence.store.core import Core
from kith.persistence.store.layout import INTERACTIONS, month_from_id, partition
from kith.persistence.tables import KeyedTable


@dataclass
class UpsertResult:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    stored: list[Interaction] = field(default_factory=list)


def same_import(existing: dict[str, Any], new: Interaction) -> bool:
    """Whether a stored document already says what a re-imported interaction says."""
    if (existing.get("when") != new.when.isoformat() or existing.get("network") != new.network
            or existing.get("people") != list(new.people)
            or existing.get("direction") != new.direction or existing.get("kind") != new.kind
            or existing.get("note") != new.note or existing.get("invited") != new.invited
            or conversation_index.initiative_of(existing) != new.initiative):
        return False
    # a value estimated at first import stays; an explicit one must match
    return new.value.is_empty or existing.get("value") == new.value.to_dict()


class Interactions:
    """The month files of interactions."""

    def __init__(self, core: Core, aggregates: Aggregates):
        self.core = core
        self.aggregates = aggregates

    def partition_table(self, month: str) -> KeyedTable:
        """The table of one month's interactions (``YYYY-MM``)."""
        return self.core.files.db(partition(month)).table("interactions")

    def month_docs(self, month: str) -> dict[str, dict[str, Any]]:
        """One month's raw interaction documents by id (no parsing; do not mutate)."""
        return self.partition_table(month).docs()

    def months(self) -> list[str]:
        """Every month that holds interactions, oldest first."""
        names = self.core.files.list(INTERACTIONS)
        return [n.rsplit("/", 1)[1].removesuffix(".json") for n in names]

    def interactions(self, *, network: str | None = None, person: str | None = None,
                     kind: str | None = None, since: datetime | None = None,
                     until: datetime | None = None) -> Iterator[Interaction]:
        """Interactions matching every given filter, oldest first.

        Only the month files between ``since`` and ``until`` are read.
        """
        low = month_of(since) if since else None
        high = month_of(until) if until else None
        for month in self.months():
            if (low and month < low) or (high and month > high):
                continue
            docs = self.month_docs(month).values()
            selected = []
            for doc in docs:
                if network and doc["network"] != network:
                    continue
                if person and person not in doc["people"]:
                    continue
                if kind and doc["kind"] != kind:
                    continue
                selected.append(doc)
            items = [Interaction.from_dict(d) for d in selected]
            items.sort(key=lambda i: (i.when, i.id))
            for item in items:
                if since and item.when < since:
                    continue
                if until and item.when > until:
                    continue
                yield item

    def get(self, ident: str) -> Interaction:
        guess = month_from_id(ident)
        months = self.months()  # one listing of the folder; the id's own month first
        if guess in months:
            months = [guess, *(m for m in months if m != guess)]
        for month in months:
            doc = self.partition_table(month).get(doc_id=ident)
            if doc is not None:
                return Interaction.from_dict(doc)
        raise NotFound(f"no interaction {ident!r}")

    def _check_refs(self, interaction: Interaction) -> None:
        if not self.core.table("networks").contains(doc_id=interaction.network):  # type: ignore[arg-type]
            raise NotFound(f"no network {interaction.network!r}")
        people = self.core.table("people")
        for ident in interaction.people:
            if not people.contains(doc_id=ident):  # type: ignore[arg-type]
                raise NotFound(f"no person {ident!r}")

    def record(self, interaction: Interaction) -> Interaction:
        """Store a new interaction as given, noted in ``Core.last_recorded``."""
        with self.core.transaction():
            self._check_refs(interaction)
            table = self.partition_table(interaction.month)
            if table.contains(doc_id=interaction.id):  # type: ignore[arg-type]
                raise ValidationError(f"interaction {interaction.id} already exists")
            table.put(interaction.id, interaction.to_dict())
            self.aggregates.apply(interaction, +1)
            self.core.note_recorded([interaction])
        return interaction

    def replace(self, interaction: Interaction, *, announce: bool = True,
                old: Interaction | None = None) -> Interaction:
        """Overwrite an interaction with the same id (it may move to another month);
        ``announce`` notes it in ``Core.last_recorded`` as news. ``old``: the stored
        version, when the caller has just read it in this transaction (a person merge
        moves thousands: looking each up again lists the month files each time)."""
        with self.core.transaction():
            if old is None or old.id != interaction.id:
                old = self.get(interaction.id)
            self._check_refs(interaction)
            self.remove(old)
            self.partition_table(interaction.month).put(interaction.id, interaction.to_dict())
            self.aggregates.apply(interaction, +1)
            if announce:
                self.core.note_recorded([interaction])
        return interaction

    def delete(self, ident: str) -> Interaction:
        with self.core.transaction():
            old = self.get(ident)
            self.remove(old)
        return old

    def remove(self, stored: Interaction) -> None:
        """Take out an interaction as read in the open transaction (no second lookup of
        its month file: removing a network's thousands of interactions reads each once)."""
        self.partition_table(stored.month).discard(stored.id)
        self.aggregates.apply(stored, -1)

    def classify(self, interactions: Iterable[Interaction]) -> tuple[int, int, int]:
        """How many would be added, updated, or left unchanged by ``upsert``."""
        added = updated = unchanged = 0
        for interaction in interactions:
            existing = self.partition_table(interaction.month).get(doc_id=interaction.id)
            if existing is None:
                added += 1
            elif same_import(existing, interaction):
                unchanged += 1
            else:
                updated += 1
        return added, updated, unchanged

    def upsert(self, interactions: Iterable[Interaction]) -> UpsertResult:
        """Insert new interactions and update changed ones, by id (derived from source).

        Batched per month file, so importing 100k records rewrites each month once. An
        updated one without a value keeps the value it had; a new one is stored as given
        (the use case estimated it before, see ``kith.services.interactions``).
        """
        result = UpsertResult()
        by_month: dict[str, list[Interaction]] = {}
        for interaction in interactions:
            by_month.setdefault(interaction.month, []).append(interaction)
        known_people = set(self.core.table("people").docs())
        known_networks = set(self.core.table("networks").docs())
        with self.core.transaction():
            for month, items in sorted(by_month.items()):
                table = self.partition_table(month)
                existing = table.docs()
                fresh = []
                for interaction in items:
                    if interaction.network not in known_networks:
                        raise NotFound(f"interaction {interaction.source or interaction.id} "
                                       f"refers to unknown network {interaction.network!r}")
                    missing = [p for p in interaction.people if p not in known_people]
                    if missing:
                        raise NotFound(f"interaction {interaction.source or interaction.id} "
                                       f"refers to unknown people {missing}")
                    old = existing.get(interaction.id)
                    if old is not None and same_import(old, interaction):
                        result.unchanged += 1
                        continue
                    if old is not None:
                        previous = Interaction.from_dict(old)
                        if interaction.value.is_empty:
                            interaction = interaction.with_changes(value=previous.value,
                                                                   meta=previous.meta)
                        table.discard(interaction.id)
                        self.aggregates.apply(previous, -1)
                        result.updated += 1
                    else:
                        result.added += 1
                    fresh.append(interaction)
                    self.aggregates.apply(interaction, +1)
                if fresh:
                    for item in fresh:
                        table.put(item.id, item.to_dict())
                    result.stored.extend(fresh)
                    self.core.note_recorded(fresh)
        return result
