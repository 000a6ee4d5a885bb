"""The person page (``kith.services.person_page``): one read both faces present."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from kith.core.errors import NotFound
from kith.core.model import Interaction, Value
from kith.persistence.store import Store
from kith.services import followups, notes, relationships
from kith.services.opportunities import Hearing, hear
from kith.services.people import PersonChanges, edit_person
from kith.services.person_page import person_page, timeline


def _met(store: Store, who: str, day: int) -> Interaction:
    return store.record(Interaction.create(
        when=datetime(2026, 5, day, 12, tzinfo=UTC), network="climbing-crew",
        people=[store.find_person(who).id], direction="shared", kind="meal",
        value=Value(fun=3)))


def test_the_page_holds_everything_about_the_person(crew: Store) -> None:
    ann, tom = crew.find_person("Ann Lee"), crew.find_person("Tom Lee")
    relationships.relate(crew, "Ann Lee", "Tom Lee", "parent", note="since 1990")
    older = notes.add_note(crew, "Tom Lee", "Older", on=date(2024, 1, 1))
    newer = notes.add_note(crew, "Tom Lee", "Newer", on=date(2024, 6, 1))
    due = followups.add_follow_up(crew, "Tom Lee", date.today() + timedelta(days=2), "photos")
    settled = followups.add_follow_up(crew, "Tom Lee", date.today(), "old")
    followups.close(crew, settled.id)
    heard = hear(crew, Hearing("Tom Lee", "need", "a flat"))
    hear(crew, Hearing("Ann Lee", "offer", "a room"))
    met = [_met(crew, "Tom Lee", day) for day in (1, 2, 3)]

    page = person_page(Store(crew.home), "Tom Lee", recent=2)
    assert page.person == tom
    assert [(r.kind, r.name, r.person, r.note) for r in page.relationships] == [
        ("child", "Ann Lee", ann.id, "since 1990")]
    assert page.notes == (newer, older)
    assert page.follow_ups == (due,)
    assert page.opportunities == (heard,)
    assert [i.id for i in page.recent] == [met[1].id, met[2].id]
    assert page.last_contact is not None and page.last_contact.startswith("2026-05-03")
    assert page.network_names["climbing-crew"] == "Climbing crew"
    assert page.stats["climbing-crew"]
    assert person_page(crew, tom.id, recent=None).recent == tuple(met)
    assert person_page(crew, tom.id, recent=0).recent == ()
    assert timeline(crew, tom.id) == met


def test_the_cadence_is_the_persons_own_or_the_configured_rule(crew: Store) -> None:
    config = {"keep_in_touch": {"by_network": {"climbing-crew": 21}}}
    assert person_page(crew, "Ann Lee", config=config).cadence == 21
    assert person_page(crew, "Ann Lee").cadence is None
    edit_person(crew, "Ann Lee", PersonChanges(cadence_days=7))
    assert person_page(crew, "Ann Lee", config=config).cadence == 7


def test_a_page_of_nobody_is_refused(crew: Store) -> None:
    with pytest.raises(NotFound, match="no person"):
        person_page(crew, "Nobody")


def test_a_new_person_has_an_empty_page(crew: Store) -> None:
    page = person_page(crew, "Bea Ruiz")
    assert (page.relationships, page.notes, page.follow_ups, page.opportunities,
            page.recent, page.stats, page.last_contact) == ((), (), (), (), (), {}, None)
