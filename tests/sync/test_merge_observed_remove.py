"""Sets merge as observed-remove sets: an add the remover had not seen survives the
removal, and an add made after seeing a removal wins it, whatever the clocks say.

Checked on random operations of two and three devices whose clocks are skewed (one a
day behind, one an hour ahead...), with syncs at random points: each device writes
through the store's own stamping (``kith.persistence.stamps.stamp``) and syncs with the
merge's own join (``kith.sync.merge.join_docs``). Ground truth beside the devices: every
add is an operation, a device knows its own operations and those of every device it
synced with, and a removal knows what its device knew. At the end (everyone synced with
everyone) every device holds the same record, and an element is there exactly when one
of its adds was known to no removal of it: no add lost, nothing removed comes back.

And once between real databases: device c, a day behind, adds a tag after (in real
time) device a removed it, without having seen the removal: the tag stays on both.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from kith.core import clock
from kith.core.model import Person
from kith.persistence import stamps
from kith.persistence.store import Store
from kith.sync.load import load_folder
from kith.sync.merge import join_docs
from kith.sync.write import merge_into

ELEMENTS = ("x", "y", "z")
SKEWS = st.sampled_from([0.0, -86_400.0, -3_600.0, 3_600.0, -1.0])


@dataclass
class World:
    """Devices holding a version of one person's record, and the truth beside them."""

    skews: list[float]
    docs: list[dict[str, Any]] = field(default_factory=list)
    last: list[list[Any]] = field(default_factory=list)
    known: list[set[int]] = field(default_factory=list)
    adds: list[tuple[int, str, str]] = field(default_factory=list)  # op, list, element
    removes: list[tuple[str, str, set[int]]] = field(default_factory=list)
    counter: int = 0

    def play(self, device: int) -> Path:
        """Device ``device``'s clock and stamp clock (one process plays them all)."""
        clock.set_skew(self.skews[device])
        stamps._last[:] = self.last[device]
        home = Path(f"/nonexistent/device-{device}")
        stamps._devices[home] = f"{device + 10:016x}"
        return home

    def write(self, device: int, values: dict[str, Any]) -> None:
        home = self.play(device)
        self.docs[device] = stamps.stamp(home, self.docs[device], values)
        self.last[device] = list(stamps._last)

    def op(self, device: int) -> int:
        self.counter += 1
        self.known[device].add(self.counter)
        return self.counter


def _elements(doc: dict[str, Any], where: str) -> list[str]:
    if where == "tags":
        return list(doc.get("tags", []))
    return list(doc.get("handles", {}).get("email", []))


def _with(doc: dict[str, Any], where: str, elements: list[str]) -> dict[str, Any]:
    values = {k: v for k, v in doc.items() if k not in stamps.STAMP_KEYS}
    if where == "tags":
        values["tags"] = elements
    else:
        values["handles"] = {**values.get("handles", {}), "email": elements}
    return values


def _act(world: World, step: tuple[str, int, int, str, str]) -> None:
    what, device, other, where, element = step
    if what == "sync":
        if device == other:
            return
        joined = join_docs(world.docs[device], world.docs[other])
        assert joined == join_docs(world.docs[other], world.docs[device])
        world.docs[device] = world.docs[other] = joined
        union = world.known[device] | world.known[other]
        world.known[device], world.known[other] = set(union), set(union)
        return
    held = _elements(world.docs[device], where)
    if what == "add" and element not in held:
        world.write(device, _with(world.docs[device], where, [*held, element]))
        world.adds.append((world.op(device), where, element))
    elif what == "remove" and element in held:
        world.write(device, _with(world.docs[device], where,
                                  [e for e in held if e != element]))
        world.op(device)
        world.removes.append((where, element, set(world.known[device])))


STEPS = st.tuples(st.sampled_from(["add", "add", "remove", "sync"]),
                  st.integers(0, 2), st.integers(0, 2),
                  st.sampled_from(["tags", "email"]), st.sampled_from(ELEMENTS))


@pytest.fixture(autouse=True)
def _clock_back() -> Any:
    yield
    clock.set_skew(0)
    stamps._last[:] = [0, ""]


@settings(max_examples=500, deadline=None)
@example(2, [0.0, -86_400.0, 0.0],  # a adds x and removes it; b, a day behind, adds x
         [("add", 0, 0, "tags", "x"), ("remove", 0, 0, "tags", "x"),
          ("add", 1, 0, "tags", "x")])
@example(3, [0.0, 0.0, -86_400.0],  # a and c add x; a merges c's add, then removes x
         [("add", 0, 0, "tags", "x"), ("add", 2, 0, "tags", "x"), ("sync", 0, 1, "tags", "x"),
          ("sync", 0, 2, "tags", "x"), ("remove", 0, 0, "tags", "x")])
@given(st.integers(2, 3), st.lists(SKEWS, min_size=3, max_size=3),
       st.lists(STEPS, max_size=40))
def test_adds_win_over_removals_that_did_not_see_them(
        devices: int, skews: list[float], steps: list[tuple[str, int, int, str, str]]
) -> None:
    world = World(skews=skews, last=[[0, ""] for _ in range(devices)])
    world.play(0)
    first = stamps.stamp(Path("/nonexistent/device-0"), None,
                         {"id": "p1", "name": "Ann", "tags": [], "handles": {}})
    for _ in range(devices):
        world.docs.append(first)
        world.known.append(set())
    for step in steps:
        what, device, other, where, element = step
        _act(world, (what, device % devices, other % devices, where, element))
    for _ in range(2):  # everyone syncs with everyone
        for a in range(devices):
            for b in range(a + 1, devices):
                _act(world, ("sync", a, b, "tags", "x"))
    final = world.docs[0]
    assert all(doc == final for doc in world.docs)
    for where in ("tags", "email"):
        for element in ELEMENTS:
            adds = [op for op, w, e in world.adds if (w, e) == (where, element)]
            unseen = [op for op in adds if not any(
                (w, e) == (where, element) and op in knew for w, e, knew in world.removes)]
            assert (element in _elements(final, where)) == bool(unseen), (
                where, element, adds, world.removes)


# between real databases -----------------------------------------------------------------
@pytest.fixture
def _config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KITH_CONFIG", str(tmp_path / "config.toml"))


def _tags(home: Path, ident: str) -> list[str]:
    return list(load_folder(home).tables["people"][ident].get("tags", []))


@pytest.mark.usefixtures("_config")
def test_an_add_a_day_behind_after_an_unseen_removal_stays(tmp_path: Path) -> None:
    a, c = tmp_path / "a", tmp_path / "c"
    clock.set_skew(0)
    ann = Store(a).add_person(Person.create("Ann", tags=("close",))).id
    shutil.copytree(a, c)
    (c / ".device").unlink()
    stamps.forget_device(c)
    store_a, store_c = Store(a), Store(c)
    found = store_a.get_person(ann)
    assert found is not None
    store_a.save_person(found.with_changes(tags=("close", "donor")))  # a adds donor
    found = store_a.get_person(ann)
    assert found is not None
    store_a.save_person(found.with_changes(tags=("close",)))  # ... and removes it
    clock.set_skew(-86_400)  # c, a day behind, adds donor later, not having seen any of it
    stamps._last[:] = [0, ""]
    found = store_c.get_person(ann)
    assert found is not None
    store_c.save_person(found.with_changes(tags=("close", "donor")))
    merge_into(store_a, load_folder(c), where="c")
    merge_into(store_c, load_folder(a), where="a")
    assert "donor" in _tags(a, ann) and "donor" in _tags(c, ann)
    # and a removal on c after seeing both adds removes it everywhere
    found = store_c.get_person(ann)
    assert found is not None
    store_c.save_person(found.with_changes(tags=("close",)))
    clock.set_skew(0)
    merge_into(store_a, load_folder(c), where="c")
    assert _tags(a, ann) == ["close"] == _tags(c, ann)


def test_removals_outlive_their_list(tmp_path: Path) -> None:
    """The last phone removed takes its kind with it (and tags set to nothing); a phone
    and a tag added later do not bring the removed ones back from a device that still
    holds them, in either order of the join, and an old copy changes nothing."""
    first = stamps.stamp(tmp_path, None, {"id": "r", "handles": {"phone": ["x"]},
                                          "tags": ["p"]})
    emptied = stamps.stamp(tmp_path, first, {"id": "r", "handles": {}, "tags": None})
    again = stamps.stamp(tmp_path, emptied, {"id": "r", "handles": {"phone": ["y"]},
                                             "tags": ["q"]})
    for merged in (join_docs(first, again), join_docs(again, first),
                   join_docs(join_docs(first, emptied), again)):
        assert merged["handles"] == {"phone": ["y"]} and merged["tags"] == ["q"]
        assert join_docs(merged, first) == merged
