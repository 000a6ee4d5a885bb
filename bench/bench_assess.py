"""``kith assess --json`` at a history size (issue 25: target <= 0.5 s at 1M interactions).

Prints, for the generated history of ``bench/generate.py`` (10k people, 8 networks):

- the median wall time and the median CPU time (user + system) of several real
  ``kith assess --json`` processes, this branch's and, side by side on a copy of the
  same data, the old code's (``KITH_OLD``, default /work/main/.venv/bin/kith, when it
  is there); on a shared, loaded machine the CPU time is the figure to compare, the wall
  time says how loaded the machine was;
- where the CPU time goes, in one process: imports, opening the store, each derived file
  the assessment reads (month totals, person totals, conversation indexes), and the
  assessment itself (the ledger on data already read), read as a reading command reads:
  without the cycle collector (``kith.services.bulk``).

The assessment reads only derived files (``Store.network_months``, ``person_stats``,
``conversation_index``), never the interactions; the breakdown shows what each costs.

Usage: ``python bench/bench_assess.py [--size 1000000] [--runs 5]``
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import dataset

KITH = str(Path(sys.executable).parent / "kith")
OLD = os.environ.get("KITH_OLD", "/work/main/.venv/bin/kith")
PHASES = r"""
import gc, sys, time
from datetime import date
gc.disable()  # as every reading command reads (kith.services.bulk)
cpu = time.process_time
marks = [("start", cpu())]
from kith.persistence.store import Store
from kith.plugins.manager import load_plugins
from kith.domain import ledger
marks.append(("imports (store, plugins, ledger)", cpu()))
store = Store(sys.argv[1], plugins=load_plugins(), create=False)
marks.append(("open the store (kith.json)", cpu()))
store.network_months()
marks.append(("month totals (derived/networks.json)", cpu()))
store.person_stats()
marks.append(("person totals (derived/people-*.json)", cpu()))
for network in store.networks():
    store.conversation_index(network.id)
marks.append(("conversation indexes (derived/conversations)", cpu()))
results = ledger.assess(store, today=date(2026, 11, 1))
[a.to_dict() for a in results]
marks.append(("the assessment, files already read", cpu()))
for (_, before), (name, after) in zip(marks, marks[1:]):
    print(f"  {name:48s} {1000 * (after - before):6.0f} ms CPU")
print(f"  {'total':48s} {1000 * (marks[-1][1] - marks[0][1]):6.0f} ms CPU")
gc.freeze()  # and as the process ends (kith.cli.main.main)
"""


def run_once(kith: str, home: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one ``kith assess --json`` process."""
    env = {**os.environ, "KITH_HOME": str(home), "KITH_CONFIG": str(home / "none.toml")}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([kith, "assess", "--json"], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def timed(kith: str, home: Path, runs: int) -> str:
    """``W s wall, C s CPU``: the medians of ``runs`` processes (after one warm-up)."""
    run_once(kith, home)  # bytecode and page cache
    samples = [run_once(kith, home) for _ in range(runs)]
    wall = statistics.median(s[0] for s in samples)
    cpu = statistics.median(s[1] for s in samples)
    return f"{wall:5.2f} s wall, {cpu:5.2f} s CPU"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    home = dataset(args.size)
    load = os.getloadavg()[0]
    print(f"kith assess --json at {args.size:,} interactions (10k people), median of "
          f"{args.runs} (load average {load:.1f} on {os.cpu_count()} cores; target 0.5 s CPU)")
    print(f"  this branch   {timed(KITH, home, args.runs)}")
    if Path(OLD).exists():
        with tempfile.TemporaryDirectory() as scratch:  # the old code may migrate
            copy = Path(scratch) / "db"
            shutil.copytree(home, copy)
            print(f"  old code      {timed(OLD, copy, args.runs)}")
    print("where the CPU goes (one process, this branch):")
    subprocess.run([sys.executable, "-c", PHASES, str(home)], check=True)


if __name__ == "__main__":
    main()
