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

import orjson

from kith.sync.merge import join_file


def merge_files(ours: Path, theirs: Path) -> bool:
    """Merge ``theirs`` into ``ours`` in place; False when either is not kith JSON."""

    try:
        mine = orjson.loads(ours.read_bytes() or b"{}")
        other = orjson.loads(theirs.read_bytes() or b"{}")
    except (OSError, orjson.JSONDecodeError):
        return False
    if not isinstance(mine, dict) or not isinstance(other, dict) or not all(
            isinstance(v, dict) for v in [*mine.values(), *other.values()]):
        return False
    merged = join_file(mine, other)
    temp = ours.with_name(ours.name + ".kith-merge")
    temp.write_bytes(orjson.dumps(merged))
    os.replace(temp, ours)
    return True


def main(argv: list[str]) -> int:
    if len(argv) < 4:
        print("usage: python -m kith.sync.driver BASE OURS THEIRS [PATH]", file=sys.stderr)
        return 2
    _base, ours, theirs = argv[1:4]
    if merge_files(Path(ours), Path(theirs)):
        return 0
    name = argv[4] if len(argv) > 4 else ours
    print(f"kith: {name} is not a kith data file; left for you to merge", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
