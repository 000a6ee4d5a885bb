"""Use cases for people (``kith.services.people``), called directly on a store on disk."""

from __future__ import annotations

from typing import Any

import pytest

from kith.persistence.store import Store
from kith.services.people import (
    PersonChanges,
    PersonDetails,
    add_person,
    edit_person,
    merge_people,
)


def test_add_person_writes_every_field_and_finds_networks_by_name(crew: Store) -> None:
    rosa = add_person(crew, PersonDetails(
        " Rosa Diaz ", aliases=("Ro",), handles={"email": ["Rosa@Example.org"]},
        tags=("Climber",), networks=("Climbing crew", "choir"), birthday="--04-15",
        cadence_days=30, notes=" met at the wall "))
    again = Store(crew.home).find_person("Rosa Diaz")
    assert again == rosa
    assert (rosa.name, rosa.aliases, rosa.tags, rosa.notes) == (
        "Rosa Diaz", ("Ro",), ("climber",), "met at the wall")
    assert rosa.handles == {"email": ["rosa@example.org"]}
    assert rosa.networks == {"climbing-crew": None, "choir": None}
    assert (rosa.birthday, rosa.cadence_days) == ("--04-15", 30)
    assert rosa.created is not None


@pytest.mark.parametrize(("details", "field", "words"), [
    ({"name": "  "}, "name", "needs a name"),
    ({"name": "X", "networks": ("Nowhere",)}, "networks", "no network 'Nowhere'"),
    ({"name": "X", "birthday": "15/04/1990"}, "birthday", "1990-04-15"),
    ({"name": "X", "birthday": "1990-02-30"}, "birthday", "not a real date"),
    ({"name": "X", "cadence_days": -3}, "cadence", "cannot be negative"),
    ({"name": "X" * 500}, "name", "name"),
])
def test_add_person_refusals_name_the_field_and_write_nothing(
        crew: Store, refused: Any, details: dict[str, Any], field: str, words: str) -> None:
    with refused(field, words):
        add_person(crew, PersonDetails(**details))
    assert {p.name for p in Store(crew.home).people()} == {"Me", "Ann Lee", "Tom Lee",
                                                          "Bea Ruiz"}


def test_edit_person_adds_and_removes_keeping_the_rest(crew: Store) -> None:
    ann = edit_person(crew, "Ann Lee", PersonChanges(
        add_handles={"email": ["ann@lee.org"], "x": ["annlee"]}, add_tags=("chef", "diver"),
        add_networks=("Choir",), add_aliases=("Annie",), cadence_days=14))
    ann = edit_person(crew, ann.id, PersonChanges(
        remove_handles={"x": ["annlee"]}, remove_tags=("DIVER",),
        remove_networks=("climbing-crew",), birthday="1990-01-02", notes="climbs on fridays"))
    stored = Store(crew.home).get_person(ann.id)
    assert stored == ann
    assert ann.handles == {"email": ["ann@lee.org"]} and ann.tags == ("chef",)
    assert ann.networks == {"choir": None} and ann.aliases == ("Annie",)
    assert (ann.cadence_days, ann.birthday, ann.notes) == (14, "1990-01-02", "climbs on fridays")
    cleared = edit_person(crew, ann.id, PersonChanges(birthday="", cadence_days=0))
    assert (cleared.birthday, cleared.cadence_days) == (None, None)


def test_edit_person_replacing_keeps_the_join_dates_of_networks_kept(crew: Store) -> None:
    ann = crew.find_person("Ann Lee")
    crew.save_person(ann.with_changes(networks={"climbing-crew": "2020-05-01"}))
    details = PersonDetails("Ann Lee-Park", networks=("Climbing crew", "Choir"),
                            tags=("climber",))
    edited = edit_person(crew, ann.id, PersonChanges.replacing(details))
    assert edited.name == "Ann Lee-Park"
    assert edited.networks == {"climbing-crew": "2020-05-01", "choir": None}


@pytest.mark.parametrize(("ref", "changes", "field", "words"), [
    ("Nobody", PersonChanges(name="X"), "person", "no person"),
    ("Ann Lee", PersonChanges(name=""), "name", "needs a name"),
    ("Ann Lee", PersonChanges(remove_handles={"email": ["no@where.org"]}), "handles",
     "has no email handle"),
    ("Ann Lee", PersonChanges(add_networks=("Nowhere",)), "networks", "no network"),
    ("Ann Lee", PersonChanges(remove_networks=("Nowhere",)), "networks", "no network"),
    ("Ann Lee", PersonChanges(birthday="soon"), "birthday", "1990-04-15"),
    ("Ann Lee", PersonChanges(cadence_days=-1), "cadence", "cannot be negative"),
])
def test_edit_person_refusals_write_nothing(crew: Store, refused: Any, ref: str,
                                            changes: PersonChanges, field: str,
                                            words: str) -> None:
    with refused(field, words):
        edit_person(crew, ref, changes)


def test_merge_people_joins_two_records_and_the_absorbed_id_still_resolves(
        crew: Store) -> None:
    twin = add_person(crew, PersonDetails("Annie Lee", handles={"x": ["annie"]},
                                          networks=("Choir",)))
    merged = merge_people(crew, "Ann Lee", "Annie Lee")
    again = Store(crew.home)
    assert again.find_person(twin.id).id == merged.id
    assert merged.handles == {"x": ["annie"]} and set(merged.networks) == {"climbing-crew",
                                                                           "choir"}
    assert "Annie Lee" in merged.aliases


@pytest.mark.parametrize(("keep", "absorb", "field", "words"), [
    ("", "Tom Lee", "keep", "which person stays"),
    ("Ann Lee", " ", "absorb", "which person is merged"),
    ("Nobody", "Tom Lee", "keep", "no person"),
    ("Ann Lee", "Nobody", "absorb", "no person"),
    ("Ann Lee", "Ann Lee", "absorb", "same person"),
])
def test_merge_people_refusals_write_nothing(crew: Store, refused: Any, keep: str,
                                             absorb: str, field: str, words: str) -> None:
    with refused(field, words):
        merge_people(crew, keep, absorb)
