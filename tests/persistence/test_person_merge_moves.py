"""A person merge moves interactions in time linear in what it moves
(``kith.persistence.store.moving``): it reads only the month files that may name the
absorbed person, moves two people's totals without a pass over the history, and batches
the conversation index; the result is what recomputing everything gives."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kith.core.model import Interaction, Network, Person, Value
from kith.persistence.store import Store, conversation_index
from kith.persistence.store.moving import may_name

BASE = datetime(2024, 1, 10, 12, 0, tzinfo=UTC)


def populated(home: Path) -> tuple[Store, Person, Person, Person]:
    store = Store(home)
    store.add_network(Network.create("Church", kind="church"))
    store.add_network(Network.create("Friends", kind="friends"))
    ann = store.add_person(Person.create("Ann Lee"))
    bob = store.add_person(Person.create("Bob Ray"))
    cid = store.add_person(Person.create("Cid Moe"))
    return store, ann, bob, cid


def make(people: list[Person], days: int, **fields: object) -> Interaction:
    data: dict[str, object] = {"when": BASE + timedelta(days=days), "network": "church",
                               "people": [p.id for p in people], "direction": "gave",
                               "kind": "help", "value": Value(favours=1)}
    data.update(fields)
    return Interaction.create(**data)  # type: ignore[arg-type]


def assert_derived_as_recomputed(store: Store) -> None:
    fresh = Store(store.home)
    networks, people = fresh.recompute_derived()
    assert fresh.network_months() == networks
    assert fresh.person_stats() == people
    assert fresh.conversation_indexes() == fresh.recompute_conversations()


def test_merge_reads_only_the_month_files_that_name_the_absorbed_person(
        kith_home: Path) -> None:
    store, ann, bob, _ = populated(kith_home)
    store.upsert_interactions([make([ann], 0, source="t:a0"), make([bob], 35, source="t:b1"),
                               make([ann], 70, source="t:a2"), make([bob], 105, source="t:b3")])
    months = store.months()
    assert len(months) == 4
    fresh = Store(kith_home)
    fresh.merge_people(ann.id, bob.id)
    read = {m for m in months if fresh.files.cache.holds(f"interactions/{m}.json")}
    assert read == {months[1], months[3]}, "only the months naming Bob are parsed"
    assert {i.people for i in Store(kith_home).interactions()} == {(ann.id,)}
    assert_derived_as_recomputed(fresh)


def test_a_month_file_that_spells_the_id_with_escapes_is_read_too(kith_home: Path) -> None:
    store, ann, bob, _ = populated(kith_home)
    store.record(make([ann], 0))
    moved = store.record(make([bob], 40))
    path = kith_home / "interactions" / f"{moved.month}.json"
    raw = path.read_bytes()
    escaped = f'"\\u{ord(bob.id[0]):04x}{bob.id[1:]}"'.encode()
    path.write_bytes(raw.replace(orjson.dumps(bob.id), escaped))
    assert orjson.dumps(bob.id) not in path.read_bytes()
    assert may_name(path, orjson.dumps(bob.id))
    Store(kith_home).merge_people(ann.id, bob.id)
    assert Store(kith_home).get_interaction(moved.id).people == (ann.id,)


def test_a_month_file_without_the_id_or_an_escape_cannot_name_the_person(
        tmp_path: Path) -> None:
    path = tmp_path / "2024-01.json"
    path.write_bytes(orjson.dumps({"interactions": {"x": {"people": ["someone-else"],
                                                          "note": "line\nbreak"}}}))
    assert not may_name(path, orjson.dumps("bob"))
    assert may_name(path, orjson.dumps("someone-else"))
    assert not may_name(tmp_path / "missing.json", orjson.dumps("bob"))


def test_merge_moves_everything_even_with_the_derived_files_gone(kith_home: Path) -> None:
    """The months are found from the interactions themselves, never from derived files
    that may be stale or missing (``kith doctor --repair`` rebuilds those)."""
    store, ann, bob, cid = populated(kith_home)
    store.upsert_interactions([make([bob, cid], day, source=f"t:{day}")
                               for day in range(0, 300, 25)])
    shutil.rmtree(kith_home / "derived")
    Store(kith_home).merge_people(ann.id, bob.id)
    after = Store(kith_home)
    assert {i.people for i in after.interactions()} == {(ann.id, cid.id)}
    after.rebuild_derived()
    assert_derived_as_recomputed(after)


def test_the_kept_persons_first_and_last_contact_widen_and_shared_ones_count_once(
        kith_home: Path) -> None:
    store, ann, bob, cid = populated(kith_home)
    store.record(make([ann], 50))
    store.record(make([bob], 10, direction="received", value=Value(money=500),
                      initiative="invited"))
    store.record(make([ann, bob], 60))
    store.record(make([bob, cid], 90, kind="talk", direction="shared"))
    store.merge_people(ann.id, bob.id)
    stats = Store(kith_home).person_stats(ann.id)[ann.id]["church"]
    assert stats["first"].startswith((BASE + timedelta(days=10)).date().isoformat())
    assert stats["last"].startswith((BASE + timedelta(days=90)).date().isoformat())
    assert stats["gave"][4] == 2 and stats["received"][4] == 1 and stats["shared"][4] == 1
    assert Store(kith_home).person_stats(bob.id) == {}
    assert_derived_as_recomputed(store)


DIRECTIONS = ["gave", "received", "shared"]
KINDS = ["help", "talk", "event", "conversation", "introduction", "volunteering"]
INITIATIVES = [None, "invited", "pitched"]
interactions = st.lists(st.tuples(st.integers(0, 400), st.sets(st.integers(0, 2), max_size=3),
                                  st.integers(0, 2), st.integers(0, 5), st.integers(0, 2),
                                  st.integers(0, 3), st.booleans()),
                        min_size=1, max_size=20)


@settings(max_examples=20, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(items=interactions, absorb_first=st.booleans())
def test_merged_derived_files_equal_a_recomputation(
        tmp_path_factory: pytest.TempPathFactory,
        items: list[tuple[int, set[int], int, int, int, int, bool]],
        absorb_first: bool) -> None:
    home = tmp_path_factory.mktemp("merge")
    store, ann, bob, cid = populated(home)
    people = [ann, bob, cid]
    store.upsert_interactions([
        make([people[i] for i in sorted(who)], day, direction=DIRECTIONS[direction],
             kind=KINDS[kind], initiative=INITIATIVES[initiative],
             value=Value(money=money * 250, favours=money % 2),
             network="friends" if other else "church", source=f"t:{n}")
        for n, (day, who, direction, kind, initiative, money, other) in enumerate(items)])
    before = sum(1 for _ in store.interactions())
    keep, absorb = (bob, ann) if absorb_first else (ann, bob)
    Store(home).merge_people(keep.id, absorb.id)
    after = Store(home)
    assert sum(1 for _ in after.interactions()) == before
    assert not list(after.interactions(person=absorb.id))
    assert_derived_as_recomputed(after)


docs = st.lists(st.tuples(st.integers(0, 60), st.lists(st.sampled_from("abc"), max_size=3),
                          st.sampled_from(DIRECTIONS), st.sampled_from(KINDS),
                          st.sampled_from(INITIATIVES), st.integers(0, 3)),
                min_size=1, max_size=25)


@settings(max_examples=60, deadline=None)
@given(items=docs, removed=st.lists(st.integers(0, 24), max_size=10))
def test_a_batch_leaves_the_index_as_the_same_calls_one_by_one(
        items: list[tuple[int, list[str], str, str, str | None, int]],
        removed: list[int]) -> None:
    changes = []
    for n, (day, who, direction, kind, initiative, money) in enumerate(items):
        doc = {"id": f"i{n}", "when": (BASE + timedelta(days=day)).isoformat(),
               "people": who, "direction": direction, "kind": kind, "note": "n",
               "value": {"money": money * 100, "favours": money % 2},
               "initiative": initiative}
        changes.append((doc, +1))
    changes += [(changes[i % len(items)][0], -1) for i in removed]
    changes += [({**changes[i % len(items)][0], "people": ["c"]}, +1) for i in removed]
    one_by_one: dict[str, dict[str, object]] = {"people": {}, "asks": {}, "talks": {}}
    batched: dict[str, dict[str, object]] = {"people": {}, "asks": {}, "talks": {}}
    for doc, sign in changes[:len(items)]:  # what was there before the batch
        for index in (one_by_one, batched):
            conversation_index.apply(index["people"], index["asks"], index["talks"], doc,
                                     sign)
    batch = conversation_index.Batch()
    for doc, sign in changes[len(items):]:
        conversation_index.apply(one_by_one["people"], one_by_one["asks"],
                                 one_by_one["talks"], doc, sign)
        conversation_index.apply(batched["people"], batched["asks"], batched["talks"], doc,
                                 sign, batch)
    batch.finish()
    assert conversation_index.normalise(batched) == conversation_index.normalise(one_by_one)
