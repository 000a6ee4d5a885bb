"""Derived files as kith last wrote or checked them: read them without checking again.

Every file is checked as it is loaded (``kith.persistence.validation``), so that damage
is diagnosed rather than crashed on. For the derived files (``derived/``: month totals,
person totals, the conversation index) that check costs as much as parsing them, on
every ``kith assess`` and ``kith remind`` (at 1M interactions, about 45 ms of each), and
it finds nothing when the file is the one kith itself wrote. So every commit records, in
``.checked``, the signature (inode, size, modification and change times) of each
derived file it wrote or read and checked; a reader that finds a derived file with the
very signature recorded there skips the check. A file replaced or edited since (by a sync tool, a
restore, a hand edit, a disk error that rewrote it) has another signature and is checked
as ever; so is every file outside ``derived/`` (what comes from outside is still checked
at the door). The change time is in the signature because no program can set it: a copy
that keeps the modification time (a restore, ``rsync -t``) still has another signature.

The record is a cache, never data: it is written after the commit, replaced whole and not
fsynced; a missing, stale or unreadable record only means the files are checked again.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Mapping
from pathlib import Path

import orjson

from kith.persistence.folder import TMP_SUFFIX

RECORD = ".checked"
DERIVED = "derived/"

Signature = tuple[int, int, int, int]


def signature(path: Path) -> Signature | None:
    """``(inode, size, mtime, ctime)`` in nanoseconds, or None when there is no file."""
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def applies(name: str) -> bool:
    """Whether a file may be read unchecked when its signature is recorded."""
    return name.startswith(DERIVED)


def load(home: Path) -> dict[str, Signature]:
    """The recorded signatures by file name (empty when there is no readable record)."""
    try:
        data = orjson.loads((home / RECORD).read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return {}
    if type(data) is not dict:
        return {}
    found: dict[str, Signature] = {}
    for name, value in data.items():
        if type(value) is list and len(value) == 4 and all(type(v) is int for v in value):
            found[name] = (value[0], value[1], value[2], value[3])
    return found


def record(home: Path, signatures: Mapping[str, Signature | None]) -> None:
    """Record these derived files' signatures (``None``: forget that file), keeping the
    others recorded. Called under the writers' lock, after a commit; best effort."""
    wanted = {name: sig for name, sig in signatures.items() if applies(name)}
    if not wanted:
        return
    before = load(home)
    kept = {name: sig for name, sig in {**before, **wanted}.items() if sig is not None}
    if kept == before:
        return  # nothing new to say: most commits of a reading-heavy day
    payload = orjson.dumps({name: list(sig) for name, sig in sorted(kept.items())})
    temp = home / f"{RECORD}.{os.getpid()}{TMP_SUFFIX}"
    with contextlib.suppress(OSError):
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, payload)
        finally:
            os.close(fd)
        os.replace(temp, home / RECORD)
