"""Benchmark for issue 7: `kith intro suggest` over 10k people and 5k open opportunities
(target <= 1 s), median of 5 real processes. The data uses the evaluation set's domains
and phrasings (bench/serendipity_eval.py), scaled up, under bench/data/intro-10k/."""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

# What an installed kith costs: pip compiles kith's bytecode at install, so a shell that
# sets PYTHONDONTWRITEBYTECODE would make every run compile kith anew and time that
# instead (about 100 ms a command on this machine). The first run writes the bytecode.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serendipity_eval import DETAILS, DOMAINS, NETWORKS

from kith.core.model import Network, Opportunity, Person
from kith.persistence.store import Store

HOME = Path(__file__).parent / "data" / "intro-10k"
KITH = str(Path(sys.executable).parent / "kith")


def build() -> Path:
    if (HOME / "kith.json").exists():
        return HOME
    rng = random.Random(8)
    store = Store(HOME)
    when = datetime(2026, 1, 1, tzinfo=UTC)
    with store.transaction():
        for net in NETWORKS:
            store.save_network(Network.create(net))
        ids = []
        for n in range(10_000):
            person = Person.create(f"Person {n}", networks={
                net: None for net in rng.sample(NETWORKS, k=rng.choice([1, 2]))},
                tags=tuple(rng.sample(["python", "design", "legal", "music", "photography",
                                       "housing", "finance", "teaching"], k=rng.choice([0, 1]))))
            store.save_person(person)
            ids.append(person.id)
        for n in range(5_000):
            domain = rng.choice(list(DOMAINS))
            kind = n % 2
            text = rng.choice(DOMAINS[domain][kind]).format(d=rng.choice(DETAILS))
            store.save_opportunity(Opportunity.create(
                person=rng.choice(ids), type=["need", "offer"][kind], text=text, when=when))
    return HOME


def main() -> None:
    home = build()
    env = {**os.environ, "KITH_HOME": str(home), "KITH_CONFIG": "/nonexistent.toml"}
    samples = []
    for _ in range(5):
        started = time.perf_counter()
        subprocess.run([KITH, "intro", "suggest", "--json", "--limit", "20"], env=env,
                       check=True, stdout=subprocess.DEVNULL)
        samples.append(time.perf_counter() - started)
    print(f"kith intro suggest, 10k people, 5k open opportunities "
          f"{statistics.median(samples):5.2f} s   target <= 1 s")


if __name__ == "__main__":
    main()
