"""Who changed what, and when: the stamps that let two databases merge without losing edits.

Every record of a synced table (every table of ``kith.json`` except ``_meta`` and
``tombstones``, and the interactions of the month files) carries:

- ``modified``: when it last changed (UTC, microseconds, ``2026-11-23T17:45:00.123456Z``);
- ``device``: the id of the database that made that change (``.device``, a local file that
  never travels: a copy made by ``git clone`` or ``kith sync`` gets its own);
- ``_base`` and ``_fields``, only when the fields of a record changed at different times:
  ``_fields`` names the fields whose stamp differs from ``_base`` (the oldest stamp), and
  every field that was removed (present in ``_fields``, absent from the record);
- ``_sub`` and ``_since``: the stamps of a list's elements and a mapping's keys, and
  what each scalar's writer had seen (``kith.persistence.elements``).

A stamp is ``[time, device]``; stamps compare as tuples, so two devices never tie. The
encoding is canonical (a function of the per-field stamps only), which is what makes
merging idempotent and commutative (see ``kith.sync.merge``).

Deleting a record leaves a tombstone in the ``tombstones`` table of the same file, keyed
``"<table>/<id>"``, stamped later than anything the record carried: a merge with a device
that still has the record does not bring it back. A record removed and put again in the
same transaction (an interaction moving to another month) is a move, not a deletion.

Stamping happens at the single keyed put and remove (``KeyedTable.put``/``discard``),
so every table, including ones added later, is covered without code of its own.
"""

from __future__ import annotations

import os
import secrets
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kith.core import clock
from kith.persistence.elements import (
    NO_DOTS,
    NODE_KEYS,
    SINCE,
    SUB,
    Dots,
    ElementDots,
    Nodes,
    children,
    dots_of,
    element_state,
    encode_nodes,
    hidden_dots,
    kind,
    node_stamps,
    put_element,
    stamps_of,
    walk,
)

MODIFIED = "modified"
DEVICE = "device"
BASE = "_base"
FIELDS = "_fields"
STAMP_KEYS = frozenset({MODIFIED, DEVICE, BASE, FIELDS}) | NODE_KEYS
TOMBSTONES = "tombstones"
DEVICE_FILE = ".device"
MAIN = "kith.json"
"""The main file of a database folder (every table but the interactions and derived data);
defined here, the lowest module that needs it, and imported by storage, the store and doctor."""
UNSYNCED_TABLES = frozenset({"_meta", TOMBSTONES})
NO_STAMP: tuple[str, str] = ("", "")
"""The stamp of a record written before kith kept stamps: older than any other."""

Stamp = tuple[str, str]

_devices: dict[Any, str] = {}


def is_synced(file: str, table: str) -> bool:
    """Whether records of ``table`` in ``file`` travel between devices (and are stamped)."""
    if table in UNSYNCED_TABLES:
        return False
    return file == MAIN or (file.startswith("interactions/") and file.endswith(".json"))


def device_id(home: Path) -> str:
    """This database's device id, created on first use (owner-only, atomically)."""
    known = _devices.get(home)
    if known:
        return known
    given, home = home, Path(home)
    path = home / DEVICE_FILE
    try:
        ident = path.read_text().strip()
    except OSError:
        ident = ""
    if not (len(ident) == 16 and all(c in "0123456789abcdef" for c in ident)):
        ident = secrets.token_hex(8)
        temp = path.with_name(f"{DEVICE_FILE}.{os.getpid()}.new")
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, ident.encode() + b"\n")
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
    _devices[home] = _devices[given] = ident
    return ident


def forget_device(home: Path) -> None:
    """Drop the cached device id (tests that copy a folder give the copy its own)."""
    for key in (home, Path(home), str(home)):
        _devices.pop(key, None)


_second_text: list[Any] = [None, ""]


def _format_micros(micros: int) -> str:
    """``micros`` since the epoch as a stamp time; the second's text is cached (an import
    stamps 100k records in a few seconds)."""
    second, fraction = divmod(micros, 1_000_000)
    if _second_text[0] != second:
        _second_text[0] = second
        _second_text[1] = datetime.fromtimestamp(second, tz=UTC).strftime("%Y-%m-%dT%H:%M:%S")
    return f"{_second_text[1]}.{fraction:06d}Z"


def _parse_micros(text: str) -> int:
    moment = datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
    return (int(moment.timestamp()) * 1_000_000) + moment.microsecond


_last: list[Any] = [0, ""]  # the last stamp time of this process, as micros and as text


def now(after: str = "") -> str:
    """A time strictly later than the previous one of this process and than ``after``.

    A device whose clock is behind another's still orders its own edit after the
    version it edited (a hybrid logical clock, in one line)."""
    micros = clock.wall_ns() // 1000
    if micros <= _last[0]:
        micros = _last[0] + 1
    text = _format_micros(micros)
    if after and text <= after:
        micros = _parse_micros(after) + 1
        text = _format_micros(micros)
    _last[0], _last[1] = micros, text
    return text


def record_stamp(doc: dict[str, Any]) -> Stamp:
    """The newest stamp of a record (its ``modified`` and ``device``)."""
    modified = doc.get(MODIFIED)
    if not isinstance(modified, str):
        return NO_STAMP
    device = doc.get(DEVICE)
    return (modified, device if isinstance(device, str) else "")


def _as_stamp(value: Any, default: Stamp) -> Stamp:
    if isinstance(value, list | tuple) and len(value) == 2 and all(
            isinstance(v, str) for v in value):
        return (value[0], value[1])
    return default


def field_stamps(doc: dict[str, Any]) -> dict[str, tuple[Stamp, bool]]:
    """``{field: (stamp, present)}`` for every field a record has or had."""
    newest = record_stamp(doc)
    base = _as_stamp(doc.get(BASE), newest)
    listed: dict[str, Any] = doc[FIELDS] if isinstance(doc.get(FIELDS), dict) else {}
    result: dict[str, tuple[Stamp, bool]] = {}
    for key in doc:
        if key not in STAMP_KEYS:
            result[key] = (_as_stamp(listed.get(key), base), True)
    for key, value in listed.items():
        if key not in doc:
            result[key] = (_as_stamp(value, base), False)
    return result


def encode(values: dict[str, Any], stamps: dict[str, tuple[Stamp, bool]]) -> dict[str, Any]:
    """The canonical stamped record of ``values`` (present fields) and per-field stamps."""
    doc = dict(values)
    if not stamps:
        return doc
    newest = max(s for s, _ in stamps.values())
    if newest == NO_STAMP:
        return doc
    oldest = min(s for s, _ in stamps.values())
    doc[MODIFIED], doc[DEVICE] = newest
    listed = {key: list(stamp) for key, (stamp, present) in sorted(stamps.items())
              if stamp != oldest or not present}
    if oldest != newest:
        doc[BASE] = list(oldest)
    if listed:
        doc[FIELDS] = listed
    return doc


def encode_record(values: dict[str, Any], nodes: Nodes,
                  since: dict[Any, Stamp] | None = None,
                  dots: ElementDots | None = None) -> dict[str, Any]:
    """The canonical stamped record of ``values`` and the stamps of all its nodes (a
    function of the stamps only, so two devices that join the same versions write the
    same record)."""
    fields = {path[0]: stamp for path, stamp in nodes.items() if len(path) == 1}
    doc = dict(values)
    if not fields:
        return doc
    below: dict[str, Any] = {}
    newest_below = encode_nodes(below, nodes, since or {}, dots)
    newest = max(s for s, _ in fields.values())
    if newest_below is not None and newest_below > newest:
        newest = newest_below
    if newest == NO_STAMP:
        # a record of no stamps at all (written before kith kept them) keeps only the
        # dots of no time of elements hidden below (a list of one such record that lost
        # to a scalar of another, see ``kith.persistence.elements``): nothing else of no
        # time is ever listed
        doc.update(below)
        return doc
    oldest = min(s for s, _ in fields.values())
    doc[MODIFIED], doc[DEVICE] = newest
    if oldest != newest:
        doc[BASE] = list(oldest)
    listed = {key: list(stamp) for key, (stamp, present) in sorted(fields.items())
              if stamp != oldest or not present}
    if listed:
        doc[FIELDS] = listed
    doc.update(below)
    return doc


def record_nodes(doc: dict[str, Any], dots: ElementDots | None = None) -> Nodes:
    """Every node of a stored record with its stamp (``kith.persistence.elements``);
    ``dots``: the record's ``record_dots``, when the caller has them."""
    values = {k: v for k, v in doc.items() if k not in STAMP_KEYS}
    return node_stamps(values, field_stamps(doc), stamps_of(doc, SUB),
                       dots_of(doc) if dots is None else dots)


def record_dots(doc: dict[str, Any]) -> ElementDots:
    """The list elements of a stored record that are not one dot (see ``elements``)."""
    return dots_of(doc)


def stamp(home: Path, old: dict[str, Any] | None, data: dict[str, Any]) -> dict[str, Any]:
    """``data`` stamped as written now by this device, given the record it replaces.

    Unchanged fields, elements and keys keep their stamps; a write that changes nothing
    keeps the old record as it was (saving a person unchanged does not make it newer). A
    record that carries the stamps of another version than the stored one (a `kith
    export json` imported) is stored as it is; one that carries the stored version's
    stamps (a stored record read, changed and put back) is stamped by what changed."""
    carried = record_stamp(data)
    if carried != NO_STAMP and (old is None or carried != record_stamp(old)):
        return data  # another version, with its own history (an import): as it is
    values = {k: v for k, v in data.items() if k not in STAMP_KEYS}
    if old is None:
        when = now()
        return {**values, MODIFIED: when, DEVICE: device_id(home)}
    old_values = {k: v for k, v in old.items() if k not in STAMP_KEYS}
    if old_values == values:
        return old
    me = device_id(home)
    current: Stamp = (now(record_stamp(old)[0]), me)
    old_dots = record_dots(old)
    writer = _Writer(record_nodes(old, old_dots), stamps_of(old, SINCE), current, old_dots)
    by_field: dict[str, list[Any]] = {}
    for path, node in writer.before.items():
        by_field.setdefault(path[0], []).append((path, node))
    for key, value in values.items():
        before = writer.before.get((key,))
        if key in old_values and old_values[key] == value and before and before[1]:
            writer.nodes.update(by_field[key])  # unchanged: every node keeps its stamp
            writer.dots.update((p, d) for p, d in old_dots.items() if p[0] == key)
            writer.since.update((p, s) for p, s in writer.old_since.items() if p[0] == key)
            continue
        writer.visit((key,), value, key in old_values and bool(before and before[1]),
                     old_values.get(key))
    for path, (before_stamp, present) in writer.before.items():
        if len(path) == 1 and path[0] not in values:
            writer.nodes[path] = (current, False) if present else (before_stamp, False)
            writer.gone(path, old_values.get(path[0]), present)
    return encode_record(values, writer.nodes, writer.since, writer.dots)


class _Writer:
    """The stamps of a local write, node by node, from the stamps of the version it
    replaces (see ``stamp``)."""

    def __init__(self, before: Nodes, since: dict[Any, Stamp], current: Stamp,
                 before_dots: ElementDots):
        self.before, self.old_since, self.current = before, since, current
        self.before_dots = before_dots
        self.before_hidden = hidden_dots(before, before_dots)
        self.nodes: Nodes = {}
        self.since: dict[Any, Stamp] = {}
        self.dots: ElementDots = {}

    def visit(self, path: tuple[str, ...], value: Any, had: bool, old: Any) -> None:
        before = self.before.get(path)
        same_kind = had and kind(value) == kind(old)
        if same_kind and kind(value) != "leaf":
            assert before is not None
            self.nodes[path] = before  # a container keeps its stamp; its content changes
            new, previous = children(value), children(old)
            as_set = kind(value) == "list"
            for name, child in new.items():
                node = (*path, name)
                if as_set:
                    live, dead = element_state(self.before, self.before_dots, node)
                    if not (live and name in previous):  # an add: a new dot
                        live = frozenset({self.current})
                    put_element(self.nodes, self.dots, node, live, dead)
                else:
                    self.visit(node, child, name in previous, previous.get(name))
            for node, (stamp_, present) in self.before.items():
                if len(node) == len(path) + 1 and node[:-1] == path and node[-1] not in new:
                    if as_set:
                        # an element's removal kills the dots it saw, and only those: an
                        # add made elsewhere that it had not seen stays, whatever the clocks
                        live, dead = element_state(self.before, self.before_dots, node)
                        put_element(self.nodes, self.dots, node, NO_DOTS, dead | live)
                    else:  # a key's removal is stamped now, newest-wins like its value
                        self.nodes[node] = (self.current if present else stamp_, False)
                        self.gone(node, previous.get(node[-1]), present)
            return
        if same_kind and value == old:
            assert before is not None
            walk_known(self, path)
            self.carry_hidden(path)
            return
        walk(value, path, self.current, {}, self.nodes)
        killed = self.observed(path, old, had)
        for name, dead in killed.items():  # the elements it replaced: their dots die
            node = (*path, name)
            if kind(value) == "list":
                live = frozenset({self.current}) if name in children(value) else NO_DOTS
                put_element(self.nodes, self.dots, node, live, dead)
            else:
                self.dots[node] = (NO_DOTS, dead)
        if kind(value) == "leaf" and before is not None:
            if path in self.old_since and before[0][1] == self.current[1]:
                # replacing its own edit, maybe not synced yet: it has seen no more
                self.since[path] = self.old_since[path]
            else:
                self.since[path] = before[0]  # the value this writer saw and replaced


    def observed(self, path: tuple[str, ...], old: Any, had: bool) -> dict[str, Dots]:
        """Every dot this writer saw below ``path``: the elements of the list it held
        there, and the elements hidden there (``kith.persistence.elements``)."""
        seen: dict[str, Dots] = {}
        if had and kind(old) == "list":
            for node in self.before:
                if len(node) == len(path) + 1 and node[:-1] == path:
                    live, dead = element_state(self.before, self.before_dots, node)
                    seen[node[-1]] = live | dead
        for name, (live, dead) in self.before_hidden.get(path, {}).items():
            seen[name] = seen.get(name, NO_DOTS) | live | dead
        return {name: dots for name, dots in seen.items() if dots}

    def gone(self, path: tuple[str, ...], old: Any, present: bool) -> None:
        """``path`` is not there after this write: removed now (``present``: it was), so
        the dots it saw die; or still gone, keeping what was hidden below it."""
        if not present:
            self.carry_hidden(path)
            return
        for name, dead in self.observed(path, old, True).items():
            self.dots[(*path, name)] = (NO_DOTS, dead)

    def carry_hidden(self, path: tuple[str, ...]) -> None:
        for name, state in self.before_hidden.get(path, {}).items():
            self.dots[(*path, name)] = state


def walk_known(writer: _Writer, path: tuple[str, ...]) -> None:
    """An unchanged value (a scalar: containers are visited key by key) keeps its stamp."""
    writer.nodes[path] = writer.before[path]
    if path in writer.old_since:
        writer.since[path] = writer.old_since[path]


def stamp_created(doc: dict[str, Any]) -> dict[str, Any]:
    """A record a new database starts with (the user's own person), stamped now by no
    device yet: the device id is not chosen (nor written) before the first commit."""
    return {**doc, MODIFIED: now(), DEVICE: ""}


def tombstone_key(table: str, ident: str) -> str:
    return f"{table}/{ident}"


def tombstone(home: Path, table: str, ident: str, old: dict[str, Any]) -> dict[str, Any]:
    """The tombstone of ``old``, stamped after every stamp the record carried."""
    return {"id": ident, "table": table, "deleted": now(record_stamp(old)[0]),
            "device": device_id(home)}


def tombstone_stamp(doc: dict[str, Any]) -> Stamp:
    deleted, device = doc.get("deleted"), doc.get("device")
    return (deleted if isinstance(deleted, str) else "", device if isinstance(device, str) else "")


# the store's keyed put and remove ------------------------------------------------------
def _kind(file: str) -> str:
    return "main" if file == MAIN else "interactions"


def _stash(files: Any) -> dict[tuple[str, str, str], tuple[dict[str, Any], str, Any]]:
    """Records removed in the open transaction, so that putting one back is a move."""
    stash = files.removed
    if not files.has_changes:  # a new transaction: what an old one removed is gone for good
        stash.clear()
    return stash  # type: ignore[no-any-return]


def stamped_put(storage: Any, table: str, ident: str, data: dict[str, Any],
                raw: dict[str, Any]) -> dict[str, Any]:
    """The document ``KeyedTable.put`` stores: ``data`` stamped if its table is synced."""
    file = storage.name
    if not is_synced(file, table):
        return data
    files = storage.files
    old = raw.get(table, {}).get(ident)
    if old is None and tombstone_key(table, ident) in raw.get(TOMBSTONES, {}):
        # put back after a deletion: newer than the tombstone, whatever it carried
        data = {k: v for k, v in data.items() if k not in STAMP_KEYS}
    if old is None:
        moved = _stash(files).pop((_kind(file), table, ident), None)
        if moved is not None:
            old, from_file, previous = moved
            source = raw if from_file == file else files.read(from_file)
            tombs = source.get(TOMBSTONES, {})
            key = tombstone_key(table, ident)
            if previous is None:
                tombs.pop(key, None)
                if not tombs:  # a move leaves the file as it was (no empty table)
                    source.pop(TOMBSTONES, None)
            else:
                tombs[key] = previous
            if from_file != file:
                files.write(from_file, source)
    return stamp(files.home, old, data)


def stamped_remove(storage: Any, table: str, ident: str, removed: dict[str, Any],
                   raw: dict[str, Any]) -> None:
    """Leave a tombstone for a record ``KeyedTable.discard`` took out of a synced table."""
    file = storage.name
    if not is_synced(file, table):
        return
    files = storage.files
    stash = _stash(files)
    tombs = raw.setdefault(TOMBSTONES, {})
    key = tombstone_key(table, ident)
    previous = tombs.get(key)
    tombs[key] = {**tombstone(files.home, table, ident, removed), "file": file}
    stash[(_kind(file), table, ident)] = (removed, file, previous)
