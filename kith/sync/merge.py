"""Merging two kith databases without losing anything, in any order, any number of times.

A database is read into a ``State``: every table of ``kith.json`` (generically: tables
added later are merged the same way), the interactions of every month file as one table,
and the tombstones of both. Two states merge record by record:

- a record only one side has is kept;
- a record both sides have is merged **node by node** (``kith.persistence.elements``):
  each scalar field, and each key of a mapping, takes the value with the newer stamp;
  each element of a list is added or removed on its own stamp; equal stamps (only
  possible for records written before kith kept stamps) fall back to comparing the
  values, so the result never depends on which side is "ours"; a scalar lost to a
  writer who had not seen it is a conflict (``collecting``, ``kith.sync.conflicts``);
- a tombstone deletes the record it deleted and every edit of it made meanwhile (only a
  record created again after it survives);
- people merged on one side (the ``merges`` table: absorbed id -> kept id) are followed on
  the other: the other side's late edits to the absorbed person are folded into the kept
  one, the absorbed person goes, and every reference to it in any record of any table
  (an interaction's people, an opportunity's person, a note's person...) is rewritten to
  the kept person; relationships are then settled (no duplicates, no self-relations, no
  cycles);
- derived aggregates are recomputed from the merged interactions.

The merge is a join: idempotent (A+A = A, and merging again changes nothing) and
commutative (A+B = B+A); the property tests in ``tests/test_merge_properties.py`` check it
over generated databases and edit sequences. Reading databases is ``kith.sync.load``'s
job, writing the result ``kith.sync.write``'s. ``_meta`` is not merged field by field: the
schema versions must be equal, and the settings (currency) of the older database win.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import orjson

from kith.core.errors import StoreError
from kith.core.model import ME
from kith.persistence.elements import (
    NO_DOTS,
    SINCE,
    Dots,
    ElementDots,
    Nodes,
    Stamp,
    children,
    element_key,
    element_state,
    hidden_dots,
    join_element,
    kind,
    put_element,
    stamps_of,
    value_at,
)
from kith.persistence.stamps import (
    STAMP_KEYS,
    TOMBSTONES,
    encode_record,
    record_dots,
    record_nodes,
    record_stamp,
    tombstone_stamp,
)
from kith.persistence.store.relationships import settle_relationships

INTERACTIONS = "interactions"
MERGES = "merges"
PEOPLE = "people"
NETWORKS = "networks"
RELATIONSHIPS = "relationships"
REFERENCED = (NETWORKS, PEOPLE)


def _canonical(value: Any) -> bytes:
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS)


@dataclass
class State:
    """One database in memory: what merges, apart from derived data."""

    meta: dict[str, Any] = field(default_factory=dict)
    tables: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    tombstones: dict[str, dict[str, Any]] = field(default_factory=dict)
    declared_schema: int | None = None  # an export's schema, when it has no _meta
    locations: dict[str, str] = field(default_factory=dict)  # interaction id -> its file
    duplicates: bool = False  # an interaction in two month files (a merge made by git)
    skipped: list[str] = field(default_factory=list)  # what reading left out, and why

    def schema_version(self) -> int | None:
        schema = self.meta.get("schema")
        version = schema.get("version") if isinstance(schema, dict) else None
        return version if isinstance(version, int) else self.declared_schema

    def comparable(self) -> dict[str, Any]:
        """Everything that must be equal for two databases to hold the same data."""
        return {"meta": self.meta, "tombstones": self.tombstones,
                "tables": {name: records for name, records in self.tables.items() if records}}


# joining records ------------------------------------------------------------------------
def join_docs(a: dict[str, Any], b: dict[str, Any], table: str | None = None
              ) -> dict[str, Any]:
    """Two versions of one record merged node by node (commutative, idempotent): fields
    and a mapping's keys newest-wins, a list's elements one by one; a scalar that loses to
    a writer who had not seen it is a conflict, handed to ``collecting``'s list when one
    is open and ``table`` is named (``kith.persistence.elements``)."""
    if a == b:
        return a
    return _Join(a, b, table).result()


@dataclass(frozen=True)
class Conflict:
    """A value newest-wins dropped: what ``kith conflicts`` shows and lets the user pick."""

    table: str
    record: str
    path: tuple[str, ...]
    value: Any
    stamp: Stamp
    winner: Any
    winner_stamp: Stamp


_collectors: list[list[Conflict]] = []


@contextmanager
def collecting() -> Iterator[list[Conflict]]:
    """The conflicts the joins made inside the block (``kith merge``, ``kith sync``)."""
    found: list[Conflict] = []
    _collectors.append(found)
    try:
        yield found
    finally:
        _collectors.remove(found)


class _Join:
    def __init__(self, a: dict[str, Any], b: dict[str, Any], table: str | None):
        self.table, self.ident = table, a.get("id", b.get("id"))
        self.values = ({k: v for k, v in a.items() if k not in STAMP_KEYS},
                       {k: v for k, v in b.items() if k not in STAMP_KEYS})
        self.dots = (record_dots(a), record_dots(b))
        self.nodes = (record_nodes(a, self.dots[0]), record_nodes(b, self.dots[1]))
        self.since_of = (stamps_of(a, SINCE), stamps_of(b, SINCE))
        self.removed: tuple[dict[Any, set[str]], dict[Any, set[str]]] = ({}, {})
        for side in (0, 1):
            for path, (_, present) in self.nodes[side].items():
                if not present and len(path) > 1:
                    self.removed[side].setdefault(path[:-1], set()).add(path[-1])
        self.hidden = (hidden_dots(self.nodes[0], self.dots[0]),
                       hidden_dots(self.nodes[1], self.dots[1]))
        self.out: Nodes = {}
        self.out_dots: ElementDots = {}
        self.since: dict[Any, Stamp] = {}

    def result(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        va, vb = self.values
        names = {p[0] for p in self.nodes[0] if len(p) == 1} | \
            {p[0] for p in self.nodes[1] if len(p) == 1}
        for name in sorted(names):
            present, value = self.node((name,), va.get(name, _ABSENT), vb.get(name, _ABSENT))
            if present:
                values[name] = value
        for side in (0, 1):  # hidden dots below a node one side's subtree was copied with
            for parent, elements in self.hidden[side].items():
                if parent not in self.out:
                    continue
                for name in elements:
                    path = (*parent, name)
                    if path not in self.out and path not in self.out_dots:
                        state = join_element(self.element_of(0, path),
                                             self.element_of(1, path))
                        if state[0] or state[1]:
                            self.out_dots[path] = state
        return encode_record(values, self.out, self.since, self.out_dots)

    def element_of(self, side: int, path: tuple[str, ...]) -> tuple[Dots, Dots]:
        """One side's dots of the element at ``path``, in its list or hidden."""
        if path in self.nodes[side]:
            return element_state(self.nodes[side], self.dots[side], path)
        return self.hidden[side].get(path[:-1], {}).get(path[-1], (NO_DOTS, NO_DOTS))

    def node(self, path: tuple[str, ...], va: Any, vb: Any,
             element: bool = False) -> tuple[bool, Any]:
        if element:
            return self._node(path, va, vb, element)
        lists = [kind(v) == "list" and self.nodes[side].get(path, (None, False))[1]
                 for side, v in ((0, va), (1, vb))]
        present, value = self._node(path, va, vb, element)
        if all(lists) or not (any(lists) or path in self.hidden[0] or path in self.hidden[1]):
            return present, value  # two lists joined element by element, or no list at all
        # a list on one side only, or elements hidden on either: every dot of both
        # sides is kept, visible if a list won, hidden if not
        names: set[str] = set()
        for side, v in ((0, va), (1, vb)):
            if lists[side]:
                names.update(children(v))
                names.update(self.removed[side].get(path, ()))
            names.update(self.hidden[side].get(path, ()))
        shown = present and kind(value) == "list"
        merged: dict[str, Any] = {}
        for name in sorted(names):
            child = (*path, name)
            state = join_element(self.element_of(0, child), self.element_of(1, child))
            if shown:
                self.out_dots.pop(child, None)
                if put_element(self.out, self.out_dots, child, *state):
                    for side, v in ((0, va), (1, vb)):
                        if lists[side] and name in children(v):
                            merged[name] = children(v)[name]
                            break
                    else:
                        merged[name] = orjson.loads(name)
            elif state[0] or state[1]:
                self.out_dots[child] = state
        if shown:
            order = sorted(merged, key=lambda n: (self.out[(*path, n)][0], n))
            value = [merged[n] for n in order]
        return present, value

    def _node(self, path: tuple[str, ...], va: Any, vb: Any,
              element: bool = False) -> tuple[bool, Any]:
        if element:  # an observed-remove set's element: dots, not clocks, decide
            state = join_element(element_state(self.nodes[0], self.dots[0], path),
                                 element_state(self.nodes[1], self.dots[1], path))
            present = put_element(self.out, self.out_dots, path, *state)
            return present, (va if va is not _ABSENT else vb) if present else None
        sa, sb = self.nodes[0].get(path), self.nodes[1].get(path)
        if sa is None or sb is None:
            side = 1 if sa is None else 0
            return self.copy(side, path, (va, vb)[side], element)
        (stamp_a, present_a), (stamp_b, present_b) = sa, sb
        if present_a and present_b:
            if kind(va) == kind(vb) != "leaf":
                return True, self.container(path, va, vb, max(stamp_a, stamp_b))
            a_wins = stamp_a > stamp_b or (stamp_a == stamp_b
                                          and _canonical(va) >= _canonical(vb))
            winner, loser = (0, 1) if a_wins else (1, 0)
            lost, lost_stamp = (va, vb)[loser], (stamp_a, stamp_b)[loser]
            seen = self.since_of[winner].get(path)
            if _collectors and self.table is not None and isinstance(self.ident, str) \
                    and lost_stamp != (stamp_a, stamp_b)[winner] and lost_stamp[1] \
                    and (seen is None or lost_stamp > seen) \
                    and _canonical(lost) != _canonical((va, vb)[winner]):
                found = Conflict(self.table, self.ident, path, lost, lost_stamp,
                                 (va, vb)[winner], (stamp_a, stamp_b)[winner])
                for collector in _collectors:
                    collector.append(found)
            return self.copy(winner, path, (va, vb)[winner], element)
        if present_a != present_b:  # one side removed it: the newer stamp; a tie removes
            a_wins = stamp_a > stamp_b or (stamp_a == stamp_b and not present_a)
            side = 0 if a_wins else 1
            return self.copy(side, path, (va, vb)[side], element)
        self.out[path] = (max(stamp_a, stamp_b), False)
        return False, None

    def container(self, path: tuple[str, ...], va: Any, vb: Any, stamp: Stamp) -> Any:
        self.out[path] = (stamp, True)
        as_list = kind(va) == "list"
        ca, cb = children(va), children(vb)
        names = set(ca) | set(cb) | self.removed[0].get(path, set()) | \
            self.removed[1].get(path, set())
        merged: dict[str, Any] = {}
        for name in sorted(names):
            present, value = self.node((*path, name), ca.get(name, _ABSENT),
                                       cb.get(name, _ABSENT), element=as_list)
            if present:
                merged[name] = value
        if as_list:  # a set's order: when each element came, then the element itself
            order = sorted(merged, key=lambda n: (self.out[(*path, n)][0], n))
            return [merged[n] for n in order]
        return merged

    def copy(self, side: int, path: tuple[str, ...], value: Any,
             element: bool) -> tuple[bool, Any]:
        """One side's node and everything below it, as that side has them."""
        nodes = self.nodes[side]
        stamp, present = nodes[path]
        self.out[path] = (stamp, present)
        if path in self.dots[side]:
            self.out_dots[path] = self.dots[side][path]
        if path in self.since_of[side]:
            self.since[path] = self.since_of[side][path]
        if not present:
            return False, None
        if not element and kind(value) != "leaf":
            as_list = kind(value) == "list"
            found = children(value)
            for name, child in found.items():
                self.copy(side, (*path, name), child, as_list)
            for name in self.removed[side].get(path, ()):
                if name not in found:
                    self.out[(*path, name)] = nodes[(*path, name)]
                    if (*path, name) in self.dots[side]:
                        self.out_dots[(*path, name)] = self.dots[side][(*path, name)]
            if as_list:
                order = sorted(found, key=lambda n: (self.out[(*path, n)][0], n))
                return True, [found[n] for n in order]
        return True, value


_ABSENT = object()


def join_tombstones(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    if a == b:
        return a
    key_a, key_b = tombstone_stamp(a), tombstone_stamp(b)
    if key_a != key_b:
        return a if key_a > key_b else b
    return a if _canonical(a) >= _canonical(b) else b


def join_meta(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    """``_meta`` of the merge: the older database's settings (it is the one with history)."""
    result = {}
    for key in sorted(a.keys() | b.keys()):
        if key not in a or key not in b:
            result[key] = a.get(key, b.get(key))
            continue
        first, second = a[key], b[key]
        order_a = (_created(first), _canonical(first))
        order_b = (_created(second), _canonical(second))
        result[key] = first if order_a <= order_b else second
    return result


def _created(doc: Any) -> tuple[int, str]:
    created = doc.get("created") if isinstance(doc, dict) else None
    return (0, created) if isinstance(created, str) else (1, "")


def join_table(into: dict[str, dict[str, Any]], records: dict[str, dict[str, Any]],
               table: str | None = None) -> None:
    for ident, doc in records.items():
        mine = into.get(ident)
        into[ident] = doc if mine is None else join_docs(mine, doc, table)


def join_file(ours: dict[str, Any], theirs: dict[str, Any]) -> dict[str, Any]:
    """One data file merged with another version of it (the git merge driver's job)."""
    result: dict[str, Any] = {}
    for table in sorted(ours.keys() | theirs.keys()):
        mine, other = ours.get(table) or {}, theirs.get(table) or {}
        if table == "_meta":
            result[table] = join_meta(mine, other)
        elif table == TOMBSTONES:
            merged = dict(mine)
            for key, doc in other.items():
                merged[key] = doc if key not in merged else join_tombstones(merged[key], doc)
            result[table] = dict(sorted(merged.items()))
        else:
            merged = dict(mine)
            join_table(merged, other)
            result[table] = dict(sorted(merged.items()))
    return result


def join(a: State, b: State) -> State:
    """The merge of two states, normalised (see the module's docstring)."""
    if a.schema_version() is not None and b.schema_version() is not None \
            and a.schema_version() != b.schema_version():
        raise StoreError(f"cannot merge databases of schema {a.schema_version()} and "
                         f"{b.schema_version()}: open both with the same kith version first")
    result = State(meta=join_meta(a.meta, b.meta) if a.meta and b.meta else (a.meta or b.meta))
    for name in sorted(a.tables.keys() | b.tables.keys()):
        merged = dict(a.tables.get(name, {}))
        join_table(merged, b.tables.get(name, {}), name)
        result.tables[name] = merged
    result.tombstones = dict(a.tombstones)
    for key, doc in b.tombstones.items():
        mine = result.tombstones.get(key)
        result.tombstones[key] = doc if mine is None else join_tombstones(mine, doc)
    normalize(result)
    return result


# normalising ---------------------------------------------------------------------------
def normalize(state: State) -> None:
    """Apply people merges and tombstones to the records they concern (in place).

    - People merges first: an absorbed person another device still edited (a phone, an
      alias, a tag added before it heard of the merge) is folded into the kept person,
      element by element and with the stamps it had (``fold_person``), then goes; every
      reference to it is rewritten to the kept person, without new stamps.
    - A tombstone deletes every version of the record it deleted, including edits made
      meanwhile on a device that had not seen the deletion (remove wins: a deletion stays
      deleted whatever the clocks say); only a record created again after the deletion
      survives it.
    - A deleted network or person that a surviving interaction or opportunity still
      refers to (a network removed on one device while the other logged in it) stays:
      nothing a device recorded is lost, and no record points at nothing. Memberships
      alone do not keep a network: a person added to a network removed on the other side
      leaves it.
    - Relationships: one per pair and kind (seen from either side), none of a person with
      themselves, and never each the other's parent (the oldest record of such a pair
      stays)."""
    people = state.tables.get(PEOPLE, {})
    doomed: list[tuple[str, str]] = []
    for key, tomb in state.tombstones.items():
        table, _, ident = key.partition("/")
        records = state.tables.get(table)
        doc = records.get(ident) if records else None
        if doc is not None and deletes(tomb, doc):
            doomed.append((table, ident))
    merges = state.tables.get(MERGES, {})
    kept: dict[str, str] = {}
    if merges:
        dead_people = {ident for table, ident in doomed if table == PEOPLE}
        alive = {ident: doc for ident, doc in people.items() if ident not in dead_people}
        kept = resolve_merges(merges, alive)
    for absorbed, target in sorted(kept.items()):
        late = people.pop(absorbed, None)
        if late is not None and target in people:  # its tombstone is the merge's own
            people[target] = fold_person(people[target], late)
    deferred = []
    for table, ident in doomed:
        if table in REFERENCED:
            deferred.append((table, ident))
        elif ident not in kept or table != PEOPLE:
            state.tables[table].pop(ident, None)
    if kept:
        for name, records in state.tables.items():
            if name in (PEOPLE, MERGES):
                continue
            for ident, doc in list(records.items()):
                rewritten = _rewrite_refs(doc, kept)
                if rewritten is not doc:
                    records[ident] = rewritten
    if deferred:
        used = _referenced(state)
        for table, ident in deferred:
            if ident not in used[table]:
                state.tables[table].pop(ident, None)
    _leave_missing_networks(state)
    settle_relationships(state.tables.get(RELATIONSHIPS, {}))


def deletes(tomb: dict[str, Any], doc: dict[str, Any]) -> bool:
    """Whether a tombstone deletes a record: the record existed when it was deleted (it
    was created no later), whatever was edited since on a device that had not seen it."""
    return tombstone_stamp(tomb)[0] >= creation(doc)


def creation(doc: dict[str, Any]) -> str:
    """When a record was created: its oldest stamp."""
    base = doc.get("_base")
    if isinstance(base, list) and base and isinstance(base[0], str):
        return base[0]
    return record_stamp(doc)[0]


def _leave_missing_networks(state: State) -> None:
    """A person's membership of a network no longer there goes (see ``normalize``)."""
    networks = state.tables.get(NETWORKS, {}).keys()
    people = state.tables.get(PEOPLE, {})
    for ident, doc in list(people.items()):
        member = doc.get(NETWORKS)
        if isinstance(member, dict) and member and not member.keys() <= networks:
            people[ident] = {**doc, NETWORKS: {net: since for net, since in member.items()
                                               if net in networks}}


_FOLDED_SETS = ("aliases", "tags", "sources", "merged_from")
_FOLDED_MAPS = ("networks", "extra")
_FOLDED_SCALARS = ("notes", "birthday", "cadence_days")


def fold_person(kept: dict[str, Any], absorbed: dict[str, Any]) -> dict[str, Any]:
    """``kept`` with what ``absorbed`` holds that it lacks, each element with the stamp it
    had on ``absorbed`` (nothing is re-stamped, so a removal made later on ``kept`` still
    wins); an empty scalar of ``kept`` takes ``absorbed``'s value, stamped just after both.
    Deterministic: every device folding the same versions writes the same record."""
    values = {k: orjson.loads(orjson.dumps(v)) for k, v in kept.items()
              if k not in STAMP_KEYS}
    dots, their_dots = record_dots(kept), record_dots(absorbed)
    nodes, theirs = record_nodes(kept, dots), record_nodes(absorbed, their_dots)
    since = stamps_of(kept, SINCE)

    def stamp_of(path: tuple[str, ...]) -> Stamp:
        return theirs.get(path, (("", ""), True))[0]

    def container(path: tuple[str, ...], empty: Any) -> Any:
        found, value = value_at(values, path)
        if not found:
            parent_found, parent = value_at(values, path[:-1]) if len(path) > 1 \
                else (True, values)
            if not parent_found or not isinstance(parent, dict):
                return None
            parent[path[-1]] = value = empty
            nodes[path] = (stamp_of(path), True)
        return value if type(value) is type(empty) else None

    grown: set[tuple[str, ...]] = set()

    def add(path: tuple[str, ...], element: Any, stamp: Stamp) -> None:
        bucket = container(path, [])
        if bucket is None or kind(bucket) != "list":
            return
        node = (*path, element_key(element))
        live, dead = element_state(nodes, dots, node)
        if live:
            return  # there already
        theirs_live = element_state(theirs, their_dots, node)[0] if node in theirs \
            else frozenset({stamp})
        if not theirs_live - dead:
            return  # removed here after it was added there (its adds seen, and killed)
        put_element(nodes, dots, node, theirs_live, dead)
        bucket.append(element)
        grown.add(path)

    for name in _FOLDED_SETS:
        listed = absorbed.get(name)
        for element in listed if isinstance(listed, list) else ():
            add((name,), element, stamp_of((name, element_key(element))))
    called, ident = absorbed.get("name"), absorbed.get("id")
    if isinstance(called, str) and called != kept.get("name"):
        add(("aliases",), called, stamp_of(("name",)))
    if isinstance(ident, str):
        add(("merged_from",), ident, stamp_of(("id",)))
    handles = absorbed.get("handles")
    if isinstance(handles, dict):
        for kind_name, found in handles.items():
            for element in found if isinstance(found, list) else ():
                add(("handles", kind_name), element,
                    stamp_of(("handles", kind_name, element_key(element))))
    for path in grown:  # in a join's order (when each element came, then the element),
        # not appended: folding again, or joining what was folded, gives the same list
        bucket = value_at(values, path)[1]
        bucket.sort(key=lambda element: (nodes[(*path, element_key(element))][0],
                                         element_key(element)))
    for name in _FOLDED_MAPS:
        mapping = absorbed.get(name)
        target = container((name,), {}) if isinstance(mapping, dict) else None
        if target is None or not isinstance(mapping, dict):
            continue
        for key, value in mapping.items():
            stamp = stamp_of((name, key))
            known = nodes.get((name, key))
            if known is None or (not known[1] and known[0] < stamp):
                target[key] = value
                nodes[(name, key)] = (stamp, True)
    for name in _FOLDED_SCALARS:
        value = absorbed.get(name)
        if value not in (None, "") and values.get(name) in (None, ""):
            mine = nodes.get((name,), (("", ""), False))[0]
            later = max(mine, stamp_of((name,)))
            values[name] = value
            nodes[(name,)] = ((later[0], later[1] + "+"), True)
            since[(name,)] = mine  # the fold saw the kept person's empty value
    return encode_record(values, nodes, since, dots)


def _referenced(state: State) -> dict[str, set[str]]:
    """Networks and people that interactions and opportunities refer to."""
    networks: set[str] = set()
    people: set[str] = set()
    for doc in state.tables.get(INTERACTIONS, {}).values():
        networks.add(doc.get("network"))  # type: ignore[arg-type]  # None is harmless here
        people.update(doc.get("people") or ())
    for doc in state.tables.get("opportunities", {}).values():
        people.add(doc.get("person"))  # type: ignore[arg-type]
        networks.add(doc.get("network"))  # type: ignore[arg-type]
    return {NETWORKS: networks, PEOPLE: people}


def resolve_merges(merges: dict[str, dict[str, Any]],
                   people: dict[str, dict[str, Any]]) -> dict[str, str]:
    """``{absorbed id: kept id}`` with chains followed; a cycle (A merged into B on one
    device, B into A on the other) resolves to one survivor chosen the same way on every
    device: the user's own record, else the smallest id that still has a record."""
    into = {ident: doc["into"] for ident, doc in merges.items()
            if isinstance(doc.get("into"), str) and doc["into"] != ident}
    result: dict[str, str] = {}
    for start in into:
        path, seen, current = [start], {start}, start
        while current in into and into[current] not in seen:
            current = into[current]
            path.append(current)
            seen.add(current)
        if current in into:  # a cycle
            cycle = path[path.index(into[current]):]
            alive = [p for p in cycle if p in people]
            target = ME if ME in cycle else min(alive or cycle)
        else:
            target = current
        if target != start:
            result[start] = target
    return result


def _rewrite_refs(doc: dict[str, Any], kept: dict[str, str]) -> dict[str, Any]:
    """``doc`` with every reference to an absorbed person pointing at the kept one. In a
    list (an interaction's people) the absorbed element is removed with the stamp of its
    add, and the kept one is there with the newest stamp of those it replaces (just
    after a removal of it that it would otherwise lose to): the same on every device,
    and merging the result with a version not yet rewritten changes nothing."""
    changed: dict[str, Any] = {}
    lists: list[str] = []
    for key, value in doc.items():
        if key == "id" or key in STAMP_KEYS:
            continue
        if isinstance(value, str):
            if value in kept:
                changed[key] = kept[value]
        elif isinstance(value, list) and any(isinstance(v, str) and v in kept for v in value):
            lists.append(key)
    if not lists:
        return {**doc, **changed} if changed else doc
    if any(kind(doc[key]) != "list" for key in lists):  # not a set: rewritten as it is
        for key in lists:
            mapped = [kept.get(v, v) if isinstance(v, str) else v for v in doc[key]]
            changed[key] = list(dict.fromkeys(mapped)) if all(
                isinstance(v, str) for v in mapped) else mapped
        return {**doc, **changed}
    dots = record_dots(doc)
    nodes = record_nodes(doc, dots)
    values = {k: v for k, v in doc.items() if k not in STAMP_KEYS}
    values.update(changed)
    for key in lists:
        result = [v for v in doc[key] if not (isinstance(v, str) and v in kept)]
        for absorbed in [v for v in doc[key] if isinstance(v, str) and v in kept]:
            old = (key, element_key(absorbed))
            live, dead = element_state(nodes, dots, old)
            put_element(nodes, dots, old, NO_DOTS, dead | live)
            target = kept[absorbed]
            node = (key, element_key(target))
            known_live, known_dead = element_state(nodes, dots, node)
            moved = frozenset(_fresh(d, known_dead) for d in live)
            put_element(nodes, dots, node, known_live | moved, known_dead)
            if not known_live:
                result.append(target)
        values[key] = result
    return encode_record(values, nodes, stamps_of(doc, SINCE), dots)


def _fresh(dot: Stamp, dead: frozenset[Stamp]) -> Stamp:
    """``dot``, or just after it if a removal of the kept element already killed it (the
    same write removed one and added the other): the move must not be killed by it."""
    while dot in dead:
        dot = (dot[0], dot[1] + "+")
    return dot
