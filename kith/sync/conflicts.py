"""The conflicts a merge kept: values newest-wins dropped, listed by ``kith conflicts``.

A join (``kith.sync.merge.join_docs``) keeps, for every scalar (a name, a birthday, an
interaction's ``value.money``), the value with the newer stamp. When the losing value was
written by a device that had not seen the winning one (its stamp is newer than what the
winner's writer replaced, ``_since``), the user made two edits neither saw: the loser is
a *conflict*. ``kith merge`` and ``kith sync`` collect them (``collecting``) and keep them
here, in ``.conflicts`` of the database folder (JSON): a local file (like ``.device``,
never synced: the device that merged says so, once), written atomically. The user picks the
other value with ``kith conflicts --pick N`` (a new edit, newer than both, which then
travels like any edit) or dismisses it with ``--keep N``.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

import orjson

from kith.sync.merge import Conflict

FILE = ".conflicts"


def conflict_id(table: str, record: str, path: tuple[str, ...], stamp: tuple[str, str]) -> str:
    text = orjson.dumps([table, record, list(path), list(stamp)])
    return hashlib.sha1(text).hexdigest()[:10]


def load(home: Path) -> dict[str, dict[str, Any]]:
    """The conflicts kept in folder ``home`` (an unreadable file counts as none)."""
    try:
        data = orjson.loads((Path(home) / FILE).read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return {}
    found = data.get("conflicts") if isinstance(data, dict) else None
    if not isinstance(found, dict):
        return {}
    return {k: v for k, v in found.items() if isinstance(v, dict) and _readable(v)}


def _readable(entry: dict[str, Any]) -> bool:
    return isinstance(entry.get("table"), str) and isinstance(entry.get("record"), str) \
        and isinstance(entry.get("path"), list) and all(isinstance(p, str)
                                                        for p in entry["path"])


def save(home: Path, conflicts: dict[str, dict[str, Any]]) -> None:
    """Write the conflicts atomically (a temporary file renamed over the old one)."""
    path = Path(home) / FILE
    if not conflicts:
        path.unlink(missing_ok=True)
        return
    temp = path.with_name(f"{FILE}.{os.getpid()}.new")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, orjson.dumps({"conflicts": dict(sorted(conflicts.items()))},
                                  option=orjson.OPT_INDENT_2))
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(temp, path)


def keep(home: Path, found: list[Conflict], merged: dict[str, dict[str, Any]] | None = None
         ) -> int:
    """Add ``found`` to the conflicts of ``home``; returns how many are new. ``merged``
    (table -> records after the merge), when given, keeps only the conflicts whose winner
    still stands (a later join of the same merge may have replaced it)."""
    kept = load(home)
    new = 0
    for conflict in found:
        if merged is not None:
            doc = merged.get(conflict.table, {}).get(conflict.record)
            if doc is None or not _stands(doc, conflict):
                continue
        ident = conflict_id(conflict.table, conflict.record, conflict.path, conflict.stamp)
        if ident in kept:
            continue
        kept[ident] = {"table": conflict.table, "record": conflict.record,
                       "path": list(conflict.path), "value": conflict.value,
                       "stamp": list(conflict.stamp), "winner": conflict.winner,
                       "winner_stamp": list(conflict.winner_stamp)}
        new += 1
    if new:
        save(home, kept)
    return new


def _stands(doc: dict[str, Any], conflict: Conflict) -> bool:
    from kith.persistence.elements import value_at

    found, value = value_at(doc, conflict.path)
    return found and orjson.dumps(value, option=orjson.OPT_SORT_KEYS) == orjson.dumps(
        conflict.winner, option=orjson.OPT_SORT_KEYS)
