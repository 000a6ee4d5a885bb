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
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

# What an installed kith costs: pip compiles kith's bytecode at install, so a shell that
# sets PYTHONDONTWRITEBYTECODE would make every run compile kith anew and time that
# instead (about 100 ms a command on this machine). The first run writes the bytecode.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import dataset


def timed(args: list[str], env: dict[str, str], runs: int) -> tuple[float, float]:
    """Median wall time and median CPU time (user + system) of ``runs`` runs. The CPU
    time is what the command itself costs; on a busy machine the wall time also holds
    the wait for a core."""
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(args, env=env, check=True, stdout=subprocess.DEVNULL)
        walls.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)

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
    print(f"{'':<42} {'wall':>9}  {'cpu':>9}")
    for label, command, target, peers in rows:
        wall, cpu = timed(command, env, args.runs)
        verdict = "ok" if wall * 1000 <= target else "SLOW"
        print(f"{label:<42} {wall * 1000:6.1f} ms  {cpu * 1000:6.1f} ms   target <= {target} ms"
              f"  {verdict}   ({peers})")


if __name__ == "__main__":
    main()
