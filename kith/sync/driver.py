"""git's merge driver for kith's data files: ``python -m kith.sync.driver %O %A %B %P``.

git runs it when both sides of a merge changed ``kith.json`` or a month file. It merges
the two versions record by record (``kith.sync.merge.join_file``: field by field, newest edit
wins, tombstones kept) and writes the result over ``%A``, so git never leaves conflict
markers in JSON. Deletions and people merges that span files are applied by the next
``kith sync``, which also recomputes the aggregates. Exit code 0 is a clean merge; any
other tells git to report a conflict (a file that is not kith JSON), leaving ``%A`` as it
was. Kept free of click and the plugins so git's merge stays fast.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import orjson

from kith.core.errors import KithError
from kith.persistence.stamps import TOMBSTONES


def _screened(mine: dict[str, Any], other: dict[str, Any], name: str) -> dict[str, Any]:
    """``other`` with every record the door (``kith.sync.screen``) refuses left out, as a
    ``kith merge`` would leave it out: the merged file must load."""
    from kith.sync.load import state_from_files
    from kith.sync.merge import INTERACTIONS
    from kith.sync.screen import screen

    def state_of(data: dict[str, Any]) -> Any:
        if name.startswith(INTERACTIONS + "/"):
            return state_from_files({}, [(name, data)], "theirs")
        return state_from_files(data, [], "theirs")

    theirs, ours = state_of(other), state_of(mine)
    month = name.startswith(INTERACTIONS + "/")  # people and networks live in kith.json
    for line in screen(theirs, ours, "kith merge driver", references=not month):
        print(line, file=sys.stderr)
    result: dict[str, Any] = {}
    if theirs.meta:
        result["_meta"] = theirs.meta
    for table, records in theirs.tables.items():
        if table == INTERACTIONS and not name.startswith(INTERACTIONS + "/"):
            if records:
                result[table] = records
        elif table != INTERACTIONS or records or INTERACTIONS in other:
            result[table] = records
    if theirs.tombstones:
        result[TOMBSTONES] = theirs.tombstones
    return result


def merge_files(ours: Path, theirs: Path, name: str | None = None) -> bool:
    """Merge ``theirs`` into ``ours`` in place; False when either is not kith JSON (or
    anything else goes wrong: git then reports a conflict, and ``ours`` is untouched)."""
    from kith.persistence.tables import dump_file
    from kith.sync.merge import join_file

    try:
        mine = orjson.loads(ours.read_bytes() or b"{}")
        other = orjson.loads(theirs.read_bytes() or b"{}")
    except (OSError, orjson.JSONDecodeError):
        return False
    if not isinstance(mine, dict) or not isinstance(other, dict) or not all(
            isinstance(v, dict) for v in [*mine.values(), *other.values()]):
        return False
    try:
        # ours is this device's own file: still, a record of it that is not an object
        # cannot be joined, so such a file is left to the user rather than crashed on
        if not all(isinstance(doc, dict) for table in mine.values() for doc in table.values()):
            return False
        merged = join_file(mine, _screened(mine, other, name or ours.name))
        temp = ours.with_name(ours.name + ".kith-merge")
        temp.write_bytes(dump_file(name or ours.name, merged))
        os.replace(temp, ours)
    except (OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError,
            orjson.JSONEncodeError, KithError):
        return False
    return True


def main(argv: list[str]) -> int:
    if len(argv) < 4:
        print("usage: python -m kith.sync.driver BASE OURS THEIRS [PATH]", file=sys.stderr)
        return 2
    _base, ours, theirs = argv[1:4]
    name = argv[4] if len(argv) > 4 else ours
    if merge_files(Path(ours), Path(theirs), name):
        return 0
    print(f"kith: {name} is not a kith data file; left for you to merge", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
