"""TinyDB over the file cache: tables keyed by kith's own ids, written at commit.

``BufferedStorage`` hands TinyDB the cached file and takes its writes back into the open
transaction, so a write costs nothing until the transaction commits every changed file
at once. ``KeyedTable`` adds the keyed, O(1) operations the store is built on.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

import orjson
from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from kith.persistence.stamps import stamped_put, stamped_remove


def dump_file(name: str, data: dict[str, Any]) -> bytes:
    """A database file's bytes: one record per line, each with its keys sorted.

    Data files (``kith.json``, the month files) are what git keeps: a file written whole
    as one line makes every change a rewrite of the file in git's history (the remote grew
    with the number of syncs, not with the data) and every concurrent change a conflict
    of the whole file. A line per record makes a change to one interaction a one-line
    diff, and a merge (git's or kith's driver) a matter of the lines that differ. Keys
    are sorted within each record and records by id within each table, so the same
    record is the same line whoever wrote it (the store, a merge, an import), a record
    edited stays on its line (an edit puts it back last in the table's dict), and two
    devices writing the same records write the same bytes. Sorting costs little: only
    the files a transaction changed are written, a month at a time.

    Readers parse JSON, any layout: a file written by an older kith (one line) reads the
    same. Each table starting on a line of its own also lets a reader find the tables
    without parsing them and parse only the one it needs (``kith.persistence.lazytables``).
    Derived files stay local (never in git) and are written compact with every key sorted:
    they are rebuilt from scratch by a repair or a merge and updated record by record
    otherwise, and both ways must give the same bytes."""
    if name.startswith("derived/"):
        return orjson.dumps(data, option=orjson.OPT_SORT_KEYS)
    lines = [b"{"]
    last = len(data) - 1
    for index, (table, records) in enumerate(data.items()):
        head = orjson.dumps(str(table))
        comma = b"," if index < last else b""
        if isinstance(records, dict) and records and all(
                isinstance(doc, dict) for doc in records.values()):
            lines.append(head + b": {")
            lines.append(b",\n".join(
                orjson.dumps(str(ident)) + b": " + orjson.dumps(doc, option=orjson.OPT_SORT_KEYS)
                for ident, doc in sorted(records.items())))
            lines.append(b"}" + comma)
        else:
            lines.append(head + b": " + orjson.dumps(records, option=orjson.OPT_SORT_KEYS)
                         + comma)
    lines.append(b"}")  # no newline after: a file cut by its last byte is damage, seen
    return b"\n".join(lines)


class Files(Protocol):
    """What a buffered storage needs of the file set (``kith.persistence.files``)."""

    removed: dict[Any, Any]

    def read(self, name: str) -> dict[str, Any]: ...

    def read_table(self, name: str, table: str) -> Any: ...

    def write(self, name: str, data: dict[str, Any]) -> None: ...


class BufferedStorage(Storage):
    """TinyDB storage backed by a ``FileSet``: reads are cached, writes wait for commit."""

    def __init__(self, files: Files, name: str):
        self.files = files
        self.name = name

    def read(self) -> dict[str, dict[str, Any]] | None:
        return self.files.read(self.name)

    def read_table(self, table: str) -> Any:
        """One table (None when absent), without parsing the file's other tables."""
        return self.files.read_table(self.name, table)

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        self.files.write(self.name, data)

    def close(self) -> None:
        pass


class KeyedTable(Table):
    """A TinyDB table whose document ids are kith's own string ids (ULIDs, slugs).

    Besides TinyDB's document API it offers the raw, keyed operations the store is built
    on: TinyDB's own ``upsert``/``insert`` rebuild the whole table dict on every call,
    which makes a 10k-record import quadratic; documents are keyed by kith's ids, so
    ``put`` sets the key in the file's raw dict and hands it back to the (buffered)
    storage, which writes the file once at commit.
    """

    document_id_class = str  # type: ignore[assignment]

    if TYPE_CHECKING:  # TinyDB's stubs expect int ids; kith's are strings
        def get(self, cond: Any = None, doc_id: str | None = None,  # type: ignore[override]
                doc_ids: Any = None) -> Any: ...

    def _read_table(self) -> dict[str, dict[str, Any]]:  # type: ignore[override]
        """This table's raw documents (as TinyDB's own: ``{}`` when there is none), read
        alone: listing networks does not parse ``kith.json``'s people. Writes go through
        ``storage.read()``, the whole file."""
        found = self._buffered.read_table(self.name)
        return found if found is not None else {}

    @property
    def _buffered(self) -> BufferedStorage:
        return self._storage  # type: ignore[return-value]

    def docs(self) -> dict[str, dict[str, Any]]:
        """Every raw document by id, as cached (no copies: do not mutate)."""
        return self._read_table()

    def put(self, ident: str, data: dict[str, Any]) -> None:
        """Insert or replace one document by id in O(1), stamped if its table is synced
        (see ``kith.persistence.stamps``). Call inside a transaction."""
        storage = self._buffered
        raw = storage.read() or {}
        records = raw.setdefault(self.name, {})
        records[ident] = stamped_put(storage, self.name, ident, data, raw)
        storage.write(raw)
        self.clear_cache()

    def discard(self, ident: str) -> None:
        """Remove one document by id in O(1), leaving a tombstone if its table is synced;
        a missing id is ignored. Call inside a transaction."""
        storage = self._buffered
        raw = storage.read() or {}
        removed = raw.get(self.name, {}).pop(ident, None)
        if removed is not None:
            stamped_remove(storage, self.name, ident, removed, raw)
            storage.write(raw)
            self.clear_cache()

    def rewrite(self, change: Callable[[dict[str, dict[str, Any]]], bool]) -> None:
        """Change the raw documents in place, unstamped (a schema migration): ``change``
        gets them by id and returns whether it changed anything, which is then written."""
        storage = self._buffered
        raw = storage.read() or {}
        if change(raw.get(self.name, {})):
            storage.write(raw)
            self.clear_cache()


class KithTinyDB(TinyDB):
    table_class = KeyedTable

    if TYPE_CHECKING:
        def table(self, name: str, **kwargs: Any) -> KeyedTable: ...

    def clear_table_caches(self) -> None:
        """Make every table opened on this file read its (buffered) storage again."""
        for table in self._tables.values():
            table.clear_cache()
