"""The store's shared ground: the database folder, its transactions, schema record and raw
keyed tables. Every room of the store (people, interactions, aggregates, ...) works
through one ``Core``; none of them knows the ``Store`` facade.

Every write runs in a transaction (``FileSet.transaction``): nested calls join the outer
one. The store fires no hooks and applies no value policy: it only remembers which
interactions the last committed transaction recorded (``last_recorded``), so the use case
that owned that transaction (``kith.services``) can announce them after the commit.
"""

from __future__ import annotations

import contextlib
import time
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from kith.core import clock
from kith.core.errors import StoreError
from kith.core.model import ME, Interaction, Person
from kith.persistence.files import FileSet
from kith.persistence.lockfree import TornRead
from kith.persistence.stamps import stamp_created
from kith.persistence.store.layout import INTERACTIONS, MAIN
from kith.persistence.store.migrations import SCHEMA_VERSION
from kith.persistence.tables import KeyedTable, KithTinyDB
from kith.persistence.validation import validate_file

T = TypeVar("T")
READ_ATTEMPTS = 12
"""Lock-free attempts before a reader gives up and waits for the lock (each collision
means a commit landed during the read; a dozen in a row is a writer committing non-stop)."""


class Core:
    """The database folder with its transactions. ``Store`` is one (the facade adds the
    rooms); the rooms take it as their ground."""

    def __init__(self, home: Path | str, *, plugins: Any = None):
        self.home = Path(home).expanduser()
        self.files = FileSet(self.home)
        self.files.validate = validate_file
        self.plugins: Any = plugins
        """The run's plugin manager, carried for the layers above (known kinds, a network
        kind's rules); the store itself never calls it."""
        self._recorded: list[Interaction] = []
        self.last_recorded: tuple[Interaction, ...] = ()
        """The interactions the last committed transaction recorded (new ones, and ones
        upserted or replaced as news), for the use case that owned it to announce."""
        self.uncreated = False
        self._raw_tables: dict[tuple[str, str], dict[str, Any]] = {}
        self._backup_reasons: list[str] = []
        self._forgetters: list[Callable[[], None]] = []
        self._new_currency = "EUR"

    def on_forget(self, forget: Callable[[], None]) -> None:
        """Register a room's cache (of people, networks) to drop whenever what was read may
        be stale: a transaction begins or rolls back, a reader starts, a reload."""
        self._forgetters.append(forget)

    def forget_caches(self) -> None:
        for forget in self._forgetters:
            forget()
        self._raw_tables.clear()

    # schema ----------------------------------------------------------------------------
    @property
    def main(self) -> KithTinyDB:
        return self.files.db(MAIN)

    def table(self, name: str) -> KeyedTable:
        """A table of ``kith.json``."""
        return self.main.table(name)

    def prepare_new(self, currency: str | None) -> None:
        """Stage a new database in memory; it is written by the first write, not before,
        so reading commands and failed commands leave no files behind."""
        if self.home.exists() and not self.home.is_dir():
            raise StoreError(f"{self.home} is a file; --db takes the database folder")
        if self.home.is_dir():
            leftovers = sorted(p.name for p in self.home.iterdir() if not p.name.startswith("."))
            if leftovers and leftovers != ["backups"]:
                raise StoreError(f"{self.home} is not empty and holds no kith database "
                                 f"(found {', '.join(leftovers[:3])})")
        self._new_currency = (currency or "EUR").upper()
        self.uncreated = True
        self._stage_new()

    def _stage_new(self) -> None:
        created = clock.now().isoformat(timespec="seconds")
        me = Person(id=ME, name="Me", created=created)
        self.files.stage(MAIN, {
            "_meta": {"schema": {"version": SCHEMA_VERSION, "created": created,
                                 "currency": self._new_currency, "app": "kith"}},
            "people": {ME: stamp_created(me.to_dict())}})

    def meta(self) -> dict[str, Any]:
        meta = self.table("_meta").get(doc_id="schema")
        if meta is None:
            raise StoreError(f"{self.files.path(MAIN)} is not a kith database "
                             "(no schema record); is --db pointing at the right folder?")
        return dict(meta)

    def _check_schema_in_transaction(self) -> None:
        version = self.meta().get("version")
        if not isinstance(version, int) or version != SCHEMA_VERSION:
            raise StoreError(f"the database at {self.home} was just created by another "
                             f"kith with schema {version}; run the command again")

    def check_schema(self, migrate: Callable[[int], None]) -> None:
        """Finish an interrupted commit, then refuse a newer schema or ``migrate`` an
        older one (after a backup, in one transaction)."""
        if self.files.needs_recovery():
            with self.files.locked():
                self.files.recover()
        meta = self.meta()
        version = meta.get("version")
        if not isinstance(version, int):
            raise StoreError(f"{self.files.path(MAIN)} has no valid schema version")
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"the database at {self.home} uses schema {version}, newer than this kith "
                f"understands ({SCHEMA_VERSION}); upgrade kith to open it")
        if version < SCHEMA_VERSION:
            with self.transaction(backup_reason=f"migrate-from-{version}"):
                migrate(version)
                self.table("_meta").update(
                    {"version": SCHEMA_VERSION}, doc_ids=["schema"])  # type: ignore[list-item]

    # transactions ----------------------------------------------------------------------
    @contextlib.contextmanager
    def transaction(self, *, backup_reason: str | None = None) -> Iterator[None]:
        """Group writes: they all land together, or (on any error) none do.

        The lock is taken when the outermost block opens, and every file another
        process changed is re-read then, so whatever the block reads and writes is one
        step from one committed state to the next (lock before read). Nested blocks join
        the outer one. ``backup_reason`` snapshots the database at commit (imports,
        migrations), keeping the newest ``MAX_BACKUPS``; asked for in a nested block, it is
        taken when the outermost one commits. ``last_recorded`` is emptied when the
        outermost block opens and set when it commits: never to writes rolled back.
        """
        if self.files.in_transaction:
            if backup_reason and backup_reason not in self._backup_reasons:
                self._backup_reasons.append(backup_reason)
            yield
            return
        self.forget_caches()
        self._backup_reasons = [backup_reason] if backup_reason else []
        self._recorded, self.last_recorded = [], ()
        made: Path | None = None
        try:
            with self.files.transaction():
                self._begin()
                yield
                # the snapshot is taken at commit, of the files as they still are on disk,
                # and only when something is about to change: a re-import that adds nothing
                # costs no copy
                if self._backup_reasons and self.files.has_changes \
                        and self.files.exists(MAIN):
                    from kith.persistence.snapshots import snapshot_into_backups

                    made = snapshot_into_backups(self.files, "+".join(self._backup_reasons),
                                                 rotate=False)
        except BaseException:
            if made is not None:  # the state it saved is still the current one
                import shutil

                shutil.rmtree(made, ignore_errors=True)
            self._recorded = []
            self.forget_caches()
            if self.uncreated:
                self._stage_new()  # the rollback dropped the staged records
            raise
        finally:
            self._backup_reasons = []
        if made is not None:
            from kith.persistence.snapshots import rotate_backups

            with contextlib.suppress(OSError):  # the write is committed: never fail it now
                rotate_backups(self.home)
        self.uncreated = False
        self._raw_tables.clear()
        self.last_recorded, self._recorded = tuple(self._recorded), []

    @contextlib.contextmanager
    def reading(self) -> Iterator[None]:
        """A consistent snapshot under the lock: no commit lands halfway through the block
        (work that must also keep writers out, such as ``kith doctor``). Plain readers use
        ``read_consistently``, which never waits for a writer."""
        if self.files.in_transaction or self.uncreated or self.files.reading_lock_free:
            yield
            return
        self.forget_caches()
        with self.files.reading():
            yield

    def read_consistently(self, read: Callable[[], T]) -> T:
        """``read()`` over one committed state, without the writers' lock: an import or a
        merge in progress never makes a reader wait (``kith.persistence.lockfree``).

        A commit that moves files while ``read`` runs makes it run again; after
        ``READ_ATTEMPTS`` such collisions (writers committing back to back) the last attempt
        waits for the lock like a writer. ``read`` must not write: if it opens a
        transaction, ``NeedsWriter`` propagates and the caller runs it as a writer."""
        if self.files.in_transaction or self.uncreated or self.files.reading_lock_free:
            return read()
        for attempt in range(READ_ATTEMPTS):
            self.forget_caches()
            try:
                with self.files.lock_free():
                    return read()
            except TornRead:
                time.sleep(min(0.002 * 2 ** attempt, 0.1))
        with self.reading():
            return read()

    def _begin(self) -> None:
        if self.uncreated:
            if self.files.exists(MAIN):  # another process created it meanwhile
                self.uncreated = False
                self._check_schema_in_transaction()
            else:
                if not self.files.holds(MAIN):
                    self._stage_new()
                self.files.mark_dirty(MAIN)

    def note_recorded(self, interactions: list[Interaction]) -> None:
        """Remember interactions written in the open transaction as news (see
        ``last_recorded``)."""
        self._recorded.extend(interactions)

    def reload(self, check_schema: Callable[[], None]) -> None:
        """Forget what was read that another process has since replaced, so the next read
        sees the disk (a database created meanwhile is opened, with ``check_schema``)."""
        if self.files.in_transaction:
            return
        if self.uncreated and self.files.exists(MAIN):
            self.files.forget()
            self.uncreated = False
            check_schema()
        else:
            self.files.refresh()
        self.forget_caches()

    def data_version(self) -> tuple[tuple[str, int, int, int], ...]:
        """A cheap signature of what is committed on disk: one ``stat`` each of kith.json,
        the derived files and the interactions folder (a commit renames files into place,
        which changes their inode and the folder's). Any committed write, by this process
        or another, changes it; a screen that shows data polls it to know when to re-read.
        """
        paths = [self.home / MAIN, self.home / INTERACTIONS]
        with contextlib.suppress(OSError):
            paths.extend(sorted(p for p in (self.home / "derived").iterdir()
                                if p.suffix == ".json"))
        version = []
        for path in paths:
            with contextlib.suppress(OSError):
                info = path.stat()
                version.append((path.name, info.st_ino, info.st_size, info.st_mtime_ns))
        return tuple(version)

    # raw tables ------------------------------------------------------------------------
    def raw_table(self, name: str, table: str) -> dict[str, Any]:
        """A table's raw documents for in-place updates inside a transaction.

        The aggregates change on every write, often 100k times in one import; going
        through TinyDB's document API for each would copy documents and dominate the
        import. The file is marked for writing at commit.
        """
        key = (name, table)
        cached = self._raw_tables.get(key)
        if cached is not None and self.files.in_transaction:
            return cached
        data = self.files.read(name)
        self.files.write(name, data)
        raw = self._raw_tables[key] = data.setdefault(table, {})
        return raw  # type: ignore[no-any-return]

    # records of kith.json's own tables (notes, followups, relationships, ...) ----------
    def records(self, table: str) -> dict[str, dict[str, Any]]:
        """Every record of a table of ``kith.json``, by id (raw documents: do not mutate)."""
        return dict(self.table(table).docs())

    def put_record(self, table: str, record: dict[str, Any]) -> dict[str, Any]:
        """Insert or replace one record (a dict with a string ``id``), stamped."""
        with self.transaction():
            self.table(table).put(record["id"], record)
        return record

    def remove_record(self, table: str, ident: str) -> None:
        with self.transaction():
            self.table(table).discard(ident)

    def plugin_table(self, plugin: str, name: str) -> KeyedTable:
        """Deprecated: a raw TinyDB table of a plugin's own, whose writes are not stamped
        (so neither merged nor synced). Plugins use ``kith.api.PluginTable``."""

        warnings.warn(f"store.plugin_table({plugin!r}, {name!r}) is a raw TinyDB table whose "
                      "writes are neither stamped nor synced; use "
                      "kith.api.PluginTable(store, plugin, name)", DeprecationWarning,
                      stacklevel=2)
        return self.legacy_plugin_table(plugin, name)

    def legacy_plugin_table(self, plugin: str, name: str) -> KeyedTable:
        """The table ``store.plugin_table`` used to give (in ``plugins/<plugin>.json``), for
        the full export to carry what older plugins wrote there; write it inside
        ``store.transaction()``."""
        safe = "".join(c for c in plugin if c.isalnum() or c in "-_")
        return self.files.db(f"plugins/{safe}.json").table(name)
