"""Benchmark for issue 28: `kith remind --json` over 10k people and 1M interactions
(target <= 0.5 s), median of 5 real processes, with every reminder kind (follow-ups,
overdue, birthdays, newcomers, came to you, drifting, thank). The history comes from
bench/generate.py (cached under bench/data/). When the main checkout's kith is there
(``KITH_OLD``, default /work/main/.venv/bin/kith), it runs on a copy of the same data
side by side, as the old figure.
"""

from __future__ import annotations

import os
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


def timed(kith: str, home: Path, args: list[str]) -> float:
    """Median wall time of ``kith ARGS`` over ``RUNS`` processes (after one warm-up)."""
    env = {**os.environ, "KITH_HOME": str(home), "KITH_CONFIG": "/nonexistent.toml"}
    subprocess.run([kith, *args], env=env, check=True, stdout=subprocess.DEVNULL)
    samples = []
    for _ in range(RUNS):
        started = time.perf_counter()
        subprocess.run([kith, *args], env=env, check=True, stdout=subprocess.DEVNULL)
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def bench_remind(interactions: int = 1_000_000) -> list[str]:
    home = dataset(interactions)
    args = ["remind", "--json", "--as-of", "2026-11-02"]
    lines = [f"kith remind, 10k people, {interactions:,} interactions "
             f"{timed(KITH, home, args):5.2f} s   target <= 0.5 s"]
    if Path(OLD).exists():
        with tempfile.TemporaryDirectory() as scratch:  # the old code may migrate or lock
            copy = Path(scratch) / "db"
            shutil.copytree(home, copy)
            lines.append(f"  old code (main, fewer reminders)     "
                         f"{timed(OLD, copy, ['remind', '--json']):5.2f} s")
    return lines


if __name__ == "__main__":
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    print("\n".join(bench_remind(size)))
