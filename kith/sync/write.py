"""Writing a merged ``kith.sync.merge.State`` back into a database folder, in one transaction.

Cost follows what changed, not the size of the history: only the month files that gain,
lose or change a record are rewritten, and the aggregates are updated by the changed
interactions (like every other write of the store), unless a full recomputation is asked
for (after git wrote the files: the aggregates do not travel).
"""

from __future__ import annotations

import contextlib
import gc
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import orjson

from kith.core.errors import StoreError
from kith.core.months import month_of, utc_text
from kith.persistence.stamps import MAIN, STAMP_KEYS, TOMBSTONES
from kith.persistence.store import NETWORK_TOTALS, PEOPLE_SHARDS, aggregate, people_shard
from kith.persistence.store import conversation_index as index
from kith.persistence.store.aggregates import interaction_count
from kith.sync.load import check_incoming, load_store
from kith.sync.merge import INTERACTIONS, State, join, normalize

_MONTH_FILE = re.compile(r"^interactions/\d{4}-\d{2}\.json$")


def month_file(when: str) -> str:
    """The month file of an interaction's time (UTC months, as the store keeps them)."""
    return f"{INTERACTIONS}/{month_of(when)}.json"


def _tombstone_file(key: str, doc: dict[str, Any]) -> str:
    file = doc.get("file")
    if key.startswith(INTERACTIONS + "/") and isinstance(file, str) and _MONTH_FILE.match(file):
        return file
    return MAIN


def render_main(state: State, current: dict[str, Any]) -> dict[str, Any]:
    main: dict[str, Any] = {"_meta": state.meta}
    for name in sorted(state.tables):
        if name != INTERACTIONS:
            main[name] = dict(sorted(state.tables[name].items()))
    for name in current:
        main.setdefault(name, {})
    tombs = {key: doc for key, doc in sorted(state.tombstones.items())
             if _tombstone_file(key, doc) == MAIN}
    if tombs or TOMBSTONES in main:
        main[TOMBSTONES] = tombs
    return main


def render_all(state: State, current: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Every data file holding ``state`` (a month file left empty is kept, empty)."""
    files: dict[str, dict[str, Any]] = {MAIN: render_main(state, current.get(MAIN, {}))}
    for name, content in current.items():
        if name != MAIN:  # the tables a file has stay, even empty
            files[name] = {table: {} for table in content} or {INTERACTIONS: {}}
            files[name].setdefault(INTERACTIONS, {})
    for ident, doc in sorted(state.tables.get(INTERACTIONS, {}).items()):
        files.setdefault(month_file(doc["when"]), {INTERACTIONS: {}})[INTERACTIONS][ident] = doc
    for key, doc in sorted(state.tombstones.items()):
        name = _tombstone_file(key, doc)
        if name != MAIN:
            files.setdefault(name, {INTERACTIONS: {}}).setdefault(TOMBSTONES, {})[key] = doc
    return files


def render_changes(state: State, base: State,
                   current: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The files that change from ``base`` (as ``current`` holds it) to ``state``."""
    files: dict[str, dict[str, Any]] = {MAIN: render_main(state, current.get(MAIN, {}))}

    def month(name: str) -> dict[str, Any]:
        if name not in files:
            content = current.get(name, {})
            files[name] = {table: dict(records) for table, records in content.items()}
            files[name].setdefault(INTERACTIONS, {})
        return files[name]

    old, new = base.tables.get(INTERACTIONS, {}), state.tables.get(INTERACTIONS, {})
    for ident, doc in old.items():
        if new.get(ident) is not doc:
            month(base.locations.get(ident) or month_file(doc["when"]))[INTERACTIONS].pop(
                ident, None)
    for ident, doc in new.items():
        if old.get(ident) is not doc:
            month(month_file(doc["when"]))[INTERACTIONS][ident] = doc
    for key, doc in state.tombstones.items():
        before = base.tombstones.get(key)
        if before is doc:
            continue
        if before is not None and _tombstone_file(key, before) != MAIN:
            month(_tombstone_file(key, before)).get(TOMBSTONES, {}).pop(key, None)
        name = _tombstone_file(key, doc)
        if name != MAIN:
            month(name).setdefault(TOMBSTONES, {})[key] = doc
    for name, content in files.items():
        if name != MAIN:
            for table in list(content):
                content[table] = dict(sorted(content[table].items()))
    return files


# the aggregates -----------------------------------------------------------------------
def _derived_key(doc: dict[str, Any]) -> dict[str, Any]:
    """What the aggregates may depend on: everything but the stamps."""
    return {k: v for k, v in doc.items() if k not in STAMP_KEYS}


def _add_rows(into: dict[str, list[int]], rows: dict[str, list[int]], sign: int) -> None:
    for key, row in rows.items():
        target = into.setdefault(key, [0] * len(row))
        for i, amount in enumerate(row):
            target[i] += sign * amount
        if not any(target):
            del into[key]


def update_derived(store: Any, base: State, state: State,
                   read_months: set[str] | None = None) -> int:
    """Update the aggregates by the interactions that changed; returns files written.

    ``read_months``: the states hold only these month files' interactions (an incremental
    sync); the rest of the history, unchanged, is read from the store only if a first or
    last contact has to be recomputed."""

    old, new = base.tables.get(INTERACTIONS, {}), state.tables.get(INTERACTIONS, {})
    removed, added = [], []
    for ident, doc in old.items():
        now = new.get(ident)
        if now is not doc and (now is None or _derived_key(now) != _derived_key(doc)):
            removed.append(doc)
    for ident, doc in new.items():
        before = old.get(ident)
        if before is not doc and (before is None or _derived_key(before) != _derived_key(doc)):
            added.append(doc)
    if not removed and not added:
        return 0
    files = store.files
    nets_old, people_old = aggregate(removed)
    nets_new, people_new = aggregate(added)
    totals_file = files.read(NETWORK_TOTALS)
    files.write(NETWORK_TOTALS, totals_file)
    totals = totals_file.setdefault("networks", {})
    for sign, nets in ((1, nets_new), (-1, nets_old)):
        for network, months in nets.items():
            entry = totals.setdefault(network, {"months": {}})["months"]
            for month, rows in months.items():
                _add_rows(entry.setdefault(month, {}), rows, sign)
                if not entry[month]:
                    del entry[month]
            if not entry:
                del totals[network]
    recompute: set[tuple[str, str]] = set()
    written = {NETWORK_TOTALS}
    for sign, people in ((-1, people_old), (1, people_new)):
        for person, nets in people.items():
            shard = people_shard(person)
            if shard not in written:
                files.write(shard, files.read(shard))
                written.add(shard)
            table = files.read(shard).setdefault("people", {})
            mine = table.setdefault(person, {"networks": {}})["networks"]
            for network, stats in nets.items():
                current = mine.get(network)
                if current is None:
                    mine[network] = orjson.loads(orjson.dumps(stats))
                    continue
                if sign < 0 and (stats["first"] == current["first"]
                                 or stats["last"] == current["last"]):
                    recompute.add((person, network))
                for direction in ("gave", "received", "shared"):
                    row = current[direction]
                    for i, amount in enumerate(stats[direction]):
                        row[i] += sign * amount
                if sign > 0:
                    current["first"] = min(current["first"], stats["first"])
                    current["last"] = max(current["last"], stats["last"])
                if not interaction_count(current):
                    del mine[network]
                    recompute.discard((person, network))
            if not mine:
                del table[person]
    if recompute:
        every = new
        if read_months is not None:
            every = dict(new)
            for month in store.months():
                if month not in read_months:
                    every.update(store.month_docs(month))
        _recompute_spans(files, every, recompute)
    return len(written) + _update_conversations(store, removed, added)


def _update_conversations(store: Any, removed: list[dict[str, Any]],
                          added: list[dict[str, Any]]) -> int:
    """The conversation index (``kith.persistence.store.conversation_index``) by the changed
    interactions."""

    touched: set[str] = set()
    for sign, docs in ((-1, removed), (1, added)):
        for doc in docs:
            value = doc["value"]
            if not index.relevant(doc["direction"], doc.get("kind", "other"),
                                  index.initiative_of(doc), value["money"], value["favours"]):
                continue
            network = doc["network"]
            name, asks = index.file_of(network), index.asks_file_of(network)
            index.apply(store.raw_table(name, "people"), store.raw_table(asks, "asks"),
                        store.raw_table(name, "talks"), doc, sign)
            touched.update((name, asks))
    return len(touched)


def _recompute_spans(files: Any, docs: dict[str, dict[str, Any]],
                     pairs: set[tuple[str, str]]) -> None:
    """First and last contact of (person, network) pairs whose edge was removed."""

    spans: dict[tuple[str, str], list[str]] = {}
    networks = {network for _, network in pairs}
    for doc in docs.values():
        if doc["network"] not in networks:
            continue
        when = None
        for person in doc["people"]:
            key = (person, doc["network"])
            if key in pairs:
                if when is None:
                    when = utc_text(doc["when"])
                span = spans.setdefault(key, [when, when])
                span[0], span[1] = min(span[0], when), max(span[1], when)
    for (person, network), (first, last) in spans.items():
        entry = files.read(people_shard(person))["people"][person]["networks"].get(network)
        if entry is not None:
            entry["first"], entry["last"] = first, last


def recompute_derived(store: Any, state: State) -> int:
    """Replace the aggregates (and the conversation index) by a recomputation from every
    interaction."""

    files = store.files
    networks, people = aggregate(state.tables.get(INTERACTIONS, {}).values())
    derived: dict[str, dict[str, Any]] = {
        NETWORK_TOTALS: {"networks": {ident: {"months": months}
                                      for ident, months in sorted(networks.items())}}}
    for shard in range(PEOPLE_SHARDS):
        derived[f"derived/people-{shard:x}.json"] = {"people": {}}
    for ident, nets in sorted(people.items()):
        derived[people_shard(ident)]["people"][ident] = {"networks": nets}
    written = 0
    for name, data in derived.items():
        if files.exists(name):
            if files.read(name) == data:
                continue
        elif not any(data.values()):
            continue  # no need for an empty file
        files.write(name, data)
        written += 1
    store.rebuild_conversations()
    return written


# writing ------------------------------------------------------------------------------
def write_state(store: Any, state: State, *, base: State | None = None,
                prefer: dict[str, Any] | None = None, force_derived: bool = False,
                months: set[str] | None = None) -> int:
    """Write ``state`` into the open store's folder; returns how many files changed.

    Must run inside ``store.transaction()``. ``base`` is the state the folder holds now
    (as loaded in this transaction): only what differs from it is written. ``prefer``
    holds files (parsed) to take byte for byte wherever they hold exactly what the state
    needs: after a sync both devices then have the same bytes, so git sees one tree and
    fast-forwards instead of making merge commits forever.

    ``months``: ``state`` and ``base`` hold only these month files (names such as
    ``2026-10``; an incremental sync): only they are read and written, and the
    aggregates are always updated by the difference, never recomputed from the part."""
    files = store.files
    current = {MAIN: files.read(MAIN)}
    for month in store.months():
        if months is None or month in months:
            name = f"{INTERACTIONS}/{month}.json"
            current[name] = files.read(name)
    incremental = base is not None and not base.duplicates
    if months is not None and not incremental:
        raise StoreError("internal error: a partial merge without a settled base")
    if incremental:
        assert base is not None
        wanted = render_changes(state, base, current)
    else:
        wanted = render_all(state, current)
    if prefer is not None:  # so that files the same as theirs take their bytes
        for name in prefer:
            if name in wanted:
                continue
            if name in current:
                wanted[name] = current[name]
            else:  # a file of theirs we lack: it holds no record of ours, maybe tombstones
                tombs = {key: doc for key, doc in sorted(state.tombstones.items())
                         if _tombstone_file(key, doc) == name}
                wanted[name] = {INTERACTIONS: {}, **({TOMBSTONES: tombs} if tombs else {})}
    if months is not None:
        on_disk = {f"{INTERACTIONS}/{month}.json" for month in store.months()}
        if any(name in on_disk and name not in current for name in wanted):
            raise NeedsFullMerge()  # a record moved into a month this merge did not read
    written = 0
    for name, data in wanted.items():
        target = data
        if prefer is not None and same_content(prefer.get(name), data):
            target = prefer[name]
            if name in current and orjson.dumps(current[name]) == orjson.dumps(target):
                continue
        elif same_content(current.get(name), data):
            continue
        files.write(name, target)
        written += 1
    if months is None and (force_derived or not incremental or _derived_missing(store)):
        if written or force_derived or _derived_missing(store):
            written += recompute_derived(store, state)
    elif written:
        assert base is not None
        written += update_derived(store, base, state, months)
    return written


def same_content(a: dict[str, Any] | None, b: dict[str, Any] | None) -> bool:
    """Whether two versions of a file hold the same records (an empty table is none)."""
    if a is None or b is None:
        return a is b
    if a == b:
        return True
    return {k: v for k, v in a.items() if v} == {k: v for k, v in b.items() if v}


def _derived_missing(store: Any) -> bool:
    """Whether the aggregates are missing (a database made by ``git clone`` has none)."""

    return not store.files.exists(NETWORK_TOTALS) and bool(store.months())


# the commands' entry points -----------------------------------------------------------
@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while a merge builds 300k small dicts (that hold no
    cycles): Python's collector would otherwise rescan them all, again and again, and
    take a third of the merge. Memory is still freed as usual, by reference counting."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()



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
                  "updated": sum(1 for i, d in new.items()
                                 if i in old and old[i] is not d and old[i] != d),
                  "removed": sum(1 for i in old if i not in new)}
        if any(counts.values()):
            changes[name] = counts
    return changes


class NeedsFullMerge(Exception):
    """A partial merge (``merge_into(months=...)``) found what only a merge of the whole
    history settles (an interaction in two month files); nothing was written."""


def merge_into(store: Any, other: State, *, where: str,
               prefer: dict[str, Any] | None = None, months: set[str] | None = None,
               backup: bool = True) -> Summary:
    """Join ``other`` into the open store, in one transaction (backed up first, unless
    ``backup`` is False: a sync's undo point is its git commit, not a copy).

    ``months``: ``other`` holds ``kith.json`` and only these month files, the ones that
    changed (an incremental sync, see ``kith.sync.transport``); the same part of this
    database is read, merged and written. The caller guarantees that nothing in
    ``other`` reaches across files (new people merges, deleted people or networks)."""
    from kith.sync.screen import holds_records, keep_me, screen

    summary = Summary()
    with store.transaction(backup_reason="merge" if backup else None):
        mine = load_store(store, months)
        if months is not None and (mine.duplicates or other.duplicates
                                   or _derived_missing(store)):
            raise NeedsFullMerge()
        # the door: every record of the peer checked before anything is joined (a
        # currency mismatch raises here, before any file is written)
        warnings = screen(other, mine, where)
        merged = join(mine, other)
        if other.meta and not holds_records(mine):
            merged.meta = other.meta  # a database that holds nothing takes the peer's
        keep_me(mine, merged)
        summary.warnings = warnings + check_incoming(mine, merged, where)
        summary.changes = compare(mine, merged)
        summary.files_written = write_state(store, merged, base=mine, prefer=prefer,
                                            months=months)
    _forget_after_commit(store)
    return summary


def settle(store: Any, *, force_derived: bool = False) -> dict[str, dict[str, int]]:
    """Apply tombstones and people merges across files and recompute the aggregates (after
    a merge made file by file, by git's driver); returns what changed."""
    with store.transaction():
        before = load_store(store)
        after = State(meta=before.meta, tombstones=dict(before.tombstones),
                      tables={name: dict(records) for name, records in before.tables.items()})
        normalize(after)
        write_state(store, after, force_derived=force_derived)
    _forget_after_commit(store)
    return compare(before, after)


def _forget_after_commit(store: Any) -> None:
    """Drop the cached files (a merge may have read two whole histories), unless an
    outer transaction (the command's own) still has to commit them."""
    if not store.files.in_transaction:
        store.files.forget()
