"""Shell completion at 10k people (issue 30): what a user waits for after pressing Tab.

Prints, for real ``kith`` processes driven as bash drives them (``COMP_WORDS``,
``COMP_CWORD``, ``_KITH_COMPLETE=bash_complete``), the median wall time and the median CPU
time (user + system of the child: on a loaded machine the wall time mostly measures the
other processes) of several interleaved runs, beside ``kith --help`` (the start-up floor
every completion pays), and the median time of the database read alone, in process.
Target: <= 150 ms at 10k people.

Usage: ``python bench/bench_completion.py [--runs 15]``
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # time the installed bytecode, not compiling
sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import dataset

from kith.cli.completion import read_names

KITH = str(Path(sys.executable).parent / "kith")

CASES: dict[str, str | None] = {
    "kith --help (start-up floor)": None,
    "person show A<Tab>": "kith person show A",
    "log NETWORK --with <Tab>": "kith log st-marys --with ",
    "log <Tab> (networks)": "kith log ",
    "log x --kind <Tab>": "kith log x --kind ",
}


def once(line: str | None, env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one process."""
    if line is None:
        args, extra = [KITH, "--help"], {}
    else:
        words = line.split(" ")
        args = [KITH]
        extra = {"_KITH_COMPLETE": "bash_complete", "COMP_WORDS": line,
                 "COMP_CWORD": str(len(words) - 1)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(args, env={**env, **extra}, stdout=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    home = dataset(1000, people=10_000)
    size = (home / "kith.json").stat().st_size
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "KITH_CONFIG": str(Path(tmp) / "config.toml"),
               "KITH_HOME": str(home), "XDG_CONFIG_HOME": tmp}
        for line in CASES.values():  # warm-up: bytecode and the page cache
            once(line, env)
        walls: dict[str, list[float]] = {name: [] for name in CASES}
        cpus: dict[str, list[float]] = {name: [] for name in CASES}
        for _ in range(args.runs):  # interleaved, so a busy moment hits every case alike
            for name, line in CASES.items():
                wall, cpu = once(line, env)
                walls[name].append(wall)
                cpus[name].append(cpu)
    reads = []
    for _ in range(args.runs):
        start = time.process_time()
        names = read_names(home)
        reads.append(time.process_time() - start)
    print(f"shell completion, 10k people ({size / 1e6:.1f} MB kith.json), median of "
          f"{args.runs} interleaved runs, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")
    for name in CASES:
        print(f"  {name:32} wall {statistics.median(walls[name]) * 1000:7.1f} ms   "
              f"cpu {statistics.median(cpus[name]) * 1000:7.1f} ms")
    print(f"  {'database read alone (in process)':32} cpu "
          f"{statistics.median(reads) * 1000:7.1f} ms   ({len(names.people)} distinct names, "
          f"{len(names.networks)} networks)")


if __name__ == "__main__":
    main()
