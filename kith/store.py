"""The kith database: networks, people, interactions and opportunities on TinyDB.

Layout of the database folder (``$KITH_HOME``, the platform's data folder, or ``--db``)::

    kith.json                 _meta (schema version), networks, people, opportunities, merges
    interactions/YYYY-MM.json one TinyDB file per UTC month of interactions
    derived/networks.json     per network, per month: totals given/received/shared
    derived/people-X.json     per person: first/last contact, counts (16 shards by id)
    backups/                  snapshots taken before imports, migrations and restores

Recording one interaction touches only its month's file and the small derived files, so
its cost stays flat as years of history accumulate. The derived aggregates are updated in
the same transaction as the interaction itself; ``recompute_derived`` rebuilds them from
scratch, and a test proves the two always agree.

Every write runs in a transaction (``FileSet.transaction``): nested calls join the outer
one, and ``interaction_recorded`` fires only after the outermost one has committed.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Literal, overload

from kith import initiative as conversation_index
from kith import migrations
from kith.errors import Ambiguous, NotFound, StoreError, ValidationError
from kith.ids import is_id
from kith.limits import MAX_TOTAL_MONEY_MINOR
from kith.model import ME, Interaction, Network, Opportunity, Person, Value
from kith.records import validate_file
from kith.stamps import stamp_created, stamped_put, stamped_remove
from kith.storage import FileSet, KithTinyDB
from kith.textfold import fold

if TYPE_CHECKING:
    from kith.plugins import Plugins

MAIN = "kith.json"
INTERACTIONS = "interactions"
NETWORK_TOTALS = "derived/networks.json"
PEOPLE_SHARDS = 16
DIMENSIONS = ("money", "minutes", "favours", "fun", "count")
MAX_BACKUPS = 10


def default_home() -> Path:
    """``$KITH_HOME``, else the platform's user data folder for kith."""
    env = os.environ.get("KITH_HOME")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("kith", appauthor=False))


def _partition(month: str) -> str:
    return f"{INTERACTIONS}/{month}.json"


def _people_shard(person_id: str) -> str:
    shard = int(hashlib.blake2b(person_id.encode(), digest_size=1).digest()[0]) % PEOPLE_SHARDS
    return f"derived/people-{shard:x}.json"


def _month_of(when: datetime) -> str:
    utc = when.astimezone(UTC)
    return f"{utc.year:04d}-{utc.month:02d}"


def _utc_iso(when: datetime) -> str:
    """Times in the aggregates are UTC ISO strings, so they compare correctly as text."""
    return when.astimezone(UTC).isoformat()


def _month_from_id(ident: str) -> str | None:
    if not is_id(ident):
        return None
    alphabet = "0123456789abcdefghjkmnpqrstvwxyz"
    ms = 0
    for char in ident[:10]:
        ms = ms * 32 + alphabet.index(char)
    try:
        return _month_of(datetime.fromtimestamp(ms / 1000, tz=UTC))
    except (ValueError, OverflowError, OSError):  # a typed id beyond any real time
        return None


def _check_total(row: list[int], network: str) -> None:
    if not -MAX_TOTAL_MONEY_MINOR <= row[0] <= MAX_TOTAL_MONEY_MINOR:
        raise ValidationError(f"the money recorded in {network} would exceed "
                              f"{MAX_TOTAL_MONEY_MINOR:,} minor units in one total")


def value_vector(value: Value) -> list[int]:
    """A value as ``[money, minutes, favours, fun, count]`` for the aggregates."""
    return [value.money, value.minutes, value.favours, value.fun, 1]


def month_keys(direction: str, meta: dict[str, Any] | None,
               initiative: str | None = None) -> list[str]:
    """Rows an interaction adds to in its network's month: its direction; ``intro`` too
    when it is value received through an introduction (so the ledger can say how much of
    a network's return came through introductions without reading history); and
    ``invited`` or ``pitched`` when someone came to the user or the user pitched (so the
    ledger counts conversations by month the same way)."""
    keys = [direction]
    if direction == "received" and meta and meta.get("introduction"):
        keys.append("intro")
    if initiative:
        keys.append(initiative)
    return keys


def _utc_text(when: str) -> str:
    """``when`` as a UTC ISO string; text already in that form is returned as it is
    (parsing 100k times is most of the cost of a recomputation)."""
    if when.endswith("+00:00") and when[10:11] == "T" and (
            len(when) == 25 or (len(when) == 32 and when[19:26] != ".000000")):
        return when
    return datetime.fromisoformat(when).astimezone(UTC).isoformat()


def aggregate(docs: Iterable[dict[str, Any]]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The derived aggregates of interaction documents, computed from scratch.

    Returns ``(network_months, person_stats)`` in exactly the shapes the store keeps up
    to date incrementally; ``kith doctor`` and the tests compare the two.
    """
    networks: dict[str, Any] = {}
    people: dict[str, Any] = {}
    for doc in docs:
        value = doc["value"]
        money, minutes, favours, fun = (value["money"], value["minutes"], value["favours"],
                                        value["fun"])
        when = _utc_text(doc["when"])
        month = when[:7]
        direction, network = doc["direction"], doc["network"]
        for key in month_keys(direction, doc.get("meta"),
                              conversation_index.initiative_of(doc)):
            row = networks.setdefault(network, {}).setdefault(month, {}).setdefault(
                key, [0] * 5)
            row[0] += money
            row[1] += minutes
            row[2] += favours
            row[3] += fun
            row[4] += 1
        for person in doc["people"]:
            net = people.setdefault(person, {}).setdefault(network, {
                "first": when, "last": when, "gave": [0] * 5, "received": [0] * 5,
                "shared": [0] * 5})
            prow = net[direction]
            prow[0] += money
            prow[1] += minutes
            prow[2] += favours
            prow[3] += fun
            prow[4] += 1
            if when < net["first"]:
                net["first"] = when
            if when > net["last"]:
                net["last"] = when
    return networks, people


@dataclass
class UpsertResult:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    stored: list[Interaction] = field(default_factory=list)


class Store:
    """The domain API over the database folder. One instance per command."""

    def __init__(self, home: Path | str, *, plugins: Plugins | None = None,
                 create: bool = True, currency: str | None = None):
        self.home = Path(home).expanduser()
        self.files = FileSet(self.home)
        self.files.validate = validate_file
        self.plugins = plugins
        self._to_announce: list[Interaction] = []
        self._people_index: dict[str, Any] | None = None
        self._uncreated = False
        self._raw_tables: dict[tuple[str, str], dict[str, Any]] = {}
        self._backup_reasons: list[str] = []
        self._network_cache: dict[str, Network | None] = {}
        if self.files.exists(MAIN):
            self._check_schema()
        elif create:
            self._prepare_new(currency)
        else:
            raise StoreError(f"no kith database at {self.home} (run `kith init`)")

    # schema ----------------------------------------------------------------------------
    @property
    def main(self) -> KithTinyDB:
        return self.files.db(MAIN)

    def _prepare_new(self, currency: str | None) -> None:
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
        self._uncreated = True
        self._stage_new()

    def _stage_new(self) -> None:
        created = datetime.now().astimezone().isoformat(timespec="seconds")
        me = Person(id=ME, name="Me", created=created)
        self.files.stage(MAIN, {
            "_meta": {"schema": {"version": migrations.SCHEMA_VERSION, "created": created,
                                 "currency": self._new_currency, "app": "kith"}},
            "people": {ME: stamp_created(me.to_dict())}})

    def create(self) -> bool:
        """Write a new database now (``kith init``); False if it already existed."""
        if not self._uncreated:
            return False
        with self.transaction():
            pass
        return True

    @property
    def exists(self) -> bool:
        return not self._uncreated

    @staticmethod
    def _put(table: Any, ident: str, data: dict[str, Any]) -> None:
        """Insert or replace one document by id in O(1).

        TinyDB's own ``upsert``/``insert`` rebuild the whole table dict on every call,
        which makes a 10k-record import quadratic; documents are keyed by kith's ids, so
        we set the key in the table's raw dict and hand it back to the (buffered)
        storage, which writes the file once at commit.
        """
        raw = table._storage.read() or {}
        records = raw.setdefault(table.name, {})
        records[ident] = stamped_put(table._storage, table.name, ident, data, raw)
        table._storage.write(raw)
        table.clear_cache()

    @staticmethod
    def _remove(table: Any, ident: str) -> None:
        """Remove one document by id in O(1) (see ``_put``); a missing id is ignored."""
        raw = table._storage.read() or {}
        removed = raw.get(table.name, {}).pop(ident, None)
        if removed is not None:
            stamped_remove(table._storage, table.name, ident, removed, raw)
            table._storage.write(raw)
            table.clear_cache()

    def _meta(self) -> dict[str, Any]:
        meta = self.main.table("_meta").get(doc_id="schema")  # type: ignore[arg-type]
        if meta is None:
            raise StoreError(f"{self.files.path(MAIN)} is not a kith database "
                             "(no schema record); is --db pointing at the right folder?")
        return dict(meta)

    def _check_schema_in_transaction(self) -> None:
        version = self._meta().get("version")
        if not isinstance(version, int) or version != migrations.SCHEMA_VERSION:
            raise StoreError(f"the database at {self.home} was just created by another "
                             f"kith with schema {version}; run the command again")

    def _check_schema(self) -> None:
        if self.files.needs_recovery():
            with self.files.locked():
                self.files.recover()
        meta = self._meta()
        version = meta.get("version")
        if not isinstance(version, int):
            raise StoreError(f"{self.files.path(MAIN)} has no valid schema version")
        if version > migrations.SCHEMA_VERSION:
            raise StoreError(
                f"the database at {self.home} uses schema {version}, newer than this kith "
                f"understands ({migrations.SCHEMA_VERSION}); upgrade kith to open it")
        if version < migrations.SCHEMA_VERSION:
            with self.transaction(backup_reason=f"migrate-from-{version}"):
                migrations.migrate(self, version)
                self.main.table("_meta").update(
                    {"version": migrations.SCHEMA_VERSION}, doc_ids=["schema"])  # type: ignore[list-item]

    @property
    def schema_version(self) -> int:
        return int(self._meta()["version"])

    @property
    def currency(self) -> str:
        return str(self._meta().get("currency", "EUR"))

    # transactions ----------------------------------------------------------------------
    @contextlib.contextmanager
    def transaction(self, *, backup_reason: str | None = None) -> Iterator[None]:
        """Group writes: they all land together, or (on any error) none do.

        The lock is taken when the outermost block opens, and every file another
        process changed is re-read then, so whatever the block reads and writes is one
        step from one committed state to the next (lock before read). Nested blocks join
        the outer one. ``backup_reason`` snapshots the database at commit (imports,
        migrations), keeping the newest ``MAX_BACKUPS``; asked for in a nested block, it is
        taken when the outermost one commits. ``interaction_recorded`` fires after the
        outermost transaction commits, never for writes that were rolled back.
        """
        if self.files.in_transaction:
            if backup_reason and backup_reason not in self._backup_reasons:
                self._backup_reasons.append(backup_reason)
            yield
            return
        self._people_index = None
        self._network_cache = {}
        self._raw_tables.clear()
        self._backup_reasons = [backup_reason] if backup_reason else []
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
                    made = self.snapshot_into_backups(self.files, "+".join(self._backup_reasons),
                                                      rotate=False)
        except BaseException:
            if made is not None:  # the state it saved is still the current one
                import shutil

                shutil.rmtree(made, ignore_errors=True)
            self._to_announce.clear()
            self._people_index = None
            self._raw_tables.clear()
            if self._uncreated:
                self._stage_new()  # the rollback dropped the staged records
            raise
        finally:
            self._backup_reasons = []
        if made is not None:
            with contextlib.suppress(OSError):  # the write is committed: never fail it now
                self.rotate_backups(self.home)
        self._uncreated = False
        self._raw_tables.clear()
        self._announce()

    @contextlib.contextmanager
    def reading(self) -> Iterator[None]:
        """A consistent snapshot for a reader: the lock is held while the block reads,
        so no commit lands halfway through (``kith doctor``, ``assess``, ``history``)."""
        if self.files.in_transaction or self._uncreated:
            yield
            return
        self._people_index = None
        self._network_cache = {}
        with self.files.reading():
            yield

    def _begin(self) -> None:
        if self._uncreated:
            if self.files.exists(MAIN):  # another process created it meanwhile
                self._uncreated = False
                self._check_schema_in_transaction()
            else:
                if MAIN not in self.files._cache:
                    self._stage_new()
                self.files.mark_dirty(MAIN)

    def _announce(self) -> None:
        pending, self._to_announce = self._to_announce, []
        if self.plugins is None:
            return
        for interaction in pending:
            self.plugins.broadcast("interaction_recorded", interaction=interaction, store=self)

    # watching --------------------------------------------------------------------------
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

    def reload(self) -> None:
        """Forget what this store read that another process has since replaced, so the
        next read sees the disk (a database created meanwhile is opened)."""
        if self.files.in_transaction:
            return
        if self._uncreated and self.files.exists(MAIN):
            self.files.forget()
            self._uncreated = False
            self._check_schema()
        else:
            self.files.refresh()
        self._people_index = None
        self._raw_tables.clear()

    def backup(self, reason: str) -> Path:
        """Snapshot the database into ``backups/`` and rotate (see
        ``snapshot_into_backups``). Call under the lock."""
        return self.snapshot_into_backups(self.files, reason)

    @staticmethod
    def snapshot_into_backups(files: FileSet, reason: str, *, rotate: bool = True) -> Path:
        """A backup of the files as they are (real copies with a manifest, see
        ``FileSet.snapshot``), then (``rotate``) rotation, see ``rotate_backups``."""
        stamp = datetime.now().strftime("%Y%m%dT%H%M%S%f")
        safe = "".join(c if c.isalnum() or c in "-_+" else "-" for c in reason)[:40]
        folder = files.home / "backups" / f"{stamp}-{safe}"
        files.snapshot(folder)
        if rotate:
            Store.rotate_backups(files.home)
        return folder

    @staticmethod
    def rotate_backups(home: Path) -> None:
        """Keep the newest ``MAX_BACKUPS`` complete backups. Only complete backups count
        and only they are deleted, so a failed or damaged backup never pushes a good one
        out; what is not a complete backup is left for the user to inspect (``kith backup
        --list`` names it)."""
        import shutil

        from kith.storage import verify_backup

        root = home / "backups"
        complete = [p for p in sorted(root.iterdir())
                    if p.is_dir() and not p.name.startswith(".") and verify_backup(p) is None]
        for old in complete[:-MAX_BACKUPS]:
            shutil.rmtree(old, ignore_errors=True)
        # a backup killed halfway leaves its hidden folder; one an hour old is not being
        # written any more (a backup in progress elsewhere is left alone)
        for partial in root.glob(".*.partial"):
            with contextlib.suppress(OSError):
                if partial.stat().st_mtime < datetime.now().timestamp() - 3600:
                    shutil.rmtree(partial, ignore_errors=True)

    # networks --------------------------------------------------------------------------
    def networks(self) -> list[Network]:
        return sorted((Network.from_dict(d) for d in self.main.table("networks").all()),
                      key=lambda n: n.name.casefold())

    def get_network(self, ident: str) -> Network | None:
        doc = self.main.table("networks").get(doc_id=ident)  # type: ignore[arg-type]
        return Network.from_dict(doc) if doc else None

    @overload
    def find_network(self, ref: str, *, missing_ok: Literal[False] = False) -> Network: ...

    @overload
    def find_network(self, ref: str, *, missing_ok: bool) -> Network | None: ...

    def find_network(self, ref: str, *, missing_ok: bool = False) -> Network | None:
        """A network by id or by an unambiguous name (case-insensitive, prefix allowed)."""
        from kith.ids import slugify

        found = self.get_network(ref.strip().lower()) or self.get_network(slugify(ref))
        if found:
            return found
        wanted = ref.strip().casefold()
        networks = self.networks()
        exact = [n for n in networks if n.name.casefold() == wanted]
        candidates = exact or [n for n in networks if n.name.casefold().startswith(wanted)
                               or n.id.startswith(wanted)]
        if not candidates:  # "church" names the only network of that kind
            candidates = [n for n in networks if n.kind == wanted]
        if len(candidates) == 1:
            return candidates[0]
        if len(candidates) > 1:
            raise Ambiguous(f"network {ref!r} is ambiguous: "
                            + ", ".join(f"{n.name} ({n.id})" for n in candidates[:5]))
        if missing_ok:
            return None
        names = ", ".join(n.id for n in networks[:8]) or "none yet; add one with `kith network add`"
        from kith.didyoumean import close_matches, phrase

        by_label = {**{n.id: n.name for n in networks}, **{n.name: n.name for n in networks}}
        # few networks: a looser match is still a good guess
        hint = phrase(list(dict.fromkeys(by_label[c] for c in close_matches(
            ref, by_label, cutoff=0.6))))
        raise NotFound(f"no network {ref!r}{hint} (known: {names})")

    def save_network(self, network: Network) -> Network:
        with self.transaction():
            self._put(self.main.table("networks"), network.id, network.to_dict())
        return network

    def add_network(self, network: Network) -> Network:
        with self.transaction():
            if self.get_network(network.id):
                raise ValidationError(f"a network with id {network.id!r} already exists")
            return self.save_network(network)

    def remove_network(self, ident: str, *, force: bool = False) -> int:
        """Remove a network; with ``force`` its interactions go too. Returns that count."""
        with self.transaction():
            network = self.find_network(ident)
            assert network is not None
            doomed = [i for i in self.interactions(network=network.id)]
            if doomed and not force:
                raise ValidationError(f"network {network.id!r} has {len(doomed)} "
                                      "interactions; pass --force to remove them with it")
            for interaction in doomed:
                self.delete_interaction(interaction.id)
            self._remove(self.main.table("networks"), network.id)
            for person in self.people():
                if network.id in person.networks:
                    networks = {k: v for k, v in person.networks.items() if k != network.id}
                    self.save_person(person.with_changes(networks=networks))
            totals = self.files.db(NETWORK_TOTALS).table("networks")
            if totals.contains(doc_id=network.id):  # type: ignore[arg-type]
                self._remove(totals, network.id)
            self._clear_conversations(network.id)
        return len(doomed)

    # people ----------------------------------------------------------------------------
    def people(self) -> list[Person]:
        return [Person.from_dict(d) for d in self.main.table("people").all()]

    def people_docs(self) -> dict[str, dict[str, Any]]:
        """Raw person documents by id: the fast path for listing 10k people."""
        return dict(self.main.table("people")._read_table())

    def get_person(self, ident: str) -> Person | None:
        doc = self.main.table("people").get(doc_id=ident)  # type: ignore[arg-type]
        if doc is None:
            merged = self.main.table("merges").get(doc_id=ident)  # type: ignore[arg-type]
            if merged:
                return self.get_person(merged["into"])
            return None
        return Person.from_dict(doc)

    def _index(self) -> dict[str, Any]:
        if self._people_index is None:
            by_handle: dict[tuple[str, str], list[str]] = {}
            by_name: dict[str, list[str]] = {}
            by_source: dict[str, str] = {}
            for ident, doc in self.people_docs().items():
                for kind, values in (doc.get("handles") or {}).items():
                    for value in values:
                        by_handle.setdefault((kind, value), []).append(ident)
                for name in [doc["name"], *doc.get("aliases", [])]:
                    by_name.setdefault(fold(name), []).append(ident)
                for key in doc.get("sources", []):
                    by_source[key] = ident
            self._people_index = {"handle": by_handle, "name": by_name, "source": by_source}
        return self._people_index

    def people_by_handle(self, kind: str, value: str) -> list[Person]:
        ids = self._index()["handle"].get((kind, value), [])
        return [p for p in (self.get_person(i) for i in ids) if p]

    def people_by_name(self, name: str) -> list[Person]:
        ids = dict.fromkeys(self._index()["name"].get(fold(name), []))
        return [p for p in (self.get_person(i) for i in ids) if p]

    def person_by_source(self, key: str) -> Person | None:
        ident = self._index()["source"].get(key)
        return self.get_person(ident) if ident else None

    def find_person(self, ref: str) -> Person:
        """A person by id (or id prefix), handle, or an unambiguous name or alias."""
        text = ref.strip()
        if not text:
            raise ValidationError("a person must be named")
        found = self.get_person(text)
        if found:
            return found
        if text.casefold() in ("me", "myself"):
            found = self.get_person(ME)
            assert found is not None
            return found
        by_name = self.people_by_name(text)
        if len(by_name) == 1:
            return by_name[0]
        if not by_name:
            if "=" in text:
                kind, _, value = text.partition("=")
                from kith.model import normalize_handle

                with contextlib.suppress(ValidationError):
                    by_name = self.people_by_handle(*normalize_handle(kind, value))
            elif "@" in text and "." in text:
                by_name = self.people_by_handle("email", text.lower())
            if not by_name and len(text) >= 6 and text.isalnum():
                by_name = [Person.from_dict(d) for i, d in self.people_docs().items()
                           if i.startswith(text.lower())]
            if not by_name:  # first names, surnames, prefixes: kith.search's tiers
                from kith.search import name_candidates

                by_name = [Person.from_dict(d)
                           for d in name_candidates(text, self.people_docs().values())]
        if len(by_name) == 1:
            return by_name[0]
        if not by_name:
            from kith.didyoumean import suggestion

            hint = suggestion(text, [n for d in self.people_docs().values()
                                     for n in (d["name"], *d.get("aliases", []))])
            raise NotFound(f"no person {ref!r}{hint}" if hint else
                           f"no person {ref!r} (see `kith person list --search`)")
        raise Ambiguous(f"person {ref!r} is ambiguous: " + ", ".join(
            f"{p.name} ({p.id})" for p in sorted(by_name, key=lambda p: p.name)[:5])
            + (" ..." if len(by_name) > 5 else "") + "; use the id")

    def save_person(self, person: Person) -> Person:
        with self.transaction():
            self._put(self.main.table("people"), person.id, person.to_dict())
            self._people_index = None
        return person

    def add_person(self, person: Person) -> Person:
        with self.transaction():
            for network in person.networks:
                self.find_network(network)
            if self.main.table("people").contains(doc_id=person.id):  # type: ignore[arg-type]
                raise ValidationError(f"a person with id {person.id!r} already exists")
            return self.save_person(person)

    def merge_people(self, keep_ref: str, absorb_ref: str) -> Person:
        """Merge ``absorb`` into ``keep``: handles, networks, tags, sources, interactions.

        The absorbed id is remembered in ``merges`` so it still resolves, and its sources
        move to the kept person so a later re-import finds the merged person. Both people
        are looked up under the lock, in the same transaction as the merge.
        """
        with self.transaction():
            return self._merge_people(keep_ref, absorb_ref)

    def _merge_people(self, keep_ref: str, absorb_ref: str) -> Person:
        keep, absorb = self.find_person(keep_ref), self.find_person(absorb_ref)
        if keep.id == absorb.id:
            raise ValidationError(f"{keep.name} and {absorb.name} are the same person")
        if absorb.id == ME:
            keep, absorb = absorb, keep
        handles = {k: list(v) for k, v in keep.handles.items()}
        for kind, value in absorb.handle_pairs():
            bucket = handles.setdefault(kind, [])
            if value not in bucket:
                bucket.append(value)
        networks = dict(keep.networks)
        for net, since in absorb.networks.items():
            networks[net] = min(filter(None, [networks.get(net), since]), default=None)
        merged = keep.with_changes(
            handles=handles, networks=networks,
            aliases=tuple(dict.fromkeys([*keep.aliases, absorb.name, *absorb.aliases])),
            tags=tuple(dict.fromkeys([*keep.tags, *absorb.tags])),
            notes="\n".join(filter(None, [keep.notes, absorb.notes])),
            birthday=keep.birthday or absorb.birthday,
            cadence_days=keep.cadence_days or absorb.cadence_days,
            sources=tuple(dict.fromkeys([*keep.sources, *absorb.sources])),
            merged_from=tuple(dict.fromkeys([*keep.merged_from, absorb.id,
                                             *absorb.merged_from])),
            extra={**absorb.extra, **keep.extra})
        with self.transaction():
            for interaction in list(self.interactions(person=absorb.id)):
                people = tuple(keep.id if p == absorb.id else p for p in interaction.people)
                self.replace_interaction(interaction.with_changes(people=people),
                                         announce=False)
            for opportunity in self.opportunities():
                if opportunity.person == absorb.id:
                    self.save_opportunity(opportunity.with_changes(person=keep.id))
            self._repoint_records(absorb.id, keep.id)
            self._remove(self.main.table("people"), absorb.id)
            merges = self.main.table("merges")
            for old in (absorb.id, *absorb.merged_from):
                self._put(merges, old, {"into": keep.id})
            self.save_person(merged)
        return merged

    # records of kith.json's own tables (notes, followups, relationships, ...) ----------
    PERSON_FIELDS: ClassVar[dict[str, tuple[str, ...]]] = {
        "notes": ("person",), "followups": ("person",), "relationships": ("a", "b")}
    """Tables of id-keyed records and the fields naming people (moved by a merge)."""

    def records(self, table: str) -> dict[str, dict[str, Any]]:
        """Every record of a table of ``kith.json``, by id (raw documents: do not mutate)."""
        return dict(self.main.table(table)._read_table())

    def put_record(self, table: str, record: dict[str, Any]) -> dict[str, Any]:
        """Insert or replace one record (a dict with a string ``id``) through ``_put``."""
        with self.transaction():
            self._put(self.main.table(table), record["id"], record)
        return record

    def remove_record(self, table: str, ident: str) -> None:
        with self.transaction():
            self._remove(self.main.table(table), ident)

    def _repoint_records(self, old: str, new: str) -> None:
        """A merged person's notes, follow-ups and relationships follow them; a
        relationship that would relate someone to themselves, or repeat one the kept
        person already has, goes."""
        for table, fields in self.PERSON_FIELDS.items():
            records = self.records(table)
            kept = {(d.get("a"), d.get("b"), d.get("kind")) for d in records.values()
                    if old not in (d.get("a"), d.get("b"))}
            for ident, doc in records.items():
                if any(doc.get(f) == old for f in fields):
                    moved = {k: (new if k in fields and v == old else v)
                             for k, v in doc.items()}
                    if table == "relationships":
                        key = (moved.get("a"), moved.get("b"), moved.get("kind"))
                        if moved.get("a") == moved.get("b") or key in kept:
                            self._remove(self.main.table(table), ident)
                            continue
                        kept.add(key)
                    self._put(self.main.table(table), ident, moved)

    # interactions ----------------------------------------------------------------------
    def _partition_table(self, month: str) -> Any:
        return self.files.db(_partition(month)).table("interactions")

    def months(self) -> list[str]:
        """Every month that holds interactions, oldest first."""
        names = self.files.list(INTERACTIONS)
        return [n.rsplit("/", 1)[1].removesuffix(".json") for n in names]

    def interactions(self, *, network: str | None = None, person: str | None = None,
                     kind: str | None = None, since: datetime | None = None,
                     until: datetime | None = None) -> Iterator[Interaction]:
        """Interactions matching every given filter, oldest first.

        Only the month files between ``since`` and ``until`` are read.
        """
        low = _month_of(since) if since else None
        high = _month_of(until) if until else None
        for month in self.months():
            if (low and month < low) or (high and month > high):
                continue
            docs = self._partition_table(month)._read_table().values()
            selected = []
            for doc in docs:
                if network and doc["network"] != network:
                    continue
                if person and person not in doc["people"]:
                    continue
                if kind and doc["kind"] != kind:
                    continue
                selected.append(doc)
            items = [Interaction.from_dict(d) for d in selected]
            items.sort(key=lambda i: (i.when, i.id))
            for item in items:
                if since and item.when < since:
                    continue
                if until and item.when > until:
                    continue
                yield item

    def get_interaction(self, ident: str) -> Interaction:
        guess = _month_from_id(ident)
        months = ([guess] if guess in self.months() else []) + self.months()
        for month in months:
            doc = self._partition_table(month).get(doc_id=ident)
            if doc is not None:
                return Interaction.from_dict(doc)
        raise NotFound(f"no interaction {ident!r}")

    def _with_estimate(self, interaction: Interaction) -> Interaction:
        if not interaction.value.is_empty or self.plugins is None \
                or interaction.meta.get("no_estimate"):
            return interaction
        network = self._network_cached(interaction.network)
        estimate = self.plugins.first("estimate_value", interaction=interaction,
                                      network=network,
                                      accept=lambda v: isinstance(v, Value)
                                      and v.fun <= 5)
        if estimate is None or estimate.is_empty:
            return interaction
        return interaction.with_checked_value(estimate, {**interaction.meta, "estimated": True})

    def _network_cached(self, ident: str) -> Network | None:
        """Network lookups for estimates during a bulk write, parsed once per transaction."""
        cache = self._network_cache
        if not self.files.in_transaction:
            cache = self._network_cache = {}
        if ident not in cache:
            cache[ident] = self.get_network(ident)
        return cache[ident]

    def _check_refs(self, interaction: Interaction) -> None:
        if self.get_network(interaction.network) is None:
            raise NotFound(f"no network {interaction.network!r}")
        for ident in interaction.people:
            if not self.main.table("people").contains(doc_id=ident):  # type: ignore[arg-type]
                raise NotFound(f"no person {ident!r}")

    def record(self, interaction: Interaction) -> Interaction:
        """Store a new interaction (estimating its value if it has none) and announce it."""
        with self.transaction():
            self._check_refs(interaction)
            interaction = self._with_estimate(interaction)
            table = self._partition_table(interaction.month)
            if table.contains(doc_id=interaction.id):
                raise ValidationError(f"interaction {interaction.id} already exists")
            self._put(table, interaction.id, interaction.to_dict())
            self._apply_derived(interaction, +1)
            self._to_announce.append(interaction)
        return interaction

    def replace_interaction(self, interaction: Interaction, *,
                            announce: bool = True) -> Interaction:
        """Overwrite an interaction with the same id (it may move to another month)."""
        with self.transaction():
            old = self.get_interaction(interaction.id)
            self._check_refs(interaction)
            self._remove(self._partition_table(old.month), old.id)
            self._apply_derived(old, -1)
            self._put(self._partition_table(interaction.month), interaction.id,
                      interaction.to_dict())
            self._apply_derived(interaction, +1)
            if announce:
                self._to_announce.append(interaction)
        return interaction

    def delete_interaction(self, ident: str) -> Interaction:
        with self.transaction():
            old = self.get_interaction(ident)
            self._remove(self._partition_table(old.month), old.id)
            self._apply_derived(old, -1)
        return old

    def classify_interactions(self, interactions: Iterable[Interaction]) -> tuple[int, int, int]:
        """How many would be added, updated, or left unchanged by ``upsert_interactions``."""
        added = updated = unchanged = 0
        for interaction in interactions:
            existing = self._partition_table(interaction.month).get(doc_id=interaction.id)
            if existing is None:
                added += 1
            elif self._same_import(existing, interaction):
                unchanged += 1
            else:
                updated += 1
        return added, updated, unchanged

    @staticmethod
    def _same_import(existing: dict[str, Any], new: Interaction) -> bool:
        if (existing.get("when") != new.when.isoformat() or existing.get("network") != new.network
                or existing.get("people") != list(new.people)
                or existing.get("direction") != new.direction or existing.get("kind") != new.kind
                or existing.get("note") != new.note or existing.get("invited") != new.invited
                or conversation_index.initiative_of(existing) != new.initiative):
            return False
        # a value estimated at first import stays; an explicit one must match
        return new.value.is_empty or existing.get("value") == new.value.to_dict()

    def upsert_interactions(self, interactions: Iterable[Interaction]) -> UpsertResult:
        """Insert new interactions and update changed ones, by id (derived from source).

        Batched per month file, so importing 100k records rewrites each month once.
        """
        result = UpsertResult()
        by_month: dict[str, list[Interaction]] = {}
        for interaction in interactions:
            by_month.setdefault(interaction.month, []).append(interaction)
        known_people = set(self.people_docs())
        known_networks = {n.id for n in self.networks()}
        with self.transaction():
            for month, items in sorted(by_month.items()):
                table = self._partition_table(month)
                existing = table._read_table()
                fresh = []
                for interaction in items:
                    missing = [p for p in interaction.people if p not in known_people]
                    if missing or interaction.network not in known_networks:
                        raise NotFound(f"interaction {interaction.source or interaction.id} "
                                       f"refers to unknown people {missing}")
                    old = existing.get(interaction.id)
                    if old is not None and self._same_import(old, interaction):
                        result.unchanged += 1
                        continue
                    if old is not None:
                        previous = Interaction.from_dict(old)
                        if interaction.value.is_empty:
                            interaction = interaction.with_changes(value=previous.value,
                                                                   meta=previous.meta)
                        self._remove(table, interaction.id)
                        self._apply_derived(previous, -1)
                        result.updated += 1
                    else:
                        interaction = self._with_estimate(interaction)
                        result.added += 1
                    fresh.append(interaction)
                    self._apply_derived(interaction, +1)
                if fresh:
                    for item in fresh:
                        self._put(table, item.id, item.to_dict())
                    result.stored.extend(fresh)
                    self._to_announce.extend(fresh)
        return result

    # derived aggregates ----------------------------------------------------------------
    def _raw_table(self, name: str, table: str) -> dict[str, Any]:
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

    def _apply_derived(self, interaction: Interaction, sign: int) -> None:
        """Add (``sign=+1``) or remove (``-1``) an interaction from the aggregates."""
        vector = [sign * x for x in value_vector(interaction.value)]
        totals = self._raw_table(NETWORK_TOTALS, "networks")
        months = totals.setdefault(interaction.network, {"months": {}})["months"]
        month = months.setdefault(interaction.month, {})
        for key in month_keys(interaction.direction, interaction.meta,
                              interaction.initiative):
            row = month.setdefault(key, [0] * len(DIMENSIONS))
            for i, amount in enumerate(vector):
                row[i] += amount
            _check_total(row, interaction.network)
            if not any(row):
                del month[key]
        if not month:
            del months[interaction.month]
        if not months:
            del totals[interaction.network]
        value = interaction.value
        if conversation_index.relevant(interaction.direction, interaction.kind,
                                       interaction.initiative, value.money, value.favours):
            name = conversation_index.file_of(interaction.network)
            conversation_index.apply(
                self._raw_table(name, "people"),
                self._raw_table(conversation_index.asks_file_of(interaction.network), "asks"),
                self._raw_table(name, "talks"),
                {"id": interaction.id, "when": interaction.when.isoformat(),
                 "people": interaction.people, "direction": interaction.direction,
                 "kind": interaction.kind, "note": interaction.note,
                 "value": {"money": value.money, "favours": value.favours},
                 "initiative": interaction.initiative}, sign)
        when = _utc_iso(interaction.when)
        for person in interaction.people:
            table = self._raw_table(_people_shard(person), "people")
            nets = table.setdefault(person, {"networks": {}})["networks"]
            net = nets.setdefault(interaction.network, {
                "first": when, "last": when, "gave": [0] * 5, "received": [0] * 5,
                "shared": [0] * 5})
            row = net[interaction.direction]
            for i, amount in enumerate(vector):
                row[i] += amount
            _check_total(row, interaction.network)
            if sign > 0:
                if when < net["first"]:
                    net["first"] = when
                if when > net["last"]:
                    net["last"] = when
            if all(net[d][4] == 0 for d in ("gave", "received", "shared")):
                del nets[interaction.network]
            elif sign < 0 and when in (net["first"], net["last"]):
                net.update(self._span(person, interaction.network, exclude=interaction.id))
            if not nets:
                del table[person]

    def _span(self, person: str, network: str, *, exclude: str) -> dict[str, str]:
        whens = [_utc_iso(i.when) for i in self.interactions(person=person, network=network)
                 if i.id != exclude]
        return {"first": min(whens), "last": max(whens)} if whens else {}

    def network_months(self) -> dict[str, dict[str, dict[str, list[int]]]]:
        """``{network: {YYYY-MM: {direction: [money, minutes, favours, fun, count]}}}``."""
        table = self.files.db(NETWORK_TOTALS).table("networks")
        return {ident: doc["months"] for ident, doc in table._read_table().items()}

    def person_stats(self, person: str | None = None) -> dict[str, dict[str, Any]]:
        """Per person, per network: first and last contact and totals by direction."""
        if person is not None:
            doc = self.files.db(_people_shard(person)).table("people").get(doc_id=person)  # type: ignore[arg-type]
            return {person: doc["networks"]} if doc else {}
        stats: dict[str, dict[str, Any]] = {}
        for shard in range(PEOPLE_SHARDS):
            table = self.files.db(f"derived/people-{shard:x}.json").table("people")
            for ident, doc in table._read_table().items():
                stats[ident] = doc["networks"]
        return stats

    def conversation_index(self, network: str) -> dict[str, Any]:
        """One network's ``{"people": {...}, "talks": {...}}`` (see ``kith.initiative``)."""
        name = conversation_index.file_of(network)
        data = self.files.read(name) if self.files.exists(name) else {}
        return {"people": data.get("people", {}), "talks": data.get("talks", {})}

    def conversation_asks(self, network: str) -> dict[str, Any]:
        """One network's invitation and pitch days by person (``{person: {i, p}}``)."""
        name = conversation_index.asks_file_of(network)
        return dict(self.files.read(name).get("asks", {})) if self.files.exists(name) else {}

    def conversation_indexes(self) -> dict[str, Any]:
        """Every network's conversation index, lists in order (for checks and tests)."""
        result = {}
        for network in self.main.table("networks")._read_table():
            index = conversation_index.normalise(
                {**self.conversation_index(network), "asks": self.conversation_asks(network)})
            if any(index.values()):
                result[network] = index
        return result

    def recompute_conversations(self) -> dict[str, Any]:
        """The conversation indexes rebuilt from every interaction."""
        return conversation_index.aggregate_conversations(
            i.to_dict() for i in self.interactions())

    def recompute_derived(self) -> tuple[dict[str, Any], dict[str, Any]]:
        """Aggregates rebuilt from every interaction (for ``kith doctor`` and tests)."""
        return aggregate(i.to_dict() for i in self.interactions())

    def rebuild_derived(self) -> None:
        """Replace the aggregates with a recomputation (``kith doctor --repair``)."""
        networks, people = self.recompute_derived()
        with self.transaction():
            totals = self.files.db(NETWORK_TOTALS).table("networks")
            totals.truncate()
            for ident, months in networks.items():
                self._put(totals, ident, {"months": months})
            for shard in range(PEOPLE_SHARDS):
                self.files.db(f"derived/people-{shard:x}.json").table("people").truncate()
            for ident, nets in people.items():
                shard_table = self.files.db(_people_shard(ident)).table("people")
                self._put(shard_table, ident, {"networks": nets})
            self.rebuild_conversations()

    def rebuild_conversations(self) -> None:
        """Replace the conversation indexes with a recomputation from the interactions."""
        index = self.recompute_conversations()
        with self.transaction():
            for network in self.main.table("networks")._read_table():
                self._clear_conversations(network)
            for network, tables in index.items():
                for table in ("people", "asks", "talks"):
                    name = (conversation_index.asks_file_of if table == "asks"
                            else conversation_index.file_of)(network)
                    self._raw_table(name, table).update(tables[table])

    def _clear_conversations(self, network: str) -> None:
        name = conversation_index.file_of(network)
        if self.files.exists(name) or name in self.files._cache:
            self._raw_table(name, "people").clear()
            self._raw_table(name, "talks").clear()
        asks = conversation_index.asks_file_of(network)
        if self.files.exists(asks) or asks in self.files._cache:
            self._raw_table(asks, "asks").clear()

    # opportunities ---------------------------------------------------------------------
    def opportunities(self, *, status: str | None = None) -> list[Opportunity]:
        items = [Opportunity.from_dict(d) for d in self.main.table("opportunities").all()]
        if status:
            items = [o for o in items if o.status == status]
        return sorted(items, key=lambda o: (o.when, o.id))

    def get_opportunity(self, ident: str) -> Opportunity:
        doc = self.main.table("opportunities").get(doc_id=ident)  # type: ignore[arg-type]
        if doc is None:
            matches = [d for i, d in self.main.table("opportunities")._read_table().items()
                       if len(ident) >= 6 and i.startswith(ident.lower())]
            if len(matches) == 1:
                return Opportunity.from_dict(matches[0])
            raise NotFound(f"no opportunity {ident!r} (see `kith opportunities`)")
        return Opportunity.from_dict(doc)

    def save_opportunity(self, opportunity: Opportunity) -> Opportunity:
        with self.transaction():
            if not self.main.table("people").contains(doc_id=opportunity.person):  # type: ignore[arg-type]
                raise NotFound(f"no person {opportunity.person!r}")
            self._put(self.main.table("opportunities"), opportunity.id, opportunity.to_dict())
        return opportunity

    # generic key-value tables for plugins ----------------------------------------------
    def plugin_table(self, plugin: str, name: str) -> Any:
        """A TinyDB table of a plugin's own (in ``plugins/<plugin>.json``); write it inside
        ``store.transaction()``."""
        safe = "".join(c for c in plugin if c.isalnum() or c in "-_")
        return self.files.db(f"plugins/{safe}.json").table(name)
