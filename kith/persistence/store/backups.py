"""Backups of the database folder: a snapshot before imports, migrations and restores, and
the rotation that keeps the newest ``MAX_BACKUPS`` complete ones."""

from __future__ import annotations

import contextlib
import shutil
from datetime import datetime
from pathlib import Path

from kith.persistence.files import FileSet, verify_backup

MAX_BACKUPS = 10


def snapshot_into_backups(files: FileSet, reason: str, *, rotate: bool = True) -> Path:
    """A backup of the files as they are (real copies with a manifest, see
    ``FileSet.snapshot``), then (``rotate``) rotation, see ``rotate_backups``."""
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S%f")
    safe = "".join(c if c.isalnum() or c in "-_+" else "-" for c in reason)[:40]
    folder = files.home / "backups" / f"{stamp}-{safe}"
    files.snapshot(folder)
    if rotate:
        rotate_backups(files.home)
    return folder


def rotate_backups(home: Path) -> None:
    """Keep the newest ``MAX_BACKUPS`` complete backups. Only complete backups count
    and only they are deleted, so a failed or damaged backup never pushes a good one
    out; what is not a complete backup is left for the user to inspect (``kith backup
    --list`` names it)."""
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
