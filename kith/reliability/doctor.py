"""Checking a database, repairing it without losing a record, backing it up, restoring it.

``check`` holds the database lock while it reads (so a write landing meanwhile is never
mistaken for damage) and reports, in words: files that are damaged or do not belong
(sync-conflict copies), records that cannot be read, duplicate ids, interactions filed
in the wrong month, references to networks or people that do not exist, and aggregates
that differ from a recomputation.

``repair`` holds the lock throughout and does the least that works, never dropping a
record it can read:

- derived files are rebuilt from the interactions;
- a damaged file is moved aside into ``quarantine/<time>-repair/`` (kept, listed), the
  records that can still be read from it are salvaged (a truncated JSON file keeps
  every record before the cut), and the rest comes from the newest backup holding a
  healthy copy of *that file only*; salvaged records, being newer, win over the backup;
- a sync-conflict copy is moved aside and every record in it that the database lacks
  is merged back;
- duplicates and interactions in the wrong month file are put where they belong (the
  surplus copies are kept in the quarantine folder);
- a missing network or person that records refer to comes back from the newest backup
  that has it, or, failing that, from the merges table, or as a placeholder named so
  the user sees it; records that cannot be read are mended from a backup where possible,
  otherwise moved aside (kept, listed).

Everything is written in one transaction; a crash during repair leaves the database as
it was before it, or repaired.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson

from kith.core import clock
from kith.core.errors import KithError, StoreError
from kith.core.months import month_of
from kith.persistence.files import (
    BACKUPS,
    STAGING,
    FileSet,
    ReadOnlyFolder,
    is_data_path,
    looks_damaged,
    make_private_dirs,
    misplaced_reason,
    verify_backup,
)
from kith.persistence.stamps import MAIN

INTERACTIONS = "interactions"
MAIN_TABLES = ("networks", "people", "opportunities", "merges", "notes", "followups",
               "relationships")


@dataclass
class Problem:
    file: str
    message: str
    repairable_by_rebuild: bool = False

    def __str__(self) -> str:
        return f"{self.file}: {self.message}"


# reading --------------------------------------------------------------------------------

def _parse(raw: bytes) -> dict[str, Any] | None:
    """A kith file's content (``{table: {id: record}}``), or None when it is not one."""
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return None
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        return None
    return data


def salvage(raw: bytes) -> dict[str, dict[str, Any]]:
    """Every whole record that can be read from a damaged kith file.

    kith files are ``{"table": {"id": {...}, ...}, ...}``; reading record by record
    stops at the first damage, so a file cut short keeps everything before the cut.
    """
    text = raw.decode("utf-8", errors="replace")
    decoder = json.JSONDecoder()
    tables: dict[str, dict[str, Any]] = {}
    position = 0

    def skip(chars: str) -> bool:
        nonlocal position
        while position < len(text) and text[position] in " \t\r\n":
            position += 1
        if position < len(text) and text[position] in chars:
            position += 1
            return True
        return False

    def key() -> str | None:
        nonlocal position
        while position < len(text) and text[position] in " \t\r\n":
            position += 1
        try:
            value, position = decoder.raw_decode(text, position)
        except ValueError:
            return None
        return value if isinstance(value, str) else None

    if not skip("{"):
        return tables
    while True:
        table = key()
        if table is None or not skip(":") or not skip("{"):
            return tables
        records = tables.setdefault(table, {})
        while True:
            if skip("}"):
                break
            ident = key()
            if ident is None or not skip(":"):
                return tables
            while position < len(text) and text[position] in " \t\r\n":
                position += 1
            try:
                record, position = decoder.raw_decode(text, position)
            except ValueError:
                return tables
            if isinstance(record, dict):
                records[ident] = record
            skip(",")
        if not skip(","):
            return tables


def _validate(table: str, ident: Any, doc: Any) -> str | None:
    """Why a record cannot be used by kith (None: it can): the model must read it, and
    the load-time record checks every command runs (``kith.persistence.validation``) must pass it,
    so
    doctor calls damaged exactly what a command would refuse."""
    from kith.core import model
    from kith.persistence.validation import RECORD_CHECKS

    readers: dict[str, Any] = {"people": model.Person, "networks": model.Network,
                               "opportunities": model.Opportunity,
                               "interactions": model.Interaction}
    reader = readers.get(table)
    record_problem = RECORD_CHECKS.get(table)
    if reader is None and record_problem is None:
        return None
    if not isinstance(doc, dict):
        return "is not a record"
    if reader is not None:
        if doc.get("id") != ident:
            return f"has id {str(doc.get('id'))[:40]!r} under key {ident!r}"
        try:
            reader.from_dict(doc)
        except (KithError, KeyError, TypeError, ValueError, AttributeError,
                OverflowError) as error:
            what = f"missing field {error}" if isinstance(error, KeyError) else str(error)[:120]
            return f"cannot be read ({what})"
    if record_problem is not None:
        why = record_problem(doc)
        if why:
            return f"is damaged ({why})"
    return None


def _plausible_id(ident: Any, *, ulid: bool = False) -> bool:
    """Whether a string looks like an id kith makes (a ULID; or, unless ``ulid``, a slug):
    when a record's key and its ``id`` field disagree, the plausible one is undamaged."""
    from kith.core.ids import is_id

    if not isinstance(ident, str):
        return False
    return is_id(ident) or (not ulid and re.fullmatch(r"[a-z0-9][a-z0-9-]{0,79}", ident)
                            is not None)


def _schema_version(main: dict[str, Any]) -> Any:
    """What kith.json's schema record says its version is (anything, it may be damaged)."""
    meta = main.get("_meta")
    schema = meta.get("schema") if isinstance(meta, dict) else None
    return schema.get("version") if isinstance(schema, dict) else None


def _good_schema(main: dict[str, Any]) -> bool:
    """Whether kith.json's schema record names a version this kith knows."""
    from kith.persistence.store import migrations

    version = _schema_version(main)
    return isinstance(version, int) and not isinstance(version, bool) \
        and 1 <= version <= migrations.SCHEMA_VERSION


def _month_of(doc: dict[str, Any]) -> str | None:
    """The month of a document that may be damaged: None when it has no readable time
    (parsed in full: ``month_of``'s shortcut for UTC text trusts that text is a time)."""
    try:
        return month_of(datetime.fromisoformat(doc["when"]))
    except (KeyError, TypeError, ValueError, OverflowError):
        return None


# checking -------------------------------------------------------------------------------

def check(home: Path) -> list[Problem]:
    """Every problem found in the database at ``home`` (empty: healthy).

    Holds the lock while reading the data files, so a commit in progress is never
    reported as damage. A synced database is also checked as a git repository, and for
    a merge that git made file by file and kith has not settled yet."""
    from kith.sync.load import consistency_problems
    from kith.sync.transport import sync_problems

    home = Path(home)
    problems = [Problem(file, message) for file, message in sync_problems(home)]
    files = _check_files(home)
    if all(p.repairable_by_rebuild for p in files) and (home / MAIN).exists():
        files += [Problem(file, message) for file, message in consistency_problems(home)]
    return problems + files


def _check_files(home: Path) -> list[Problem]:
    if not (home / MAIN).exists():
        return [Problem(MAIN, "missing: this folder holds no kith database")]
    files = FileSet(home)
    try:
        with files.locked():
            files.recover()
            return _check(home, files)
    except ReadOnlyFolder:  # nobody can write it through us: read it as it is
        return _check(home, files)
    except StoreError as error:
        return [Problem(MAIN, str(error))]


def _check(home: Path, files: FileSet) -> list[Problem]:
    problems: list[Problem] = []
    data: dict[str, dict[str, Any]] = {}
    for path in files.data_files():
        relative = path.relative_to(home)
        name = str(relative)
        misplaced = misplaced_reason(relative)
        if misplaced:
            problems.append(Problem(name, misplaced))
            continue
        try:
            raw = path.read_bytes()
        except OSError as error:
            problems.append(Problem(name, f"cannot be read ({error.strerror or error})"))
            continue
        parsed = _parse(raw) if raw.strip() else None
        if parsed is None:
            problems.append(Problem(name, looks_damaged(path) or
                                    "not valid JSON or not a kith file (damaged)"))
            continue
        data[name] = parsed
    if not (home / MAIN).exists() or MAIN not in data:
        return problems or [Problem(MAIN, "missing")]
    main = data[MAIN]
    if not _good_schema(main):
        version = str(_schema_version(main))[:20]
        problems.append(Problem(MAIN, "the schema record (_meta) is damaged: version "
                                      f"{version!r} is not one this kith knows"))
    for table in MAIN_TABLES:
        for ident, doc in main.get(table, {}).items():
            why = _validate(table, ident, doc)
            if why:
                problems.append(Problem(MAIN, f"{table[:-1] if table != 'people' else 'person'}"
                                              f" {ident} {why}"))
    networks = set(main.get("networks", {}))
    people = set(main.get("people", {}))
    for ident, opportunity in main.get("opportunities", {}).items():
        if isinstance(opportunity, dict) and opportunity.get("person") not in people:
            problems.append(Problem(MAIN, f"opportunity {ident} refers to a missing person "
                                          f"{opportunity.get('person')!r}"))
    seen: dict[str, str] = {}
    for name, content in sorted(data.items()):
        if not name.startswith(INTERACTIONS + "/"):
            continue
        month = name.rsplit("/", 1)[1].removesuffix(".json")
        for ident, doc in content.get("interactions", {}).items():
            if ident in seen:
                problems.append(Problem(name, f"interaction {ident} also in {seen[ident]}"))
            seen[ident] = name
            why = _validate("interactions", ident, doc)
            if why:
                problems.append(Problem(name, f"interaction {ident} {why}"))
                continue
            if _month_of(doc) != month:
                problems.append(Problem(name, f"interaction {ident} belongs in "
                                              f"{INTERACTIONS}/{_month_of(doc)}.json"))
            if doc.get("network") not in networks:
                problems.append(Problem(name, f"interaction {ident} refers to a missing "
                                              f"network {doc.get('network')!r}"))
            missing = [p for p in doc.get("people", ()) if p not in people]
            if missing:
                problems.append(Problem(name, f"interaction {ident} refers to missing "
                                              f"people {missing}"))
    if problems:
        return problems
    from kith.persistence.store import Store

    try:  # the store's own checks: schema version, layout
        store = Store(home, create=False)
    except KithError as error:
        return [Problem(MAIN, str(error))]
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        return [Problem(MAIN, f"cannot be opened ({error.__class__.__name__}: {error!s:.80})")]
    try:
        expected_networks, expected_people = store.recompute_derived()
        if store.network_months() != expected_networks:
            problems.append(Problem("derived/networks.json", "network totals differ from a "
                                    "recomputation from the interactions", True))
        if store.person_stats() != expected_people:
            problems.append(Problem("derived/people-*.json", "per-person totals differ from "
                                    "a recomputation from the interactions", True))
        if store.conversation_indexes() != store.recompute_conversations():
            problems.append(Problem("derived/conversations/", "the conversation index "
                                    "differs from a recomputation from the interactions", True))
    except KithError as error:
        problems.append(Problem(MAIN, str(error)))
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        problems.append(Problem("derived/", f"aggregates cannot be read ({error!r:.80})",
                                True))
    return problems


# backups --------------------------------------------------------------------------------

def _backup_folders(home: Path) -> list[Path]:
    folder = Path(home) / BACKUPS
    try:
        children = list(folder.iterdir())
    except OSError:
        return []
    return sorted((p for p in children if not p.name.startswith(".") and p.is_dir()),
                  reverse=True)


def backups(home: Path, *, deep: bool = False) -> list[Path]:
    """Complete backups, newest first (``deep``: every file's hash checked, not only its
    size). A backup that a failure cut short is never listed."""
    return [p for p in _backup_folders(home) if verify_backup(p, deep=deep) is None]


def incomplete_backups(home: Path) -> list[tuple[Path, str]]:
    """Backup folders that are not complete backups, with why."""
    found = []
    for folder in _backup_folders(home):
        why = verify_backup(folder)
        if why:
            found.append((folder, why))
    return found


def make_backup(store: Any, reason: str = "manual") -> Path:
    """A backup now, under the lock so no write lands halfway through the copy."""
    with store.files.locked():
        store.files.recover()
        return store.backup(reason)  # type: ignore[no-any-return]


def restore(home: Path, backup: Path) -> Path:
    """Replace the database by ``backup`` in one switch; returns the backup of the state
    it replaced (so a restore can itself be undone).

    Staged, then switched with the journal: the backup's files are copied into a hidden
    staging folder inside the database and fsynced; the current state is backed up; the
    journal naming every move is written (the commit point); then the files are moved
    into place. A crash before the journal leaves the old database (the next command
    removes the staging folder); a crash after it is rolled forward by the next command.
    """
    home = Path(home)
    backup = Path(backup)
    why = verify_backup(backup, deep=True)
    if why:
        raise StoreError(f"{backup.name} is not a complete kith backup: {why}")
    sources = sorted(p for p in backup.rglob("*.json") if is_data_path(p.relative_to(backup)))
    for path in sources:
        if _parse(path.read_bytes()) is None:
            raise StoreError(f"backup {backup.name} is damaged: "
                             f"{path.relative_to(backup)} is not a kith file")
    from kith.persistence.store.backups import snapshot_into_backups

    files = FileSet(home)
    with files.locked():
        files.recover()
        # not rotated now: rotation could delete the very backup being restored
        saved = snapshot_into_backups(files, "before-restore", rotate=False)
        staging = files.path(STAGING)
        shutil.rmtree(staging, ignore_errors=True)
        try:
            make_private_dirs(staging)
            replace = []
            for path in sources:
                relative = path.relative_to(backup)
                target = staging / relative
                make_private_dirs(target.parent)
                FileSet.write_file(target, path.read_bytes())
                replace.append((str(Path(STAGING) / relative), str(relative)))
        except OSError as error:
            shutil.rmtree(staging, ignore_errors=True)
            raise StoreError(f"cannot stage the restore in {home}: "
                             f"{error.strerror or error}; nothing was changed") from None
        wanted = {name for _, name in replace}
        delete = [str(p.relative_to(home)) for p in files.data_files()
                  if str(p.relative_to(home)) not in wanted]
        files.write_journal(replace, delete)
        files.recover()  # roll forward
    return saved


# repairing ------------------------------------------------------------------------------

@dataclass
class Repair:
    """What a repair did, and where the files and records it moved aside are."""

    actions: list[str] = field(default_factory=list)
    quarantine: Path | None = None
    moved_aside: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        if not self.actions:
            return "nothing to repair"
        text = "; ".join(self.actions)
        if self.quarantine:
            text += f" (everything moved aside is kept in {self.quarantine})"
        return text


class _Repairer:
    def __init__(self, home: Path, files: FileSet):
        self.home = home
        self.files = files
        self.result = Repair()
        self._backup_cache: dict[str, list[dict[str, Any]]] = {}

    # quarantine ---------------------------------------------------------------------
    def quarantine(self) -> Path:
        if self.result.quarantine is None:
            self.result.quarantine = self.files.quarantine_folder("repair")
        return self.result.quarantine

    def move_aside(self, relative: Path, why: str) -> None:
        target = self.quarantine() / relative
        make_private_dirs(target.parent)
        os.replace(self.home / relative, target)
        self.result.moved_aside.append(f"{relative}: {why}")

    def keep_records(self, label: str, records: dict[str, Any]) -> None:
        """Records taken out of the live database, kept in the quarantine folder."""
        if not records:
            return
        target = self.quarantine() / f"{label}.json"
        existing = orjson.loads(target.read_bytes()) if target.exists() else {}
        existing.update(records)
        FileSet.write_file(target, orjson.dumps(existing, option=orjson.OPT_INDENT_2))
        self.result.moved_aside.append(f"{label}.json: {len(records)} records")

    # backups ------------------------------------------------------------------------
    def backup_copies(self, relative: str) -> list[dict[str, Any]]:
        """Healthy copies of one file from complete backups, newest first."""
        if relative not in self._backup_cache:
            copies = []
            for folder in backups(self.home):
                path = folder / relative
                if path.is_file():
                    parsed = _parse(path.read_bytes())
                    if parsed is not None:
                        copies.append(parsed)
            self._backup_cache[relative] = copies
        return self._backup_cache[relative]

    def from_backups(self, relative: str, table: str, ident: str) -> dict[str, Any] | None:
        for copy in self.backup_copies(relative):
            doc = copy.get(table, {}).get(ident)
            if isinstance(doc, dict) and _validate(table, ident, doc) is None:
                return dict(doc)
        return None

    def interaction_from_backups(self, ident: str) -> dict[str, Any] | None:
        for folder in backups(self.home):
            for path in sorted((folder / INTERACTIONS).glob("*.json")):
                parsed = _parse(path.read_bytes())
                doc = (parsed or {}).get("interactions", {}).get(ident)
                if isinstance(doc, dict) and _validate("interactions", ident, doc) is None:
                    return dict(doc)
        return None

    # the repair ---------------------------------------------------------------------
    def run(self) -> Repair:
        live: dict[str, dict[str, Any]] = {}  # readable files by relative name
        extra_interactions: dict[str, dict[str, Any]] = {}  # lower priority copies
        extra_main: dict[str, dict[str, Any]] = {}
        for path in self.files.data_files():
            relative = path.relative_to(self.home)
            name = str(relative)
            raw = path.read_bytes()
            parsed = _parse(raw) if raw.strip() else None
            misplaced = misplaced_reason(relative)
            if parsed is not None and not misplaced:
                live[name] = parsed
                continue
            recovered = parsed if parsed is not None else salvage(raw)
            count = sum(len(t) for t in recovered.values())
            self.move_aside(relative, misplaced or "damaged")
            if relative.parts[0] == "derived":
                self.result.actions.append(f"moved aside {name} ({misplaced or 'damaged'}); "
                                           "the aggregates are rebuilt")
                continue
            if misplaced:
                self.result.actions.append(f"moved aside {name} ({misplaced}) and merged "
                                           f"back the records it alone held")
                target = extra_interactions if relative.parts[0] == INTERACTIONS else None
                for table, records in recovered.items():
                    for ident, doc in records.items():
                        if target is not None and table == "interactions":
                            target.setdefault(ident, doc)
                        elif target is None:
                            extra_main.setdefault(table, {}).setdefault(ident, doc)
                continue
            # a damaged file of the layout: newest healthy backup copy, salvage on top
            base: dict[str, Any] = {}
            copies = self.backup_copies(name)
            if copies:
                base = {t: dict(r) for t, r in copies[0].items()}
            for table, records in recovered.items():
                base.setdefault(table, {}).update(records)
            live[name] = base
            source = "the newest backup holding a healthy copy" if copies else "no backup"
            self.result.actions.append(f"moved aside damaged {name}; salvaged {count} records "
                                       f"from it and took the rest from {source}")
        main = live.setdefault(MAIN, {})
        for table, records in extra_main.items():
            bucket = main.setdefault(table, {})
            for ident, doc in records.items():
                bucket.setdefault(ident, doc)
        self.fix_meta(main)
        self.fix_main_records(main)
        months = self.fix_interactions(live, extra_interactions, main)
        self.fix_references(main, months)
        self.write(live, main, months)
        return self.result

    def fix_meta(self, main: dict[str, Any]) -> None:
        if _good_schema(main):
            return
        from kith.persistence.store import migrations

        for copy in self.backup_copies(MAIN):
            if _good_schema(copy):
                main.setdefault("_meta", {})["schema"] = copy["_meta"]["schema"]
                self.result.actions.append("restored the schema record from a backup")
                return
        main.setdefault("_meta", {})["schema"] = {
            "version": migrations.SCHEMA_VERSION, "app": "kith",
            "created": clock.now().isoformat(timespec="seconds")}
        self.result.actions.append("recreated the missing schema record")

    def mend(self, table: str, ident: str, doc: Any,
             backup_doc: dict[str, Any] | None) -> dict[str, Any] | None:
        """A readable version of a damaged record: the backup's fields under the
        record's own, then (people, networks) a visible placeholder name."""
        mended = {**(backup_doc or {}), **(doc if isinstance(doc, dict) else {}), "id": ident}
        if _validate(table, ident, mended) is None:
            return mended
        if table in ("people", "networks") and not str(mended.get("name") or "").strip():
            mended["name"] = f"(no name) {ident}"
            if _validate(table, ident, mended) is None:
                return mended
        if backup_doc is not None and _validate(table, ident, backup_doc) is None:
            return backup_doc
        return None

    def fix_main_records(self, main: dict[str, Any]) -> None:
        for table in MAIN_TABLES:
            records = main.setdefault(table, {})
            aside = {}
            for ident, doc in list(records.items()):
                if _validate(table, ident, doc) is None:
                    continue
                own = doc.get("id") if isinstance(doc, dict) else None
                if own not in records and _plausible_id(own) and not _plausible_id(ident) \
                        and _validate(table, own, doc) is None:
                    records[own] = records.pop(ident)
                    self.result.actions.append(f"filed {table} record {own} under its own id "
                                               f"(was {ident!r})")
                    continue
                mended = self.mend(table, ident, doc, self.from_backups(MAIN, table, ident))
                if mended is not None:
                    records[ident] = mended
                    self.result.actions.append(f"mended {table} record {ident}")
                else:
                    aside[ident] = records.pop(ident)
                    self.result.actions.append(f"moved unreadable {table} record {ident} "
                                               "aside")
            self.keep_records(f"unreadable-{table}", aside)

    def fix_interactions(self, live: dict[str, dict[str, Any]],
                         extra: dict[str, dict[str, Any]],
                         main: dict[str, Any]) -> dict[str, dict[str, Any]]:
        """Every interaction in the file of its month, once; returns ``{month: {id: doc}}``."""
        candidates: dict[str, list[tuple[dict[str, Any], str, str]]] = {}
        unreadable: dict[str, Any] = {}
        moved = 0
        for name in sorted(n for n in live if n.startswith(INTERACTIONS + "/")):
            month = name.rsplit("/", 1)[1].removesuffix(".json")
            for ident, doc in live[name].get("interactions", {}).items():
                own = doc.get("id") if isinstance(doc, dict) else None
                if own != ident and _plausible_id(own, ulid=True) \
                        and not _plausible_id(ident, ulid=True) \
                        and _validate("interactions", own, doc) is None:
                    # filed under a damaged key: its own id is the one to keep
                    self.result.actions.append(f"filed interaction {own} under its own id "
                                               f"(was {ident!r})")
                    ident = own
                if _validate("interactions", ident, doc) is not None:
                    mended = self.mend("interactions", ident, doc,
                                       self.interaction_from_backups(ident))
                    if mended is None:
                        unreadable[f"{name}:{ident}"] = doc
                        continue
                    self.result.actions.append(f"mended interaction {ident}")
                    doc = mended
                candidates.setdefault(ident, []).append((doc, month, name))
        chosen: dict[str, dict[str, Any]] = {}
        surplus: dict[str, Any] = {}
        for ident, copies in candidates.items():
            # the copy filed in its own month is the one kith wrote last
            best = next((c for c in copies if _month_of(c[0]) == c[1]), copies[0])
            chosen[ident] = dict(best[0])
            if _month_of(best[0]) != best[1]:
                moved += 1
            for doc, _, name in copies:
                if doc is not best[0]:
                    surplus[f"{name}:{ident}"] = doc
        for ident, doc in extra.items():
            if ident in chosen:
                continue
            if _validate("interactions", ident, doc) is None:
                chosen[ident] = dict(doc)
            else:
                unreadable[f"conflict-copy:{ident}"] = doc
        months: dict[str, dict[str, Any]] = {}
        for ident, doc in chosen.items():
            months.setdefault(str(_month_of(doc)), {})[ident] = doc
        if surplus:
            self.result.actions.append(f"kept one copy of {len(surplus)} duplicated "
                                       "interactions")
            self.keep_records("duplicate-interactions", surplus)
        if unreadable:
            self.result.actions.append(f"moved {len(unreadable)} unreadable interactions "
                                       "aside")
            self.keep_records("unreadable-interactions", unreadable)
        if moved:
            self.result.actions.append(f"moved {moved} interactions to their month's file")
        return months

    def fix_references(self, main: dict[str, Any], months: dict[str, dict[str, Any]]) -> None:
        from kith.core.model import Network, Person

        networks, people = main["networks"], main["people"]
        merges = main.get("merges", {})

        def person_for(ident: str) -> str:
            if ident in people:
                return ident
            into = (merges.get(ident) or {}).get("into")
            if isinstance(into, str) and into in people:
                self.result.actions.append(f"pointed references to merged person {ident} "
                                           f"at {into}")
                return into
            doc = self.from_backups(MAIN, "people", ident)
            if doc is not None:
                self.result.actions.append(f"restored person {ident} from a backup")
            else:
                doc = Person(id=ident, name=f"(unknown person) {ident}").to_dict()
                self.result.actions.append(f"recreated missing person {ident} as a "
                                           "placeholder")
            people[ident] = doc
            return ident

        def network_for(ident: str) -> bool:
            if ident in networks:
                return True
            doc = self.from_backups(MAIN, "networks", ident)
            if doc is not None:
                self.result.actions.append(f"restored network {ident} from a backup")
            else:
                try:
                    doc = Network(id=ident, name=f"(unknown network) {ident}",
                                  notes="recreated by kith doctor --repair").to_dict()
                except KithError:
                    return False  # not even a possible network id
                self.result.actions.append(f"recreated missing network {ident} as a "
                                           "placeholder")
            networks[ident] = doc
            return True

        stranded: dict[str, Any] = {}
        for records in months.values():
            for ident, doc in list(records.items()):
                if not network_for(doc["network"]):
                    stranded[ident] = records.pop(ident)
                    continue
                doc["people"] = list(dict.fromkeys(person_for(p) for p in doc["people"]))
        if stranded:
            self.result.actions.append(f"moved {len(stranded)} interactions with an "
                                       "impossible network id aside")
            self.keep_records("unreadable-interactions", stranded)
        for doc in main.get("opportunities", {}).values():
            doc["person"] = person_for(doc["person"])

    def write(self, live: dict[str, dict[str, Any]], main: dict[str, Any],
              months: dict[str, dict[str, Any]]) -> None:
        from kith.persistence.store import Store

        wanted: dict[str, dict[str, Any]] = {MAIN: main}
        for name, content in live.items():
            if name.startswith(INTERACTIONS + "/"):
                wanted[name] = {**content, "interactions": {}}
            elif name != MAIN and not name.startswith("derived/"):
                wanted[name] = content
        for month, records in months.items():
            wanted.setdefault(f"{INTERACTIONS}/{month}.json", {"interactions": {}})
            wanted[f"{INTERACTIONS}/{month}.json"]["interactions"] = records
        self.files.forget()
        with self.files.transaction():
            for name, content in wanted.items():
                path = self.home / name
                current = _parse(path.read_bytes()) if path.is_file() else None
                if current != content:
                    self.files.write(name, content)
        store = Store(self.home, create=False)
        expected_networks, expected_people = store.recompute_derived()
        if store.network_months() != expected_networks or \
                store.person_stats() != expected_people or \
                store.conversation_indexes() != store.recompute_conversations():
            store.rebuild_derived()
            self.result.actions.append("rebuilt the aggregates from the interactions")


def repair(home: Path) -> Repair:
    """Make the database healthy without dropping a readable record; returns what was
    done. Holds the lock throughout the file repair.

    Damaged files are mended first; then, in a synced database, a merge that git made
    file by file (a hand-run ``git pull``) and left with deletions and people merges
    unapplied is settled by kith's own merge (which writes, so it needs mended files)."""
    home = Path(home)
    if not (home / MAIN).exists() and not any((home / "interactions").glob("*.json")):
        raise StoreError(f"no kith database at {home}")
    files = FileSet(home)
    with files.locked():
        files.recover()
        problems = _check(home, files)
        result = _Repairer(home, files).run() if problems else Repair()
        if result.quarantine is not None:
            listing = "\n".join(result.moved_aside) + "\n"
            FileSet.write_file(result.quarantine / "README.txt", (
                "Moved aside by `kith doctor --repair` (nothing here is read by kith):\n"
                + listing).encode())
    from kith.sync.load import consistency_problems

    if (home / MAIN).exists() and consistency_problems(home):
        from kith.persistence.store import Store
        from kith.sync.write import settle

        settle(Store(home, create=False), force_derived=True)
        result.actions.append("applied deletions and people merges a file-by-file merge "
                              "left undone")
    return result
