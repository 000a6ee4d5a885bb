"""Schema versions and the migrations between them.

A database written by an older kith is migrated (after a backup), never rejected; one
written by a newer kith is refused with a clear message, so nothing is lost by an older
program rewriting data it does not understand.

Version history:
1. Single-file prototype layout (all interactions in ``kith.json``).
2. Interactions partitioned by month, derived aggregates.
3. Interactions carry ``initiative`` (``invited``/``pitched``/none; ``invited: true`` stays
   invited), and the derived conversation index (``derived/conversations.json``).
4. The month totals gain the value model's rows (estimates, rated fun, paid forward).
5. Money on a shared interaction is the user's share of the cost, so the conversation
   index no longer lists it as a payment from the people present.
6. (observed-remove sets) A list element may carry several add stamps, live and dead
   (``{"+": [...], "-": [...]}`` in ``_sub``, ``kith.persistence.elements``), and data
   files are written one record per line (current). Nothing is rewritten: an element
   stored as one stamp is one dot, and readers take either layout. The version is bumped
   so that an older kith refuses the database (and a sync with it) instead of
   misreading the new stamps.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, Protocol

from kith.core.errors import StoreError
from kith.core.model import Interaction
from kith.persistence.store.conversation_index import initiative_of
from kith.persistence.tables import KeyedTable, KithTinyDB


class Migratable(Protocol):
    """What a migration needs of the store (the ``Store`` facade provides it; naming it
    here, not importing the facade, keeps the store and its migrations out of a circle)."""

    home: Path

    @property
    def main(self) -> KithTinyDB: ...

    def months(self) -> list[str]: ...

    def partition_table(self, month: str) -> KeyedTable: ...

    def upsert_interactions(self, interactions: Iterable[Interaction]) -> Any: ...

    def rebuild_derived(self) -> None: ...


SCHEMA_VERSION = 6


def _from_1(store: Migratable) -> None:
    """Move interactions out of ``kith.json`` into month files and build the aggregates."""
    old = store.main.table("interactions")
    docs = list(old.docs().values())
    if docs:
        store.upsert_interactions(Interaction.from_dict(d) for d in docs)
    store.main.drop_table("interactions")
    store.rebuild_derived()


def _from_2(store: Migratable) -> None:
    """Give every interaction an ``initiative`` (invited ones stay invited), and rebuild
    the derived data: month totals that count invitations and pitches, and the
    conversation index the ledger reads."""

    def give_initiative(docs: dict[str, dict[str, Any]]) -> bool:
        for doc in docs.values():
            doc["initiative"] = initiative_of(doc)
            doc["invited"] = doc["initiative"] == "invited"
        return bool(docs)

    for month in store.months():
        store.partition_table(month).rewrite(give_initiative)
    store.rebuild_derived()  # the month totals count invitations and pitches too


def _from_3(store: Migratable) -> None:
    """Rebuild the derived data for the value model's new rows (the interactions are
    unchanged; the backup is taken before any migration)."""
    store.rebuild_derived()


def _from_4(store: Migratable) -> None:
    """Rebuild the derived data: shared money ("I pay my share") is money spent, and the
    conversation index listed a positive shared amount as a payment from the people
    present (the interactions are unchanged)."""
    store.rebuild_derived()


def _from_5_observed_remove(store: Migratable) -> None:
    """Observed-remove sets and one record per line: nothing to rewrite (see version 6
    above; a file gets the new layout the next time it is written)."""


MIGRATIONS: dict[int, Any] = {1: _from_1, 2: _from_2, 3: _from_3, 4: _from_4,
                              5: _from_5_observed_remove}


def migrate(store: Migratable, version: int) -> None:
    """Run every migration from ``version`` up to ``SCHEMA_VERSION`` in order."""
    if version not in MIGRATIONS and version != SCHEMA_VERSION:
        raise StoreError(f"schema version {version} of {store.home} is not one kith ever "
                         "wrote; run `kith doctor`")
    while version < SCHEMA_VERSION:
        MIGRATIONS[version](store)
        version += 1
