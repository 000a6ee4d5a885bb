"""Core benchmarks (issue 2): start-up, recording at every history size, listing people.

Prints the median of several runs of real ``kith`` processes (what a user waits for):

- ``kith --help`` cold start (target <= 0.15 s);
- ``kith log`` at 1k / 100k / 1M interactions with 10k people (target <= 0.25 s at 1M,
  and at most 1.5x its own time at 1k);
- ``kith person list --json`` at 10k people (target <= 0.5 s);
- ``kith assess --json`` at 1k / 100k / 1M interactions (target <= 0.5 s at 1M).

Each ``kith log`` run works on a private copy of the generated history (hard links, so
copying is instant and the cached dataset is never changed).

Usage: ``python bench/run.py [--sizes 1000,100000,1000000] [--runs 7] [--assess-only]``
(``--assess-only``: only ``kith assess --json``, at each size, for the value model).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# What an installed kith costs: pip compiles kith's bytecode at install, so a shell that
# sets PYTHONDONTWRITEBYTECODE would make every run compile kith anew and time that
# instead (about 100 ms a command on this machine). The first run writes the bytecode.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import dataset

KITH = str(Path(sys.executable).parent / "kith")


def timed(args: list[str], env: dict[str, str], runs: int) -> float:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(args, env=env, check=True, stdout=subprocess.DEVNULL)
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def private_copy(home: Path) -> Path:
    """A writable copy sharing the files (the store replaces files, never edits them)."""
    target = Path(tempfile.mkdtemp(prefix="kith-bench-")) / "db"
    shutil.copytree(home, target, copy_function=os.link)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description="kith core benchmarks")
    parser.add_argument("--sizes", default="1000,100000,1000000")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--assess-only", action="store_true",
                        help="time only `kith assess --json` at each size")
    args = parser.parse_args()
    env = {**os.environ, "KITH_CONFIG": "/nonexistent/kith-bench.toml"}

    if args.assess_only:
        for size in [int(s) for s in args.sizes.split(",")]:
            home = dataset(size)
            assess_time = timed([KITH, "assess", "--json"], {**env, "KITH_HOME": str(home)},
                                args.runs)
            print(f"kith assess, {size:>9,} interactions        {assess_time * 1000:7.1f} ms"
                  "   target <= 500 ms")
        return

    help_time = timed([KITH, "--help"], {**env, "KITH_HOME": "/nonexistent"}, args.runs)
    print(f"kith --help (cold start)                    {help_time * 1000:7.1f} ms   "
          "target <= 150 ms")

    log_times = {}
    for size in [int(s) for s in args.sizes.split(",")]:
        home = dataset(size)
        copy = private_copy(home)
        log_env = {**env, "KITH_HOME": str(copy)}
        command = [KITH, "log", "st-marys", "--with", _someone(copy), "--gave",
                   "--kind", "help", "--minutes", "30"]
        log_times[size] = timed(command, log_env, args.runs)
        print(f"kith log, {size:>9,} interactions, 10k people {log_times[size] * 1000:7.1f} ms"
              "   target <= 250 ms")
        assess_time = timed([KITH, "assess", "--json"], log_env, args.runs)
        print(f"kith assess, {size:>9,} interactions        {assess_time * 1000:7.1f} ms"
              "   target <= 500 ms")
        shutil.rmtree(copy.parent, ignore_errors=True)
    if len(log_times) > 1:
        smallest, largest = min(log_times), max(log_times)
        print(f"kith log ratio {largest:,} / {smallest:,}                  "
              f"{log_times[largest] / log_times[smallest]:7.2f} x    target <= 1.5 x")

    home = dataset(min(log_times) if log_times else 1000)
    list_time = timed([KITH, "person", "list", "--json"], {**env, "KITH_HOME": str(home)},
                      args.runs)
    print(f"kith person list --json, 10k people         {list_time * 1000:7.1f} ms   "
          "target <= 500 ms")


def _someone(home: Path) -> str:
    """The id of a person in St Mary's in the generated history."""
    import orjson

    people = orjson.loads((home / "kith.json").read_bytes())["people"]
    return next(i for i, p in people.items() if "st-marys" in p["networks"])


if __name__ == "__main__":
    main()
