"""Salvage: every whole record that can still be read from a damaged kith file.

kith files are ``{"table": {"id": {...}, ...}, ...}``; reading record by record stops
at the first damage, so a file cut short keeps everything before the cut. ``kith doctor
--repair`` puts what is salvaged over the newest healthy backup copy of the file.
"""

from __future__ import annotations

import json
from typing import Any

_SPACE = " \t\r\n"


class _Reader:
    """A position in the text of a damaged file, and the small steps salvage takes."""

    def __init__(self, text: str):
        self.text = text
        self.position = 0
        self.decoder = json.JSONDecoder()

    def _skip_space(self) -> None:
        while self.position < len(self.text) and self.text[self.position] in _SPACE:
            self.position += 1

    def skip(self, chars: str) -> bool:
        """Step over one of ``chars`` (after spaces) if it is next."""
        self._skip_space()
        if self.position < len(self.text) and self.text[self.position] in chars:
            self.position += 1
            return True
        return False

    def value(self) -> tuple[bool, Any]:
        """The next JSON value (after spaces): ``(True, value)``, or ``(False, None)``."""
        self._skip_space()
        try:
            found, self.position = self.decoder.raw_decode(self.text, self.position)
        except ValueError:
            return False, None
        return True, found

    def key(self) -> str | None:
        read, found = self.value()
        return found if read and isinstance(found, str) else None


def salvage(raw: bytes) -> dict[str, dict[str, Any]]:
    """Every whole record that can be read from a damaged kith file, by table and id."""
    reader = _Reader(raw.decode("utf-8", errors="replace"))
    tables: dict[str, dict[str, Any]] = {}
    if not reader.skip("{"):
        return tables
    while True:
        table = reader.key()
        if table is None or not reader.skip(":") or not reader.skip("{"):
            return tables
        if not _records(reader, tables.setdefault(table, {})):
            return tables
        if not reader.skip(","):
            return tables


def _records(reader: _Reader, records: dict[str, Any]) -> bool:
    """Read one table's records into ``records``; False where the damage begins."""
    while True:
        if reader.skip("}"):
            return True
        ident = reader.key()
        if ident is None or not reader.skip(":"):
            return False
        read, record = reader.value()
        if not read:
            return False
        if isinstance(record, dict):
            records[ident] = record
        reader.skip(",")


def conflict_sides(raw: bytes) -> tuple[bytes, bytes] | None:
    """The two versions a file with git conflict markers holds (``<<<<<<<``, an optional
    ``|||||||`` base, ``=======``, ``>>>>>>>``): ours and theirs, each the text outside
    the conflicts plus its own side of every conflict; None when there is no complete
    conflict. A merge made without kith's merge driver leaves such a file, and both sides'
    records are whole JSON between the markers."""
    ours: list[bytes] = []
    theirs: list[bytes] = []
    side: str | None = None  # inside a conflict: "ours", "base" or "theirs"
    conflicts = 0
    for line in raw.splitlines(keepends=True):
        mark = line.rstrip(b"\r\n")
        if side is None and mark.startswith(b"<<<<<<<"):
            side = "ours"
        elif side == "ours" and mark.startswith(b"|||||||"):
            side = "base"
        elif side in ("ours", "base") and mark == b"=======":
            side = "theirs"
        elif side == "theirs" and mark.startswith(b">>>>>>>"):
            side = None
            conflicts += 1
        else:
            if side in (None, "ours"):
                ours.append(line)
            if side in (None, "theirs"):
                theirs.append(line)
    if not conflicts or side is not None:
        return None
    return b"".join(ours), b"".join(theirs)
