"""Merging two kith databases without losing anything, in any order, any number of times.

A database is read into a ``State``: every table of ``kith.json`` (generically: tables
added later are merged the same way), the interactions of every month file as one table,
and the tombstones of both. Two states merge record by record:

- a record only one side has is kept;
- a record both sides have is merged **field by field**: each field takes the value with
  the newer stamp (``kith.persistence.stamps``); equal stamps (only possible for records written
  before
  kith kept stamps) fall back to comparing the values, so the result never depends on
  which side is "ours";
- a tombstone newer than everything a record carries deletes it on both sides;
- people merged on one side (the ``merges`` table: absorbed id -> kept id) are followed on
  the other: the absorbed person goes, and every reference to it in any record of any
  table (an interaction's people, an opportunity's person, a note's person...) is
  rewritten to the kept person;
- derived aggregates are recomputed from the merged interactions.

The merge is a join: idempotent (A+A = A, and merging again changes nothing) and
commutative (A+B = B+A); the property tests in ``tests/test_merge_properties.py`` check it
over generated databases and edit sequences. Reading databases is ``kith.sync.load``'s
job, writing the result ``kith.sync.write``'s. ``_meta`` is not merged field by field: the
schema versions must be equal, and the settings (currency) of the older database win.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import orjson

from kith.core.errors import StoreError
from kith.core.model import ME
from kith.persistence.stamps import (
    STAMP_KEYS,
    TOMBSTONES,
    encode,
    field_stamps,
    record_stamp,
    tombstone_stamp,
)

INTERACTIONS = "interactions"
MERGES = "merges"
PEOPLE = "people"
NETWORKS = "networks"
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
def join_docs(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    """Two versions of one record merged field by field (commutative, idempotent)."""
    if a == b:
        return a
    stamps_a, stamps_b = field_stamps(a), field_stamps(b)
    values: dict[str, Any] = {}
    stamps: dict[str, Any] = {}
    for key in sorted(stamps_a.keys() | stamps_b.keys()):
        side_a, side_b = stamps_a.get(key), stamps_b.get(key)
        if side_b is None or (side_a is not None and _wins(a, side_a, b, side_b, key)):
            winner, chosen = a, side_a
        else:
            winner, chosen = b, side_b
        assert chosen is not None
        stamps[key] = chosen
        if chosen[1]:
            values[key] = winner[key]
    return encode(values, stamps)


def _wins(a: dict[str, Any], side_a: Any, b: dict[str, Any], side_b: Any, key: str) -> bool:
    if side_a != side_b:
        return bool(side_a > side_b)
    if not side_a[1]:
        return True  # both removed it at the same stamp
    return _canonical(a[key]) >= _canonical(b[key])


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


def join_table(into: dict[str, dict[str, Any]], records: dict[str, dict[str, Any]]) -> None:
    for ident, doc in records.items():
        mine = into.get(ident)
        into[ident] = doc if mine is None else join_docs(mine, doc)


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
        join_table(merged, b.tables.get(name, {}))
        result.tables[name] = merged
    result.tombstones = dict(a.tombstones)
    for key, doc in b.tombstones.items():
        mine = result.tombstones.get(key)
        result.tombstones[key] = doc if mine is None else join_tombstones(mine, doc)
    normalize(result)
    return result


# normalising ---------------------------------------------------------------------------
def normalize(state: State) -> None:
    """Apply tombstones and people merges to the records they concern (in place).

    A deleted network or person that a surviving interaction or opportunity still refers
    to (a network removed on one device while the other logged in it) stays: nothing a
    device recorded is lost, and no record points at nothing."""
    deferred: list[tuple[str, str]] = []
    for key, tomb in state.tombstones.items():
        table, _, ident = key.partition("/")
        records = state.tables.get(table)
        doc = records.get(ident) if records else None
        if doc is not None and tombstone_stamp(tomb) >= record_stamp(doc):
            if table in REFERENCED:
                deferred.append((table, ident))
            else:
                del records[ident]  # type: ignore[union-attr]
    people = state.tables.get(PEOPLE, {})
    dead_people = {ident for table, ident in deferred if table == PEOPLE}
    alive = {ident: doc for ident, doc in people.items() if ident not in dead_people}
    kept = resolve_merges(state.tables.get(MERGES, {}), alive)
    for absorbed in kept:
        people.pop(absorbed, None)
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
    changed: dict[str, Any] = {}
    for key, value in doc.items():
        if key == "id" or key in STAMP_KEYS:
            continue
        if isinstance(value, str):
            if value in kept:
                changed[key] = kept[value]
        elif isinstance(value, list) and any(isinstance(v, str) and v in kept for v in value):
            mapped = [kept.get(v, v) if isinstance(v, str) else v for v in value]
            unique: list[Any] = []
            for item in mapped:
                if item not in unique:
                    unique.append(item)
            changed[key] = unique
    return {**doc, **changed} if changed else doc
