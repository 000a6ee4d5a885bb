"""Benchmark for issue 26 (item 11): the cost of a sync follows the change, not the history.

Two devices A and B share a remote (a local bare repository) holding the cached 100k
history of ``bench/generate.py``. Each round, B records 10 new interactions (in the last
month of the history, as a day's logging would) and syncs (push); then A syncs (fetch and
merge: the incremental sync that is timed). Printed:

- the median and max time of A's merging sync (target <= 1 s), and of B's pushing sync;
- how much the remote grew over the rounds (target <= 5 MB over 100 rounds);
- the size of each device's ``backups/`` against its data (target <= 3x the data).

``--old PATH`` runs the same rounds with the kith of another checkout (``git worktree add
/tmp/old 8c4d516``) side by side; real ``kith`` processes throughout.

Usage: ``python bench/bench_sync.py [--rounds 100] [--scale 100000] [--old /tmp/old]``
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

HERE = Path(__file__).resolve().parent.parent

ADD = """
import sys
from datetime import UTC, datetime, timedelta
from kith.core.ids import new_id
from kith.core.model import Interaction, Value
from kith.persistence.store import Store
from kith.services.interactions import record

home, round_, device = sys.argv[1], int(sys.argv[2]), sys.argv[3]
store = Store(home)
base = datetime(2026, 10, 20, 9, tzinfo=UTC)
with store.transaction():
    people = sorted(p for p in store.raw_table("kith.json", "people") if p != "me")[:50]
    for i in range(10):
        when = base + timedelta(minutes=round_ * 10 + i)
        record(store, Interaction(
            id=new_id(when, seed=f"bench-sync-{device}-{round_}-{i}"), when=when,
            network="climbing", people=(people[(round_ + i) % len(people)],),
            direction="shared", kind="message", value=Value(minutes=5, fun=1)))
"""


def size_of(path: Path) -> int:
    total = 0
    for root, _, names in os.walk(path):
        for name in names:
            try:
                total += os.lstat(os.path.join(root, name)).st_size
            except OSError:
                continue
    return total


def data_size(home: Path) -> int:
    return sum(p.stat().st_size for p in [home / "kith.json", *(home / "interactions").glob(
        "*.json")])


CPU: list[float] = []
"""CPU seconds (user + system, kith and the git it ran) of each ``run``: on a loaded
machine the wall time measures the queue for the cores as much as the work."""


def run(python: str, home: Path, *args: str, env: dict[str, str]) -> float:
    kith = str(Path(python).parent / "kith")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([kith, "--db", str(home), *args], check=True, capture_output=True,
                   env=env, cwd=home.parent)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return wall


def campaign(label: str, python: str, source: Path, rounds: int, root: Path) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(source)}
    env.pop("KITH_HOME", None)
    remote, a, b = root / f"{label}-remote.git", root / f"{label}-a", root / f"{label}-b"
    shutil.copytree(SOURCE_DATA, a)
    (a / ".complete").unlink(missing_ok=True)
    run(python, a, "sync", "init", str(remote), env=env)
    run(python, b, "sync", "init", str(remote), env=env)
    run(python, a, "sync", env=env)
    start_size = size_of(remote)
    pull, push, pull_cpu = [], [], []
    for index in range(rounds):
        subprocess.run([python, "-c", ADD, str(b), str(index), "b"], check=True, env=env,
                       cwd=root)
        push.append(run(python, b, "sync", env=env))
        pull.append(run(python, a, "sync", env=env))
        pull_cpu.append(CPU[-1])
    time.sleep(1.0)  # background housekeeping, if any, finishes
    for _ in range(100):
        if not any((remote / name).exists() for name in ("gc.pid",)):
            break
        time.sleep(0.2)
    grown = size_of(remote) - start_size
    return {"pull_median": statistics.median(pull), "pull_max": max(pull),
            "pull_cpu": statistics.median(pull_cpu),
            "push_median": statistics.median(push),
            "remote_growth_mb": grown / 1e6,
            "backups_a_x": size_of(a / "backups") / data_size(a),
            "backups_b_x": size_of(b / "backups") / data_size(b),
            "data_mb": data_size(a) / 1e6}


SOURCE_DATA = Path()


def main() -> None:
    global SOURCE_DATA
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--old-rounds", type=int, default=None,
                        help="rounds for the old code (default: --rounds)")
    parser.add_argument("--scale", type=int, default=100_000)
    parser.add_argument("--old", type=Path, default=None,
                        help="a checkout of the old kith (e.g. /tmp/old)")
    options = parser.parse_args()
    SOURCE_DATA = dataset(options.scale)
    print(f"scale: {options.scale:,} interactions, 10,000 people; {options.rounds} rounds "
          f"of 10 records; {os.cpu_count()} cores (shared machine: figures are loaded)")
    campaigns = [("new", HERE, options.rounds)]
    if options.old is not None:
        campaigns.append(("old", options.old.resolve(), options.old_rounds or options.rounds))
    with tempfile.TemporaryDirectory(prefix="kith-bench-sync-") as temp:
        for label, source, rounds in campaigns:
            figures = campaign(label, sys.executable, source, rounds, Path(temp))
            print(f"{label} ({rounds} rounds, data {figures['data_mb']:.1f} MB):")
            print(f"  merging sync of 10 records: median {figures['pull_median']:.2f} s, "
                  f"max {figures['pull_max']:.2f} s (target <= 1 s); CPU time median "
                  f"{figures['pull_cpu']:.2f} s")
            print(f"  pushing sync of 10 records: median {figures['push_median']:.2f} s")
            per_100 = figures["remote_growth_mb"] * 100 / rounds
            print(f"  remote growth: {figures['remote_growth_mb']:.2f} MB over {rounds} "
                  f"syncs, {per_100:.1f} MB per 100 at that rate (target <= 5 MB over 100)")
            print(f"  backups: A {figures['backups_a_x']:.2f}x, B "
                  f"{figures['backups_b_x']:.2f}x the data (target <= 3x)")


if __name__ == "__main__":
    main()
