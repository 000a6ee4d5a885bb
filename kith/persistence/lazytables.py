"""A data file read one table at a time: listing networks need not parse 10k people.

``kith.json`` holds every table (people, networks, notes, ...) in one file, and most
commands read one or two of them: ``kith network list`` at 10k people spent most of its
time parsing and checking people it never showed. ``tables.dump_file`` writes each table
from a line of its own and its records one per line::

    {
    "_meta": {
    "schema": {"app":"kith","version":6}
    },
    "people": {
    "01J...": {"id":"01J...","name":"Ann Lee"},
    "me": {"id":"me","name":"Me"}
    },
    "notes": {}
    }

A record line starts with its id (``"``), never with ``}``, and JSON never holds a raw
newline inside a string; so a table ends at the first line after its head that starts
with ``}``, found by ``bytes.find`` without reading the records. ``split`` finds each
table's name and bytes that way, parsing only the names; the cache parses (and checks)
a table the first time it is asked for (``kith.persistence.cache``).

Nothing is trusted for being in this shape: a table's bytes are parsed and checked like a
whole file when they are read, and anything not exactly in the shape (one line, as older
kith wrote and derived files are; another tool's indentation; a cut or a damaged head)
gives ``None``, and the whole file is parsed as ever. What laziness gives up is only
noticing damage in a table the command never reads: the first command that reads it
(or writes the file) still refuses it.
"""

from __future__ import annotations

from typing import Any

import orjson

Spans = dict[str, tuple[int, int]]
"""Each table's name and the ``[start, stop)`` byte range of its JSON value, in file order."""


def split(raw: bytes) -> Spans | None:
    """The tables of a file in ``dump_file``'s layout, or ``None`` for any other shape."""
    if not raw.startswith(b'{\n"') or not raw.endswith(b"\n}"):
        return None
    last = len(raw) - 2  # where the file's closing "\n}" begins
    spans: Spans = {}
    pos = 2
    while True:
        eol = raw.find(b"\n", pos)
        if eol < 0:
            return None
        if raw[eol - 3:eol] == b": {":  # a table of records, one per line until "}"
            name = _name(raw[pos:eol - 3])
            close = raw.find(b"\n}", eol)
            if close < 0 or raw[close - 1:close] != b"}":  # the last record's own end
                return None
            start, stop = eol - 1, close + 2
        else:  # a table on its one line: "name": {...}
            name, sep = None, raw.find(b'": ', pos, eol)
            while name is None and sep >= 0:  # the name ends at its first unescaped quote
                name = _name(raw[pos:sep + 1])
                if name is None:
                    sep = raw.find(b'": ', sep + 1, eol)
            start = sep + 3
            stop = eol - 1 if raw[eol - 1:eol] == b"," else eol
        if name is None or name in spans:  # a duplicate would hide a table: not ours
            return None
        spans[name] = (start, stop)
        if stop == last:
            return spans
        if raw[stop:stop + 2] != b",\n" or raw[stop + 2:stop + 3] != b'"':
            return None
        pos = stop + 2


def _name(key: bytes) -> str | None:
    try:
        name = orjson.loads(key)
    except orjson.JSONDecodeError:
        return None
    return name if type(name) is str else None


def parse_table(raw: bytes, span: tuple[int, int]) -> Any:
    """One table's value (raises ``orjson.JSONDecodeError`` for damaged bytes)."""
    start, stop = span
    return orjson.loads(memoryview(raw)[start:stop])
