"""TinyDB over the file cache: tables keyed by kith's own ids, written at commit.

``BufferedStorage`` hands TinyDB the cached file and takes its writes back into the open
transaction, so a write costs nothing until the transaction commits every changed file
at once. ``KeyedTable`` adds the keyed, O(1) operations the store is built on.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from kith.persistence.stamps import stamped_put, stamped_remove


class Files(Protocol):
    """What a buffered storage needs of the file set (``kith.persistence.files``)."""

    removed: dict[Any, Any]

    def read(self, name: str) -> dict[str, Any]: ...

    def write(self, name: str, data: dict[str, Any]) -> None: ...


class BufferedStorage(Storage):
    """TinyDB storage backed by a ``FileSet``: reads are cached, writes wait for commit."""

    def __init__(self, files: Files, name: str):
        self.files = files
        self.name = name

    def read(self) -> dict[str, dict[str, Any]] | None:
        return self.files.read(self.name)

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

        def _read_table(self) -> dict[str, dict[str, Any]]: ...  # type: ignore[override]

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
