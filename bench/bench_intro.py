"""Benchmarks for issues 7 and 28: `kith intro suggest` over 10k people and 5k open
opportunities (target <= 1 s), and `kith remind` over 10k people and 1M interactions
(target <= 0.5 s, bench/bench_remind.py), medians of 5 real processes, each side by side
with the main checkout's kith when it is there (``KITH_OLD``, run on a copy of the data:
its readings cache is its own). The suggestion data uses the evaluation set's domains and
phrasings (bench/serendipity_eval.py), scaled up, under
bench/data/intro-10k/ (a first run embeds its texts: ``KITH_MEANING_BUDGET=1000 kith
intro suggest`` with ``KITH_HOME`` there warms the cache at once). The matcher is also
timed without its bridge of kinds of help (``KITH_KINDS=off``). ``--intro-only`` skips
the remind benchmark (its 1M history takes minutes to generate the first time);
``--instructions`` also counts each command's instructions under valgrind's callgrind
(the same however loaded the machine is; a minute or more each)."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
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
    from bench_remind import OLD, bench_remind, instructions, load, timed

    home = build()
    # the old code on a copy: each kith keeps the readings of its own lexicon beside the
    # data (derived/), and two of them on one folder would each read every text again
    old_home = home.with_name("intro-10k-old")
    copied = old_home / "kith.json"
    if Path(OLD).exists() and (not copied.exists() or copied.stat().st_mtime
                               < (home / "kith.json").stat().st_mtime):
        shutil.rmtree(old_home, ignore_errors=True)  # data built again: copied again
        shutil.copytree(home, old_home)
    args = ["intro", "suggest", "--json", "--limit", "20"]
    print(f"kith intro suggest, 10k people, 5k open opportunities ({load()})")
    print(f"  this branch     {timed(KITH, home, args):5.2f}   target <= 1 s")
    os.environ["KITH_KINDS"] = "off"  # what the bridge of kinds of help costs
    print(f"  without bridge  {timed(KITH, home, args):5.2f}")
    del os.environ["KITH_KINDS"]
    if Path(OLD).exists():
        print(f"  old code        {timed(OLD, old_home, args):5.2f}")
    if "--instructions" in sys.argv:  # load-proof, slow (a minute or more each)
        for name, kith, where, extra in (("this branch", KITH, home, {}),
                                         ("without bridge", KITH, home, {"KITH_KINDS": "off"}),
                                         ("old code", OLD, old_home, {})):
            if Path(kith).exists():
                env = {**os.environ, "KITH_HOME": str(where),
                       "KITH_CONFIG": "/nonexistent.toml", **extra}
                subprocess.run([kith, *args], env=env, check=True,  # its caches warm
                               stdout=subprocess.DEVNULL)
                count = instructions([kith, *args], env)
                print(f"  {name:15} {count / 1e9:5.2f} G instructions")
    if "--intro-only" not in sys.argv:
        print("\n".join(bench_remind()))


if __name__ == "__main__":
    main()
