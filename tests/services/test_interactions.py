"""The interaction use cases, called directly on a real store: ``log_interaction``,
``edit_interaction``, ``delete_interaction``, and the ``record``/``upsert`` every other
writer uses. Each writes in one transaction, estimates a missing value before the write
and fires ``interaction_recorded`` once, after the commit."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from kith.core.errors import NotFound
from kith.core.model import Value
from kith.persistence.store import Store
from kith.persistence.transaction import Transaction
from kith.services import followups
from kith.services import interactions as use_cases
from kith.services.interactions import (
    EditRequest,
    LogRequest,
    delete_interaction,
    edit_interaction,
    log_interaction,
    record,
    upsert,
)
from kith.services.recording import FieldError
from kith.services.scope import one_transaction
from tests.conftest import snapshot_db
from tests.services.conftest import WHEN, World, interaction


def request(world: World, **fields: Any) -> LogRequest:
    data: dict[str, Any] = {"network": "Church", "people": ("Ann Lee",), "direction": "gave",
                            "kind": "help", "when": WHEN}
    data.update(fields)
    return LogRequest(**data)


def commits(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the store's commits (one per outermost transaction that wrote)."""
    counted: list[int] = []
    original = Transaction._commit

    def counting(self: Transaction) -> None:
        counted.append(1)
        original(self)

    monkeypatch.setattr(Transaction, "_commit", counting)
    return counted


# log ----------------------------------------------------------------------------------

def test_log_records_what_was_asked(world: World) -> None:
    logged = log_interaction(world.store, request(
        world, people=("Ann Lee", "Bob Ray"), kind="Volunteering", money=1250, minutes=90,
        fun=2, note="  fair  ", initiative="invited"))
    stored = Store(world.store.home).get_interaction(logged.interaction.id)
    assert stored == logged.interaction
    assert (stored.network, stored.people, stored.kind, stored.note) == (
        "church", (world.ann.id, world.bob.id), "volunteering", "fair")
    assert stored.value == Value(money=1250, minutes=90, fun=2)
    assert stored.initiative == "invited" and stored.invited is True
    assert "estimated" not in stored.meta


def test_log_estimates_a_missing_value_before_the_write(world: World) -> None:
    logged = log_interaction(world.store, request(world, kind="help"))
    stored = Store(world.store.home).get_interaction(logged.interaction.id)
    assert stored.value == Value(favours=1, minutes=30) and stored.meta["estimated"] is True


def test_log_fires_the_hook_once_after_the_commit(world: World) -> None:
    logged = log_interaction(world.store, request(world))
    assert world.heard.events == [(logged.interaction.id, 1)]


def test_log_is_one_transaction(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    """Record, remember the new kind and close the follow-up: one commit."""
    followups.add_follow_up(world.store, world.ann.id, date(2026, 5, 1), "thank her")
    counted = commits(monkeypatch)
    logged = log_interaction(world.store, request(world, kind="choir", new_kind=True,
                                                  close_follow_ups=True, when=None))
    assert len(counted) == 1
    assert [f.done_by for f in logged.closed] == [logged.interaction.id]


def test_a_failure_midway_leaves_the_database_unchanged(
        world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    """The interaction is written before the new kind is remembered: if that fails, the
    interaction goes too, and no hook fires for it."""
    before = snapshot_db(world.store.home)

    def broken(store: Store, kind: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(use_cases, "remember_kind", broken)
    with pytest.raises(OSError):
        log_interaction(world.store, request(world, kind="choir", new_kind=True))
    assert snapshot_db(world.store.home) == before
    assert world.heard.events == []


def test_a_new_kind_is_remembered_and_then_known(world: World) -> None:
    log_interaction(world.store, request(world, kind="choir-practice", new_kind=True))
    again = log_interaction(world.store, request(world, kind="choir-practice"))
    assert again.interaction.kind == "choir-practice"


def test_open_follow_ups_are_reported_or_closed(world: World) -> None:
    """(Logged now: a back-dated interaction settles no follow-up set after it.)"""
    due = followups.add_follow_up(world.store, world.ann.id, date(2026, 5, 1), "thank her")
    left = log_interaction(world.store, request(world, when=None))
    assert [f.id for f in left.pending] == [due.id] and left.closed == []
    assert followups.get_follow_up(world.store, due.id).is_open
    settled = log_interaction(world.store, request(world, close_follow_ups=True, when=None))
    assert [f.id for f in settled.closed] == [due.id]
    assert not followups.get_follow_up(world.store, due.id).is_open


@pytest.mark.parametrize(("fields", "field", "words"), [
    ({"kind": "voluntering"}, "kind", "did you mean volunteering?"),
    ({"kind": "Bad Kind!", "new_kind": True}, "kind", "kind"),
    ({"network": " "}, "network", "which network"),
    ({"network": "Golf"}, "network", "no network"),
    ({"people": (" ",)}, "people", "with whom"),
    ({"people": ("Nobody",)}, "people", "no person"),
    ({"people": ("me",)}, "people", "not with yourself"),
    ({"direction": None}, "direction", "which way"),
    ({"direction": "took"}, "direction", "which way"),
    ({"minutes": -5}, "minutes", "minutes cannot be negative: -5"),
    ({"favours": -1}, "favours", "favours cannot be negative"),
    ({"fun": 6}, "fun", "between 0 and 5"),
])
def test_log_refusals_name_the_field_and_write_nothing(
        world: World, fields: dict[str, Any], field: str, words: str) -> None:
    before = snapshot_db(world.store.home)
    with pytest.raises(FieldError) as refused:
        log_interaction(world.store, request(world, **fields))
    assert refused.value.field == field and words in str(refused.value)
    assert snapshot_db(world.store.home) == before
    assert world.heard.events == []


def test_the_kind_is_checked_first(world: World) -> None:
    """A misspelt kind is what a person is told first, whatever else is wrong."""
    with pytest.raises(FieldError) as refused:
        log_interaction(world.store, request(world, kind="voluntering", network="Golf",
                                             direction=None))
    assert refused.value.field == "kind"


# edit ---------------------------------------------------------------------------------

def test_edit_changes_fields_and_the_value_loses_its_estimate(world: World) -> None:
    logged = log_interaction(world.store, request(world)).interaction
    world.heard.events.clear()
    edited = edit_interaction(world.store, logged.id, EditRequest(
        money=-3000, people=("Bob Ray",), kind="advice", direction="received",
        note="changed", initiative="pitched"))
    stored = Store(world.store.home).get_interaction(logged.id)
    assert stored == edited
    assert stored.value == Value(money=-3000, minutes=30, favours=1)
    assert "estimated" not in stored.meta
    assert (stored.people, stored.kind, stored.direction, stored.note, stored.initiative) \
        == ((world.bob.id,), "advice", "received", "changed", "pitched")
    assert world.heard.events == []  # an edit is not news


def test_edit_keeps_the_estimate_when_the_value_stays(world: World) -> None:
    logged = log_interaction(world.store, request(world)).interaction
    edited = edit_interaction(world.store, logged.id, EditRequest(note="only the note"))
    assert edited.meta["estimated"] is True and edited.value == logged.value


def test_edit_moves_an_interaction_to_another_month(world: World) -> None:
    logged = log_interaction(world.store, request(world)).interaction
    later = WHEN.replace(year=2023, month=1)
    edit_interaction(world.store, logged.id, EditRequest(when=later))
    assert [i.id for i in world.store.interactions(since=later, until=later)] == [logged.id]
    assert not list(world.store.interactions(since=WHEN, until=WHEN))


def test_edit_with_a_new_kind_remembers_it(world: World) -> None:
    logged = log_interaction(world.store, request(world)).interaction
    edit_interaction(world.store, logged.id, EditRequest(kind="choir", new_kind=True))
    assert log_interaction(world.store, request(world, kind="choir")).interaction.kind == \
        "choir"


@pytest.mark.parametrize(("changes", "words"), [
    ({"kind": "hepl"}, "did you mean help"),
    ({"minutes": -1}, "cannot be negative"),
    ({"fun": 9}, "between 0 and 5"),
    ({"network": "Golf"}, "no network"),
    ({"people": ("me",)}, "not with yourself"),
    ({"direction": "took"}, "which way"),
])
def test_edit_refusals_write_nothing(world: World, changes: dict[str, Any],
                                     words: str) -> None:
    logged = log_interaction(world.store, request(world)).interaction
    before = snapshot_db(world.store.home)
    with pytest.raises(FieldError, match=words):
        edit_interaction(world.store, logged.id, EditRequest(**changes))
    assert snapshot_db(world.store.home) == before


def test_edit_of_an_unknown_id_is_not_found(world: World) -> None:
    with pytest.raises(NotFound, match="no interaction"):
        edit_interaction(world.store, "01nonexistent0000000000000", EditRequest(note="x"))


# delete -------------------------------------------------------------------------------

def test_delete_takes_it_out_with_its_totals(world: World) -> None:
    totals = world.store.network_months()
    logged = log_interaction(world.store, request(world)).interaction
    assert world.store.network_months() != totals
    assert delete_interaction(world.store, logged.id) == logged
    fresh = Store(world.store.home)
    assert not list(fresh.interactions()) and fresh.network_months() == totals
    with pytest.raises(NotFound):
        delete_interaction(world.store, logged.id)


# what every writer shares ---------------------------------------------------------------

def test_record_estimates_unless_told_not_to_or_given_a_value(world: World) -> None:
    assert record(world.store, interaction(world.ann)).value == Value(favours=1, minutes=30)
    assert record(world.store, interaction(world.ann, value=Value(money=500))).value == \
        Value(money=500)
    kept = record(world.store, interaction(world.ann, meta={"no_estimate": True}))
    assert kept.value.is_empty and "estimated" not in kept.meta


def test_the_store_itself_estimates_nothing_and_announces_nothing(world: World) -> None:
    stored = world.store.record(interaction(world.ann))
    assert stored.value.is_empty and world.heard.events == []
    assert world.store.last_recorded == (stored,)


def test_upsert_estimates_only_new_ones_and_announces_each(world: World) -> None:
    first = interaction(world.ann, source="t:1")
    upsert(world.store, [first])
    stored = world.store.get_interaction(first.id)
    assert stored.meta["estimated"] is True
    # an update without a value keeps the stored one; the hook fires for it again
    upsert(world.store, [interaction(world.ann, source="t:1", note="changed"),
                         interaction(world.ann, source="t:2", kind="meal")])
    updated = world.store.get_interaction(first.id)
    assert updated.value == stored.value and updated.note == "changed"
    assert [n for _, n in world.heard.events] == [1, 2, 2]
    assert len(world.heard.events) == 3


def test_nested_use_cases_announce_when_the_outer_one_commits(world: World) -> None:
    with one_transaction(world.store):
        made = record(world.store, interaction(world.ann))
        assert world.heard.events == []
    assert world.heard.events == [(made.id, 1)]


def test_a_rolled_back_transaction_announces_nothing(world: World) -> None:
    before = snapshot_db(world.store.home)
    with pytest.raises(RuntimeError), one_transaction(world.store):
        record(world.store, interaction(world.ann))
        raise RuntimeError("changed my mind")
    assert snapshot_db(world.store.home) == before and world.heard.events == []
    record(world.store, interaction(world.ann, note="later"))
    assert len(world.heard.events) == 1


def test_a_refusal_on_a_database_not_yet_created_leaves_no_folder(tmp_path: Any) -> None:
    store = Store(tmp_path / "new")
    with pytest.raises(FieldError):
        log_interaction(store, LogRequest(network="Church", people=("Ann",),
                                          direction="gave"))
    assert not (tmp_path / "new").exists()
