"""Merging two kith databases without losing anything, in any order, any number of times.

A database is read into a ``State``: every table of ``kith.json`` (generically: tables
added later are merged the same way), the interactions of every month file as one table,
and the tombstones of both. Two states merge record by record:

- a record only one side has is kept;
- a record both sides have is merged **field by field**: each field takes the value with
  the newer stamp (``kith.stamps``); equal stamps (only possible for records written before
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
over generated databases and edit sequences. ``_meta`` is not merged field by field: the
schema versions must be equal, and the settings (currency) of the older database win.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

from kith.errors import StoreError, ValidationError
from kith.model import ME, Interaction, Network, Opportunity, Person
from kith.stamps import (
    MAIN,
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
EXPORT_FORMAT = "kith-export"
EXPORT_VERSION = 1
_MONTH_FILE = re.compile(r"^interactions/\d{4}-\d{2}\.json$")
_VALIDATORS: dict[str, Callable[[dict[str, Any]], Any]] = {
    INTERACTIONS: Interaction.from_dict, PEOPLE: Person.from_dict,
    "networks": Network.from_dict, "opportunities": Opportunity.from_dict}


def _canonical(value: Any) -> bytes:
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS)


@dataclass
class State:
    """One database in memory: what merges, apart from derived data."""

    meta: dict[str, Any] = field(default_factory=dict)
    tables: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    tombstones: dict[str, dict[str, Any]] = field(default_factory=dict)
    declared_schema: int | None = None  # an export's schema, when it has no _meta

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
    """Apply tombstones and people merges to the records they concern (in place)."""
    for key, tomb in state.tombstones.items():
        table, _, ident = key.partition("/")
        records = state.tables.get(table)
        doc = records.get(ident) if records else None
        if doc is not None and tombstone_stamp(tomb) >= record_stamp(doc):
            del records[ident]  # type: ignore[union-attr]
    kept = resolve_merges(state.tables.get(MERGES, {}), state.tables.get(PEOPLE, {}))
    if not kept:
        return
    people = state.tables.get(PEOPLE, {})
    for absorbed in kept:
        people.pop(absorbed, None)
    for name, records in state.tables.items():
        if name in (PEOPLE, MERGES):
            continue
        for ident, doc in list(records.items()):
            rewritten = _rewrite_refs(doc, kept)
            if rewritten is not doc:
                records[ident] = rewritten


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


# reading -------------------------------------------------------------------------------
def _read_json(path: Path) -> Any:
    try:
        return orjson.loads(path.read_bytes())
    except OSError as error:
        raise StoreError(f"cannot read {path}: {error.strerror or error}") from None
    except orjson.JSONDecodeError as error:
        raise StoreError(f"{path} is not valid JSON ({error})") from None


def state_from_files(main: dict[str, Any], months: Iterable[tuple[str, dict[str, Any]]],
                     where: str) -> State:
    """A state from the parsed ``kith.json`` and month files (name, content)."""
    state = State()
    for table, records in main.items():
        if not isinstance(records, dict):
            raise StoreError(f"{where}/{MAIN}: table {table!r} is not an object")
        if table == "_meta":
            state.meta = records
        elif table == TOMBSTONES:
            _add_tombstones(state, records)
        else:
            state.tables[table] = dict(records)
    interactions = state.tables.setdefault(INTERACTIONS, {})
    for name, content in months:
        if not isinstance(content, dict):
            raise StoreError(f"{where}/{name} is not a kith month file")
        join_table(interactions, content.get(INTERACTIONS) or {})
        _add_tombstones(state, content.get(TOMBSTONES) or {})
    return state


def _add_tombstones(state: State, records: dict[str, Any]) -> None:
    for key, doc in records.items():
        if isinstance(doc, dict):
            mine = state.tombstones.get(key)
            state.tombstones[key] = doc if mine is None else join_tombstones(mine, doc)


def load_folder(home: Path) -> State:
    """The state of the database in folder ``home``, read without writing anything."""
    home = Path(home)
    if not (home / MAIN).is_file():
        raise StoreError(f"{home} holds no kith database (no {MAIN})")
    if (home / ".journal").exists():
        raise StoreError(f"{home} has an interrupted commit: open it with kith once "
                         f"(`kith --db {home} doctor`) before merging it")
    main = _read_json(home / MAIN)
    if not isinstance(main, dict):
        raise StoreError(f"{home / MAIN} is not a kith database file")
    months = [(str(p.relative_to(home)), _read_json(p))
              for p in sorted((home / INTERACTIONS).glob("*.json"))]
    return state_from_files(main, months, str(home))


def load_store(store: Any) -> State:
    """The state of an open store, read through its (locked) file set."""
    files = store.files
    months = [(f"{INTERACTIONS}/{month}.json", files.read(f"{INTERACTIONS}/{month}.json"))
              for month in store.months()]
    return state_from_files(files.read(MAIN), months, str(store.home))


def load_export(path: Path) -> State:
    """The state in a ``kith export json`` document.

    Expected shape (version 1)::

        {"format": "kith-export", "version": 1, "schema": 3,
         "tables": {"people": [{"id": ...}, ...] or {"<id>": {...}},
                    "interactions": [...], "tombstones": {...}, ...}}

    ``schema`` (the database schema version) is optional; every table may be a list of
    records with an ``id`` or an object keyed by id (the only form for tables whose
    records carry no ``id`` field, such as ``merges``: absorbed id -> ``{"into": id}``);
    records may carry stamps or not (records without stamps are older than any stamped
    edit)."""
    document = _read_json(path)
    if not isinstance(document, dict) or document.get("format") != EXPORT_FORMAT:
        raise ValidationError(f"{path} is not a kith export (no \"format\": "
                              f"\"{EXPORT_FORMAT}\"); pass a database folder or the output "
                              "of `kith export json`")
    if document.get("version") != EXPORT_VERSION:
        raise ValidationError(f"{path}: kith export version {document.get('version')!r} is "
                              f"not supported (this kith reads version {EXPORT_VERSION})")
    tables = document.get("tables")
    if not isinstance(tables, dict):
        raise ValidationError(f"{path}: \"tables\" must be an object of tables")
    state = State()
    schema = document.get("schema")
    if isinstance(schema, int):
        state.declared_schema = schema
    for name, records in tables.items():
        if isinstance(records, list):
            keyed = {}
            for index, doc in enumerate(records):
                if not isinstance(doc, dict) or not isinstance(doc.get("id"), str):
                    raise ValidationError(f"{path}: {name} record {index + 1} has no string id")
                keyed[doc["id"]] = doc
            records = keyed
        if not isinstance(records, dict):
            raise ValidationError(f"{path}: table {name!r} must be a list or an object")
        if name == TOMBSTONES:
            _add_tombstones(state, records)
        elif name != "_meta":
            state.tables[name] = dict(records)
    return state


def load_other(path: Path) -> State:
    """``kith merge OTHER``: a database folder or an export file."""
    path = Path(path).expanduser()
    if path.is_dir():
        return load_folder(path)
    if path.is_file():
        return load_export(path)
    raise ValidationError(f"{path} does not exist (pass a kith database folder or a "
                          "`kith export json` file)")


def check_records(state: State, against: State, where: str) -> list[str]:
    """Drop records of ``state`` that are not valid, unless ``against`` has them as they
    are; returns one warning per dropped record (tolerant reading: one bad record is never
    the reason the whole merge fails)."""
    warnings = []
    for name, records in state.tables.items():
        known = against.tables.get(name, {})
        validate = _VALIDATORS.get(name)
        for ident, doc in list(records.items()):
            if known.get(ident) == doc:
                continue
            problem = None
            if not isinstance(doc, dict):
                problem = "is not an object"
            elif doc.get("id", ident) != ident:
                problem = f"has id {doc.get('id')!r} under key {ident!r}"
            elif validate is not None:
                try:
                    validate({k: v for k, v in doc.items() if k not in STAMP_KEYS})
                except (KeyError, TypeError, ValueError, ValidationError) as error:
                    problem = f"is not valid ({error})"
            if problem:
                warnings.append(f"{where}: skipped {name} record {ident}: {problem}")
                del records[ident]
    return warnings


# writing -------------------------------------------------------------------------------
def _month_of(when: str) -> str:
    moment = datetime.fromisoformat(when).astimezone(UTC)
    return f"{moment.year:04d}-{moment.month:02d}"


def render_files(state: State, current: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The data files (``kith.json`` and month files) that hold ``state``.

    ``current`` is the files as they are: a month file that no longer holds anything is
    kept, empty, rather than deleted (kith never deletes a data file)."""
    main: dict[str, Any] = {"_meta": state.meta}
    for name in sorted(state.tables):
        if name != INTERACTIONS:
            main[name] = dict(sorted(state.tables[name].items()))
    for name in current.get(MAIN, {}):
        main.setdefault(name, {})
    months: dict[str, dict[str, Any]] = {}
    for ident, doc in sorted(state.tables.get(INTERACTIONS, {}).items()):
        name = f"{INTERACTIONS}/{_month_of(doc['when'])}.json"
        months.setdefault(name, {INTERACTIONS: {}})[INTERACTIONS][ident] = doc
    main_tombs: dict[str, Any] = {}
    for key, doc in sorted(state.tombstones.items()):
        file = doc.get("file")
        if key.startswith(INTERACTIONS + "/") and isinstance(file, str) \
                and _MONTH_FILE.match(file):
            months.setdefault(file, {INTERACTIONS: {}}).setdefault(TOMBSTONES, {})[key] = doc
        else:
            main_tombs[key] = doc
    if main_tombs or TOMBSTONES in main:
        main[TOMBSTONES] = main_tombs
    files = {MAIN: main}
    for name in current:
        if name != MAIN:
            files[name] = {INTERACTIONS: {}}
    files.update(months)
    return files


@dataclass
class Summary:
    """What a merge changed, per table: added, updated, removed."""

    changes: dict[str, dict[str, int]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    files_written: int = 0

    @property
    def changed(self) -> bool:
        return self.files_written > 0

    def to_dict(self) -> dict[str, Any]:
        return {"changes": self.changes, "warnings": self.warnings,
                "files_written": self.files_written}

    def lines(self) -> list[str]:
        out = []
        for table, counts in sorted(self.changes.items()):
            parts = [f"{n} {what}" for what, n in counts.items() if n]
            if parts:
                out.append(f"{table}: " + ", ".join(parts))
        return out


def compare(before: State, after: State) -> dict[str, dict[str, int]]:
    changes: dict[str, dict[str, int]] = {}
    for name in sorted(before.tables.keys() | after.tables.keys()):
        old, new = before.tables.get(name, {}), after.tables.get(name, {})
        counts = {"added": sum(1 for i in new if i not in old),
                  "updated": sum(1 for i, d in new.items() if i in old and old[i] != d),
                  "removed": sum(1 for i in old if i not in new)}
        if any(counts.values()):
            changes[name] = counts
    return changes


def write_state(store: Any, state: State, *, prefer: dict[str, Any] | None = None,
                force_derived: bool = False) -> int:
    """Write ``state`` into the open store's folder, with aggregates recomputed; returns
    how many files changed. Must run inside ``store.transaction()``.

    ``prefer`` holds files (parsed) to take byte for byte wherever they hold exactly what
    the state needs: after a sync, both devices then have the same bytes, so git sees
    the same tree and fast-forwards instead of making merge commits forever."""
    from kith.store import NETWORK_TOTALS, PEOPLE_SHARDS, _people_shard, aggregate

    files = store.files
    current = {MAIN: files.read(MAIN)}
    for month in store.months():
        name = f"{INTERACTIONS}/{month}.json"
        current[name] = files.read(name)
    wanted = render_files(state, current)
    written = 0
    for name, data in wanted.items():
        target = data
        if prefer is not None and prefer.get(name) == data:
            target = prefer[name]
            if name in current and orjson.dumps(current[name]) == orjson.dumps(target):
                continue
        elif current.get(name) == data:
            continue
        files.write(name, target)
        written += 1
    if written == 0 and not force_derived and not _derived_stale(store):
        return 0
    networks, people = aggregate(state.tables.get(INTERACTIONS, {}).values())
    derived: dict[str, dict[str, Any]] = {
        NETWORK_TOTALS: {"networks": {ident: {"months": months}
                                      for ident, months in sorted(networks.items())}}}
    for shard in range(PEOPLE_SHARDS):
        derived[f"derived/people-{shard:x}.json"] = {"people": {}}
    for ident, nets in sorted(people.items()):
        derived[_people_shard(ident)]["people"][ident] = {"networks": nets}
    for name, data in derived.items():
        if not files.exists(name) or files.read(name) != data:
            files.write(name, data)
            written += 1
    return written


def _derived_stale(store: Any) -> bool:
    """Whether any aggregate file is missing (a fresh clone has none)."""
    from kith.store import NETWORK_TOTALS

    return not store.files.exists(NETWORK_TOTALS) and bool(store.months())


def merge_into(store: Any, other: State, *, where: str) -> Summary:
    """``kith merge``: join ``other`` into the open store, in one transaction."""
    summary = Summary()
    with store.transaction(backup_reason="merge"):
        mine = load_store(store)
        summary.warnings = check_records(other, mine, where)
        merged = join(mine, other)
        summary.changes = compare(mine, merged)
        summary.files_written = write_state(store, merged)
    store.files.forget()
    return summary


def consistency_problems(home: Path) -> list[tuple[str, str]]:
    """Records a merge made by hand (``git merge`` with kith's driver) left unsettled:
    deleted elsewhere yet still here, or referring to a person merged away."""
    try:
        state = load_folder(home)
    except StoreError:
        return []
    problems = []
    for key, tomb in sorted(state.tombstones.items()):
        table, _, ident = key.partition("/")
        doc = state.tables.get(table, {}).get(ident)
        if doc is not None and tombstone_stamp(tomb) >= record_stamp(doc):
            problems.append((str(tomb.get("file") or MAIN),
                             f"{table} record {ident} was deleted on device "
                             f"{tomb.get('device')} but is still here; run `kith sync` "
                             "or `kith doctor --repair`"))
    kept = resolve_merges(state.tables.get(MERGES, {}), state.tables.get(PEOPLE, {}))
    for absorbed in sorted(kept):
        if absorbed in state.tables.get(PEOPLE, {}):
            problems.append((MAIN, f"person {absorbed} was merged into {kept[absorbed]} but "
                             "is still here; run `kith sync` or `kith doctor --repair`"))
    return problems


def settle(store: Any, *, force_derived: bool = False) -> dict[str, dict[str, int]]:
    """Apply tombstones and people merges across files and recompute the aggregates (after
    a merge made file by file, by git's driver); returns what changed."""
    with store.transaction():
        before = load_store(store)
        after = State(meta=before.meta, tombstones=dict(before.tombstones),
                      tables={name: dict(records) for name, records in before.tables.items()})
        normalize(after)
        write_state(store, after, force_derived=force_derived)
    store.files.forget()
    return compare(before, after)
