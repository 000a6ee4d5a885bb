"""Start-up: what a user waits for before kith does anything (issue 24).

Prints the median of several interleaved runs of real processes, side by side:

- ``kith --help`` (target: no slower than khard's ``--help`` in the same run);
- ``kith network list`` on a database of 10k people (target <= 150 ms on a quiet machine):
  a command that only opens the database;
- the same two for another kith install (``--before PATH/TO/kith``), and ``khard --help``
  (``--khard PATH``, default: the first ``khard`` on PATH; ``pip install khard`` in a
  separate virtual environment to compare).

``--instructions`` also counts the instructions each command executes under valgrind's
callgrind (one run each): unlike a wall clock, the count is the same on a loaded machine,
so it compares kith and khard fairly when other work shares the cores. An editable
install (``pip install -e``, what ``make`` does) pays for setuptools' import finder on every
start; ``--kith PATH`` times a regular install (``pip install .`` in another venv), which is
what a user has.

Usage: ``python bench/bench_startup.py [--runs 15] [--before PATH] [--khard PATH]
[--kith PATH] [--instructions]``
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

os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # time the installed bytecode, not compiling
sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import dataset

KITH = str(Path(sys.executable).parent / "kith")


def once(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--before", help="another kith executable to compare with")
    parser.add_argument("--khard", default=shutil.which("khard"), help="khard executable")
    parser.add_argument("--kith", default=KITH, help="the kith executable to time")
    parser.add_argument("--instructions", action="store_true",
                        help="also count instructions under valgrind (slow, load-proof)")
    args = parser.parse_args()
    kith = args.kith
    home = dataset(1000, people=10_000)
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "KITH_CONFIG": str(Path(tmp) / "config.toml"),
               "KITH_HOME": str(home), "XDG_CONFIG_HOME": tmp}
        cases: dict[str, list[str]] = {
            "kith --help": [kith, "--help"],
            "kith network list (10k people)": [kith, "network", "list"],
        }
        if args.before:
            cases["before: kith --help"] = [args.before, "--help"]
            cases["before: kith network list (10k people)"] = [args.before, "network", "list"]
        if args.khard:
            cases["khard --help"] = [args.khard, "--help"]
        for command in cases.values():  # warm-up: bytecode and the page cache
            once(command, env)
        times: dict[str, list[float]] = {name: [] for name in cases}
        for _ in range(args.runs):  # interleaved, so a busy moment hits every case alike
            for name, command in cases.items():
                times[name].append(once(command, env))
        counts = {name: instructions(command, env) for name, command in cases.items()} \
            if args.instructions else {}
    print(f"start-up, median of {args.runs} interleaved runs ({os.cpu_count()} cores)")
    for name, values in times.items():
        print(f"  {name:42} {statistics.median(values) * 1000:7.1f} ms   "
              f"(min {min(values) * 1000:.1f})")
    if "khard --help" in times:
        ratio = statistics.median(times["kith --help"]) / statistics.median(times["khard --help"])
        print(f"  kith --help / khard --help               {ratio:7.2f}x  (target <= 1.0)")
    if counts:
        print("instructions executed (valgrind callgrind, one run each)")
        for name, count in counts.items():
            print(f"  {name:42} {count / 1e6:7.0f} M")
        if "khard --help" in counts:
            ratio = counts["kith --help"] / counts["khard --help"]
            print(f"  kith --help / khard --help               {ratio:7.2f}x  (target <= 1.0)")


def instructions(args: list[str], env: dict[str, str]) -> int:
    """Instructions the command executes (callgrind's "Collected" total)."""
    found = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                            *args], env=env, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, text=True, check=True).stderr
    for line in found.splitlines():
        if "Collected :" in line:
            return int(line.rsplit(":", 1)[1])
    raise SystemExit(f"valgrind printed no total for {args[0]}")


if __name__ == "__main__":
    main()
