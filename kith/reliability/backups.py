"""Backups as the user sees them: made on request, listed, and read from by a repair.

Every backup is a snapshot (``kith.persistence.snapshots``: real copies with a manifest
of sizes and hashes, renamed into place only when complete), in ``backups/`` of the
database folder. They are made by ``kith backup``, by a transaction that asks for one
(before an import, a migration), and before every restore; the rotation keeps the newest
``MAX_BACKUPS`` complete ones, newest by their sequence number (never by the clock, which
may jump or change zone: the backup just made always survives). A backup that a failure
cut short is never listed as one: ``incomplete_backups`` names it instead, for the user
to inspect. A clock that jumped between two backups is reported once (``clock_notice``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from kith.persistence.folder import BACKUPS
from kith.persistence.snapshots import (
    by_sequence,
    snapshot_into_backups,
    take_clock_notice,
    verify_backup,
)
from kith.reliability.reading import INTERACTIONS, parse, validate

if TYPE_CHECKING:
    from kith.persistence.store import Store

def _backup_folders(home: Path) -> list[Path]:
    folder = Path(home) / BACKUPS
    try:
        children = list(folder.iterdir())
    except OSError:
        return []
    return by_sequence([p for p in children
                        if not p.name.startswith(".") and p.is_dir()])[::-1]


def clock_notice(home: Path) -> str | None:
    """A clock jump seen when the last backup was made, reported once."""
    return take_clock_notice(Path(home))


def backups(home: Path, *, deep: bool = False) -> list[Path]:
    """Complete backups, newest (by sequence) first (``deep``: every file's hash checked,
    not only its size). A backup that a failure cut short is never listed."""
    return [p for p in _backup_folders(home) if verify_backup(p, deep=deep) is None]


def incomplete_backups(home: Path) -> list[tuple[Path, str]]:
    """Backup folders that are not complete backups, with why."""
    found = []
    for folder in _backup_folders(home):
        why = verify_backup(folder)
        if why:
            found.append((folder, why))
    return found


def make_backup(store: Store, reason: str = "manual") -> Path:
    """A backup now, under the lock so no write lands halfway through the copy; then
    the rotation."""
    with store.files.locked():
        store.files.recover()
        return snapshot_into_backups(store.files, reason)


class BackupCopies:
    """Healthy copies of single files and records from the complete backups, newest
    first: what a repair takes back for a damaged file (read once per file)."""

    def __init__(self, home: Path):
        self.home = Path(home)
        self._copies: dict[str, list[dict[str, Any]]] = {}

    def of_file(self, relative: str) -> list[dict[str, Any]]:
        """Parsed copies of one file, newest backup first (damaged copies skipped)."""
        if relative not in self._copies:
            copies = []
            for folder in backups(self.home):
                path = folder / relative
                if path.is_file():
                    parsed = parse(path.read_bytes())
                    if parsed is not None:
                        copies.append(parsed)
            self._copies[relative] = copies
        return self._copies[relative]

    def record(self, relative: str, table: str, ident: str) -> dict[str, Any] | None:
        """The newest usable copy of one record of one file."""
        for copy in self.of_file(relative):
            doc = copy.get(table, {}).get(ident)
            if isinstance(doc, dict) and validate(table, ident, doc) is None:
                return dict(doc)
        return None

    def interaction(self, ident: str) -> dict[str, Any] | None:
        """The newest usable copy of one interaction, in whichever month file it was."""
        for folder in backups(self.home):
            for path in sorted((folder / INTERACTIONS).glob("*.json")):
                parsed = parse(path.read_bytes())
                doc = (parsed or {}).get("interactions", {}).get(ident)
                if isinstance(doc, dict) and validate("interactions", ident, doc) is None:
                    return dict(doc)
        return None
