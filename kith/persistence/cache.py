"""The cache of loaded files: each JSON file parsed once per process, until it changes.

A file read from disk is kept with its signature (inode, size, mtime); ``refresh`` drops
the ones another process has since replaced (a commit renames files into place, so a
replaced file has a new inode). Files written in the open transaction live here too
until they are committed (``kith.persistence.transaction``). Files are parsed with
orjson and checked at the door: the layout here, each record by ``validate``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from kith.core.errors import StoreError
from kith.persistence import checked

if TYPE_CHECKING:
    from kith.persistence.tables import KithTinyDB

Signature = tuple[int, int, int]
Validate = Callable[[Path, str, dict[str, Any]], None]


@dataclass
class Cached:
    data: dict[str, Any]
    signature: Signature | None


def signature(path: Path) -> Signature | None:
    """What changes whenever a file is replaced: ``(inode, size, mtime)``, or None."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    return (info.st_ino, info.st_size, info.st_mtime_ns)


def parse(path: Path) -> dict[str, Any]:
    """A kith file's content, or ``StoreError`` saying what is wrong and what to run."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise StoreError(f"cannot read {path}: {error.strerror or error}") from None
    if not raw.strip():  # kith never writes an empty file: it was truncated
        raise StoreError(f"{path} is empty (truncated?); "
                         "run `kith doctor --repair` to restore a backup")
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise StoreError(f"{path} is not valid JSON ({error}); "
                         "run `kith doctor --repair` to restore a backup") from None
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise StoreError(f"{path} is not a kith database file (unexpected layout); "
                         "run `kith doctor --repair` to restore a backup")
    return data


class FileCache:
    """Parsed files by name (relative to ``home``), and the TinyDB opened on each."""

    def __init__(self, home: Path):
        self.home = Path(home)
        self.files: dict[str, Cached] = {}
        self.dbs: dict[str, KithTinyDB] = {}
        self.validate: Validate | None = None
        """Called with every file read from disk (``kith.persistence.validation``)."""
        self.watched: dict[str, Signature | None] | None = None
        """While a reader reads without the lock (``kith.persistence.snapshot_read``): the
        signature of every file and folder it used, to check at the end that none changed."""
        self.checked: dict[str, checked.Signature] = {}
        """Derived files known sound as they are on disk (checked here, found recorded, or
        just committed), for the next commit to record (``kith.persistence.checked``)."""
        self._recorded: dict[str, checked.Signature] | None = None

    def read(self, name: str) -> dict[str, Any]:
        cached = self.files.get(name)
        if cached is None:
            path = self.home / name
            found = signature(path)
            data: dict[str, Any] = {}
            if found is not None:
                data = parse(path)
                if self.validate is not None:
                    if not checked.applies(name):
                        self.validate(path, name, data)
                    else:  # a derived file: unchecked if it is as kith last left it
                        if self._recorded is None:
                            self._recorded = checked.load(self.home)
                        now = checked.signature(path)
                        if now is None or self._recorded.get(name) != now:
                            self.validate(path, name, data)
                        if now is not None:
                            self.checked[name] = now
            cached = self.files[name] = Cached(data, found)
        if self.watched is not None:
            self.watched.setdefault(name, cached.signature)
        return cached.data

    def watch_folder(self, name: str) -> None:
        """A reader listed folder ``name``: a file added to or renamed into it changes the
        folder's own signature (``snapshot_read`` checks it at the end)."""
        if self.watched is not None:
            self.watched.setdefault(name + "/", signature(self.home / name))

    def changed_since_watched(self) -> list[str]:
        """The watched files and folders whose signature is no longer the one used."""
        if self.watched is None:
            return []
        return [name for name, seen in self.watched.items()
                if signature(self.home / name.rstrip("/")) != seen]

    def put(self, name: str, data: dict[str, Any]) -> None:
        """Hold new content for ``name`` (not on disk until committed)."""
        cached = self.files.get(name)
        if cached is None:
            self.files[name] = Cached(data, None)
        else:
            cached.data = data

    def stage(self, name: str, data: dict[str, Any]) -> None:
        """Hold data as if read from disk (the file does not exist yet)."""
        self.files[name] = Cached(data, None)

    def holds(self, name: str) -> bool:
        return name in self.files

    def held_in(self, folder: str) -> set[str]:
        """Names held (with content) in ``folder``: files an open transaction creates."""
        return {n for n, c in self.files.items() if n.startswith(folder + "/") and c.data}

    def settled(self, names: Iterable[str]) -> None:
        """These files were just committed: remember their new signatures."""
        for name in names:
            self.files[name].signature = signature(self.home / name)
            if checked.applies(name):  # written by kith from what it holds: sound
                found = checked.signature(self.home / name)
                if found is not None:
                    self.checked[name] = found

    def drop(self, names: Iterable[str]) -> None:
        """Forget these files (a rollback), and make every table read its file again."""
        for name in names:
            self.files.pop(name, None)
            self.dbs.pop(name, None)
            self.checked.pop(name, None)
        self._clear_tables()

    def forget(self) -> None:
        """Drop every cached file, so the next read sees the disk."""
        self.files.clear()
        self.dbs.clear()
        self.checked.clear()
        self._recorded = None

    def refresh(self) -> None:
        """Drop cached files that another process replaced since we read them."""
        for name, cached in list(self.files.items()):
            if cached.signature != signature(self.home / name):
                del self.files[name]
                self.dbs.pop(name, None)
                self.checked.pop(name, None)
        self._recorded = None  # another commit may have recorded files since
        self._clear_tables()

    def _clear_tables(self) -> None:
        for database in self.dbs.values():
            database.clear_table_caches()
