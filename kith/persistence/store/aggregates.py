"""Derived aggregates: per network and month, and per person and network, the totals of
what was given, received and shared, plus the conversation index
(``kith.persistence.store.conversation_index``).

Recording one interaction touches only its month's file and these small derived files, so
its cost stays flat as years of history accumulate. The aggregates are updated in the
same transaction as the interaction itself; ``recompute`` rebuilds them from scratch, and
a test proves the two always agree.

On disk a total is a JSON list ``[money, minutes, favours, fun, count]``; readers turn a
row into a ``Totals`` (``totals_of``) to name its parts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, NamedTuple

from kith.core.errors import ValidationError
from kith.core.limits import MAX_TOTAL_MONEY_MINOR
from kith.core.model import Interaction, Value
from kith.core.months import utc_iso, utc_text
from kith.persistence.store import conversation_index
from kith.persistence.store.core import Core
from kith.persistence.store.layout import NETWORK_TOTALS, people_shard, people_shards


class Totals(NamedTuple):
    """One aggregate row: sums of the values of ``count`` interactions."""

    money: int = 0
    minutes: int = 0
    favours: int = 0
    fun: int = 0
    count: int = 0  # type: ignore[assignment]  # shadows tuple.count, as the name says it


ZERO = Totals()
DIMENSIONS = Totals._fields
MONEY, MINUTES, FAVOURS, FUN, COUNT = range(len(DIMENSIONS))
"""Where each part sits in a stored row, for the few loops over every person (10k rows a
command) that read one part without making a ``Totals`` of each row."""


def totals_of(rows: dict[str, list[int]], key: str) -> Totals:
    """The row ``key`` (a direction, ``intro``, ``invited``, ``pitched``) of a month's or a
    person's aggregates as ``Totals``; zero when there is none."""
    row = rows.get(key)
    return Totals._make(row) if row else ZERO


def interaction_count(stats: dict[str, Any]) -> int:
    """How many interactions one person had in one network (a ``person_stats`` entry:
    given, received and shared together). Read straight from the rows, without making
    ``Totals``: ``kith person list`` asks it for 10k people."""
    return int(stats["gave"][COUNT] + stats["received"][COUNT] + stats["shared"][COUNT])


def value_vector(value: Value) -> Totals:
    """A value as the totals of one interaction."""
    return Totals(value.money, value.minutes, value.favours, value.fun, 1)


def month_keys(direction: str, meta: dict[str, Any] | None,
               initiative: str | None = None, *, kind: str = "", fun: int = 0) -> list[str]:
    """Rows an interaction adds to in its network's month: its direction; ``intro`` too
    when it is value received through an introduction (so the ledger can say how much of
    a network's return came through introductions without reading history); and
    ``invited`` or ``pitched`` when someone came to the user or the user pitched (so the
    ledger counts conversations by month the same way).

    For the value model (``kith.domain.ledger``): ``forward`` for an introduction the user
    made for others (paying it forward, kept out of the favour balance) and
    ``forward-led`` once it has an outcome; otherwise ``est-<direction>`` when kith
    estimated the value (estimates are shown apart and never decide); and ``rated`` when
    the user recorded how much fun it was (fun is judged per occasion, over these)."""
    keys = [direction]
    if direction == "received" and meta and meta.get("introduction"):
        keys.append("intro")
    if initiative:
        keys.append(initiative)
    if kind == "introduction" and direction == "gave":
        keys.append("forward")
        if ((meta or {}).get("intro") or {}).get("outcomes"):
            keys.append("forward-led")
    elif meta and meta.get("estimated"):
        keys.append(f"est-{direction}")
    elif fun > 0:
        keys.append("rated")
    return keys


def new_person_row(when: str) -> dict[str, Any]:
    return {"first": when, "last": when, "gave": [0] * len(DIMENSIONS),
            "received": [0] * len(DIMENSIONS), "shared": [0] * len(DIMENSIONS)}


def _count_in(row: list[int], money: int, minutes: int, favours: int, fun: int) -> None:
    """Add one interaction's value to a stored row, in place: rows stay lists while
    ``aggregate`` sums 100k interactions (no ``Totals`` per row; on Python 3.11 the call
    costs no more than the same lines written inline)."""
    row[MONEY] += money
    row[MINUTES] += minutes
    row[FAVOURS] += favours
    row[FUN] += fun
    row[COUNT] += 1


def aggregate(docs: Iterable[dict[str, Any]]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The derived aggregates of interaction documents, computed from scratch.

    Returns ``(network_months, person_stats)`` in exactly the shapes the store keeps up
    to date incrementally (rows as lists, as on disk); ``kith doctor`` and the tests
    compare the two.
    """
    networks: dict[str, Any] = {}
    people: dict[str, Any] = {}
    for doc in docs:
        value = doc["value"]
        money, minutes, favours, fun = (value["money"], value["minutes"], value["favours"],
                                        value["fun"])
        when = utc_text(doc["when"])
        month = when[:7]
        direction, network = doc["direction"], doc["network"]
        for key in month_keys(direction, doc.get("meta"),
                              conversation_index.initiative_of(doc), kind=doc["kind"],
                              fun=fun):
            _count_in(networks.setdefault(network, {}).setdefault(month, {}).setdefault(
                key, [0] * len(DIMENSIONS)), money, minutes, favours, fun)
        for person in doc["people"]:
            net = people.setdefault(person, {}).setdefault(network, new_person_row(when))
            _count_in(net[direction], money, minutes, favours, fun)
            if when < net["first"]:
                net["first"] = when
            if when > net["last"]:
                net["last"] = when
    return networks, people


def widen_span(net: dict[str, Any], when: str) -> None:
    """A person's first/last contact in a network, widened to take in ``when``."""
    if when < net["first"]:
        net["first"] = when
    if when > net["last"]:
        net["last"] = when


def add_to_row(row: list[int], vector: Sequence[int], network: str) -> None:
    for i, amount in enumerate(vector):
        row[i] += amount
    if not -MAX_TOTAL_MONEY_MINOR <= row[0] <= MAX_TOTAL_MONEY_MINOR:
        raise ValidationError(f"the money recorded in {network} would exceed "
                              f"{MAX_TOTAL_MONEY_MINOR:,} minor units in one total")


class Aggregates:
    """The derived files, kept up to date write by write and rebuilt on demand."""

    def __init__(self, core: Core, history: Callable[..., Iterable[Interaction]]):
        self.core = core
        self.history = history
        """``Store.interactions``: the history, to recompute from."""

    def apply(self, interaction: Interaction, sign: int) -> None:
        """Add (``sign=+1``) or remove (``-1``) an interaction from the aggregates."""
        raw_table = self.core.raw_table
        vector = Totals._make([sign * x for x in value_vector(interaction.value)])
        totals = raw_table(NETWORK_TOTALS, "networks")
        months = totals.setdefault(interaction.network, {"months": {}})["months"]
        month = months.setdefault(interaction.month, {})
        for key in month_keys(interaction.direction, interaction.meta,
                              interaction.initiative, kind=interaction.kind,
                              fun=interaction.value.fun):
            row = month.setdefault(key, [0] * len(DIMENSIONS))
            add_to_row(row, vector, interaction.network)
            if not any(row):
                del month[key]
        if not month:
            del months[interaction.month]
        if not months:
            del totals[interaction.network]
        self.index(interaction, sign)
        when = utc_iso(interaction.when)
        for person in interaction.people:
            table = raw_table(people_shard(person), "people")
            nets = table.setdefault(person, {"networks": {}})["networks"]
            net = nets.setdefault(interaction.network, new_person_row(when))
            add_to_row(net[interaction.direction], vector, interaction.network)
            if sign > 0:
                widen_span(net, when)
            if not interaction_count(net):
                del nets[interaction.network]
            elif sign < 0 and when in (net["first"], net["last"]):
                net.update(self._span(person, interaction.network, exclude=interaction.id))
            if not nets:
                del table[person]

    def index(self, interaction: Interaction, sign: int,
              batch: conversation_index.Batch | None = None) -> None:
        """Add or remove an interaction from its network's conversation index (when it
        adds anything to it); ``batch``: see ``conversation_index.apply``."""
        value = interaction.value
        if conversation_index.relevant(interaction.direction, interaction.kind,
                                       interaction.initiative, value.money, value.favours):
            raw_table = self.core.raw_table
            name = conversation_index.file_of(interaction.network)
            conversation_index.apply(
                raw_table(name, "people"),
                raw_table(conversation_index.asks_file_of(interaction.network), "asks"),
                raw_table(name, "talks"),
                {"id": interaction.id, "when": interaction.when.isoformat(),
                 "people": interaction.people, "direction": interaction.direction,
                 "kind": interaction.kind, "note": interaction.note,
                 "value": {"money": value.money, "favours": value.favours},
                 "initiative": interaction.initiative}, sign, batch)

    def _span(self, person: str, network: str, *, exclude: str) -> dict[str, str]:
        whens = [utc_iso(i.when) for i in self.history(person=person, network=network)
                 if i.id != exclude]
        return {"first": min(whens), "last": max(whens)} if whens else {}

    # reading ---------------------------------------------------------------------------
    def network_months(self) -> dict[str, dict[str, dict[str, list[int]]]]:
        """``{network: {YYYY-MM: {row: [money, minutes, favours, fun, count]}}}`` (see
        ``totals_of``)."""
        table = self.core.files.db(NETWORK_TOTALS).table("networks")
        return {ident: doc["months"] for ident, doc in table.docs().items()}

    def person_stats(self, person: str | None = None) -> dict[str, dict[str, Any]]:
        """Per person, per network: first and last contact and totals by direction."""
        files = self.core.files
        if person is not None:
            doc = files.db(people_shard(person)).table("people").get(doc_id=person)
            return {person: doc["networks"]} if doc else {}
        stats: dict[str, dict[str, Any]] = {}
        for shard in people_shards():
            for ident, doc in files.db(shard).table("people").docs().items():
                stats[ident] = doc["networks"]
        return stats

    def conversation_index(self, network: str) -> dict[str, Any]:
        """One network's ``{"people": {...}, "talks": {...}}`` (see
        ``kith.persistence.store.conversation_index``)."""
        files = self.core.files
        name = conversation_index.file_of(network)
        data = files.read(name) if files.exists(name) else {}
        return {"people": data.get("people", {}), "talks": data.get("talks", {})}

    def conversation_asks(self, network: str) -> dict[str, Any]:
        """One network's invitation and pitch days by person (``{person: {i, p}}``)."""
        files = self.core.files
        name = conversation_index.asks_file_of(network)
        return dict(files.read(name).get("asks", {})) if files.exists(name) else {}

    def conversation_indexes(self) -> dict[str, Any]:
        """Every network's conversation index, lists in order (for checks and tests)."""
        result = {}
        for network in self.core.table("networks").docs():
            index = conversation_index.normalise(
                {**self.conversation_index(network), "asks": self.conversation_asks(network)})
            if any(index.values()):
                result[network] = index
        return result

    # rebuilding ------------------------------------------------------------------------
    def recompute_conversations(self) -> dict[str, Any]:
        """The conversation indexes rebuilt from every interaction."""
        return conversation_index.aggregate_conversations(
            i.to_dict() for i in self.history())

    def recompute(self) -> tuple[dict[str, Any], dict[str, Any]]:
        """Aggregates rebuilt from every interaction (for ``kith doctor`` and tests)."""
        return aggregate(i.to_dict() for i in self.history())

    def rebuild(self) -> None:
        """Replace the aggregates with a recomputation (``kith doctor --repair``)."""
        networks, people = self.recompute()
        files = self.core.files
        with self.core.transaction():
            totals = files.db(NETWORK_TOTALS).table("networks")
            totals.truncate()
            for ident, months in networks.items():
                totals.put(ident, {"months": months})
            for shard in people_shards():
                files.db(shard).table("people").truncate()
            for ident, nets in people.items():
                files.db(people_shard(ident)).table("people").put(ident, {"networks": nets})
            self.rebuild_conversations()

    def rebuild_conversations(self) -> None:
        """Replace the conversation indexes with a recomputation from the interactions."""
        index = self.recompute_conversations()
        with self.core.transaction():
            for network in self.core.table("networks").docs():
                self.clear_conversations(network)
            for network, tables in index.items():
                for table in ("people", "asks", "talks"):
                    name = (conversation_index.asks_file_of if table == "asks"
                            else conversation_index.file_of)(network)
                    self.core.raw_table(name, table).update(tables[table])

    def clear_conversations(self, network: str) -> None:
        files, raw_table = self.core.files, self.core.raw_table
        name = conversation_index.file_of(network)
        if files.holds(name):
            raw_table(name, "people").clear()
            raw_table(name, "talks").clear()
        asks = conversation_index.asks_file_of(network)
        if files.holds(asks):
            raw_table(asks, "asks").clear()

    def forget_network(self, network: str, people: Iterable[str]) -> None:
        """Drop a removed network's totals, conversation index and the statistics of
        ``people`` (everyone its interactions named) in it, whole: taking its interactions
        out one by one would recompute a person's first and last contact from history
        at nearly every step (a minute for 3,000 interactions)."""
        totals = self.core.files.db(NETWORK_TOTALS).table("networks")
        if totals.contains(doc_id=network):  # type: ignore[arg-type]
            totals.discard(network)
        for person in set(people):
            table = self.core.raw_table(people_shard(person), "people")
            nets = table.get(person, {}).get("networks", {})
            if nets.pop(network, None) is not None and not nets:
                del table[person]
        self.clear_conversations(network)
