"""Exports of the whole database or parts of it, and the reader of kith's own export.

- ``document``/``load_document``: the full, versioned JSON export (``kith-export`` v1),
  read back losslessly by ``kith import kith-json`` into an empty database;
- ``kith.export.csv``: interactions or people for spreadsheets, formula-safe;
- ``kith.export.ics``: a birthday calendar.

Every file is written by ``write_private``: atomically, readable by its owner only, and
only ever a regular file (a device, FIFO, socket, folder or link is refused).
Text formats built of content lines (iCalendar here, vCard in the friends plugin) fold
them with ``fold_line``.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from kith.core.errors import KithError
from kith.core.limits import check_path_text


def fold_line(line: str) -> str:
    """A content line folded at 75 octets, never inside a character: iCalendar (RFC 5545
    section 3.1) and vCard (RFC 6350 section 3.2) fold the same way."""
    if len(line.encode("utf-8")) <= 75:
        return line
    parts: list[str] = []
    current = b""
    for char in line:
        piece = char.encode("utf-8")
        if len(current) + len(piece) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += piece
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


_KINDS = ((stat.S_ISLNK, "a symbolic link"), (stat.S_ISDIR, "a folder"),
          (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"),
          (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"))


def check_target(path: Path) -> None:
    """Refuse, in one line, an export target that is not a regular file or a new path.

    Writing through a temporary file and renaming it over the target would *replace* a
    device, a FIFO, a socket or a symbolic link with a regular file: as root, ``kith
    export json /dev/null`` would turn ``/dev/null`` into a file and break every other
    program on the machine. The check uses ``lstat``, so a link is seen as a link (never
    followed to what it points at)."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as error:
        raise KithError(f"cannot write {path}: {error.strerror or error}") from None
    for test, what in _KINDS:
        if test(mode):
            raise KithError(f"cannot export to {path}: it is {what}, not a file; give a "
                            "file name (or - for standard output)")
    if not stat.S_ISREG(mode):
        raise KithError(f"cannot export to {path}: not a regular file; give a file name")


def write_private(path: Path, data: str | bytes) -> None:
    """Write atomically (temporary file beside the target, fsync, rename), readable by the
    owner only; a target that is not a regular file or a new path is refused
    (``check_target``), before anything is written and again just before the rename."""

    check_path_text(str(path), "the export path", 4096)
    check_target(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise KithError(f"cannot write {path}: no folder {folder}")
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.",
                                             suffix=".tmp")
    except OSError as error:
        raise KithError(f"cannot write {path}: {error.strerror or error}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(raw)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o600)
        check_target(path)  # something else may have been put there meanwhile
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise KithError(f"cannot write {path}: {error.strerror or error}") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
