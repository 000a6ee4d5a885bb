"""The cache of loaded files: each JSON file parsed once per process, until it changes.

A file read from disk is kept with its signature (inode, size, mtime); ``refresh`` drops
the ones another process has since replaced (a commit renames files into place, so a
replaced file has a new inode). Files written in the open transaction live here too
until they are committed (``kith.persistence.transaction``). Files are parsed with
orjson and checked at the door: the layout here, each record by ``validate``. A table
asked for alone (``read_table``, what the store's TinyDB tables read) is parsed and
checked alone when the file is in ``dump_file``'s layout (``kith.persistence.lazytables``),
so ``kith network list`` does not parse 10k people; the rest of the file is parsed and
checked when it is read whole (every write reads it whole).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from kith.core.errors import StoreError
from kith.persistence import checked, lazytables

if TYPE_CHECKING:
    from kith.persistence.tables import KithTinyDB

Signature = tuple[int, int, int]
Validate = Callable[[Path, str, dict[str, Any]], None]


def signature(path: Path) -> Signature | None:
    """What changes whenever a file is replaced: ``(inode, size, mtime)``, or None."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    return (info.st_ino, info.st_size, info.st_mtime_ns)


def parse(path: Path) -> dict[str, Any]:
    """A kith file's content, or ``StoreError`` saying what is wrong and what to run."""
    return parse_bytes(path, read_bytes(path))


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise StoreError(f"cannot read {path}: {error.strerror or error}") from None


def parse_bytes(path: Path, raw: bytes) -> dict[str, Any]:
    """The content of file ``path`` read as ``raw``, refused as ``parse`` says."""
    if not raw.strip():  # kith never writes an empty file: it was truncated
        raise StoreError(f"{path} is empty (truncated?); "
                         "run `kith doctor --repair` to restore a backup")
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise StoreError(f"{path} is not valid JSON ({error}); "
                         "run `kith doctor --repair` to restore a backup") from None
    if not isinstance(data, dict):
        raise StoreError(f"{path} is not a kith database file (unexpected layout); "
                         "run `kith doctor --repair` to restore a backup")
    check_layout(path, data)
    return data


def check_layout(path: Path, data: dict[str, Any]) -> None:
    """Every table of a kith file is an object of records."""
    if not all(isinstance(v, dict) for v in data.values()):
        raise StoreError(f"{path} is not a kith database file (unexpected layout); "
                         "run `kith doctor --repair` to restore a backup")


class Cached:
    """One file as read (or as the open transaction holds it), with its signature.

    A data file read for one table (``table``) is kept as its bytes and the tables parsed
    so far (``kith.persistence.lazytables``); asking for ``data``, the whole file, parses
    and checks the rest, keeping the tables already handed out."""

    __slots__ = ("_data", "_lazy", "signature")

    def __init__(self, data: dict[str, Any], signature: Signature | None,
                 lazy: Lazy | None = None):
        self._data = data
        self.signature = signature
        self._lazy = lazy

    @property
    def data(self) -> dict[str, Any]:
        if self._lazy is not None:
            self._data = self._lazy.whole()
            self._lazy = None
        return self._data

    @data.setter
    def data(self, data: dict[str, Any]) -> None:
        self._data = data
        self._lazy = None

    def table(self, table: str) -> Any:
        """One table's content (None when the file has no such table)."""
        if self._lazy is not None:
            return self._lazy.table(table)
        return self._data.get(table)

    @property
    def has_content(self) -> bool:
        return self._lazy is not None or bool(self._data)


class Lazy:
    """A file's bytes split by table, each parsed and checked when first asked for."""

    def __init__(self, path: Path, name: str, raw: bytes, spans: lazytables.Spans,
                 validate: Validate | None):
        self.path = path
        self.name = name
        self.raw = raw
        self.spans = spans
        self.validate = validate
        self.parsed: dict[str, Any] = {}

    def table(self, table: str) -> Any:
        if table not in self.parsed and table in self.spans:
            self._parse([table])
        return self.parsed.get(table)

    def whole(self) -> dict[str, Any]:
        """Every table in file order: those parsed already as they were handed out."""
        self._parse([t for t in self.spans if t not in self.parsed])
        return {table: self.parsed[table] for table in self.spans}

    def _parse(self, tables: list[str]) -> None:
        """Parse these tables, checked at the door like a whole file of them."""
        if not tables:
            return
        try:
            data = {t: lazytables.parse_table(self.raw, self.spans[t]) for t in tables}
        except orjson.JSONDecodeError:
            data = parse_bytes(self.path, self.raw)  # the whole file's own words for it
            if self.validate is not None:  # valid whole: not in dump_file's layout after all
                self.validate(self.path, self.name, data)
            self.parsed, self.spans = data, dict.fromkeys(data, (0, 0))
            return
        check_layout(self.path, data)
        if self.validate is not None:
            self.validate(self.path, self.name, data)
        self.parsed.update(data)


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
        """File ``name`` whole (``{}`` when there is none), parsed and checked once."""
        cached = self.files.get(name)
        if cached is None:
            cached = self.files[name] = self._load(name, by_table=False)
        if self.watched is not None:
            self.watched.setdefault(name, cached.signature)
        return cached.data

    def read_table(self, name: str, table: str) -> Any:
        """One table of file ``name`` (None when absent): of a data file in
        ``dump_file``'s layout, only that table is parsed and checked."""
        cached = self.files.get(name)
        if cached is None:
            cached = self.files[name] = self._load(name, by_table=True)
        if self.watched is not None:
            self.watched.setdefault(name, cached.signature)
        return cached.table(table)

    def _load(self, name: str, *, by_table: bool) -> Cached:
        path = self.home / name
        found = signature(path)
        if found is None:
            return Cached({}, None)
        derived = checked.applies(name)
        if by_table and not derived:
            raw = read_bytes(path)
            spans = lazytables.split(raw)
            if spans is not None:
                return Cached({}, found, Lazy(path, name, raw, spans, self.validate))
            data = parse_bytes(path, raw)
        else:
            data = parse(path)
        if self.validate is not None:
            if not derived:
                self.validate(path, name, data)
            else:  # a derived file: unchecked if it is as kith last left it
                if self._recorded is None:
                    self._recorded = checked.load(self.home)
                now = checked.signature(path)
                if now is None or self._recorded.get(name) != now:
                    self.validate(path, name, data)
                if now is not None:
                    self.checked[name] = now
        return Cached(data, found)

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
        return {n for n, c in self.files.items()
                if n.startswith(folder + "/") and c.has_content}

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
