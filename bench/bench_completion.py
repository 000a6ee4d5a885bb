"""Shell completion at 10k people (issue 30): what a user waits for after pressing Tab.

Prints, for real ``kith`` processes driven as bash drives them (``COMP_WORDS``,
``COMP_CWORD``, ``_KITH_COMPLETE=bash_complete``), the median wall time and the median CPU
time (user + system of the child: on a loaded machine the wall time mostly measures the
other processes) of several interleaved runs, beside ``kith --help`` (the start-up floor
of every command click runs), and the median time of the database read alone, in process.
People, networks and live sources (``kith pull NAME``, from a configuration file of
``SOURCES`` sources) are answered by the fast path (``kith.cli.fastcomplete``, before
click is imported); kinds and command names by click. Target: <= 150 ms at 10k people
(about 570M instructions; 500M for a person). Before source names completed, ``kith pull
<Tab>`` went to click, which offered nothing.

``--before PATH/TO/kith`` times another install side by side (the code before the fast
path: ``git archive`` an older commit and ``pip install`` it into another venv);
``--kith PATH`` the install to time (default: this venv's, which is editable, and an
editable install pays for setuptools' import finder on every start: time a regular
``pip install .`` for what a user has); ``--instructions`` also counts instructions under
valgrind's callgrind (the median of ``--count-runs``; the same on a loaded machine).

Usage: ``python bench/bench_completion.py [--runs 15] [--kith PATH] [--before PATH]
[--instructions] [--count-runs 3]``
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
from bench_remind import instructions as count_instructions
from generate import dataset

from kith.cli.fastcomplete import read_names

KITH = str(Path(sys.executable).parent / "kith")

CASES: dict[str, str | None] = {
    "kith --help (start-up floor)": None,
    "person show A<Tab>": "kith person show A",
    "log NETWORK --with <Tab>": "kith log st-marys --with ",
    "log <Tab> (networks)": "kith log ",
    "pull <Tab> (sources)": "kith pull ",
    "source remove c<Tab>": "kith source remove c",
    "log x --kind <Tab>": "kith log x --kind ",
    "pe<Tab> (commands)": "kith pe",
}


SOURCES = 6
"""Live sources in the benchmark's configuration file (a household's: phone, calendars,
mail), as ``kith source add`` writes them."""


def write_config(path: Path) -> None:
    kinds = ["carddav", "caldav", "imap", "vdir-contacts", "vdir-calendar", "maildir"]
    path.write_text("".join(
        f'[sources.{name}]\nkind = "{kinds[n % len(kinds)]}"\nurl = "https://dav.example/{n}/"'
        f'\nusername = "ann"\npassword_command = "pass show dav"\nnetwork = "Friends"\n\n'
        for n, name in enumerate(["phone", "church", "mail", "club", "choir", "work"]
                                 [:SOURCES])), encoding="utf-8")


def command(kith: str, line: str | None) -> tuple[list[str], dict[str, str]]:
    """The process that answers ``line`` (None: ``kith --help``) and its variables."""
    if line is None:
        return [kith, "--help"], {}
    words = line.split(" ")
    return [kith], {"_KITH_COMPLETE": "bash_complete", "COMP_WORDS": line,
                    "COMP_CWORD": str(len(words) - 1)}


def once(kith: str, line: str | None, env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one process."""
    args, extra = command(kith, line)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(args, env={**env, **extra}, stdout=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def instructions(kith: str, line: str | None, env: dict[str, str]) -> int:
    """Instructions the process executes (callgrind's "Collected" total)."""
    args, extra = command(kith, line)
    return count_instructions(args, {**env, **extra})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--kith", default=KITH, help="the kith executable to time")
    parser.add_argument("--before", help="another kith executable to compare with")
    parser.add_argument("--instructions", action="store_true",
                        help="also count instructions under valgrind (slow, load-proof)")
    parser.add_argument("--count-runs", type=int, default=3,
                        help="callgrind runs per case (the median is shown)")
    args = parser.parse_args()
    installs = {"after": args.kith, **({"before": args.before} if args.before else {})}
    home = dataset(1000, people=10_000)
    size = (home / "kith.json").stat().st_size
    runs = [(install, name) for install in installs for name in CASES]
    with tempfile.TemporaryDirectory() as tmp:
        write_config(Path(tmp) / "config.toml")
        env = {**os.environ, "KITH_CONFIG": str(Path(tmp) / "config.toml"),
               "KITH_HOME": str(home), "XDG_CONFIG_HOME": tmp}
        for install, name in runs:  # warm-up: bytecode and the page cache
            once(installs[install], CASES[name], env)
        walls: dict[tuple[str, str], list[float]] = {run: [] for run in runs}
        cpus: dict[tuple[str, str], list[float]] = {run: [] for run in runs}
        for _ in range(args.runs):  # interleaved, so a busy moment hits every case alike
            for install, name in runs:
                wall, cpu = once(installs[install], CASES[name], env)
                walls[install, name].append(wall)
                cpus[install, name].append(cpu)
        counts = {run: statistics.median(instructions(installs[run[0]], CASES[run[1]], env)
                                         for _ in range(args.count_runs))
                  for run in runs} if args.instructions else {}
    reads = []
    for _ in range(args.runs):
        start = time.process_time()
        names = read_names(home)
        reads.append(time.process_time() - start)
    print(f"shell completion, 10k people ({size / 1e6:.1f} MB kith.json), {SOURCES} live "
          f"sources, median of "
          f"{args.runs} interleaved runs, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")
    for install, path in installs.items():
        print(f"  {install}: {path}")
    for name in CASES:
        cells = []
        for install in installs:
            cell = (f"wall {statistics.median(walls[install, name]) * 1000:6.1f} ms  cpu "
                    f"{statistics.median(cpus[install, name]) * 1000:6.1f} ms")
            if counts:
                cell += f"  {counts[install, name] / 1e6:5.0f} M instr"
            cells.append(f"{install} {cell}")
        print(f"  {name:30} " + "  |  ".join(reversed(cells)))
    print(f"  {'database read alone (in process)':30} cpu "
          f"{statistics.median(reads) * 1000:7.1f} ms   ({len(names.people)} distinct names, "
          f"{len(names.networks)} networks)")


if __name__ == "__main__":
    main()
