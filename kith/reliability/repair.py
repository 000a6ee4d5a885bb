"""``kith doctor --repair``: make a database healthy without dropping a readable record.

It holds the lock throughout and does the least that works:

- derived files are rebuilt from the interactions;
- a damaged file is moved aside into ``quarantine/<time>-repair/`` (kept, listed), the
  records that can still be read from it are salvaged (``salvage``), and the rest comes
  from the newest backup holding a healthy copy of *that file only*; salvaged records,
  being newer, win over the backup;
- a file with git conflict markers (a merge without kith's merge driver) is moved
  aside and both of its sides are joined by kith's merge, never emptied;
- a sync-conflict copy (Syncthing, Dropbox, iCloud Drive) is moved aside and its
  records are joined with ours field by field, newest edit wins, like ``kith merge``;
- the records themselves are mended (``mend``): duplicates, wrong months, missing
  networks and people, unreadable records.

Everything is written in one transaction; a crash during repair leaves the database as
it was before it, or repaired.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from kith.core.errors import StoreError
from kith.persistence import folder
from kith.persistence.damage import misplaced_reason
from kith.persistence.files import FileSet
from kith.persistence.folder import make_private_dirs
from kith.persistence.stamps import MAIN, TOMBSTONES
from kith.persistence.store import Store
from kith.reliability.backups import BackupCopies
from kith.reliability.check import check_folder
from kith.reliability.mend import Mender
from kith.reliability.reading import INTERACTIONS, parse
from kith.reliability.salvage import conflict_sides, salvage
from kith.sync.load import consistency_problems
from kith.sync.merge import join_docs, join_file, join_tombstones
from kith.sync.write import settle


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


@dataclass
class _Read:
    """The files as the repair found them: readable ones by name, and records of moved
    aside sync-conflict copies (lower priority than the live files)."""

    live: dict[str, dict[str, Any]] = field(default_factory=dict)
    extra_interactions: dict[str, dict[str, Any]] = field(default_factory=dict)
    extra_main: dict[str, dict[str, Any]] = field(default_factory=dict)


class _Repairer:
    def __init__(self, home: Path, files: FileSet):
        self.home = home
        self.files = files
        self.result = Repair()
        self.copies = BackupCopies(home)

    # the quarantine ---------------------------------------------------------------------
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
        folder.write_file(target, orjson.dumps(existing, option=orjson.OPT_INDENT_2))
        self.result.moved_aside.append(f"{label}.json: {len(records)} records")

    # the repair -------------------------------------------------------------------------
    def run(self) -> Repair:
        found = self.read_files()
        main = found.live.setdefault(MAIN, {})
        for table, records in found.extra_main.items():
            _join_into(main.setdefault(table, {}), records, tombstones=table == TOMBSTONES)
        mender = Mender(self.copies, self.keep_records, self.result.actions)
        mender.fix_meta(main)
        mender.fix_main_records(main)
        months = mender.fix_interactions(found.live, found.extra_interactions)
        mender.fix_references(main, months)
        self.write(found.live, main, months)
        return self.result

    def read_files(self) -> _Read:
        """Every data file read; the damaged and misplaced ones moved aside, with what
        can be saved of them."""
        found = _Read()
        for path in self.files.data_files():
            relative = path.relative_to(self.home)
            raw = path.read_bytes()
            parsed = parse(raw) if raw.strip() else None
            misplaced = misplaced_reason(relative)
            if parsed is not None and not misplaced:
                found.live[str(relative)] = parsed
                continue
            if parsed is None and not misplaced and self.join_conflict(relative, raw, found):
                continue
            self.take_apart(relative, parsed if parsed is not None else salvage(raw),
                            misplaced, found)
        return found

    def join_conflict(self, relative: Path, raw: bytes, found: _Read) -> bool:
        """A file with git conflict markers (a merge made without kith's merge driver):
        both sides read (what of each is whole) and joined by kith's own merge, record by
        record and field by field; the file as it was is moved aside. False when the
        file holds no complete conflict."""
        sides = conflict_sides(raw)
        if sides is None or relative.parts[0] == "derived":
            return False
        versions = [parse(side) or salvage(side) for side in sides]
        if not any(versions):
            return False
        merged = join_file(*(_tables_only(version) for version in versions))
        self.move_aside(relative, "git conflict markers")
        found.live[str(relative)] = merged
        counts = " and ".join(f"{sum(len(t) for n, t in v.items() if n != '_meta')} records "
                              f"from {side}" for v, side in zip(versions, ("ours", "theirs"),
                                                                strict=True))
        self.result.actions.append(f"merged both sides of the git conflict in {relative} "
                                   f"({counts}) with kith's merge")
        return True

    def take_apart(self, relative: Path, recovered: dict[str, dict[str, Any]],
                   misplaced: str | None, found: _Read) -> None:
        """Move a damaged or misplaced file aside and keep what it alone held."""
        name = str(relative)
        self.move_aside(relative, misplaced or "damaged")
        if relative.parts[0] == "derived":
            self.result.actions.append(f"moved aside {name} ({misplaced or 'damaged'}); "
                                       "the aggregates are rebuilt")
            return
        if misplaced:
            self.result.actions.append(f"moved aside {name} ({misplaced}) and merged "
                                       f"its records back field by field, like `kith merge`")
            in_interactions = relative.parts[0] == INTERACTIONS
            for table, records in recovered.items():
                if table == "_meta":
                    continue  # the settings stay this database's
                if in_interactions and table == "interactions":
                    _join_into(found.extra_interactions, records)
                elif table == TOMBSTONES or not in_interactions:
                    _join_into(found.extra_main.setdefault(table, {}), records,
                               tombstones=table == TOMBSTONES)
            return
        # a damaged file of the layout: newest healthy backup copy, salvage on top
        count = sum(len(t) for t in recovered.values())
        base: dict[str, Any] = {}
        copies = self.copies.of_file(name)
        if copies:
            base = {t: dict(r) for t, r in copies[0].items()}
        for table, records in recovered.items():
            base.setdefault(table, {}).update(records)
        found.live[name] = base
        source = "the newest backup holding a healthy copy" if copies else "no backup"
        self.result.actions.append(f"moved aside damaged {name}; salvaged {count} records "
                                   f"from it and took the rest from {source}")

    def write(self, live: dict[str, dict[str, Any]], main: dict[str, Any],
              months: dict[str, dict[str, Any]]) -> None:
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
                current = parse(path.read_bytes()) if path.is_file() else None
                if current != content:
                    self.files.write(name, content)
        self.rebuild_if_stale()

    def rebuild_if_stale(self) -> None:
        store = Store(self.home, create=False)
        expected_networks, expected_people = store.recompute_derived()
        if store.network_months() != expected_networks or \
                store.person_stats() != expected_people or \
                store.conversation_indexes() != store.recompute_conversations():
            store.rebuild_derived()
            self.result.actions.append("rebuilt the aggregates from the interactions")


def _tables_only(version: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """A side of a conflict as ``join_file`` takes it: tables of records (objects)."""
    return {table: {ident: doc for ident, doc in records.items() if isinstance(doc, dict)}
            for table, records in version.items() if isinstance(records, dict)}


def _join_into(into: dict[str, Any], records: dict[str, Any], *,
               tombstones: bool = False) -> None:
    """Records of a sync-conflict copy joined into ours with kith's merge: field by
    field, newest edit wins (``kith.sync.merge``), as ``kith merge`` would."""
    for ident, doc in records.items():
        mine = into.get(ident)
        if not isinstance(doc, dict):
            continue
        if not isinstance(mine, dict):
            into[ident] = doc
        else:
            into[ident] = join_tombstones(mine, doc) if tombstones else join_docs(mine, doc)


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
        problems = check_folder(home, files)
        result = _Repairer(home, files).run() if problems else Repair()
        if result.quarantine is not None:
            listing = "\n".join(result.moved_aside) + "\n"
            folder.write_file(result.quarantine / "README.txt", (
                "Moved aside by `kith doctor --repair` (nothing here is read by kith):\n"
                + listing).encode())

    if (home / MAIN).exists() and consistency_problems(home):
        settle(Store(home, create=False), force_derived=True)
        result.actions.append("applied deletions and people merges a file-by-file merge "
                              "left undone")
    return result
