"""Generate realistic synthetic kith histories for benchmarks.

A history has 10k people spread over 8 networks and N interactions over 10 years, with
the mix of kinds, directions and values a busy person's networks would show (more
messages than referrals, seasonal events, a few clients). Files are written directly in
the store's layout (``kith.json``, ``interactions/YYYY-MM.json``, ``derived/...``) with
aggregates from ``kith.persistence.store.aggregate``, because going through the store one record at
a
time would take hours at 1M; ``check(home)`` proves the result opens and agrees with a
recomputation.

Usage: ``python bench/generate.py 100000 [--people 10000] [--out bench/data/h100000]``.
Generated data lives under ``bench/data/`` (git-ignored) and is reused when present.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from kith.core.ids import new_id
from kith.persistence import checked
from kith.persistence.store import (
    MAIN,
    NETWORK_TOTALS,
    PEOPLE_SHARDS,
    aggregate,
    migrations,
    people_shard,
)
from kith.persistence.store.conversation_index import (
    aggregate_conversations,
    asks_file_of,
    file_of,
)
from kith.persistence.tables import dump_file

DATA = Path(__file__).parent / "data"

NETWORKS = [
    ("mastodon", "Mastodon @me@social.example", "social"),
    ("linkedin", "LinkedIn", "social"),
    ("st-marys", "St Mary's", "church"),
    ("design-guild", "Design Guild", "association"),
    ("python-meetup", "Python Meetup", "association"),
    ("old-friends", "Old friends", "friends"),
    ("climbing", "Climbing club", "friends"),
    ("chess", "Chess club", "other"),
]
KINDS = [  # kind, direction, weight, value fields
    ("message", "shared", 30, {"minutes": 5, "fun": 1}),
    ("conversation", "shared", 15, {"minutes": 20, "fun": 2}),
    ("help", "gave", 10, {"favours": 1, "minutes": 45}),
    ("help", "received", 6, {"favours": 1}),
    ("advice", "received", 5, {"favours": 1}),
    ("event", "shared", 10, {"minutes": 120, "fun": 3}),
    ("volunteering", "gave", 5, {"minutes": 150}),
    ("introduction", "gave", 3, {"favours": 1, "minutes": 15}),
    ("referral", "received", 2, {"favours": 1, "money": 40000}),
    ("client", "received", 1, {"money": 250000}),
    ("dues", "gave", 2, {"money": 12000}),
    ("donation", "gave", 3, {"money": 5000}),
    ("meal", "shared", 7, {"minutes": 90, "fun": 4}),
]
FIRST = ["Ann", "Bob", "Chidi", "Dana", "Emeka", "Fatima", "Gao", "Hana", "Ivan", "Jo",
         "Kemal", "Lena", "Maya", "Nils", "Olu", "Priya", "Quinn", "Rosa", "Sven", "Tariq"]
LAST = ["Lee", "Ray", "Okafor", "Smith", "Nguyen", "Garcia", "Kowalski", "Haddad", "Ito",
        "Silva", "Brown", "Khan", "Novak", "Adeyemi", "Rossi", "Meyer", "Park", "Costa"]


LAYOUT = "records-per-line"
"""How the files are written, in the marker: a history generated before kith wrote data
files one record per line (``tables.dump_file``) is generated again."""


def _write(home: Path, name: str, data: dict) -> None:
    """Write file ``name`` as a commit would (``tables.dump_file``): a real database is in
    that layout after its first write, and readers rely on it (a table read alone)."""
    path = home / name
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    path.write_bytes(dump_file(name, data))
    os.chmod(path, 0o600)


def generate(home: Path, interactions: int, people: int = 10_000, seed: int = 7,
             years: int = 10) -> Path:
    """Write a history into ``home`` (replacing nothing: ``home`` must not exist)."""
    rng = random.Random(seed)
    home.mkdir(parents=True, mode=0o700)
    now = datetime(2026, 11, 1, 12, tzinfo=UTC)
    start = now - timedelta(days=365 * years)
    span = (now - start).total_seconds()
    people_docs: dict[str, dict] = {}
    members: dict[str, list[str]] = {n[0]: [] for n in NETWORKS}
    for index in range(people):
        ident = new_id(start, seed=f"bench-person-{index}")
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        nets = rng.sample([n[0] for n in NETWORKS], k=rng.choice([1, 1, 1, 2, 2, 3]))
        for net in nets:
            members[net].append(ident)
        people_docs[ident] = {
            "id": ident, "name": name, "aliases": [], "tags": rng.sample(
                ["close", "client", "designer", "python", "choir", "family", "climber"],
                k=rng.choice([0, 1, 2])),
            "handles": {"email": [f"{name.lower().replace(' ', '.')}.{index}@example.org"]},
            "networks": {n: None for n in nets}, "notes": "", "birthday": None,
            "cadence_days": None, "sources": [], "merged_from": [], "created": None,
            "extra": {}}
    people_docs["me"] = {"id": "me", "name": "Me", "aliases": [], "tags": [], "handles": {},
                         "networks": {}, "notes": "", "birthday": None, "cadence_days": None,
                         "sources": [], "merged_from": [], "created": None, "extra": {}}
    main = {
        "_meta": {"schema": {"version": migrations.SCHEMA_VERSION, "currency": "EUR",
                             "app": "kith", "created": start.isoformat()}},
        "networks": {n: {"id": n, "name": name, "kind": kind, "joined": "2016-01-01",
                         "left": None, "notes": ""} for n, name, kind in NETWORKS},
        "people": people_docs,
    }
    _write(home, MAIN, main)
    weights = [k[2] for k in KINDS]
    months: dict[str, dict[str, dict]] = {}
    docs = []
    for index in range(interactions):
        net = rng.choice(NETWORKS)[0]
        when = start + timedelta(seconds=rng.random() * span)
        kind, direction, _, value = rng.choices(KINDS, weights)[0]
        pool = members[net]
        who = rng.sample(pool, k=min(len(pool), rng.choice([1, 1, 1, 2, 3])))
        ident = new_id(when, seed=f"bench-{index}")
        doc = {"id": ident, "when": when.isoformat(), "network": net, "people": who,
               "direction": direction, "kind": kind,
               "value": {"money": 0, "minutes": 0, "favours": 0, "fun": 0, **value},
               "note": "", "invited": False, "initiative": None, "source": None, "meta": {}}
        roll = rng.random()
        if roll < 0.2:
            doc["invited"], doc["initiative"] = True, "invited"
        elif roll < 0.3:
            doc["initiative"] = "pitched"
        months.setdefault(f"{when.year:04d}-{when.month:02d}", {})[ident] = doc
        docs.append(doc)
    for month, table in months.items():
        _write(home, f"interactions/{month}.json", {"interactions": table})
    network_totals, person_stats = aggregate(docs)
    _write(home, NETWORK_TOTALS, {"networks": {
        n: {"months": m} for n, m in network_totals.items()}})
    shards: dict[str, dict] = {f"derived/people-{s:x}.json": {} for s in range(PEOPLE_SHARDS)}
    for ident, nets in person_stats.items():
        shards[people_shard(ident)][ident] = {"networks": nets}
    for name, table in shards.items():
        _write(home, name, {"people": table})
    for network, tables in aggregate_conversations(docs).items():
        _write(home, file_of(network), {"people": tables["people"], "talks": tables["talks"]})
        _write(home, asks_file_of(network), {"asks": tables["asks"]})
    os.chmod(home, 0o700)
    record_checked(home)
    return home


def record_checked(home: Path) -> None:
    """Record the derived files as written by kith (``kith.persistence.checked``), as the
    commits that would have written them record them: a real database's readers skip
    checking derived files kith wrote, and so do the benchmarks' (histories generated
    before the record existed get it here too)."""
    from kith.persistence.checked import record, signature

    record(home, {str(p.relative_to(home)): signature(p)
                  for p in sorted((home / "derived").rglob("*.json"))})


def dataset(interactions: int, people: int = 10_000) -> Path:
    """The cached history of this size under ``bench/data`` (generated if missing)."""
    home = DATA / f"h{interactions}-p{people}"
    marker = home / ".complete"
    made = hashlib.sha1(str(interactions).encode()).hexdigest() + " " + LAYOUT
    if not marker.exists() or marker.read_text() != made:
        import shutil

        shutil.rmtree(home, ignore_errors=True)
        generate(home, interactions, people)
        marker.write_text(made)
    elif not checked.load(home):
        record_checked(home)
    return home


def check(home: Path) -> None:
    """The generated database opens and its aggregates equal a recomputation."""
    from kith.persistence.store import Store

    store = Store(home, create=False)
    networks, people = store.recompute_derived()
    assert store.network_months() == networks
    assert store.person_stats() == people
    assert store.conversation_indexes() == store.recompute_conversations()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("interactions", type=int)
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--check", action="store_true", help="verify the aggregates")
    args = parser.parse_args()
    home = dataset(args.interactions, args.people)
    if args.check:
        check(home)
    print(home)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    main()
