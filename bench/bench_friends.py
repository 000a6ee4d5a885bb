"""Benchmarks for issue 6: 10k vCards in one file (target <= 3 s), `kith remind` over 10k
people and 100k interactions (<= 0.3 s), `kith person duplicates` over 10k people
(<= 2 s). Median of several real `kith` processes; data under bench/data/."""

from __future__ import annotations

import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# What an installed kith costs: pip compiles kith's bytecode at install, so a shell that
# sets PYTHONDONTWRITEBYTECODE would make every run compile kith anew and time that
# instead (about 100 ms a command on this machine). The first run writes the bytecode.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import FIRST, LAST, dataset

KITH = str(Path(sys.executable).parent / "kith")
VCARDS = Path(__file__).parent / "data" / "contacts-10k.vcf"


def write_vcards(path: Path, count: int = 10_000) -> None:
    rng = random.Random(11)
    cards = []
    for n in range(count):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        cards.append(
            f"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:bench-{n}\r\nN:{last};{first};;;\r\n"
            f"FN:{first} {last}\r\nEMAIL;TYPE=home:{first.lower()}.{last.lower()}.{n}@ex.org"
            f"\r\nTEL;TYPE=cell:+1 555 {n:07d}\r\nBDAY:19{rng.randint(50, 99)}-0"
            f"{rng.randint(1, 9)}-1{rng.randint(0, 9)}\r\nCATEGORIES:friends,"
            f"{rng.choice(['climbing', 'choir', 'work'])}\r\nNOTE:met at {rng.choice(LAST)}'s"
            "\r\nEND:VCARD\r\n")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(cards))


def people_dataset(count: int = 10_000) -> Path:
    """10k people with varied names (syllables), 3% near-duplicates and 2% shared emails,
    for the duplicates benchmark (the history generator repeats a few hundred names)."""
    from kith.core.model import Person
    from kith.persistence.store import Store

    home = Path(__file__).parent / "data" / "people-10k"
    if (home / "kith.json").exists():
        return home
    rng = random.Random(5)
    syllables = ["ka", "lo", "mi", "ra", "ten", "bor", "vel", "an", "is", "su", "dre", "ko",
                 "nar", "pel", "ti", "gu", "sha", "wen", "yor", "zel"]

    def word() -> str:
        return "".join(rng.choice(syllables) for _ in range(rng.randint(2, 3))).title()

    store = Store(home)
    with store.transaction():
        made = []
        for n in range(count):
            if made and rng.random() < 0.03:
                base = rng.choice(made)
                name = base.name.lower() if rng.random() < 0.5 else base.name + "s"
            else:
                name = f"{rng.choice(FIRST)} {word()}"
            email = (rng.choice(made).handles.get("email", ["x@y.z"])[0] if made and
                     rng.random() < 0.02 else f"p{n}@example.org")
            made.append(store.save_person(Person.create(name, handles={"email": [email]})))
    return home


def timed(args: list[str], env: dict[str, str], runs: int, fresh: bool = False) -> float:
    samples = []
    for _ in range(runs):
        home = None
        if fresh:
            home = Path(tempfile.mkdtemp(prefix="kith-bench-")) / "db"
            env = {**env, "KITH_HOME": str(home)}
        started = time.perf_counter()
        subprocess.run(args, env=env, check=True, stdout=subprocess.DEVNULL)
        samples.append(time.perf_counter() - started)
        if home:
            shutil.rmtree(home.parent, ignore_errors=True)
    return statistics.median(samples)


def main() -> None:
    if not VCARDS.exists():
        write_vcards(VCARDS)
    env = {**os.environ, "KITH_CONFIG": "/nonexistent.toml"}
    imported = timed([KITH, "import", "vcard", str(VCARDS), "--create-network", "friends"],
                     env, 3, fresh=True)
    print(f"import 10k vCards (one file)               {imported:6.2f} s    target <= 3 s")
    home = dataset(100_000)
    history_env = {**env, "KITH_HOME": str(home)}
    remind = timed([KITH, "remind", "--json"], history_env, 5)
    print(f"kith remind, 10k people, 100k interactions {remind * 1000:6.0f} ms   "
          "target <= 300 ms")
    people_home = people_dataset()
    dupes = timed([KITH, "person", "duplicates", "--json"],
                  {**env, "KITH_HOME": str(people_home)}, 3)
    print(f"kith person duplicates, 10k people         {dupes:6.2f} s    target <= 2 s")


if __name__ == "__main__":
    main()
