"""Benchmark for issue 28: `kith remind --json` over 10k people and 1M interactions
(target <= 0.5 s), median of 5 real processes, with every reminder kind (follow-ups,
overdue, birthdays, newcomers, came to you, drifting, thank). The history comes from
bench/generate.py (cached under bench/data/). When the main checkout's kith is there
(``KITH_OLD``, default /work/main/.venv/bin/kith; any executable that runs the old
checkout's kith, such as a ``git worktree add /tmp/old28 8c4d516`` run with this
venv's python), it runs on a copy of the same data side by side, as the old figure. Each
figure is the median wall time and the median CPU time of the same runs, with the load
average: on a shared machine the wall time is mostly waiting for a core.
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # see bench_intro.py

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import dataset

KITH = str(Path(sys.executable).parent / "kith")
OLD = os.environ.get("KITH_OLD", "/work/main/.venv/bin/kith")
RUNS = 5


class Timing(float):
    """A median wall time (the float) with the median CPU time of the same runs: on a
    shared, loaded machine the wall time is mostly waiting for a core, and the CPU time
    says what the command itself costs."""

    cpu: float

    def __format__(self, spec: str) -> str:
        return f"{float(self):{spec}} s wall, {self.cpu:{spec}} s CPU"


def instructions(argv: list[str], env: dict[str, str]) -> int:
    """Instructions one process executes (callgrind's "Collected" total): the same on a
    loaded machine, where times move by a fifth from one run to the next."""
    found = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                            "--trace-children=yes", *argv], env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                           check=True).stderr
    # A wrapper script that execs Python prints one total per program image: add them.
    totals = [int(row.rsplit(":", 1)[1]) for row in found.splitlines() if "Collected :" in row]
    if not totals:
        raise SystemExit(f"valgrind printed no total for {argv[0]}")
    return sum(totals)


def timed(kith: str, home: Path, args: list[str]) -> Timing:
    """Median wall and CPU time of ``kith ARGS`` over ``RUNS`` processes (after one
    warm-up)."""
    env = {**os.environ, "KITH_HOME": str(home), "KITH_CONFIG": "/nonexistent.toml"}
    subprocess.run([kith, *args], env=env, check=True, stdout=subprocess.DEVNULL)
    walls, cpus = [], []
    for _ in range(RUNS):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run([kith, *args], env=env, check=True, stdout=subprocess.DEVNULL)
        walls.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    result = Timing(statistics.median(walls))
    result.cpu = statistics.median(cpus)
    return result


def load() -> str:
    """The machine's load average, printed beside every figure."""
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} / {five:.1f} on {os.cpu_count()} cores"


def bench_remind(interactions: int = 1_000_000) -> list[str]:
    home = dataset(interactions)
    args = ["remind", "--json", "--as-of", "2026-11-02"]
    lines = [f"kith remind, 10k people, {interactions:,} interactions ({load()})",
             f"  this branch     {timed(KITH, home, args):5.2f}   target <= 0.5 s"]
    if Path(OLD).exists():
        with tempfile.TemporaryDirectory() as scratch:  # the old code may migrate or lock
            copy = Path(scratch) / "db"
            shutil.copytree(home, copy)
            lines.append(f"  old code        {timed(OLD, copy, args):5.2f}")
    return lines


if __name__ == "__main__":
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    print("\n".join(bench_remind(size)))
