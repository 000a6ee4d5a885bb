"""Reading databases for a merge: a folder, an open store, or a ``kith export json`` file,
each into a ``kith.sync.merge.State``; and checking the records a merge would bring in.

Reading never writes: ``kith merge OTHER`` only reads OTHER, and refuses one with an
interrupted commit (its files may be half way between two states) rather than repair it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson

from kith.core.errors import StoreError, ValidationError
from kith.core.model import DIRECTIONS
from kith.persistence.exchange import FORMAT as EXPORT_FORMAT
from kith.persistence.exchange import VERSION as EXPORT_VERSION
from kith.persistence.stamps import MAIN, TOMBSTONES
from kith.sync.merge import (
    INTERACTIONS,
    MERGES,
    State,
    join_docs,
    join_tombstones,
    normalize,
)

_VALUE_KEYS = ("money", "minutes", "favours", "fun")


def _read_json(path: Path) -> Any:
    """A file of the other database, parsed: only a regular file (a FIFO or a link to a
    device would block or never end) of at most ``limits.MAX_FILE_BYTES``."""
    import stat

    from kith.core.limits import MAX_FILE_BYTES

    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise StoreError(f"{path} is not a regular file; it was not merged")
        if info.st_size > MAX_FILE_BYTES:
            raise StoreError(f"{path} is larger than {MAX_FILE_BYTES // 1024**2} MB; it was "
                             "not merged")
        return orjson.loads(path.read_bytes())
    except OSError as error:
        raise StoreError(f"cannot read {path}: {error.strerror or error}") from None
    except orjson.JSONDecodeError as error:
        raise StoreError(f"{path} is not valid JSON ({error})") from None


def state_from_files(main: dict[str, Any], months: Iterable[tuple[str, dict[str, Any]]],
                     where: str) -> State:
    """A state from the parsed ``kith.json`` and month files (name, content).

    Tolerant reading: a table or a month file that is not what kith writes is left out
    and listed in ``State.skipped`` (a peer's file must not stop a merge of the rest)."""
    state = State()
    for table, records in main.items():
        if not isinstance(records, dict):
            state.skipped.append(f"{where}/{MAIN}: skipped table {_shown(table)}: not an "
                                 "object of records")
        elif table == "_meta":
            state.meta = records
        elif table == TOMBSTONES:
            add_tombstones(state, records, f"{where}/{MAIN}")
        else:
            state.tables[table] = dict(records)
    interactions = state.tables.setdefault(INTERACTIONS, {})
    locations = state.locations
    for name, content in months:
        if not isinstance(content, dict) or not isinstance(
                content.get(INTERACTIONS, {}), dict) or not isinstance(
                content.get(TOMBSTONES, {}), dict):
            state.skipped.append(f"{where}/{name}: skipped the file: not a kith month file")
            continue
        for ident, doc in (content.get(INTERACTIONS) or {}).items():
            known = interactions.get(ident)
            if known is None or not isinstance(doc, dict) or not isinstance(known, dict):
                interactions[ident] = doc
            else:
                interactions[ident] = join_docs(known, doc)
                state.duplicates = True
            locations[ident] = name
        add_tombstones(state, content.get(TOMBSTONES) or {}, f"{where}/{name}")
    return state


def _shown(ident: Any) -> str:
    from kith.sync.screen import shown_id

    return shown_id(ident)


def add_tombstones(state: State, records: dict[str, Any], where: str = "") -> None:
    for key, doc in records.items():
        if isinstance(doc, dict):
            mine = state.tombstones.get(key)
            state.tombstones[key] = doc if mine is None else join_tombstones(mine, doc)
        elif where:
            state.skipped.append(f"{where}: ignored the deletion {_shown(key)}: not an object")


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
    months = [(f"{INTERACTIONS}/{p.name}", _read_json(p))
              for p in sorted((home / INTERACTIONS).glob("*.json"))]
    return state_from_files(main, months, str(home))


def load_store(store: Any, months: Iterable[str] | None = None) -> State:
    """The state of an open store, read through its (locked) file set.

    ``months`` (names such as ``2026-10``) limits the interactions read to those month
    files: an incremental sync reads ``kith.json`` and the months the remote changed,
    not ten years of history."""
    files = store.files
    present = store.months()
    if months is not None:
        wanted = set(months)
        present = [month for month in present if month in wanted]
    docs = [(f"{INTERACTIONS}/{month}.json", files.read(f"{INTERACTIONS}/{month}.json"))
            for month in present]
    return state_from_files(files.read(MAIN), docs, str(store.home))


def load_export(path: Path) -> State:
    """The state in a ``kith export json`` document (``kith.export.full``).

    Shape (version 1)::

        {"format": "kith-export", "version": 1, "schema": N, ...,
         "tables": {"people": {ID: record}, ..., "tombstones": {...}},
         "interactions": {ID: record}, "plugins": {...}}

    ``schema`` is optional; a table (and ``interactions``) may also be a list of records
    with an ``id`` (not for tables whose records carry no ``id``, such as ``merges``);
    ``interactions`` may also sit in ``tables``. Records keep their stamps (``kith export
    json`` writes them as stored); records without stamps count as older than any stamped
    edit. Plugins' own tables are not merged (they stay on each device)."""
    document = _read_json(path)
    if not isinstance(document, dict) or document.get("format") != EXPORT_FORMAT:
        raise ValidationError(f"{path} is not a kith export (no \"format\": "
                              f"\"{EXPORT_FORMAT}\"); pass a database folder or the output "
                              "of `kith export json`")
    if document.get("version") != EXPORT_VERSION:
        version = document.get("version")
        shown = version if isinstance(version, int) else "(not a number)"
        raise ValidationError(f"{path}: kith export version {shown} is "
                              f"not supported (this kith reads version {EXPORT_VERSION})")
    tables = document.get("tables")
    if not isinstance(tables, dict):
        raise ValidationError(f"{path}: \"tables\" must be an object of tables")
    state = State()
    schema = document.get("schema")
    if isinstance(schema, int):
        state.declared_schema = schema
    sections = list(tables.items())
    if "interactions" in document:
        sections.append((INTERACTIONS, document["interactions"]))
    for name, records in sections:
        if isinstance(records, list):
            keyed = {}
            for index, doc in enumerate(records):
                if not isinstance(doc, dict) or not isinstance(doc.get("id"), str):
                    # a list without ids is not an export's shape: refused whole, as before
                    raise ValidationError(f"{path}: {_shown(name)} record {index + 1} has no "
                                          "string id")
                keyed[doc["id"]] = doc
            records = keyed
        if not isinstance(records, dict):
            state.skipped.append(f"{path}: skipped table {_shown(name)}: not a list or an "
                                 "object of records")
            continue
        if name == TOMBSTONES:
            add_tombstones(state, records, str(path))
        elif name != "_meta":
            mine = state.tables.setdefault(name, {})
            for ident, doc in records.items():
                known = mine.get(ident)
                mine[ident] = doc if known is None or not isinstance(doc, dict) \
                    or not isinstance(known, dict) else join_docs(known, doc)
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


# checking what comes in ----------------------------------------------------------------
def interaction_problem(doc: Any) -> str | None:
    """What makes an interaction record unusable, or None.

    The fields every reader and the aggregates rely on, checked without building the
    model (a merge brings in 100k records; the model's full checks cost ten times more)."""
    if not isinstance(doc, dict):
        return "is not an object"
    when = doc.get("when")
    if not isinstance(when, str):
        return "has no time"
    try:
        moment = datetime.fromisoformat(when)
    except ValueError:
        return "has an unreadable time"
    if moment.tzinfo is None:
        return "has a time without a time zone"
    if not isinstance(doc.get("network"), str):
        return "has no network"
    people = doc.get("people")
    if not isinstance(people, list) or not people or not all(isinstance(p, str)
                                                             for p in people):
        return "has no people"
    if doc.get("direction") not in DIRECTIONS:
        return "has an unknown direction"
    value = doc.get("value")
    if not isinstance(value, dict) or not all(
            type(value.get(k)) is int for k in _VALUE_KEYS):
        return "has no valid value"
    if not isinstance(doc.get("kind", ""), str) or not isinstance(doc.get("meta", {}), dict):
        return "has an invalid kind or meta"
    return None


def record_problem(table: str, ident: str, doc: Any) -> str | None:
    """Why a record cannot be merged (``kith.sync.screen.record_problem``), or None."""
    from kith.sync.screen import record_problem as problem_of

    return problem_of(table, ident, doc)


def check_incoming(before: State, merged: State, where: str) -> list[str]:
    """Keep out of ``merged`` every new or changed record that is not valid (the local
    version stays); one warning per record: one bad record never fails a whole merge."""
    warnings = []
    for name, records in merged.tables.items():
        old = before.tables.get(name, {})
        for ident, doc in list(records.items()):
            mine = old.get(ident)
            if doc is mine:
                continue
            problem = record_problem(name, ident, doc)
            if problem:
                warnings.append(f"{where}: skipped {name} record {_shown(ident)}: {problem}")
                if mine is None:
                    del records[ident]
                else:
                    records[ident] = mine
    return warnings


# doctor ------------------------------------------------------------------------------
def consistency_problems(home: Path) -> list[tuple[str, str]]:
    """Records a merge made file by file (``git merge`` with kith's driver) left unsettled:
    what ``kith.sync.merge.normalize`` would still remove or rewrite."""
    try:
        state = load_folder(home)
    except StoreError:
        return []
    settled = State(meta=state.meta, tombstones=state.tombstones,
                    tables={name: dict(records) for name, records in state.tables.items()})
    normalize(settled)
    problems = []
    advice = "run `kith sync` or `kith doctor --repair`"
    for name, records in sorted(state.tables.items()):
        after = settled.tables.get(name, {})
        for ident, doc in sorted(records.items()):
            if ident not in after:
                why = ("merged into another person" if ident in state.tables.get(MERGES, {})
                       else "deleted on another device")
                problems.append((MAIN if name != INTERACTIONS else "interactions/",
                                 f"{name} record {ident} was {why} but is still here; "
                                 f"{advice}"))
            elif after[ident] is not doc:
                problems.append((MAIN if name != INTERACTIONS else "interactions/",
                                 f"{name} record {ident} still refers to a person merged "
                                 f"into another; {advice}"))
    if state.duplicates:
        problems.append(("interactions/", f"an interaction is in two month files; {advice}"))
    return problems
