"""Merging is a join: A+B equals B+A, and merging again changes nothing.

Checked twice: on generated records (every shape of stamps, ties and removed fields,
including associativity), and on generated databases that two devices edited with
interleaved sequences of real store operations (people added, edited and merged,
interactions logged, edited, moved across months and deleted, a generic table written
and deleted from), merged both ways through ``kith merge``'s own code on disk.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kith.core.model import Interaction, Network, Person, Value
from kith.persistence.stamps import encode, forget_device
from kith.persistence.store import Store
from kith.reliability import doctor
from kith.sync.load import load_folder
from kith.sync.merge import join, join_docs
from kith.sync.write import merge_into, settle
from tests.conftest import snapshot_db
from tests.synchelp import data_of

# records ------------------------------------------------------------------------------
TIMES = st.sampled_from(["", "2024-01-01T00:00:00.000001Z", "2024-01-01T00:00:00.000002Z",
                         "2025-06-01T10:00:00.000000Z"])
DEVICES = st.sampled_from(["", "aaaa", "bbbb"])
STAMPS = st.tuples(TIMES, DEVICES)
VALUES = st.one_of(st.none(), st.integers(-2, 2), st.sampled_from(["x", "y"]),
                   st.lists(st.sampled_from(["p", "q"]), max_size=2))
FIELDS = st.sampled_from(["name", "notes", "tags", "when"])


@st.composite
def records(draw: Any) -> dict[str, Any]:
    fields = draw(st.dictionaries(FIELDS, st.tuples(VALUES, STAMPS, st.booleans()),
                                  max_size=4))
    values = {"id": "r1", **{k: v for k, (v, _, present) in fields.items() if present}}
    stamps = {k: (s, present) for k, (_, s, present) in fields.items()}
    id_stamp = draw(STAMPS)
    stamps["id"] = (id_stamp, True)
    return encode(values, stamps)


T1, T2, T3 = "2024-01-01T00:00:00.000001Z", "2024-01-01T00:00:00.000002Z", \
    "2025-06-01T10:00:00.000000Z"


def _tags(value: Any, when: str) -> dict[str, Any]:
    return encode({"id": "r1", "tags": value},
                  {"id": ((T1, "aaaa"), True), "tags": ((when, "aaaa"), True)})


@settings(max_examples=2000, deadline=None, database=None)
@given(records(), records(), records())
# the minimal counter-example hypothesis found (a list, a list older, a scalar between
# them): the older list's elements were kept or lost by the order of the joins, until an
# element's dots outlived its list (``kith.persistence.elements``); with kith's own stamps:
@example(_tags([], T3), _tags(["p"], T1), _tags(None, T2))
# and as hypothesis shrank it (stamps of no time, two records without stamps):
@example({"id": "r1", "tags": [], "modified": "", "device": "aaaa", "_base": ["", ""],
          "_fields": {"name": ["", ""], "notes": ["", ""], "tags": ["", "aaaa"]}},
         {"id": "r1", "tags": ["p"]}, {"id": "r1", "tags": None})
def test_record_join_is_a_join(a: dict[str, Any], b: dict[str, Any], c: dict[str, Any]) -> None:
    assert join_docs(a, b) == join_docs(b, a)
    assert join_docs(a, a) == a
    ab = join_docs(a, b)
    assert join_docs(ab, b) == ab and join_docs(ab, a) == ab
    assert join_docs(join_docs(a, b), c) == join_docs(a, join_docs(b, c))


# databases ----------------------------------------------------------------------------
START = datetime(2024, 1, 10, 12, 0, tzinfo=UTC)
OPS = st.one_of(
    st.tuples(st.just("add_person"), st.integers(0, 999)),
    st.tuples(st.just("edit_person"), st.integers(0, 99), st.sampled_from(["notes", "tags",
                                                                           "birthday"]),
              st.integers(0, 3)),
    st.tuples(st.just("merge_people"), st.integers(0, 99), st.integers(0, 99)),
    st.tuples(st.just("log"), st.integers(0, 99), st.integers(0, 90)),
    st.tuples(st.just("edit_interaction"), st.integers(0, 99), st.integers(0, 90)),
    st.tuples(st.just("delete_interaction"), st.integers(0, 99)),
    st.tuples(st.just("put_note"), st.integers(0, 3), st.integers(0, 3)),
    st.tuples(st.just("delete_note"), st.integers(0, 3)),
    st.tuples(st.just("remove_network")),
    st.tuples(st.just("log_tennis"), st.integers(0, 99), st.integers(0, 90)),
)


def apply(store: Store, op: tuple[Any, ...]) -> None:
    people = sorted(store.people_docs())
    interactions = sorted(i.id for i in store.interactions())
    kind = op[0]
    if kind == "add_person":
        store.add_person(Person.create(f"Person {op[1]}", networks={"club": None}))
    elif kind == "edit_person":
        person = store.get_person(people[op[1] % len(people)])
        assert person is not None
        value = {"notes": f"note {op[3]}", "tags": (f"t{op[3]}",),
                 "birthday": f"199{op[3]}-01-01"}[op[2]]
        store.save_person(person.with_changes(**{op[2]: value}))
    elif kind == "merge_people" and len(people) > 2:
        keep, absorb = people[op[1] % len(people)], people[op[2] % len(people)]
        if keep != absorb and "me" not in (keep, absorb):
            store.merge_people(keep, absorb)
    elif kind == "log":  # varied, so that the conversation index has work too
        store.record(Interaction.create(
            when=START + timedelta(days=op[2]), network="club",
            people=(people[op[1] % len(people)],),
            direction=("gave", "received", "shared")[op[2] % 3],
            kind=("help", "talk", "advice")[op[1] % 3],
            initiative=(None, "invited", "pitched")[op[2] % 3],
            value=Value(minutes=op[2] + 1, favours=op[2] % 2, money=(op[1] % 3) * 100)))
    elif kind == "edit_interaction" and interactions:
        old = store.get_interaction(interactions[op[1] % len(interactions)])
        store.replace_interaction(old.with_changes(when=START + timedelta(days=op[2]),
                                                   note=f"edited {op[2]}",
                                                   kind=("talk", "help")[op[2] % 2]))
    elif kind == "delete_interaction" and interactions:
        store.delete_interaction(interactions[op[1] % len(interactions)])
    elif kind == "remove_network" and store.get_network("tennis"):
        store.remove_network("tennis", force=True)
    elif kind == "log_tennis" and store.get_network("tennis"):
        store.record(Interaction.create(
            when=START + timedelta(days=op[2]), network="tennis",
            people=(people[op[1] % len(people)],), direction="shared", kind="other",
            value=Value(fun=2)))
    elif kind == "put_note":
        with store.transaction():
            store.main.table("notes").put(
                f"n{op[1]}", {"id": f"n{op[1]}", "person": people[op[2] % len(people)],
                        "text": f"text {op[2]}", "on": "2024-05-01"})
    elif kind == "delete_note":
        with store.transaction():
            store.main.table("notes").discard(f"n{op[1]}")


def base_database(home: Path) -> None:
    store = Store(home)
    store.add_network(Network.create("Club", kind="association"))
    store.add_network(Network.create("Tennis", kind="friends"))
    for name in ("Ann", "Bob", "Cid"):
        store.add_person(Person.create(name, networks={"club": None}))
    for ident in sorted(store.people_docs())[:2]:
        store.record(Interaction.create(when=START, network="club", people=(ident,),
                                        direction="received", kind="advice",
                                        value=Value(favours=1)))


def copy_device(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    (target / ".device").unlink(missing_ok=True)
    forget_device(target)
    return target


SIDED_OPS = st.lists(st.tuples(st.sampled_from("ab"), OPS), min_size=1, max_size=10)


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(SIDED_OPS)
@example([("b", ("merge_people", 1, 2)), ("a", ("edit_person", 2, "notes", 1)),
          ("a", ("log", 2, 40)), ("a", ("put_note", 0, 2))])
@example([("a", ("delete_interaction", 0)), ("b", ("edit_interaction", 0, 40)),
          ("b", ("delete_note", 0)), ("a", ("put_note", 0, 1))])
@example([("a", ("merge_people", 1, 2)), ("b", ("merge_people", 2, 1))])
@example([("a", ("log", 0, 1)), ("a", ("log", 1, 1))])  # derived files' key order
@example([("b", ("log_tennis", 0, 3)), ("a", ("remove_network",)), ("a", ("log", 1, 5))])
# tags edited on two people that the other device merged: the absorbed one's tags were
# appended to the kept one's list, so joining the fold again put them in the join's order
@example([("a", ("edit_person", 1, "tags", 1)), ("a", ("edit_person", 0, "tags", 0)),
          ("b", ("merge_people", 0, 1))])
def test_databases_merge_commutatively_and_idempotently(ops: list[tuple[str, Any]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        base_database(root / "base")
        sides = {"a": copy_device(root / "base", root / "a"),
                 "b": copy_device(root / "base", root / "b")}
        stores = {name: Store(path) for name, path in sides.items()}
        for side, op in ops:
            apply(stores[side], op)
        state_a, state_b = load_folder(sides["a"]), load_folder(sides["b"])
        ab, ba = join(state_a, state_b), join(state_b, state_a)
        assert ab.comparable() == ba.comparable()
        assert join(ab, state_b).comparable() == ab.comparable()
        assert join(ab, state_a).comparable() == ab.comparable()
        assert join(ab, ab).comparable() == ab.comparable()
        # the same on disk, through the command's code
        a_then_b = copy_device(sides["a"], root / "ab")
        b_then_a = copy_device(sides["b"], root / "ba")
        merge_into(Store(a_then_b), load_folder(sides["b"]), where="b")
        merge_into(Store(b_then_a), load_folder(sides["a"]), where="a")
        assert data_of(a_then_b) == data_of(b_then_a)
        assert doctor.check(a_then_b) == [] and doctor.check(b_then_a) == []
        before = snapshot_db(a_then_b)
        again = merge_into(Store(a_then_b), load_folder(sides["b"]), where="b")
        assert not again.changed and snapshot_db(a_then_b) == before
        # what the merge wrote file by file is what a full rewrite would hold
        assert settle(Store(a_then_b), force_derived=True) == {}
        assert snapshot_db(a_then_b) == before
        # nothing lost: every interaction either side still has is in the merge, unless
        # the other side deleted it
        merged = load_folder(a_then_b).tables["interactions"]
        for state in (state_a, state_b):
            for ident in state.tables["interactions"]:
                assert ident in merged or f"interactions/{ident}" in ab.tombstones


@settings(max_examples=300, deadline=None)
@given(st.datetimes(timezones=st.sampled_from([UTC, timezone(timedelta(hours=2)),
                                               timezone(timedelta(hours=-5, minutes=-30))])))
def test_the_aggregates_utc_shortcut_agrees_with_parsing(moment: datetime) -> None:
    from kith.core.months import utc_text as _utc_text

    text = moment.isoformat()
    assert _utc_text(text) == datetime.fromisoformat(text).astimezone(UTC).isoformat()


@settings(max_examples=200, deadline=None)
@given(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2030, 1, 1)))
def test_stamp_times_only_go_forward(after: datetime) -> None:
    from kith.persistence import stamps

    saved = list(stamps._last)
    try:
        text = after.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        first = stamps.now(text)
        assert first > text
        assert stamps.now() > first
    finally:
        stamps._last[:] = saved  # other tests keep the real clock
