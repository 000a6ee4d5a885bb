"""Snapshots: complete copies of the database folder, the primitive backups are made of.

A transaction may ask for a snapshot of the files as they are, taken under its lock just
before it commits (imports, migrations: ``Core.transaction(backup_reason=...)``), so the
copy must be made here, below the store; everything else about backups (listing them,
making one on request, restoring one, ``kith doctor``'s use of them) is
``kith.reliability``'s.

Real copies, not hard links: kith itself never writes a file in place, but another
program, a disk error or a truncation could, and a hard-linked backup would be damaged
with the original. The files go into a hidden folder next to the destination, each
fsynced; a manifest of their sizes and hashes is written last, and only then is the
folder renamed into place: a snapshot exists completely or not at all.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from kith.core.errors import StoreError
from kith.persistence import folder
from kith.persistence.damage import looks_damaged
from kith.persistence.folder import BACKUPS, make_private_dirs
from kith.persistence.stamps import MAIN

if TYPE_CHECKING:
    from kith.persistence.files import FileSet

MANIFEST = ".manifest"
MAX_BACKUPS = 10
PARTIAL_AGE_SECONDS = 3600
"""A hidden partial copy older than this is not being written any more."""


def snapshot(home: Path, destination: Path) -> int:
    """Copy the data files of ``home`` to ``destination``, completely or not at all;
    returns how many. A failure (a full disk) removes the partial copy and raises
    ``StoreError``."""
    partial = destination.with_name("." + destination.name + ".partial")
    try:
        make_private_dirs(destination.parent)
        shutil.rmtree(partial, ignore_errors=True)
        make_private_dirs(partial)
        manifest = _copy_files(home, partial)
        folder.write_file(partial / MANIFEST, orjson.dumps({"files": manifest}))
        folder.fsync_dir(partial)
        os.rename(partial, destination)
        folder.fsync_dir(destination.parent)
    except OSError as error:
        shutil.rmtree(partial, ignore_errors=True)
        raise StoreError(folder.describe_os_error(error, destination).replace(
            "nothing was changed", "no backup was made and nothing was changed")) from None
    return len(manifest)


def _copy_files(home: Path, target_root: Path) -> dict[str, Any]:
    """Every data file copied (fsynced) under ``target_root``; the manifest of them."""
    manifest: dict[str, Any] = {}
    for source in folder.data_files(home):
        relative = str(source.relative_to(home))
        target = target_root / relative
        make_private_dirs(target.parent)
        payload = source.read_bytes()
        folder.write_file(target, payload)
        manifest[relative] = {"size": len(payload),
                              "blake2b": hashlib.blake2b(payload).hexdigest()}
    return manifest


def snapshot_into_backups(files: FileSet, reason: str, *, rotate: bool = True) -> Path:
    """A snapshot of the files as they are in a new folder of ``backups/`` named by the
    time and ``reason``, then (``rotate``) the rotation, see ``rotate_backups``."""
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S%f")
    safe = "".join(c if c.isalnum() or c in "-_+" else "-" for c in reason)[:40]
    destination = files.home / BACKUPS / f"{stamp}-{safe}"
    snapshot(files.home, destination)
    if rotate:
        rotate_backups(files.home)
    return destination


def rotate_backups(home: Path) -> None:
    """Keep the newest ``MAX_BACKUPS`` complete backups. Only complete backups count
    and only they are deleted, so a failed or damaged backup never pushes a good one
    out; what is not a complete backup is left for the user to inspect (``kith backup
    --list`` names it)."""
    root = home / BACKUPS
    complete = [p for p in sorted(root.iterdir())
                if p.is_dir() and not p.name.startswith(".") and verify_backup(p) is None]
    for old in complete[:-MAX_BACKUPS]:
        shutil.rmtree(old, ignore_errors=True)
    # a backup killed halfway leaves its hidden folder; one an hour old is not being
    # written any more (a backup in progress elsewhere is left alone)
    for partial in root.glob(".*.partial"):
        with contextlib.suppress(OSError):
            if partial.stat().st_mtime < datetime.now().timestamp() - PARTIAL_AGE_SECONDS:
                shutil.rmtree(partial, ignore_errors=True)


def verify_backup(folder_path: Path, *, deep: bool = False) -> str | None:
    """Why a backup folder is not a complete, intact snapshot (None: it is).

    A snapshot is complete when its manifest exists and every file it lists has the size
    recorded (``deep``: and the hash); backups made before manifests existed count when
    every file looks whole."""
    root = Path(folder_path)
    manifest_path = root / MANIFEST
    if not manifest_path.exists():
        return _verify_without_manifest(root)
    try:
        files = orjson.loads(manifest_path.read_bytes())["files"]
        for relative, expected in files.items():
            why = _differs(root / relative, expected, deep=deep)
            if why:
                return f"{relative} {why}"
    except (OSError, orjson.JSONDecodeError, KeyError, TypeError, AttributeError) as error:
        return f"incomplete ({error.__class__.__name__})"
    if MAIN not in files:
        return "no kith.json"
    return None


def _verify_without_manifest(root: Path) -> str | None:
    if not (root / MAIN).exists():
        return "no kith.json"
    for path in sorted(root.rglob("*.json")):
        if looks_damaged(path):
            return f"{path.relative_to(root)} is damaged"
    return None


def _differs(path: Path, expected: dict[str, Any], *, deep: bool) -> str | None:
    """Why one copied file is not the one the manifest recorded (None: it is)."""
    if not deep:
        return "differs from the manifest" if path.stat().st_size != expected["size"] \
            else None
    payload = path.read_bytes()
    if len(payload) != expected["size"] or \
            hashlib.blake2b(payload).hexdigest() != expected["blake2b"]:
        return "differs from the manifest"
    return None
