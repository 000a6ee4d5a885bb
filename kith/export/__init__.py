"""Exports of the whole database or parts of it, and the reader of kith's own export.

- ``document``/``load_document``: the full, versioned JSON export (``kith-export`` v1),
  read back losslessly by ``kith import kith-json`` into an empty database;
- ``kith.export.csv``: interactions or people for spreadsheets, formula-safe;
- ``kith.export.ics``: a birthday calendar.

Every file is written by ``write_private``: atomically, readable by its owner only.
Text formats built of content lines (iCalendar here, vCard in the friends plugin) fold
them with ``fold_line``.
"""

from __future__ import annotations

import os
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


def write_private(path: Path, data: str | bytes) -> None:
    """Write atomically (temporary file, fsync, rename), readable by the owner only."""

    check_path_text(str(path), "the export path", 4096)
    if path.is_dir():
        raise KithError(f"{path} is a folder; give a file name")
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
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise KithError(f"cannot write {path}: {error.strerror or error}") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
