"""Checking a database, repairing it, backing it up and restoring it.

``check`` reads every file itself (not through the store's caches) and reports, in words:
files that are not valid JSON, duplicate ids, references to networks or people that do not
exist, and aggregates that differ from a recomputation from the interactions.

``repair`` does the least that makes the database healthy: if only the aggregates are
wrong, they are rebuilt from the interactions (nothing is lost); if files are damaged, the
newest backup that passes ``check`` is restored (after a backup of the damaged state, so
even a bad repair can be undone).
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson

from kith.errors import KithError, StoreError

MAIN = "kith.json"


@dataclass
class Problem:
    file: str
    message: str
    repairable_by_rebuild: bool = False

    def __str__(self) -> str:
        return f"{self.file}: {self.message}"


def _load(path: Path) -> Any:
    return orjson.loads(path.read_bytes())


def _files(home: Path) -> list[Path]:
    return sorted(p for p in home.rglob("*.json")
                  if not any(part == "backups" or part.startswith(".")
                             for part in p.relative_to(home).parts))


def check(home: Path) -> list[Problem]:
    """Every problem found in the database at ``home`` (empty: healthy)."""
    home = Path(home)
    if not (home / MAIN).exists():
        return [Problem(MAIN, "missing: this folder holds no kith database")]
    problems: list[Problem] = []
    data: dict[str, Any] = {}
    for path in _files(home):
        name = str(path.relative_to(home))
        try:
            data[name] = _load(path)
        except (orjson.JSONDecodeError, OSError) as error:
            problems.append(Problem(name, f"not valid JSON ({error})"))
    if problems:
        return problems
    from kith.records import problems as damaged_records

    for name, content in data.items():  # records a command could not use
        for record, reason in damaged_records(name, content):
            problems.append(Problem(name, f"{record} is damaged: {reason}"))
    if problems:
        return problems
    from kith.store import Store

    try:  # the store's own checks: schema version, layout, an interrupted commit replayed
        store = Store(home, create=False)
    except KithError as error:
        return [Problem(MAIN, str(error))]
    main = data.get(MAIN, {})
    networks = set(main.get("networks", {}))
    people = set(main.get("people", {}))
    for ident, opportunity in main.get("opportunities", {}).items():
        if opportunity.get("person") not in people:
            problems.append(Problem(MAIN, f"opportunity {ident} refers to a missing person "
                                          f"{opportunity.get('person')!r}"))
    seen: dict[str, str] = {}
    for name, content in data.items():
        if not name.startswith("interactions/"):
            continue
        for ident, doc in content.get("interactions", {}).items():
            if ident in seen:
                problems.append(Problem(name, f"interaction {ident} also in {seen[ident]}"))
            seen[ident] = name
            if doc.get("network") not in networks:
                problems.append(Problem(name, f"interaction {ident} refers to a missing "
                                              f"network {doc.get('network')!r}"))
            missing = [p for p in doc.get("people", ()) if p not in people]
            if missing:
                problems.append(Problem(name, f"interaction {ident} refers to missing "
                                              f"people {missing}"))
    if problems:
        return problems
    try:
        expected_networks, expected_people = store.recompute_derived()
        actual_networks = store.network_months()
        if actual_networks != expected_networks:
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
    return problems


def backups(home: Path) -> list[Path]:
    """Backups, newest first."""
    folder = Path(home) / "backups"
    if not folder.is_dir():
        return []
    return sorted((p for p in folder.iterdir() if p.is_dir() and (p / MAIN).exists()),
                  reverse=True)


def make_backup(store: Any, reason: str = "manual") -> Path:
    """A backup now, under the lock so no write lands halfway through the copy."""
    with store.files.locked():
        return store.backup(reason)


def restore(home: Path, backup: Path) -> Path:
    """Replace the database by ``backup``, after backing up the current state.

    The swap is a rename: a crash leaves either the old or the new database, and the
    restored copy is a full copy, not links into the backup.
    """
    home = Path(home)
    backup = Path(backup)
    if not (backup / MAIN).exists():
        raise StoreError(f"{backup} is not a kith backup (no {MAIN})")
    if check_backup := check(backup):
        raise StoreError(f"backup {backup.name} is damaged: {check_backup[0]}")
    from kith.storage import FileSet

    files = FileSet(home)
    with files.locked():
        saved = None
        if (home / MAIN).exists():
            saved = _copy_current(home, "before-restore")
        staging = home / f".restore-{os.getpid()}"
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(mode=0o700)
        for path in sorted(backup.rglob("*.json")):
            target = staging / path.relative_to(backup)
            target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            shutil.copyfile(path, target)
            os.chmod(target, 0o600)
        for path in _files(home):  # remove the damaged files, then move the good ones in
            path.unlink()
        for path in sorted(staging.rglob("*.json")):
            target = home / path.relative_to(staging)
            target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            os.replace(path, target)
        shutil.rmtree(staging, ignore_errors=True)
    return saved or backup


def _copy_current(home: Path, reason: str) -> Path:
    """A copy (not links) of the files as they are, even damaged, into backups/."""
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S%f")
    folder = home / "backups" / f"{stamp}-{reason}"
    folder.mkdir(parents=True, mode=0o700)
    for path in _files(home):
        target = folder / path.relative_to(home)
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        shutil.copyfile(path, target)
        os.chmod(target, 0o600)
    return folder


def repair(home: Path) -> str:
    """Make the database healthy; returns what was done, in words."""
    home = Path(home)
    problems = check(home)
    if not problems:
        return "nothing to repair"
    if all(p.repairable_by_rebuild for p in problems):
        from kith.store import Store

        Store(home, create=False).rebuild_derived()
        return "rebuilt the aggregates from the interactions"
    for candidate in backups(home):
        if not check(candidate):
            restore(home, candidate)
            return f"restored backup {candidate.name} (the damaged files were kept in backups/)"
    raise StoreError("no healthy backup to restore: " + "; ".join(map(str, problems[:3])))
