"""Benchmark for issue 30: shell completion at 10k people.

Each Tab runs ``kith`` once with click's completion variables set, so what a user waits
for is a whole process: Python's start, the command tree (plugins loaded), and reading
the people from ``kith.json`` (``kith.cli.completion``: orjson, no store, no Textual).
Target at most 150 ms. Prints the median wall time and CPU time (user + system of the
child) over RUNS processes for ``kith log NET --with A<TAB>`` at 10k people, beside
``kith --help`` (the floor: the same start without completion), with the scale. On a
loaded shared machine the wall time says more about the load than about kith; the CPU
time is the cost.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: bytecode compiled once

PEOPLE = 10_000
RUNS = 9
KITH = [sys.executable, "-m", "kith"]


def build(home: Path) -> None:
    from kith.core.model import Network, Person
    from kith.persistence.store import Store

    store = Store(home)
    with store.transaction():
        store.save_network(Network.create("Guild", kind="association"))
        for n in range(PEOPLE):
            store.add_person(Person.create(f"Person{n:05d} Surname{n % 97}",
                                           networks={"guild": None}))


def timed(args: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stdout


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder) / "db"
        build(home)
        env = {**os.environ, "KITH_HOME": str(home)}
        complete = {**env, "_KITH_COMPLETE": "bash_complete",
                    "COMP_WORDS": "kith log guild --with Person0001", "COMP_CWORD": "4"}
        runs = {"completion": [timed(KITH, complete) for _ in range(RUNS)],
                "kith --help": [timed([*KITH, "--help"], env) for _ in range(RUNS)]}
        offered = runs["completion"][0][2].splitlines()
        assert len(offered) == 10, offered  # Person00010 ... Person00019
        print(f"scale: {PEOPLE:,} people; {RUNS} processes each; load "
              f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        for name, results in runs.items():
            wall = statistics.median(r[0] for r in results) * 1000
            cpu = statistics.median(r[1] for r in results) * 1000
            print(f"{name:>12}: median wall {wall:.0f} ms, median CPU {cpu:.0f} ms")


if __name__ == "__main__":
    main()
