"""Benchmarks for issue 20: merging two databases, and a sync with nothing to do.

- ``kith merge`` of two databases of 100k interactions each, half of them shared (and
  5k of the shared ones edited on the other device, plus 1k people edited on each side,
  so the field-by-field merge has real work), 10k people: target <= 10 s;
- ``kith sync`` with nothing to do on such a database, remote a local bare repository:
  target <= 1 s.

Medians of real ``kith`` processes; each merge run works on a fresh hard-linked copy.
The two databases are derived from the cached 150k history of ``bench/generate.py``.

And for issue 31, ``--person``: ``kith person merge`` absorbing a person with 5,000
interactions into one with 5,000 others, in a history of 100k interactions: target <= 2 s.
It prints the median wall and CPU time (user + system; on this shared, loaded machine the
CPU time is the figure to compare) of real processes, side by side with the code of
another revision (``--against``, default ``4ed5359``, before the merge read only the month
files naming the absorbed person), run from ``git archive`` of it on the same interpreter.
``--stamped``: every record carries edit stamps, as in a database that has synced.

Measured (2 cores, load average 7 to 13, median of 3): unstamped 3.66 s CPU before,
1.53 s after; stamped 3.79 s before, 1.71 s after. Instructions (callgrind, one run,
unstamped): 11.1 G before, 5.7 G after. Of what is left, a third is stamping the 5,000
moved records (``kith.persistence.stamps.stamp``), the rest parsing the 12 month files
that name the absorbed person, the conversation index, start-up and ``kith.json``.

Usage: ``python bench/bench_merge.py [--runs 3] [--sync-runs 7]``,
``python bench/bench_merge.py --person [--runs 3] [--stamped] [--against REV]``
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
from typing import Any

import orjson

# What an installed kith costs: pip compiles kith's bytecode at install, so a shell that
# sets PYTHONDONTWRITEBYTECODE would make every run compile kith anew and time that
# instead (about 100 ms a command on this machine). The first run writes the bytecode.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import DATA, dataset

from kith.persistence.stamps import encode
from kith.persistence.store import NETWORK_TOTALS, PEOPLE_SHARDS, aggregate, people_shard

KITH = str(Path(sys.executable).parent / "kith")
STAMP_A = ("2026-11-01T10:00:00.000000Z", "aaaaaaaaaaaaaaaa")
STAMP_B = ("2026-11-02T10:00:00.000000Z", "bbbbbbbbbbbbbbbb")
BASE = ("2026-10-01T10:00:00.000000Z", "aaaaaaaaaaaaaaaa")


def _write(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    path.write_bytes(orjson.dumps(data))
    os.chmod(path, 0o600)


def _stamped(doc: dict[str, Any], stamp: tuple[str, str]) -> dict[str, Any]:
    return encode(doc, {key: (stamp, True) for key in doc})


def _edited(doc: dict[str, Any], field: str, value: Any, stamp: tuple[str, str]) -> Any:
    stamps = {key: (BASE, True) for key in doc}
    stamps[field] = (stamp, True)
    return encode({**doc, field: value}, stamps)


def build() -> tuple[Path, Path]:
    """Two devices' databases, 100k interactions each, 50k shared (cached)."""
    root = DATA / "merge-100k"
    a, b = root / "a", root / "b"
    if (root / ".complete").exists():
        return a, b
    shutil.rmtree(root, ignore_errors=True)
    source = dataset(150_000)
    main = orjson.loads((source / "kith.json").read_bytes())
    people = {i: _stamped(d, BASE) for i, d in main["people"].items()}
    ids = sorted(people)
    sides: dict[str, dict[str, Any]] = {}
    for side, stamp, field, value, offset in (("a", STAMP_A, "notes", "seen on a", 0),
                                              ("b", STAMP_B, "tags", ["from-b"], 500)):
        side_people = dict(people)
        for ident in ids[offset: offset + 1000]:
            side_people[ident] = _edited(people[ident], field, value, stamp)
        sides[side] = {"_meta": main["_meta"], "people": side_people,
                       "networks": {i: _stamped(d, BASE) for i, d in main["networks"].items()}}
    months: dict[str, dict[str, dict[str, Any]]] = {"a": {}, "b": {}}
    counter = 0
    for path in sorted((source / "interactions").glob("*.json")):
        for ident, doc in orjson.loads(path.read_bytes())["interactions"].items():
            share = counter % 3
            counter += 1
            base_doc = _stamped(doc, BASE)
            if share == 0:  # shared; one in ten edited on b since
                months["a"].setdefault(path.name, {})[ident] = base_doc
                months["b"].setdefault(path.name, {})[ident] = (
                    _edited(doc, "note", "edited on b", STAMP_B) if counter % 10 == 1
                    else base_doc)
            else:
                side = "a" if share == 1 else "b"
                months[side].setdefault(path.name, {})[ident] = base_doc
    for side, home in (("a", a), ("b", b)):
        home.mkdir(parents=True, mode=0o700)
        _write(home / "kith.json", sides[side])
        docs = []
        for name, table in months[side].items():
            _write(home / "interactions" / name, {"interactions": table})
            docs.extend(table.values())
        networks, per_person = aggregate(docs)
        _write(home / NETWORK_TOTALS, {"networks": {n: {"months": m}
                                                    for n, m in networks.items()}})
        shards: dict[str, dict[str, Any]] = {f"derived/people-{s:x}.json": {}
                                             for s in range(PEOPLE_SHARDS)}
        for ident, nets in per_person.items():
            shards[people_shard(ident)][ident] = {"networks": nets}
        for name, table in shards.items():
            _write(home / name, {"people": table})
        (home / ".device").write_text((STAMP_A if side == "a" else STAMP_B)[1] + "\n")
        print(f"  {side}: {len(docs):,} interactions", file=sys.stderr)
    (root / ".complete").write_text("ok")
    return a, b


def build_person_merge(moved: int = 5_000, *, stamped: bool = False) -> tuple[Path, str, str]:
    """The 100k history with two people of ``moved`` interactions each (cached);
    ``stamped``: every person, network and interaction stamped as written by a device."""
    root = DATA / f"person-merge-{moved}{'-stamped' if stamped else ''}"
    home = root / "db"
    keep, absorb = "bench-keep", "bench-absorb"
    if (root / ".complete").exists():
        return home, keep, absorb
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(dataset(100_000), home)
    main = orjson.loads((home / "kith.json").read_bytes())
    template = main["people"]["me"]
    for ident, name in ((keep, "Kate Keep"), (absorb, "Xavier Absorb")):
        main["people"][ident] = {**template, "id": ident, "name": name}
    if stamped:
        for table in ("people", "networks"):
            main[table] = {i: _stamped(d, BASE) for i, d in main[table].items()}
    _write(home / "kith.json", main)
    docs, counter = [], 0
    for path in sorted((home / "interactions").glob("*.json")):
        content = orjson.loads(path.read_bytes())
        for doc in content["interactions"].values():
            if counter < 2 * moved:
                doc["people"] = [keep if counter % 2 else absorb]
            counter += 1
            docs.append(doc)
        if stamped:
            content["interactions"] = {i: _stamped(d, BASE)
                                       for i, d in content["interactions"].items()}
        _write(path, content)
    networks, per_person = aggregate(docs)
    _write(home / NETWORK_TOTALS, {"networks": {n: {"months": m} for n, m in networks.items()}})
    shards: dict[str, dict[str, Any]] = {f"derived/people-{s:x}.json": {}
                                         for s in range(PEOPLE_SHARDS)}
    for ident, nets in per_person.items():
        shards[people_shard(ident)][ident] = {"networks": nets}
    for name, table in shards.items():
        _write(home / name, {"people": table})
    (root / ".complete").write_text("ok")
    return home, keep, absorb


OLD_CODE = "4ed5359"
"""The revision the person merge is compared with: before it read only the month files
that name the absorbed person (each interaction moved by ``Interactions.replace``)."""
LAUNCH = "import sys; from kith.cli.main import main; sys.argv[0] = 'kith'; main()"


def old_tree(revision: str) -> Path:
    """The ``kith`` package of ``revision``, extracted once into a temporary folder."""
    target = Path(tempfile.mkdtemp(prefix="kith-bench-old-"))
    repo = Path(__file__).resolve().parent.parent
    archive = subprocess.run(["git", "-C", str(repo), "archive", revision, "kith"],
                             check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target


def merge_once(home: Path, keep: str, absorb: str, env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one ``kith person merge`` on a fresh copy of ``home``."""
    copy = Path(tempfile.mkdtemp(prefix="kith-bench-")) / "db"
    shutil.copytree(home, copy)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", LAUNCH, "--db", str(copy), "person", "merge", keep,
                    absorb], env=env, check=True, stdout=subprocess.DEVNULL,
                   cwd=copy.parent)  # not the repository: `-c` puts the cwd first
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    shutil.rmtree(copy.parent, ignore_errors=True)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def person_merge(runs: int, env: dict[str, str], *, stamped: bool, against: str) -> None:
    home, keep, absorb = build_person_merge(stamped=stamped)
    old = old_tree(against)
    sides = {f"before ({against})": {**env, "PYTHONPATH": str(old)}, "after (this tree)": env}
    scale = (f"absorbing 5,000 interactions into a person with 5,000, 100k history, "
             f"10k people{', every record stamped' if stamped else ''}")
    print(f"kith person merge, {scale}; median of {runs} (target <= 2 s):")
    for label, side_env in sides.items():
        merge_once(home, keep, absorb, side_env)  # bytecode and page cache
        samples = [merge_once(home, keep, absorb, side_env) for _ in range(runs)]
        wall = statistics.median(s[0] for s in samples)
        cpu = statistics.median(s[1] for s in samples)
        print(f"  {label:24s} {cpu:6.2f} s CPU  {wall:6.2f} s wall   (CPU of each: "
              f"{', '.join(f'{s[1]:.2f}' for s in samples)})")
    shutil.rmtree(old, ignore_errors=True)
    print(f"  (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")


def private_copy(home: Path) -> Path:
    target = Path(tempfile.mkdtemp(prefix="kith-bench-")) / "db"
    shutil.copytree(home, target, copy_function=os.link)
    return target


def timed(args: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(args, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description="kith merge and sync benchmarks")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sync-runs", type=int, default=7)
    parser.add_argument("--person", action="store_true",
                        help="only the person-merge benchmark (issue 31)")
    parser.add_argument("--stamped", action="store_true",
                        help="--person on a database whose every record is stamped")
    parser.add_argument("--against", default=OLD_CODE,
                        help="--person: the revision to compare with (default %(default)s)")
    args = parser.parse_args()
    env = {**os.environ, "KITH_CONFIG": "/nonexistent/kith-bench.toml"}
    if args.person:
        person_merge(args.runs, env, stamped=args.stamped, against=args.against)
        return
    a, b = build()
    samples = []
    merged = None
    for _ in range(args.runs):
        copy = private_copy(a)
        samples.append(timed([KITH, "--db", str(copy), "merge", str(b)], env))
        if merged is None:
            merged = copy
        else:
            shutil.rmtree(copy.parent, ignore_errors=True)
    assert merged is not None
    count = sum(len(orjson.loads(p.read_bytes())["interactions"])
                for p in (merged / "interactions").glob("*.json"))
    print(f"kith merge, 100k + 100k interactions (50k shared) -> {count:,}, 10k people: "
          f"median {statistics.median(samples):.2f} s of {args.runs}   target <= 10 s")
    remote = merged.parent / "remote.git"
    subprocess.run([KITH, "--db", str(merged), "sync", "init", str(remote)], env=env,
                   check=True, stdout=subprocess.DEVNULL)
    sync_samples = [timed([KITH, "--db", str(merged), "sync"], env)
                    for _ in range(args.sync_runs)]
    startup = statistics.median(timed([KITH, "--help"], env) for _ in range(args.sync_runs))
    print(f"kith sync, nothing to do, {count:,} interactions: "
          f"median {statistics.median(sync_samples) * 1000:.0f} ms of {args.sync_runs}   "
          f"target <= 1000 ms (kith --help alone: {startup * 1000:.0f} ms)")
    shutil.rmtree(merged.parent, ignore_errors=True)


if __name__ == "__main__":
    main()
