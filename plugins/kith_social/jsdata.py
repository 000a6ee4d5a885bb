"""Reading the ``window.YTD.<type>.partN = [...]`` files of an X archive, and small helpers
shared by the social importers.

The ``.js`` files are JavaScript assignments; kith strips everything up to the first
``=`` and parses the rest as JSON. It never evaluates them.
"""

from __future__ import annotations

from typing import Any

import orjson

from kith.api import ImportFormatError


def parse_assignment(text: str, where: str) -> Any:
    """The JSON value assigned in ``window.X = <json>``; a clear error otherwise."""
    head, sep, body = text.partition("=")
    if not sep or "(" in head or "\n" in head.strip():
        raise ImportFormatError("not a `window.YTD... = [...]` data file", file=where)
    try:
        return orjson.loads(body.strip().rstrip(";"))
    except orjson.JSONDecodeError as error:
        raise ImportFormatError(f"invalid JSON after the assignment ({_at(error)})",
                                file=where) from None


def parse_json(data: bytes, where: str) -> Any:
    try:
        return orjson.loads(data.removeprefix(b"\xef\xbb\xbf"))
    except orjson.JSONDecodeError as error:
        raise ImportFormatError(f"invalid JSON ({_at(error)})", file=where) from None


def _at(error: ValueError) -> str:
    """Where a JSON file breaks, in words (not the parser's own message)."""
    line, column = getattr(error, "lineno", None), getattr(error, "colno", None)
    return f"line {line}, column {column}" if line else "cannot be parsed"


def fix_mojibake(text: str) -> str:
    """Undo Facebook's habit of writing each UTF-8 byte as its own character.

    Only when every character is below U+0100 and the bytes decode as UTF-8, so the
    repair is idempotent and leaves genuine Latin-1 text alone.
    """
    if not text or all(ord(c) < 0x80 for c in text) or any(ord(c) > 0xFF for c in text):
        return text
    try:
        return text.encode("latin-1").decode("utf-8")
    except UnicodeDecodeError:
        return text


def repair(value: Any) -> Any:
    """``fix_mojibake`` applied to every string in a parsed JSON value."""
    if isinstance(value, str):
        return fix_mojibake(value)
    if isinstance(value, list):
        return [repair(v) for v in value]
    if isinstance(value, dict):
        return {k: repair(v) for k, v in value.items()}
    return value


def need(mapping: Any, key: str, where: str, record: str | int | None) -> Any:
    """``mapping[key]`` or an error naming the file and record."""
    if not isinstance(mapping, dict) or key not in mapping:
        raise ImportFormatError(f"missing field {key!r}", file=where, record=record)
    return mapping[key]
