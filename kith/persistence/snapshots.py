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
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from kith.core import clock
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


SEQUENCE = ".backup-sequence"
"""In the database folder (local, never synced): the sequence number of the last backup
made; it never decreases, even when ``backups/`` is emptied."""
CLOCK_NOTICE = ".backup-clock"
"""In the database folder: a clock jump seen when a backup was made, not yet reported."""
CLOCK_JUMP_BACK = timedelta(minutes=5)
CLOCK_JUMP_AHEAD = timedelta(days=366)


def snapshot(home: Path, destination: Path, *, sequence: int | None = None) -> int:
    """Copy the data files of ``home`` to ``destination``, completely or not at all;
    returns how many. A failure (a full disk) removes the partial copy and raises
    ``StoreError``. ``sequence`` is recorded in the manifest, with the clock's time."""
    partial = destination.with_name("." + destination.name + ".partial")
    try:
        make_private_dirs(destination.parent)
        shutil.rmtree(partial, ignore_errors=True)
        make_private_dirs(partial)
        manifest = _copy_files(home, partial)
        extra: dict[str, Any] = {} if sequence is None else {
            "sequence": sequence, "taken": _utc_now().isoformat(timespec="seconds")}
        folder.write_file(partial / MANIFEST, orjson.dumps({"files": manifest, **extra}))
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


def _utc_now() -> datetime:
    return clock.now().astimezone(UTC)


def snapshot_into_backups(files: FileSet, reason: str, *, rotate: bool = True) -> Path:
    """A snapshot of the files as they are in a new folder of ``backups/`` named by the
    time and ``reason`` and numbered by the next sequence number, then (``rotate``) the
    rotation, see ``rotate_backups``. A clock that jumped since the previous backup is
    noted, to be reported once (``take_clock_notice``)."""
    root = files.home / BACKUPS
    previous = newest_backup(files.home)
    sequence = max(_stored_sequence(files.home),
                   sequence_of(previous) if previous else 0) + 1
    stamp = clock.now().strftime("%Y%m%dT%H%M%S%f")
    safe = "".join(c if c.isalnum() or c in "-_+" else "-" for c in reason)[:40]
    destination = root / f"{stamp}-{safe}"
    if destination.exists() or destination.with_name(
            "." + destination.name + ".partial").exists():  # a clock set back: same name
        destination = root / f"{stamp}-{safe}-{sequence}"
    snapshot(files.home, destination, sequence=sequence)
    with contextlib.suppress(OSError):  # the backup is made: the counter is a cache of it
        folder.write_file(files.home / SEQUENCE, str(sequence).encode())
        _note_clock_jump(files.home, previous, sequence)
    if rotate:
        rotate_backups(files.home)
    return destination


def _stored_sequence(home: Path) -> int:
    try:
        return max(0, int((home / SEQUENCE).read_text().strip() or 0))
    except (OSError, ValueError):
        return 0


def _manifest(folder_path: Path) -> dict[str, Any]:
    try:
        found = orjson.loads((folder_path / MANIFEST).read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return {}
    return found if isinstance(found, dict) else {}


def sequence_of(folder_path: Path) -> int:
    """A backup's sequence number; 0 for one made before backups were numbered (they
    count as older than every numbered one)."""
    sequence = _manifest(folder_path).get("sequence")
    return sequence if type(sequence) is int and sequence > 0 else 0


def taken_at(folder_path: Path) -> datetime | None:
    """When the clock said a numbered backup was made (UTC), if it says."""
    taken = _manifest(folder_path).get("taken")
    try:
        moment = datetime.fromisoformat(taken) if isinstance(taken, str) else None
    except ValueError:
        return None
    return moment if moment is not None and moment.tzinfo is not None else None


def by_sequence(folders: list[Path]) -> list[Path]:
    """Backup folders oldest first: by sequence number, never by the clock; unnumbered
    (older) ones first, in the order of their names."""
    return sorted(folders, key=lambda p: (sequence_of(p), p.name))


def complete_backups(home: Path) -> list[Path]:
    """The complete backups of ``home``, oldest first (``by_sequence``)."""
    root = Path(home) / BACKUPS
    try:
        children = list(root.iterdir())
    except OSError:
        return []
    return by_sequence([p for p in children if p.is_dir() and not p.name.startswith(".")
                        and verify_backup(p) is None])


def newest_backup(home: Path) -> Path | None:
    found = complete_backups(home)
    return found[-1] if found else None


def _note_clock_jump(home: Path, previous: Path | None, sequence: int) -> None:
    """Note (for ``take_clock_notice``) a clock that moved back, or more than a year
    ahead, since the previous backup: rotation does not depend on it, but the user
    should know the clock is wrong (or was)."""
    before = taken_at(previous) if previous is not None else None
    if before is None:
        return
    now = _utc_now()
    if now < before - CLOCK_JUMP_BACK:
        text = (f"the clock is {_span(before - now)} behind the previous backup's time "
                f"({before:%Y-%m-%d %H:%M} UTC)")
    elif now > before + CLOCK_JUMP_AHEAD:
        text = (f"the clock is {_span(now - before)} ahead of the previous backup's time "
                f"({before:%Y-%m-%d %H:%M} UTC)")
    else:
        return
    folder.write_file(home / CLOCK_NOTICE, orjson.dumps({
        "sequence": sequence,
        "text": f"{text}: if the clock is wrong, set it; backups are kept by their "
                "sequence, never by the clock, so none was deleted for it"}))


def _span(delta: timedelta) -> str:
    days = delta.days
    if days >= 730:
        return f"{days // 365} years"
    if days >= 2:
        return f"{days} days"
    return f"{max(1, int(delta.total_seconds() // 3600))} hours" \
        if delta >= timedelta(hours=1) else f"{int(delta.total_seconds() // 60)} minutes"


def take_clock_notice(home: Path) -> str | None:
    """The clock jump noted at the last backup, once: reading it removes it."""
    path = Path(home) / CLOCK_NOTICE
    try:
        notice = orjson.loads(path.read_bytes())
        path.unlink()
    except (OSError, orjson.JSONDecodeError):
        return None
    text = notice.get("text") if isinstance(notice, dict) else None
    return text if isinstance(text, str) else None


def rotate_backups(home: Path) -> None:
    """Keep the newest ``MAX_BACKUPS`` complete backups, newest by sequence number (a
    counter kept with the backups), whatever the clock or the time zone said when each
    was made: the backup just made is never the one deleted. Only complete backups count
    and only they are deleted, so a failed or damaged backup never pushes a good one
    out; what is not a complete backup is left for the user to inspect (``kith backup
    --list`` names it)."""
    root = home / BACKUPS
    complete = complete_backups(home)
    for old in complete[:-MAX_BACKUPS]:
        shutil.rmtree(old, ignore_errors=True)
    # a backup killed halfway leaves its hidden folder; one an hour old (by its own
    # modification time) is not being written any more (one in progress is left alone)
    for partial in root.glob(".*.partial"):
        with contextlib.suppress(OSError):
            if partial.stat().st_mtime < time.time() - PARTIAL_AGE_SECONDS:
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
