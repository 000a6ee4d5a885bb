"""Use cases for notes, follow-ups and relationships (``kith.services.notes``,
``followups``, ``relationships``) on a store on disk."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from kith.persistence.store import Store
from kith.services import followups, notes, relationships


def test_add_note_finds_person_and_network_by_name_and_lists_newest_first(
        crew: Store) -> None:
    older = notes.add_note(crew, "Ann Lee", " Moving to Lyon ", on=date(2024, 1, 1),
                           network="Climbing crew")
    newer = notes.add_note(crew, crew.find_person("Ann Lee").id, "Moved")
    again = Store(crew.home)
    assert again.notes(crew.find_person("Ann Lee").id) == [newer, older]
    assert (older.text, older.on, older.network) == ("Moving to Lyon", "2024-01-01",
                                                     "climbing-crew")
    assert newer.on == date.today().isoformat() and newer.network is None
    assert notes.delete_note(crew, older.id[:10]) == older
    assert Store(crew.home).notes() == [newer]


@pytest.mark.parametrize(("person", "text", "network", "field", "words"), [
    ("Ann Lee", "  ", None, "text", "needs some text"),
    ("Nobody", "x", None, "person", "no person"),
    ("Ann Lee", "x", "Nowhere", "network", "no network"),
    ("Ann Lee", "x" * 10_001, None, "text", "at most"),
])
def test_add_note_refusals_write_nothing(crew: Store, refused: Any, person: str, text: str,
                                         network: str | None, field: str, words: str) -> None:
    with refused(field, words):
        notes.add_note(crew, person, text, network=network)


def test_delete_an_unknown_note_is_refused(crew: Store, refused: Any) -> None:
    with refused(None, "no note"):
        notes.delete_note(crew, "zzzzzzzz")


def test_follow_up_add_then_done(crew: Store, refused: Any) -> None:
    due = date.today() + timedelta(days=3)
    item = followups.add_follow_up(crew, "Tom Lee", due, " the photos ")
    assert Store(crew.home).follow_ups() == [item]
    assert (item.person, item.due, item.about, item.is_open) == (
        crew.find_person("Tom Lee").id, due.isoformat(), "the photos", True)
    done = followups.close(crew, item.id[:10], by="01INTERACTION")
    assert Store(crew.home).follow_ups() == []
    assert Store(crew.home).follow_ups(include_done=True) == [done]
    assert done.done is not None and done.done_by == "01INTERACTION"
    with refused(None, "already done"):
        followups.close(crew, item.id)


@pytest.mark.parametrize(("person", "about", "field", "words"), [
    ("Nobody", "", "person", "no person"),
    ("Tom Lee", "x" * 2_001, "about", "at most"),
])
def test_follow_up_refusals_write_nothing(crew: Store, refused: Any, person: str,
                                          about: str, field: str, words: str) -> None:
    with refused(field, words):
        followups.add_follow_up(crew, person, date.today(), about)


def test_done_of_an_unknown_follow_up_is_refused(crew: Store, refused: Any) -> None:
    with refused(None, "no follow-up"):
        followups.close(crew, "zzzzzzzz")


def test_relate_reads_from_both_sides_and_unrelate_forgets(crew: Store) -> None:
    item = relationships.relate(crew, "Ann Lee", "Tom Lee", "mother", note=" since 1990 ")
    ann, tom = crew.find_person("Ann Lee"), crew.find_person("Tom Lee")
    assert Store(crew.home).relationships(tom.id) == [item]
    assert (item.kind, item.note) == ("parent", "since 1990")
    assert item.seen_from(tom.id) == ("child", ann.id)
    assert Store(crew.home).related_pairs() == {frozenset((ann.id, tom.id))}
    assert relationships.unrelate(crew, "Tom Lee", "Ann Lee", "son") == [item]
    assert Store(crew.home).relationships() == []


def test_relate_accepts_a_new_kind_only_when_asked(crew: Store, refused: Any) -> None:
    with refused("kind", "--new-kind"):
        relationships.relate(crew, "Ann Lee", "Bea Ruiz", "climbing-buddy")
    assert relationships.relate(crew, "Ann Lee", "Bea Ruiz", "climbing-buddy",
                                new_kind=True).kind == "climbing-buddy"


@pytest.mark.parametrize(("first", "second", "kind", "field", "words"), [
    ("Ann Lee", "Tom Lee", "frend", "kind", "did you mean"),
    ("Nobody", "Tom Lee", "friend", "first", "no person"),
    ("Ann Lee", "Nobody", "friend", "second", "no person"),
    ("Ann Lee", "Ann Lee", "friend", "second", "cannot be related to themselves"),
    ("Tom Lee", "Ann Lee", "child", "kind", "already"),  # Ann is already Tom's parent
])
def test_relate_refusals_write_nothing(crew: Store, refused: Any, first: str, second: str,
                                       kind: str, field: str, words: str) -> None:
    relationships.relate(crew, "Ann Lee", "Tom Lee", "parent")
    with refused(field, words):
        relationships.relate(crew, first, second, kind)


def test_unrelate_with_nothing_to_forget_is_refused(crew: Store, refused: Any) -> None:
    relationships.relate(crew, "Ann Lee", "Tom Lee", "friend")
    with refused(None, "no such relationship"):
        relationships.unrelate(crew, "Ann Lee", "Tom Lee", "spouse")
    with refused("first", "no person"):
        relationships.unrelate(crew, "Nobody", "Tom Lee")
