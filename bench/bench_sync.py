"""Benchmark for issue 26 (item 11): the cost of a sync follows the change, not the history.

Two devices A and B share a remote (a local bare repository) holding the cached 100k
history of ``bench/generate.py``. Each round, B records 10 new interactions (in the last
month of the history, as a day's logging would) and syncs (push); then A syncs (fetch and
merge: the incremental sync that is timed). Printed:

- A's merging sync (the incremental sync, target <= 1 s) and B's pushing sync: wall and
  CPU time (user + system of kith and every git it ran), median and max over the rounds;
- where A's wall time goes: the git processes it ran (how many, and their own wall time,
  from git's trace2 events) and, with ``--profile``, one more merging sync under
  cProfile (wall clock): git waits, fsync, parsing and the rest;
- how much the remote grew over the rounds (target <= 5 MB over 100 rounds);
- the size of each device's ``backups/`` against its data (target <= 3x the data).

``--old PATH`` runs the same rounds with the kith of another checkout (``git worktree add
/tmp/old 8c4d516``) side by side; real ``kith`` processes throughout.

The old checkout may be any commit's tree (``git archive main | tar -x -C /tmp/old``).

Usage: ``python bench/bench_sync.py [--rounds 100] [--scale 100000] [--old /tmp/old]
[--profile]``
"""

from __future__ import annotations

import argparse
import json
import os
import pstats
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

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
GIT: list[tuple[int, float]] = []
"""Per ``run``: the git processes kith started, and the sum of their wall times."""


def git_figures(trace: Path) -> tuple[int, float]:
    """Top-level git processes (not git's own children) and their summed wall time, from
    a ``GIT_TRACE2_EVENT`` file."""
    count, seconds = 0, 0.0
    try:
        lines = trace.read_text().splitlines()
    except OSError:
        return 0, 0.0
    for line in lines:
        try:
            event = json.loads(line)
        except ValueError:
            continue
        if event.get("event") == "exit" and "/" not in event.get("sid", "/"):
            count += 1
            seconds += float(event.get("t_abs", 0.0))
    return count, seconds


def run(python: str, home: Path, *args: str, env: dict[str, str]) -> float:
    kith = str(Path(python).parent / "kith")
    trace = home.parent / f".trace2-{os.getpid()}"
    trace.unlink(missing_ok=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([kith, "--db", str(home), *args], check=True, capture_output=True,
                   env={**env, "GIT_TRACE2_EVENT": str(trace)}, cwd=home.parent)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    GIT.append(git_figures(trace))
    trace.unlink(missing_ok=True)
    return wall


def profile(python: str, home: Path, env: dict[str, str], out: Path) -> list[str]:
    """One merging sync under cProfile (wall clock): the top entries by own time, and the
    time spent waiting for subprocesses (git) and in fsync."""
    subprocess.run([python, "-m", "cProfile", "-o", str(out), "-m", "kith", "--db",
                    str(home), "sync"], check=True, capture_output=True, env=env,
                   cwd=home.parent)
    stats = pstats.Stats(str(out))
    entries = stats.stats  # type: ignore[attr-defined]
    total = max((ct for (_, _, _), (_, _, _, ct, _) in entries.items()), default=0.0)

    def cumulative(name: str) -> float:
        """The time in a built-in, whatever this Python calls it (``<orjson.loads>``,
        ``<built-in method posix.fsync>``)."""
        return sum(ct for (_, _, func), (_, _, _, ct, _) in entries.items()
                   if func.startswith("<") and func.rstrip(">").endswith(name))

    runs = sum(calls for (file, _, func), (calls, _, _, _, _) in entries.items()
               if func == "run" and file.endswith("subprocess.py"))
    waited = sum(ct for (file, _, func), (_, _, _, ct, _) in entries.items()
                 if func == "run" and file.endswith("subprocess.py"))
    lines = [f"    whole sync (in-process, wall): {total:.3f} s",
             f"    waiting for subprocesses (git): {waited:.3f} s in {runs} runs",
             f"    os.fsync: {cumulative('fsync'):.3f} s",
             f"    orjson.loads: {cumulative('orjson.loads'):.3f} s",
             f"    orjson.dumps: {cumulative('orjson.dumps'):.3f} s"]
    own = sorted(entries.items(), key=lambda item: item[1][2], reverse=True)[:8]
    for (file, line, func), (_, _, tt, _, _) in own:
        lines.append(f"      own {tt:.3f} s  {func} ({Path(file).name}:{line})")
    return lines


def campaign(label: str, python: str, source: Path, rounds: int, root: Path,
             profiled: bool = False) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(source)}
    env.pop("KITH_HOME", None)
    remote, a, b = root / f"{label}-remote.git", root / f"{label}-a", root / f"{label}-b"
    shutil.copytree(source_data(python, source, env), a)
    (a / ".complete").unlink(missing_ok=True)
    run(python, a, "sync", "init", str(remote), env=env)
    run(python, b, "sync", "init", str(remote), env=env)
    run(python, a, "sync", env=env)
    start_size = size_of(remote)
    pull, push, pull_cpu, push_cpu, pull_git = [], [], [], [], []
    for index in range(rounds):
        subprocess.run([python, "-c", ADD, str(b), str(index), "b"], check=True, env=env,
                       cwd=root)
        push.append(run(python, b, "sync", env=env))
        push_cpu.append(CPU[-1])
        pull.append(run(python, a, "sync", env=env))
        pull_cpu.append(CPU[-1])
        pull_git.append(GIT[-1])
    profiled_lines: list[str] = []
    if profiled:
        subprocess.run([python, "-c", ADD, str(b), str(rounds), "b"], check=True, env=env,
                       cwd=root)
        run(python, b, "sync", env=env)
        profiled_lines = profile(python, a, env, root / f"{label}.prof")
    time.sleep(1.0)  # background housekeeping, if any, finishes
    for _ in range(100):
        if not any((remote / name).exists() for name in ("gc.pid",)):
            break
        time.sleep(0.2)
    grown = size_of(remote) - start_size
    return {"pull_median": statistics.median(pull), "pull_max": max(pull),
            "pull_cpu": statistics.median(pull_cpu), "pull_cpu_max": max(pull_cpu),
            "push_median": statistics.median(push), "push_cpu": statistics.median(push_cpu),
            "pull_git": statistics.median(n for n, _ in pull_git),
            "pull_git_wall": statistics.median(w for _, w in pull_git),
            "profile": profiled_lines,
            "remote_growth_mb": grown / 1e6,
            "backups_a_x": size_of(a / "backups") / data_size(a),
            "backups_b_x": size_of(b / "backups") / data_size(b),
            "data_mb": data_size(a) / 1e6}


SCALE = 100_000


def source_data(python: str, source: Path, env: dict[str, str]) -> Path:
    """The history generated by ``source``'s own kith (its schema, its file layout)."""
    if source == HERE:
        return dataset(SCALE)
    done = subprocess.run([python, str(source / "bench" / "generate.py"), str(SCALE)],
                          check=True, capture_output=True, env=env, cwd=source)
    return Path(done.stdout.decode().strip().splitlines()[-1])


def main() -> None:
    global SCALE
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--old-rounds", type=int, default=None,
                        help="rounds for the old code (default: --rounds)")
    parser.add_argument("--scale", type=int, default=100_000)
    parser.add_argument("--old", type=Path, default=None,
                        help="a checkout of the old kith (e.g. /tmp/old)")
    parser.add_argument("--profile", action="store_true",
                        help="one more merging sync under cProfile: where its time goes")
    options = parser.parse_args()
    SCALE = options.scale
    print(f"scale: {options.scale:,} interactions, 10,000 people; {options.rounds} rounds "
          f"of 10 records; {os.cpu_count()} cores (shared machine: figures are loaded)")
    campaigns = [("new", HERE, options.rounds)]
    if options.old is not None:
        campaigns.append(("old", options.old.resolve(), options.old_rounds or options.rounds))
    with tempfile.TemporaryDirectory(prefix="kith-bench-sync-") as temp:
        for label, source, rounds in campaigns:
            figures = campaign(label, sys.executable, source, rounds, Path(temp),
                               options.profile)
            print(f"{label} ({rounds} rounds, data {figures['data_mb']:.1f} MB):")
            print(f"  merging sync of 10 records: wall median {figures['pull_median']:.2f} s, "
                  f"max {figures['pull_max']:.2f} s (target <= 1 s); CPU median "
                  f"{figures['pull_cpu']:.2f} s, max {figures['pull_cpu_max']:.2f} s")
            print(f"    git processes: median {figures['pull_git']:.0f}, their wall time "
                  f"{figures['pull_git_wall']:.2f} s (median)")
            print(f"  pushing sync of 10 records: wall median {figures['push_median']:.2f} s, "
                  f"CPU median {figures['push_cpu']:.2f} s")
            per_100 = figures["remote_growth_mb"] * 100 / rounds
            print(f"  remote growth: {figures['remote_growth_mb']:.2f} MB over {rounds} "
                  f"syncs, {per_100:.1f} MB per 100 at that rate (target <= 5 MB over 100)")
            print(f"  backups: A {figures['backups_a_x']:.2f}x, B "
                  f"{figures['backups_b_x']:.2f}x the data (target <= 3x)")
            if figures["profile"]:
                print("  one more merging sync under cProfile:")
                print("\n".join(figures["profile"]))


if __name__ == "__main__":
    main()
