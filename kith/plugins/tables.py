"""A plugin's own records, written like every other record of kith.

``PluginTable(store, plugin, name)`` is a small keyed table (``put``/``get``/``delete``/
``all``) kept in the database's main file as the table ``plugin:<plugin>:<name>``. Every write
goes through the store's stamped put and remove (``KeyedTable.put``/``discard``, see
``kith.persistence.stamps``), so a plugin's records carry the same stamps and tombstones as
kith's: they merge field by field (``kith merge``, ``kith sync``), travel in the full export
and are restored with the database by doctor. A raw TinyDB handle (``Store.plugin_table``,
the old way) writes unstamped records in a file of its own that sync never sees.

Records are JSON objects keyed by a string id; what a plugin gets back is a copy without
kith's bookkeeping (the stamps), so it can be changed freely and put again.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from kith.persistence.stamps import STAMP_KEYS

if TYPE_CHECKING:
    from kith.persistence.store import Store

PREFIX = "plugin"
_NAME = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def table_name(plugin: str, name: str) -> str:
    """The table of ``kith.json`` holding plugin ``plugin``'s table ``name``."""
    for what, value in (("plugin", plugin), ("table", name)):
        if not isinstance(value, str) or not _NAME.match(value):
            raise ValueError(f"a plugin table's {what} name is 1-64 letters, digits, '-' "
                             f"or '_', not {value!r}")
    return f"{PREFIX}:{plugin}:{name}"


def _check(ident: str, record: dict[str, Any]) -> dict[str, Any]:
    if not isinstance(ident, str) or not ident or "/" in ident:
        raise ValueError(f"a plugin record's id is a non-empty string without '/', "
                         f"not {ident!r}")
    if not isinstance(record, dict) or not all(isinstance(key, str) for key in record):
        raise ValueError(f"a plugin record is a dict with string keys, not {record!r}"[:200])
    reserved = sorted(STAMP_KEYS & record.keys())
    if reserved:
        raise ValueError(f"{', '.join(reserved)}: kith's own stamp field(s), set by kith")
    if record.get("id", ident) != ident:
        raise ValueError(f"record {ident!r} says its id is {record['id']!r}")
    import orjson  # only when a plugin writes

    try:
        orjson.dumps(record)
    except TypeError as error:
        raise ValueError(f"record {ident!r} is not JSON: {error}") from None
    return {**record, "id": ident}


def _public(doc: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in doc.items() if key not in STAMP_KEYS}


class PluginTable:
    """One table of a plugin's own records, keyed by id, stamped and synced."""

    def __init__(self, store: Store, plugin: str, name: str) -> None:
        self.store = store
        self.plugin = plugin
        self.name = table_name(plugin, name)

    def put(self, ident: str, record: dict[str, Any]) -> dict[str, Any]:
        """Insert or replace the record ``ident`` (its ``id`` field is set to ``ident``) in
        one transaction of its own, or in the caller's ``store.transaction()``. Returns
        the record as stored (without stamps)."""
        checked = _check(ident, record)
        with self.store.transaction():
            self.store.table(self.name).put(ident, checked)
        return checked

    def get(self, ident: str) -> dict[str, Any] | None:
        """The record ``ident`` (a copy, without stamps), or ``None``."""
        doc = self.store.table(self.name).docs().get(ident)
        return _public(doc) if doc is not None else None

    def delete(self, ident: str) -> bool:
        """Remove the record ``ident``, leaving a tombstone so that a merge with a device
        that still has it does not bring it back. Whether there was one."""
        with self.store.transaction():
            table = self.store.table(self.name)
            if ident not in table.docs():
                return False
            table.discard(ident)
        return True

    def all(self) -> dict[str, dict[str, Any]]:
        """Every record by id (copies, without stamps), in id order."""
        docs = self.store.table(self.name).docs()
        return {ident: _public(docs[ident]) for ident in sorted(docs)}

    def __len__(self) -> int:
        return len(self.store.table(self.name).docs())

    def __contains__(self, ident: object) -> bool:
        return ident in self.store.table(self.name).docs()

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self.store.table(self.name).docs()))

    def __repr__(self) -> str:
        return f"PluginTable({self.plugin!r}, {self.name!r}, {len(self)} records)"
