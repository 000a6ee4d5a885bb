"""Listing and searching people at 10k (issue 18, item 7).

Prints the median of several runs of real ``kith`` processes (what a user waits for),
stdout to a pipe, on a generated history of 10k people (``generate.dataset``):

- ``kith person list`` as a table: target <= 0.5 s. Before: 8.8 s (rich measured every
  cell of every row). Peers on the same 10k contacts: khard 4.4 s, narad 8.2 s.
- ``kith person list --json``: keep it fast (0.37 s before).
- ``kith person list --search TEXT``: target <= 0.3 s. Before: 0.62 s. Peers: khard's
  grep-first search 0.31 s, narad's FTS5 0.46 s. Searches names, aliases, handles, tags,
  the summary note and the dated notes, folded (case and accents).
- baseline: ``kith network list`` on the same database (start-up, plugins, reading
  ``kith.json``): what every command pays before its own work, to read the rows against
  on a busy machine.

Usage: ``python bench/bench_people.py [--runs 7] [--interactions 1000]``
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import dataset
from run import timed

KITH = str(Path(sys.executable).parent / "kith")


def main() -> None:
    parser = argparse.ArgumentParser(description="kith person list/search at 10k people")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--interactions", type=int, default=1000)
    args = parser.parse_args()
    home = dataset(args.interactions)
    env = {**os.environ, "KITH_CONFIG": "/nonexistent/kith-bench.toml", "KITH_HOME": str(home)}
    count = subprocess.run([KITH, "person", "list", "--json"], env=env, check=True,
                           capture_output=True).stdout.count(b'"id":')
    print(f"scale: {count:,} people, {args.interactions:,} interactions, median of "
          f"{args.runs} runs")
    rows = [
        ("baseline: kith network list (same db)", [KITH, "network", "list"], 500,
         "start-up + opening 10k people; the floor"),
        ("kith person list (table)", [KITH, "person", "list"], 500,
         "before 8.8 s; khard 4.4 s, narad 8.2 s"),
        ("kith person list --json", [KITH, "person", "list", "--json"], 500,
         "before 0.37 s"),
        ("kith person list --search okafor", [KITH, "person", "list", "--search", "okafor"],
         300, "before 0.62 s; khard 0.31 s, narad 0.46 s"),
        ("kith person list --search 'zzz nobody'", [KITH, "person", "list", "--search",
                                                    "zzz nobody"], 300, "no match"),
    ]
    for label, command, target, peers in rows:
        seconds = timed(command, env, args.runs)
        verdict = "ok" if seconds * 1000 <= target else "SLOW"
        print(f"{label:<42} {seconds * 1000:7.1f} ms   target <= {target} ms  {verdict}"
              f"   ({peers})")


if __name__ == "__main__":
    main()
