"""The kith database: networks, people, interactions and opportunities on TinyDB.

``Store`` is the facade every command and plugin uses; behind it each room has one job:

- ``core``: the folder, transactions, the schema record, raw keyed tables;
- ``layout``: where each file lives (backups are ``kith.reliability.backups``, made of
  ``kith.persistence.snapshots``);
- ``migrations``: schema versions and the steps between them;
- ``networks``, ``people`` (lookup, index, merge), ``opportunities``;
- ``moving``: a person merge's interactions and derived files, in time linear in
  what moves (only the month files that may name the absorbed person are read);
- ``notes``, ``followups``, ``relationships``: the journal kept about people;
- ``interactions``: the month partitions (record, upsert, classify, replace, delete);
- ``aggregates``: the derived month totals, person statistics and conversation index
  (``Totals``), kept up to date in the same transaction as each write.

The rooms depend on ``core`` and on each other in one direction; none imports this facade.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar, Literal, overload

from kith.core.errors import StoreError, ValidationError
from kith.core.model import (
    FollowUp,
    Interaction,
    Network,
    Note,
    Opportunity,
    Person,
    Relationship,
)
from kith.persistence.store import migrations
from kith.persistence.store.aggregates import Aggregates, aggregate
from kith.persistence.store.core import Core
from kith.persistence.store.followups import FollowUps
from kith.persistence.store.interactions import Interactions, UpsertResult
from kith.persistence.store.layout import (
    MAIN,
    NETWORK_TOTALS,
    PEOPLE_SHARDS,
    default_home,
    people_shard,
)
from kith.persistence.store.live import Live
from kith.persistence.store.networks import Networks
from kith.persistence.store.notes import Notes
from kith.persistence.store.opportunities import Opportunities
from kith.persistence.store.people import People
from kith.persistence.store.relationships import Relationships
from kith.persistence.tables import KeyedTable

__all__ = ["MAIN", "NETWORK_TOTALS", "PEOPLE_SHARDS", "Store", "UpsertResult",
           "aggregate", "default_home", "people_shard"]


class Store(Core):
    """The domain API over the database folder. One instance per command."""

    PERSON_FIELDS: ClassVar[dict[str, tuple[str, ...]]] = People.PERSON_FIELDS

    def __init__(self, home: Path | str, *, plugins: Any = None,
                 create: bool = True, currency: str | None = None):
        super().__init__(home, plugins=plugins)
        self._aggregates = Aggregates(self, history=self.interactions)
        self._interactions = Interactions(self, self._aggregates)
        self._networks = Networks(self)
        self._opportunities = Opportunities(self)
        self._people = People(self, self._networks, self._interactions, self._opportunities)
        self._notes = Notes(self)
        self._follow_ups = FollowUps(self)
        self._relationships = Relationships(self)
        self.live = Live(self)  # live sources' state and the inbox's suggestions
        if self.files.exists(MAIN):
            self._check_schema()
        elif create:
            self.prepare_new(currency)
        else:
            raise StoreError(f"no kith database at {self.home} (run `kith init`)")

    # the database ----------------------------------------------------------------------
    def _check_schema(self) -> None:
        self.check_schema(lambda version: migrations.migrate(self, version))

    def create(self) -> bool:
        """Write a new database now (``kith init``); False if it already existed."""
        if not self.uncreated:
            return False
        with self.transaction():
            pass
        return True

    @property
    def exists(self) -> bool:
        return not self.uncreated

    @property
    def schema_version(self) -> int:
        return int(self.meta()["version"])

    @property
    def currency(self) -> str:
        return str(self.meta().get("currency", "EUR"))

    def reload(self) -> None:  # type: ignore[override]
        """Forget what this store read that another process has since replaced, so the
        next read sees the disk (a database created meanwhile is opened)."""
        super().reload(self._check_schema)

    # networks --------------------------------------------------------------------------
    def networks(self) -> list[Network]:
        return self._networks.all()

    def get_network(self, ident: str) -> Network | None:
        return self._networks.get(ident)

    @overload
    def find_network(self, ref: str, *, missing_ok: Literal[False] = False) -> Network: ...

    @overload
    def find_network(self, ref: str, *, missing_ok: bool) -> Network | None: ...

    def find_network(self, ref: str, *, missing_ok: bool = False) -> Network | None:
        """A network by id or by an unambiguous name (case-insensitive, prefix allowed)."""
        return self._networks.find(ref, missing_ok=missing_ok)

    def save_network(self, network: Network) -> Network:
        return self._networks.save(network)

    def add_network(self, network: Network) -> Network:
        return self._networks.add(network)

    def remove_network(self, ident: str, *, force: bool = False) -> int:
        """Remove a network; with ``force`` its interactions go too. Returns that count."""

        with self.transaction():
            network = self.find_network(ident)
            doomed = list(self.interactions(network=network.id))
            if doomed and not force:
                raise ValidationError(f"network {network.id!r} has {len(doomed)} "
                                      "interactions; pass --force to remove them with it")
            for interaction in doomed:  # the aggregates go whole, by forget_network
                self.partition_table(interaction.month).discard(interaction.id)
            self.table("networks").discard(network.id)
            for person in self.people():
                if network.id in person.networks:
                    networks = {k: v for k, v in person.networks.items() if k != network.id}
                    self.save_person(person.with_changes(networks=networks))
            self._aggregates.forget_network(network.id, (p for i in doomed for p in i.people))
        return len(doomed)

    # people ----------------------------------------------------------------------------
    def people(self) -> list[Person]:
        return self._people.all()

    def people_docs(self) -> dict[str, dict[str, Any]]:
        """Raw person documents by id: the fast path for listing 10k people."""
        return self._people.docs()

    def get_person(self, ident: str) -> Person | None:
        return self._people.get(ident)

    def people_by_handle(self, kind: str, value: str) -> list[Person]:
        return self._people.by_handle(kind, value)

    def people_by_name(self, name: str) -> list[Person]:
        return self._people.by_name(name)

    def person_by_source(self, key: str) -> Person | None:
        return self._people.by_source(key)

    def find_person(self, ref: str) -> Person:
        """A person by id (or id prefix), handle, or an unambiguous name or alias."""
        return self._people.find(ref)

    def save_person(self, person: Person) -> Person:
        return self._people.save(person)

    def add_person(self, person: Person) -> Person:
        return self._people.add(person)

    def merge_people(self, keep_ref: str, absorb_ref: str) -> Person:
        """Merge ``absorb`` into ``keep`` (see ``People.merge``)."""
        return self._people.merge(keep_ref, absorb_ref)

    # interactions ----------------------------------------------------------------------
    def partition_table(self, month: str) -> KeyedTable:
        """The table of one month's interactions (``YYYY-MM``)."""
        return self._interactions.partition_table(month)

    def month_docs(self, month: str) -> dict[str, dict[str, Any]]:
        """One month's raw interaction documents by id (no parsing; do not mutate)."""
        return self._interactions.month_docs(month)

    def months(self) -> list[str]:
        """Every month that holds interactions, oldest first."""
        return self._interactions.months()

    def interactions(self, *, network: str | None = None, person: str | None = None,
                     kind: str | None = None, since: datetime | None = None,
                     until: datetime | None = None) -> Iterator[Interaction]:
        """Interactions matching every given filter, oldest first (only the month files
        between ``since`` and ``until`` are read)."""
        return self._interactions.interactions(network=network, person=person, kind=kind,
                                               since=since, until=until)

    def get_interaction(self, ident: str) -> Interaction:
        return self._interactions.get(ident)

    def record(self, interaction: Interaction) -> Interaction:
        """Store a new interaction as given (``kith.services.interactions`` estimates a
        missing value first and announces it after the commit)."""
        return self._interactions.record(interaction)

    def replace_interaction(self, interaction: Interaction, *,
                            announce: bool = True) -> Interaction:
        """Overwrite an interaction with the same id (it may move to another month)."""
        return self._interactions.replace(interaction, announce=announce)

    def delete_interaction(self, ident: str) -> Interaction:
        return self._interactions.delete(ident)

    def classify_interactions(self, interactions: Iterable[Interaction]) -> tuple[int, int, int]:
        """How many would be added, updated, or left unchanged by ``upsert_interactions``."""
        return self._interactions.classify(interactions)

    def upsert_interactions(self, interactions: Iterable[Interaction]) -> UpsertResult:
        """Insert new interactions and update changed ones, by id (derived from source)."""
        return self._interactions.upsert(interactions)

    # derived aggregates ----------------------------------------------------------------
    def network_months(self) -> dict[str, dict[str, dict[str, list[int]]]]:
        """``{network: {YYYY-MM: {row: [money, minutes, favours, fun, count]}}}``."""
        return self._aggregates.network_months()

    def person_stats(self, person: str | None = None) -> dict[str, dict[str, Any]]:
        """Per person, per network: first and last contact and totals by direction."""
        return self._aggregates.person_stats(person)

    def conversation_index(self, network: str) -> dict[str, Any]:
        return self._aggregates.conversation_index(network)

    def conversation_asks(self, network: str) -> dict[str, Any]:
        return self._aggregates.conversation_asks(network)

    def conversation_indexes(self) -> dict[str, Any]:
        return self._aggregates.conversation_indexes()

    def recompute_conversations(self) -> dict[str, Any]:
        return self._aggregates.recompute_conversations()

    def recompute_derived(self) -> tuple[dict[str, Any], dict[str, Any]]:
        """Aggregates rebuilt from every interaction (for ``kith doctor`` and tests)."""
        return self._aggregates.recompute()

    def rebuild_derived(self) -> None:
        """Replace the aggregates with a recomputation (``kith doctor --repair``)."""
        self._aggregates.rebuild()

    def rebuild_conversations(self) -> None:
        self._aggregates.rebuild_conversations()

    # opportunities ---------------------------------------------------------------------
    def opportunities(self, *, status: str | None = None) -> list[Opportunity]:
        return self._opportunities.all(status=status)

    def get_opportunity(self, ident: str) -> Opportunity:
        return self._opportunities.get(ident)

    def save_opportunity(self, opportunity: Opportunity) -> Opportunity:
        return self._opportunities.save(opportunity)

    # notes, follow-ups and relationships -----------------------------------------------
    def notes(self, person: str | None = None) -> list[Note]:
        """Notes (of one person, or everyone's), newest first."""
        return self._notes.all(person)

    def note_texts_by_person(self) -> dict[str, list[str]]:
        return self._notes.texts_by_person()

    def get_note(self, ident: str) -> Note:
        return self._notes.get(ident)

    def save_note(self, note: Note) -> Note:
        return self._notes.save(note)

    def remove_note(self, ident: str) -> None:
        self._notes.remove(ident)

    def follow_ups(self, *, person: str | None = None,
                   include_done: bool = False) -> list[FollowUp]:
        """Follow-ups, soonest due first (overdue ones lead); open ones only by default."""
        return self._follow_ups.all(person=person, include_done=include_done)

    def get_follow_up(self, ident: str) -> FollowUp:
        return self._follow_ups.get(ident)

    def save_follow_up(self, item: FollowUp) -> FollowUp:
        return self._follow_ups.save(item)

    def relationships(self, person: str | None = None) -> list[Relationship]:
        return self._relationships.all(person)

    def related_pairs(self) -> set[frozenset[str]]:
        """Every pair of people related in any way: they know each other."""
        return self._relationships.pairs()

    def save_relationship(self, item: Relationship) -> Relationship:
        return self._relationships.save(item)

    def remove_relationship(self, ident: str) -> None:
        self._relationships.remove(ident)
