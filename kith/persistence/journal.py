"""The journal: several files switched into place together, or not at all.

A commit writes every changed file to a temporary file in the same folder and fsyncs
it; when more than one file changes, a journal naming the moves is fsynced before any
file is renamed into place (the commit point). A crash before it leaves the old state
(the temporaries are removed by the next recovery); a crash after it is rolled forward
by the next ``recover``. Nothing is ever modified in place. A restore switches a whole
database the same way (``write_journal`` with files staged under ``.restore/``).

Every path a journal names is checked to lie inside the database before anything is
moved; a journal naming anything else is refused whole, kept in ``quarantine/`` and
reported.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import orjson

from kith.core.errors import StoreError
from kith.persistence import folder
from kith.persistence.folder import (
    JOURNAL,
    LOCK,
    NOT_DATA,
    STAGING,
    TMP_SUFFIX,
    is_data_path,
    make_private_dirs,
)

Moves = tuple[list[tuple[str, str]], list[str]]
"""``(replace, delete)``: ``[(staged or temporary name, final name)]`` and names to delete."""


class Unsettled(StoreError):
    """A switch failed after files may have moved: what a process cached may no longer
    be what is on disk (the caller forgets its cache)."""


# committing ---------------------------------------------------------------------------

def commit(home: Path, names: Iterable[str], payload_of: Callable[[str], bytes]) -> None:
    """Write the files ``names`` (relative to ``home``) with their new contents, together.

    Raises ``StoreError`` (nothing changed) when a temporary file cannot be written, and
    ``Unsettled`` when a rename fails (past the commit point: the journal finishes it)."""
    pending = _write_temporaries(home, sorted(names), payload_of)
    if len(pending) > 1:  # one rename is atomic: readers see it by the file's signature
        folder.bump_commit_count(home)
    try:
        for temp, final in pending:
            os.replace(temp, final)
        for parent in {final.parent for _, final in pending}:
            folder.fsync_dir(parent)
        if len(pending) > 1:
            (home / JOURNAL).unlink()
            folder.fsync_dir(home)
    except OSError as error:
        if len(pending) > 1:
            raise Unsettled(f"the write to {home} was interrupted ({error.strerror or error}); "
                            "the next command completes it") from None
        raise Unsettled(folder.describe_os_error(error, home)) from None


def _write_temporaries(home: Path, names: list[str],
                       payload_of: Callable[[str], bytes]) -> list[tuple[Path, Path]]:
    """Every file's temporary copy, fsynced, and (several files) the journal: after this
    returns, the commit happens even if the process dies."""
    pending: list[tuple[Path, Path]] = []
    try:
        for name in names:
            final = home / name
            make_private_dirs(final.parent)
            temp = final.with_name(final.name + f".{os.getpid()}{TMP_SUFFIX}")
            folder.write_file(temp, payload_of(name))
            pending.append((temp, final))
        if len(pending) > 1:
            journal = orjson.dumps([[str(t.relative_to(home)), str(f.relative_to(home))]
                                    for t, f in pending])
            folder.write_file(home / JOURNAL, journal)
            folder.fsync_dir(home)
    except OSError as error:
        for temp, _ in pending:
            with contextlib.suppress(OSError):
                temp.unlink()
        with contextlib.suppress(OSError):
            (home / JOURNAL).unlink()
        raise StoreError(folder.describe_os_error(error, home)) from None
    return pending


def write_journal(home: Path, replace: list[tuple[str, str]], delete: list[str]) -> None:
    """Commit point of a multi-file switch (``kith restore``): once this returns, the
    next recovery rolls the switch forward; before, nothing has changed."""
    for name, role in [(t, "temp") for t, _ in replace] + \
            [(f, "final") for _, f in replace] + [(d, "final") for d in delete]:
        why = outside(home, name, role)
        if why:
            raise StoreError(f"internal error: journal path {name!r} {why}")
    payload = orjson.dumps({"replace": [list(p) for p in replace], "delete": delete})
    try:
        folder.write_file(home / (JOURNAL + TMP_SUFFIX), payload)
        os.replace(home / (JOURNAL + TMP_SUFFIX), home / JOURNAL)
    except OSError as error:
        with contextlib.suppress(OSError):
            (home / (JOURNAL + TMP_SUFFIX)).unlink()
        raise StoreError(folder.describe_os_error(error, home)) from None
    folder.fsync_dir(home)


# reading a journal ----------------------------------------------------------------------

def outside(home: Path, name: Any, role: str = "final") -> str | None:
    """Why a path named in a journal is not one kith may move (None: it may).

    ``role`` is ``"temp"`` for a file to move into place (a temporary file, or a file
    staged by a restore), ``"final"`` for a database file to replace or delete."""
    if not isinstance(name, str) or not name or "\x00" in name:
        return "is not a path"
    relative = Path(name)
    if relative.is_absolute() or ".." in relative.parts:
        return "points outside the database"
    if relative.parts[0] in NOT_DATA or relative.name in (JOURNAL, LOCK):
        return "names a backup, the quarantine or kith's own bookkeeping"
    if role == "temp":
        staged = relative.parts[0] == STAGING and relative.suffix == ".json"
        if not (staged or relative.name.endswith(TMP_SUFFIX)):
            return "is not a temporary or staged file"
    elif not is_data_path(relative):
        return "is not a database file"
    root = home.resolve()
    target = (home / relative).resolve()
    if target != root and root not in target.parents:
        return "points outside the database (through a link)"
    return None


def read_journal(home: Path) -> Moves | None:
    """The journal's moves, or None when it was never completed (no commit began).
    Raises ValueError naming the first path that is not inside the database."""
    try:
        content = orjson.loads((home / JOURNAL).read_bytes())
    except (orjson.JSONDecodeError, OSError):
        return None
    if isinstance(content, list):  # a commit: [[temp, final], ...]
        replace, delete = content, []
    elif isinstance(content, dict):  # a restore: {"replace": [...], "delete": [...]}
        replace, delete = content.get("replace", []), content.get("delete", [])
    else:
        raise ValueError("the journal has an unknown layout")
    if not isinstance(replace, list) or not isinstance(delete, list):
        raise ValueError("the journal has an unknown layout")
    pairs = []
    for entry in replace:
        if not isinstance(entry, list) or len(entry) != 2:
            raise ValueError("the journal has an unknown layout")
        for name, role in zip(entry, ("temp", "final"), strict=True):
            _refuse_outside(home, name, role)
        pairs.append((entry[0], entry[1]))
    for name in delete:
        _refuse_outside(home, name, "final")
    return pairs, delete


def _refuse_outside(home: Path, name: Any, role: str) -> None:
    why = outside(home, name, role)
    if why:
        raise ValueError(f"the journal names {str(name)[:80]!r}, which {why}")


# recovery -------------------------------------------------------------------------------

def needs_recovery(home: Path) -> bool:
    return (home / JOURNAL).exists() or (home / STAGING).exists()


def recover(home: Path) -> bool:
    """Finish a commit (or a restore) that a crash interrupted; remove stray
    temporary files and an unfinished restore's staging folder.

    Must run under the lock. Returns True when a journal was replayed (files moved: the
    caller forgets what it cached); raises ``Unsettled`` when the replay failed. A
    journal naming any path outside the database is refused whole: nothing is moved, it
    is kept in ``quarantine/`` and reported on stderr.
    """
    replayed = False
    if (home / JOURNAL).exists():
        replayed = _finish_journal(home)
    with contextlib.suppress(OSError):  # leftovers: the next recovery tries again
        (home / (JOURNAL + TMP_SUFFIX)).unlink()
    if (home / STAGING).exists():
        shutil.rmtree(home / STAGING, ignore_errors=True)
    for stray in folder.live_files(home, TMP_SUFFIX):
        with contextlib.suppress(OSError):
            stray.unlink()
    return replayed


def _finish_journal(home: Path) -> bool:
    journal = home / JOURNAL
    try:
        moves = read_journal(home)
    except ValueError as error:
        kept = folder.quarantine_folder(home, "refused-journal") / JOURNAL
        os.replace(journal, kept)
        folder.fsync_dir(home)
        print(f"kith: warning: refused to replay {journal}: {error}; nothing was "
              f"moved; the journal is kept as {kept}", file=sys.stderr)
        return False
    try:
        if moves:
            replay(home, *moves)
        journal.unlink()
    except OSError as error:
        raise Unsettled(f"cannot finish the interrupted write recorded in {journal}: "
                        f"{error.strerror or error}; it is kept and the next command "
                        "tries again") from None
    folder.fsync_dir(home)
    return bool(moves)


def replay(home: Path, pairs: list[tuple[str, str]], delete: list[str]) -> None:
    """Move every staged file of a journal into place, then delete what it names:
    idempotent, so a crash while replaying is finished by the next replay."""
    folder.bump_commit_count(home)
    for temp_name, final_name in pairs:
        temp = home / temp_name
        if temp.exists():
            final = home / final_name
            make_private_dirs(final.parent)
            os.replace(temp, final)
    for parent in {(home / final).parent for _, final in pairs}:
        folder.fsync_dir(parent)
    for name in delete:
        with contextlib.suppress(FileNotFoundError):
            (home / name).unlink()
