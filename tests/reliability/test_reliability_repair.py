"""``kith doctor --repair`` against hand-made damage: it must never drop a readable record.

Each case builds the same database (a backup taken halfway, records added after it),
damages it one way, runs ``kith doctor --repair`` and checks that the database is
healthy and holds every record that could still be read: every record of an intact
file, every record of a damaged file that lies wholly before the damage, and every
record of the backup. Everything moved aside must be in the listed quarantine folder.
Then ``doctor --repair`` runs while four processes write, and no acknowledged write
may be lost.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
import pytest

from kith.core.ids import new_id
from kith.core.model import Interaction, Network, Opportunity, Person, Value
from kith.persistence.store import Store
from kith.reliability import doctor
from tests.figures import count

FULL = os.environ.get("KITH_FULL_TESTS") == "1"
ROOT = Path(__file__).resolve().parents[2]
REPAIR_WRITERS, REPAIR_WRITES = (4, 100) if FULL else (4, 12)


def at(month: int, day: int) -> datetime:
    return datetime(2024, month, day, 12, tzinfo=UTC)


def build(home: Path) -> Store:
    """Networks, people (one merged away), 30 interactions over three months and an
    opportunity; a backup; then a person, 12 interactions and an opportunity more."""
    store = Store(home)
    with store.transaction():
        store.add_network(Network.create("Club"))
        store.add_network(Network.create("Work"))
        ids = {}
        for name in ("Ann", "Bea", "Cy", "Dee"):
            ids[name] = store.add_person(Person.create(name, id=name.lower())).id
        for n in range(30):
            store.record(Interaction.create(
                id=new_id(at(3 + n % 3, 1 + n), seed=f"before-{n}"),
                when=at(3 + n % 3, 1 + n), network=("club", "work")[n % 2],
                people=[("ann", "bea", "cy")[n % 3]], direction="gave", kind="help",
                note=f"before-{n}"))
        store.save_opportunity(Opportunity.create(person="bea", type="need", text="a flat",
                                                  when=at(4, 2), id="o1"))
    store.merge_people("cy", "dee")
    doctor.make_backup(store, "test")
    with store.transaction():
        store.add_person(Person.create("Eve", id="eve"))
        for n in range(12):
            store.record(Interaction.create(
                id=new_id(at(5 + n % 2, 1 + n), seed=f"after-{n}"),
                when=at(5 + n % 2, 1 + n), network="club", people=["eve", "ann"],
                direction="received", kind="advice", note=f"after-{n}",
                value=Value(money=100 * (n + 1))))
        store.save_opportunity(Opportunity.create(person="eve", type="offer", text="a desk",
                                                  when=at(5, 3), id="o2"))
    return store


def records(home: Path, *, files: list[Path] | None = None) -> set[tuple[str, str]]:
    """(table, id) of every record in the live files, read as plain JSON."""
    found = set()
    for path in files or sorted(home.glob("*.json")) + sorted(home.glob("interactions/*.json")):
        for table, docs in orjson.loads(path.read_bytes()).items():
            if table in ("people", "networks", "opportunities", "interactions"):
                found |= {(table, ident) for ident in docs}
    return found


def backup_records(home: Path) -> set[tuple[str, str]]:
    folder = doctor.backups(home)[-1]
    return records(folder, files=[folder / "kith.json",
                                  *sorted((folder / "interactions").glob("*.json"))])


def whole_before(raw: bytes, cut: int) -> set[tuple[str, str]]:
    """Records of a kith file whose bytes lie wholly before offset ``cut``."""
    kept = set()
    for table, docs in orjson.loads(raw).items():
        for ident, doc in docs.items():
            end = raw.find(orjson.dumps(ident) + b":" + orjson.dumps(doc))
            if end >= 0 and end + len(orjson.dumps(doc)) + len(ident) + 3 <= cut:
                kept.add((table, ident))
    return kept


def month(home: Path, name: str) -> Path:
    return home / "interactions" / f"{name}.json"


def edit_json(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))


# Each damage returns the records that are no longer readable anywhere but in the backup
# (the test then expects: every other record, plus every backup record).

def every_record(raw: bytes) -> set[tuple[str, str]]:
    return {(t, i) for t, docs in orjson.loads(raw).items() for i in docs
            if t in ("people", "networks", "opportunities", "interactions")}


def truncate(path: Path, cut: int | None = None) -> set[tuple[str, str]]:
    raw = path.read_bytes()
    cut = len(raw) // 2 if cut is None else cut
    path.write_bytes(raw[:cut])
    return every_record(raw) - whole_before(raw, cut)


def overwrite(path: Path, payload: bytes) -> set[tuple[str, str]]:
    raw = path.read_bytes()
    path.write_bytes(payload)
    return every_record(raw)


def _dup(home: Path) -> set[tuple[str, str]]:
    source = json.loads(month(home, "2024-03").read_text())["interactions"]
    ident, doc = next(iter(source.items()))
    edit_json(month(home, "2024-04"), lambda d: d["interactions"].update({ident: doc}))
    return set()


def _misfiled(home: Path) -> set[tuple[str, str]]:
    data = json.loads(month(home, "2024-03").read_text())
    ident, doc = data["interactions"].popitem()
    month(home, "2024-03").write_text(json.dumps(data))
    edit_json(month(home, "2024-05"), lambda d: d["interactions"].update({ident: doc}))
    return set()


def _conflict_copy(home: Path) -> set[tuple[str, str]]:
    data = json.loads(month(home, "2024-05").read_text())
    ident, doc = data["interactions"].popitem()  # only the conflict copy holds it now
    month(home, "2024-05").write_text(json.dumps(data))
    copy = json.loads(month(home, "2024-05").read_text())
    copy["interactions"][ident] = doc
    (home / "interactions" / "2024-05 (conflicted copy).json").write_text(json.dumps(copy))
    return set()


def _main_conflict_copy(home: Path) -> set[tuple[str, str]]:
    data = json.loads((home / "kith.json").read_text())
    fay = Person.create("Fay", id="fay").to_dict()
    data["people"]["fay"] = fay
    (home / "kith (conflicted copy 2024-05-02).json").write_text(json.dumps(data))
    return set()


def _drop(table: str, ident: str) -> Callable[[Path], set[tuple[str, str]]]:
    def damage(home: Path) -> set[tuple[str, str]]:
        edit_json(home / "kith.json", lambda d: d[table].pop(ident))
        return set()

    return damage


def _unknown_owner(home: Path) -> set[tuple[str, str]]:
    def change(data: dict[str, Any]) -> None:
        opportunity = next(o for o in data["opportunities"].values() if o["person"] == "eve")
        opportunity["person"] = "zed"
    edit_json(home / "kith.json", change)
    return set()


def _unknown_person_in_interaction(home: Path) -> set[tuple[str, str]]:
    def change(data: dict[str, Any]) -> None:
        next(iter(data["interactions"].values()))["people"] = ["ghost"]
    edit_json(month(home, "2024-06"), change)
    return set()


def _absorbed_reference(home: Path) -> set[tuple[str, str]]:
    def change(data: dict[str, Any]) -> None:
        next(iter(data["interactions"].values()))["people"] = ["dee"]
    edit_json(month(home, "2024-04"), change)
    return set()


def _nameless(ident: str) -> Callable[[Path], set[tuple[str, str]]]:
    def damage(home: Path) -> set[tuple[str, str]]:
        edit_json(home / "kith.json", lambda d: d["people"][ident].pop("name"))
        return set()

    return damage


def _no_schema(home: Path) -> set[tuple[str, str]]:
    edit_json(home / "kith.json", lambda d: d.pop("_meta"))
    return set()


def _interrupted_commit(home: Path) -> set[tuple[str, str]]:
    """A commit killed after its journal: the next open must roll it forward."""
    data = json.loads(month(home, "2024-06").read_text())
    _, doc = next(iter(data["interactions"].items()))
    doc["note"] = "rolled forward"
    temp = home / "interactions" / "2024-06.json.999.tmp"
    temp.write_text(json.dumps(data))
    (home / "derived" / "networks.json").write_text('{"networks": {}}')  # stale
    (home / ".journal").write_text(json.dumps([["interactions/2024-06.json.999.tmp",
                                                "interactions/2024-06.json"]]))
    return set()


def _wrong_id(home: Path) -> set[tuple[str, str]]:
    edit_json(home / "kith.json", lambda d: d["people"]["bea"].update({"id": "b"}))
    return set()


DAMAGE: dict[str, Callable[[Path], set[tuple[str, str]]]] = {
    "garbage derived/networks.json":
        lambda h: overwrite(h / "derived" / "networks.json", b"\x00\xff garbage") and set(),
    "empty derived/networks.json":
        lambda h: overwrite(h / "derived" / "networks.json", b"") and set(),
    "garbage derived people shard":
        lambda h: overwrite(sorted((h / "derived").glob("people-*.json"))[0], b"{]") and set(),
    "deleted derived/networks.json":
        lambda h: (h / "derived" / "networks.json").unlink() or set(),
    "garbage conversation index":
        lambda h: overwrite(h / "derived" / "conversations" / "club.json", b"{{") and set(),
    "conversation index deleted":
        lambda h: (h / "derived" / "conversations" / "club.json").unlink() or set(),
    "drifted totals": lambda h: edit_json(
        h / "derived" / "networks.json",
        lambda d: d["networks"]["club"]["months"]["2024-05"]["received"].__setitem__(0, 99))
        or set(),
    "truncated month file (after the backup)": lambda h: truncate(month(h, "2024-05")),
    "truncated month file (only after the backup)": lambda h: truncate(month(h, "2024-06")),
    "month file cut by one byte": lambda h: truncate(
        month(h, "2024-04"), len(month(h, "2024-04").read_bytes()) - 1),
    "garbage month file": lambda h: overwrite(month(h, "2024-03"), b"PK\x03\x04\x00\xff"),
    "emptied month file": lambda h: overwrite(month(h, "2024-05"), b""),
    "month file that is a list": lambda h: overwrite(month(h, "2024-04"), b"[]"),
    "month file with a table that is not a table":
        lambda h: overwrite(month(h, "2024-04"), b'{"interactions": 5}'),
    "truncated kith.json": lambda h: truncate(h / "kith.json"),
    "garbage kith.json": lambda h: overwrite(h / "kith.json", b"\xff\xfe not json"),
    "duplicate interaction id": _dup,
    "interaction in the wrong month file": _misfiled,
    "sync-conflict copy of a month file": _conflict_copy,
    "sync-conflict copy of kith.json": _main_conflict_copy,
    "sync-conflict copy of a derived file": lambda h: (
        h / "derived" / "networks.sync-conflict-20240502-120000-ABCDEFG.json").write_bytes(
        (h / "derived" / "networks.json").read_bytes()) and set(),
    "opportunity owner deleted (in the backup)": _drop("people", "bea"),
    "opportunity owner unknown to every backup": _unknown_owner,
    "network deleted under its interactions": _drop("networks", "work"),
    "interaction naming an unknown person": _unknown_person_in_interaction,
    "interaction naming a merged-away person": _absorbed_reference,
    "person without a name (in the backup)": _nameless("ann"),
    "person without a name (after the backup)": _nameless("eve"),
    "no schema record": _no_schema,
    "schema version 0": lambda h: edit_json(
        h / "kith.json", lambda d: d["_meta"]["schema"].update({"version": 0})) or set(),
    "schema version -1": lambda h: edit_json(
        h / "kith.json", lambda d: d["_meta"]["schema"].update({"version": -1})) or set(),
    "commit interrupted after its journal": _interrupted_commit,
    "record filed under another id": _wrong_id,
}


@pytest.mark.parametrize("kind", list(DAMAGE))
def test_repair_keeps_every_readable_record(kind: str, kith_home: Path,
                                            ok: Callable[..., Any],
                                            run: Callable[..., Any]) -> None:
    build(kith_home)
    before = records(kith_home)
    in_backup = backup_records(kith_home)
    unreadable = DAMAGE[kind](kith_home)
    if kind != "commit interrupted after its journal":
        checked = run("doctor")
        assert checked.exit_code == 2 and "Traceback" not in checked.stderr, checked.output
    repaired = json.loads(ok("doctor", "--repair", "--json").stdout)
    assert repaired["healthy"], repaired
    after = records(kith_home)
    lost = ((before - unreadable) | in_backup) - after
    assert not lost, (kind, sorted(lost)[:5])
    if repaired["quarantine"]:
        kept = Path(repaired["quarantine"])
        assert kept.is_dir() and (kept / "README.txt").exists()
        assert str(kept).startswith(str(kith_home / "quarantine"))
    assert run("doctor").exit_code == 0
    Store(kith_home, create=False).recompute_derived()
    count("damage kinds repaired with 0 readable records lost")
    count("records checked after repairs", len(after))


def test_damage_kinds_are_at_least_twenty() -> None:
    assert len(DAMAGE) >= 20


def test_writes_are_refused_while_a_data_file_is_damaged(kith_home: Path,
                                                         fails: Callable[..., Any],
                                                         ok: Callable[..., Any]) -> None:
    build(kith_home)
    month(kith_home, "2024-03").write_bytes(month(kith_home, "2024-03").read_bytes()[:50])
    # a write to another month would otherwise bury the damage under new records
    fails("log", "Club", "--with", "Ann", "--gave", "--on", "2024-06-20",
          match="doctor --repair")
    (kith_home / "interactions" / "2024-03.json").write_bytes(b"")
    fails("person", "add", "Zoe", match="2024-03.json is damaged")
    ok("doctor", "--repair")
    ok("log", "Club", "--with", "Ann", "--gave", "--on", "2024-06-20")
    (kith_home / "interactions" / "2024-05 (conflicted copy).json").write_text("{}")
    fails("log", "Club", "--with", "Ann", "--gave", match="sync-conflict copy")
    ok("doctor", "--repair")
    # a file kith does not know (a newer kith's, a plugin's) is not damage
    (kith_home / "sync-state.json").write_text('{"peers": {}}')
    (kith_home / "derived" / "initiative.json").write_text('{"rows": {}}')
    ok("log", "Club", "--with", "Ann", "--gave")
    ok("doctor")


WRITER = """
import sys
import time
from datetime import datetime, timezone
from kith.core.errors import StoreError
from kith.core.model import Interaction
from kith.persistence.store import Store

home, tag, total = sys.argv[1], sys.argv[2], int(sys.argv[3])
store = Store(home, create=False)
for n in range(total):
    try:
        store.record(Interaction.create(
            when=datetime(2024, 1 + n % 12, 1 + n % 28, tzinfo=timezone.utc), network="club",
            people=["ann"], direction="gave", kind="help", note=f"{tag}-{n}"))
    except StoreError as error:
        print(f"refused {tag}-{n}: {error}", flush=True)
        continue
    print(f"ack {tag}-{n}", flush=True)
    time.sleep(0.05)  # spread the writes over several repairs
"""


def test_repair_during_four_writers_loses_no_acknowledged_write(kith_home: Path) -> None:
    from kith.persistence.files import FileSet

    build(kith_home)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(kith_home), f"w{n}",
                                 str(REPAIR_WRITES)], stdout=subprocess.PIPE, env=env)
               for n in range(REPAIR_WRITERS)]
    repairs = 0
    while any(w.poll() is None for w in writers) or repairs < 3:
        with FileSet(kith_home).locked():  # something to repair each time: stale totals
            (kith_home / "derived" / "networks.json").write_text('{"networks": {}}')
        result = subprocess.run([sys.executable, "-m", "kith", "--db", str(kith_home), "doctor",
                                 "--repair"], capture_output=True, env=env, timeout=120)
        assert b"Traceback" not in result.stderr, result.stderr.decode()
        assert result.returncode == 0, result.stderr.decode()
        repairs += 1
        time.sleep(0.05)
    acknowledged = set()
    for writer in writers:
        lines = writer.communicate()[0].decode().splitlines()
        acknowledged |= {line.split()[1] for line in lines if line.startswith("ack ")}
    notes = {i.note for i in Store(kith_home, create=False).interactions()}
    lost = {a for a in acknowledged if a not in notes}
    assert not lost, sorted(lost)[:5]
    assert doctor.check(kith_home) == []
    count("writes acknowledged during doctor --repair", len(acknowledged))
    count("acknowledged writes lost during doctor --repair", len(lost))
    count("doctor --repair runs during writes", repairs)


BACKUPS = """
import sys
from kith.reliability import doctor
from kith.persistence.store import Store

store = Store(sys.argv[1], create=False)
for n in range(int(sys.argv[2])):
    doctor.make_backup(store, f"rotation-{n}")
"""


def test_plain_doctor_during_writes_reports_no_false_damage(kith_home: Path) -> None:
    build(kith_home)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(kith_home), f"w{n}",
                                 str(REPAIR_WRITES)], stdout=subprocess.PIPE, env=env)
               for n in range(2)]
    writers.append(subprocess.Popen(  # backups rotating meanwhile
        [sys.executable, "-c", BACKUPS, str(kith_home), str(REPAIR_WRITES // 2)],
        stdout=subprocess.PIPE, env=env))
    checks = 0
    while any(w.poll() is None for w in writers) or checks < 3:
        problems = doctor.check(kith_home)
        assert problems == [], problems
        doctor.backups(kith_home)
        checks += 1
    for writer in writers:
        writer.communicate()
    count("doctor checks during writes (0 false damage)", checks)


RANDOM_DAMAGE = 200 if FULL else 8


def test_random_damage_is_repaired_without_losing_what_precedes_it(tmp_path: Path) -> None:
    """Cut, overwrite, delete or append bytes at random places of random files: repair
    never crashes, ends healthy, and keeps every record wholly before the first damaged
    byte, every record of the other files and every record of the backup."""
    import random

    template = tmp_path / "template"
    build(template)
    generator = random.Random(14)
    for case in range(RANDOM_DAMAGE):
        home = tmp_path / f"case{case}"
        shutil.copytree(template, home)
        before = records(home)
        in_backup = backup_records(home)
        candidates = [home / "kith.json", *sorted((home / "interactions").glob("*.json")),
                      *sorted((home / "derived").glob("*.json"))]
        path = generator.choice(candidates)
        raw = path.read_bytes()
        offset = generator.randrange(len(raw))
        how = generator.choice(["cut", "overwrite", "delete", "append"])
        if how == "cut":
            damaged = raw[:offset]
        elif how == "overwrite":
            damaged = raw[:offset] + bytes(generator.randrange(256) for _ in range(4)) + \
                raw[offset + 4:]
        elif how == "delete":
            damaged = raw[:offset] + raw[offset + generator.randrange(1, 40):]
        else:
            offset = len(raw)
            damaged = raw + b"\x00garbage"
        path.write_bytes(damaged)
        gone = every_record(raw) - whole_before(raw, offset)
        result = doctor.repair(home)
        assert doctor.check(home) == [], (case, how, path.name, offset, str(result))
        lost = ((before - gone) | in_backup) - records(home)
        assert not lost, (case, how, path.name, offset, sorted(lost)[:3])
        count("random damage cases repaired (0 readable records lost)")
        shutil.rmtree(home)
