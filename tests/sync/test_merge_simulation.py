"""Three devices, random operations, syncs at random points, one clock a day behind
(issue 26's "Done when"): all devices end identical, no acknowledged add is lost, no
deletion comes back, every scalar dropped by a concurrent edit is listed as a conflict,
and doctor is clean. The quick profile runs 3 x 40 operations; ``KITH_FULL_TESTS=1``
runs 3 x 300. Figures are printed (``pytest -s`` shows them).

Ground truth is kept beside the devices: every operation has an id; a device *knows*
the operations it made and those of every device it synced with (a sync here is
``kith merge`` both ways, so both sides end knowing the union). An add is lost if its
element is missing at the end although no removal that knew it was made; a scalar is
dropped by a concurrent edit if it is not the final value and no later write knew it.
"""

from __future__ import annotations

import os
import random
import shutil
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from kith.core import clock
from kith.core.model import Interaction, Network, Person, Value
from kith.persistence import stamps
from kith.persistence.store import Store
from kith.reliability import doctor
from kith.sync import conflicts as kept_conflicts
from kith.sync.load import load_folder
from kith.sync.merge import collecting
from kith.sync.write import merge_into
from tests.synchelp import data_of

FULL = os.environ.get("KITH_FULL_TESTS") == "1"
OPERATIONS = 300 if FULL else 40
TAGS = ("close", "choir", "client", "donor", "python", "tennis")
SKEW = {"a": 0.0, "b": 0.0, "c": -86_400.0}  # c's clock is a day behind


@dataclass
class Truth:
    known: dict[str, set[int]] = field(default_factory=dict)
    adds: list[tuple[int, str, str, str, str]] = field(default_factory=list)
    removes: list[tuple[str, str, str, str, set[int]]] = field(default_factory=list)
    writes: list[tuple[int, str, str, tuple[str, ...], Any]] = field(default_factory=list)
    later: dict[int, set[int]] = field(default_factory=dict)  # write -> writes that knew it
    deleted: set[str] = field(default_factory=set)
    syncs: int = 0
    counter: int = 0

    def op(self, device: str) -> int:
        self.counter += 1
        self.known.setdefault(device, set()).add(self.counter)
        return self.counter


def as_device(name: str) -> None:
    """Play device ``name``: its clock, and a stamp clock of its own (one process plays
    three devices; each real device remembers only its own last stamp)."""
    clock.set_skew(SKEW[name])
    stamps._last[:] = [0, ""]


def seed(home: Path) -> dict[str, Any]:
    store = Store(home)
    store.add_network(Network.create("Club", kind="association"))
    people = [store.add_person(Person.create(name, networks={"club": None},
                                             tags=("close",))).id
              for name in ("Ann", "Bob", "Cid", "Dee", "Eve")]
    for index in range(4):
        store.record(Interaction.create(
            when=datetime(2024, 1, 1 + index, 12, tzinfo=UTC), network="club",
            people=(people[index],), direction="gave", kind="help",
            value=Value(minutes=10), source=f"seed:{index}"))
    return {"people": people}


def act(rng: random.Random, name: str, store: Store, truth: Truth, people: list[str]) -> None:
    as_device(name)
    roll = rng.random()
    who = rng.choice(people)
    person = store.get_person(who)
    assert person is not None
    interactions = sorted(store.interactions(), key=lambda i: i.id)
    if roll < 0.25:
        tag = rng.choice(TAGS)
        if tag not in person.tags:
            store.save_person(person.with_changes(tags=(*person.tags, tag)))
            truth.adds.append((truth.op(name), name, "people", who, f"tag:{tag}"))
        else:
            store.save_person(person.with_changes(tags=tuple(t for t in person.tags
                                                              if t != tag)))
            truth.op(name)
            truth.removes.append((name, "people", who, f"tag:{tag}",
                                  set(truth.known[name])))
    elif roll < 0.35:
        email = f"{who[-4:]}.{rng.randrange(4)}@example.org"
        if email not in person.handles.get("email", []):
            emails = [*person.handles.get("email", []), email]
            store.save_person(person.with_changes(handles={**person.handles,
                                                           "email": emails}))
            truth.adds.append((truth.op(name), name, "people", who, f"email:{email}"))
    elif roll < 0.5:
        value = f"{rng.randint(1950, 2000)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"
        _write(truth, name, "people", who, ("birthday",), value)
        store.save_person(person.with_changes(birthday=value))
    elif roll < 0.65 and interactions:
        chosen = rng.choice(interactions)
        part = rng.choice(("money", "minutes", "note"))
        if part == "note":
            text = f"note {rng.randrange(1000)} from {name}"
            _write(truth, name, "interactions", chosen.id, ("note",), text)
            store.replace_interaction(chosen.with_changes(note=text))
        else:
            amount = rng.randrange(1, 500)
            value = Value(money=amount if part == "money" else chosen.value.money,
                          minutes=amount if part == "minutes" else chosen.value.minutes,
                          favours=chosen.value.favours, fun=chosen.value.fun)
            _write(truth, name, "interactions", chosen.id, ("value", part), amount)
            store.replace_interaction(chosen.with_changes(value=value))
    elif roll < 0.8:
        with_people = tuple(rng.sample(people, rng.randrange(0, 3)))
        made = store.record(Interaction.create(
            when=datetime(2024, 2, 1, tzinfo=UTC) + timedelta(hours=rng.randrange(5000)),
            network="club", people=with_people, direction=rng.choice(("gave", "received")),
            kind="help", value=Value(minutes=rng.randrange(1, 90))))
        op = truth.op(name)
        for person_id in with_people:
            truth.adds.append((op, name, "interactions", made.id, f"person:{person_id}"))
    elif interactions:
        chosen = rng.choice(interactions)
        store.delete_interaction(chosen.id)
        truth.op(name)
        truth.deleted.add(chosen.id)


def _write(truth: Truth, device: str, table: str, record: str, path: tuple[str, ...],
           value: Any) -> None:
    known = set(truth.known.get(device, ()))
    op = truth.op(device)
    for earlier, _, t, r, p, _v in [(w[0], None, *w[1:]) for w in truth.writes]:
        if (t, r, p) == (table, record, path) and earlier in known:
            truth.later.setdefault(earlier, set()).add(op)
    truth.writes.append((op, table, record, path, value))


def sync(homes: dict[str, Path], stores: dict[str, Store], first: str, second: str,
         truth: Truth) -> None:
    for here, there in ((first, second), (second, first)):
        as_device(here)
        with collecting() as found:
            merge_into(stores[here], load_folder(homes[there]), where=there)
        kept_conflicts.keep(homes[here], found)
    union = truth.known.setdefault(first, set()) | truth.known.setdefault(second, set())
    truth.known[first], truth.known[second] = set(union), set(union)
    truth.syncs += 1


def content(home: Path) -> dict[str, Any]:
    return {name: data for name, data in data_of(home).items()
            if name != kept_conflicts.FILE}


def final_value(home: Path, table: str, record: str, path: tuple[str, ...]) -> Any:
    from kith.persistence.elements import value_at

    state = load_folder(home)
    doc = state.tables.get(table, {}).get(record)
    return value_at(doc, path)[1] if doc is not None else None


def has_element(home: Path, table: str, record: str, element: str) -> bool | None:
    doc = load_folder(home).tables.get(table, {}).get(record)
    if doc is None:
        return None
    what, _, value = element.partition(":")
    if what == "tag":
        return value in doc.get("tags", [])
    if what == "email":
        return value in doc.get("handles", {}).get("email", [])
    return value in doc.get("people", [])


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KITH_CONFIG", str(tmp_path / "config.toml"))
    yield
    clock.set_skew(0)
    stamps._last[:] = [0, ""]


@pytest.mark.parametrize("seed_value", [3] if not FULL else [3, 11, 29])
def test_three_devices_converge_and_lose_nothing(tmp_path: Path, seed_value: int) -> None:
    rng = random.Random(seed_value)
    homes = {"a": tmp_path / "a"}
    as_device("a")
    people = seed(homes["a"])["people"]
    for name in ("b", "c"):
        homes[name] = tmp_path / name
        shutil.copytree(homes["a"], homes[name])
        (homes[name] / ".device").unlink(missing_ok=True)
        stamps.forget_device(homes[name])
    stores = {name: Store(home) for name, home in homes.items()}
    truth = Truth()
    for _ in range(OPERATIONS * 3):
        if rng.random() < 0.15:
            first, second = rng.sample(sorted(homes), 2)
            sync(homes, stores, first, second, truth)
        else:
            name = rng.choice(sorted(homes))
            act(rng, name, stores[name], truth, people)
    for name, day in (("a", "1980-01-01"), ("c", "1981-02-02")):  # a concurrent pair
        as_device(name)
        found = stores[name].get_person(people[0])
        assert found is not None
        _write(truth, name, "people", people[0], ("birthday",), day)
        stores[name].save_person(found.with_changes(birthday=day))
    for _ in range(2):  # everyone syncs with everyone
        for first, second in (("a", "b"), ("b", "c"), ("a", "c")):
            sync(homes, stores, first, second, truth)
    as_device("a")
    reference = content(homes["a"])
    identical = all(content(home) == reference for home in homes.values())
    lost = []
    for op, _device, table, record, element in truth.adds:
        present = has_element(homes["a"], table, record, element)
        if present is False and not any(
                (t, r, e) == (table, record, element) and op in knew
                for _, t, r, e, knew in truth.removes):
            lost.append((table, record, element))
    resurrected = [i for i in truth.deleted
                   if i in load_folder(homes["a"]).tables.get("interactions", {})]
    listed = {(c["table"], c["record"], tuple(c["path"]), repr(c["value"]))
              for home in homes.values() for c in kept_conflicts.load(home).values()}
    dropped = []
    for op, table, record, path, value in truth.writes:
        if op in truth.later or (table == "interactions" and record in truth.deleted):
            continue
        if final_value(homes["a"], table, record, path) != value:
            dropped.append((table, record, path, repr(value)))
    unlisted = [d for d in dropped if d not in listed]
    problems = {name: doctor.check(home) for name, home in homes.items()}
    print(f"\n3 devices x {OPERATIONS} operations (seed {seed_value}), {truth.syncs} syncs, "
          f"device c's clock a day behind: identical {identical}, adds {len(truth.adds)} "
          f"(lost {len(lost)}), deletions {len(truth.deleted)} (resurrected "
          f"{len(resurrected)}), scalar writes {len(truth.writes)} (dropped by a concurrent "
          f"edit {len(dropped)}, listed as conflicts {len(dropped) - len(unlisted)}; "
          f"{len(listed)} conflicts kept in all), "
          f"doctor problems {sum(len(p) for p in problems.values())}")
    assert dropped  # the concurrent pair at the end at least
    assert identical
    assert lost == []
    assert resurrected == []
    assert unlisted == []
    assert all(p == [] for p in problems.values()), problems
