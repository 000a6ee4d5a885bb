"""The domain model refuses bad values with clear messages and keeps ids stable."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kith.core.errors import ValidationError
from kith.core.ids import by_id_or_prefix, id_millis, is_id, new_id, slugify
from kith.core.model import Interaction, Network, Opportunity, Person, Value, normalize_handle
from kith.core.parsing import format_money, parse_amount, parse_money, parse_when

WHEN = datetime(2024, 5, 1, 18, 30, tzinfo=UTC)


def interaction(**changes: object) -> Interaction:
    fields: dict[str, object] = {"when": WHEN, "network": "church", "people": ["p1"],
                                 "direction": "gave"}
    fields.update(changes)
    return Interaction.create(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(("changes", "message"), [
    ({"direction": "took"}, "direction must be one of"),
    ({"value": Value(fun=6)}, "fun must be between 0 and 5"),
    ({"kind": "Not A Kind"}, "kind must be"),
    ({"network": "Bad Id"}, "not a network id"),
    ({"when": datetime(2024, 5, 1)}, "time zone"),
])
def test_interaction_validation(changes: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        interaction(**changes)


@pytest.mark.parametrize(("fields", "message"), [
    ({"minutes": -1}, "minutes cannot be negative"),
    ({"favours": -2}, "favours cannot be negative"),
    ({"fun": -1}, "fun cannot be negative"),
    ({"money": 1.5}, "whole number"),
])
def test_value_validation(fields: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Value(**fields)  # type: ignore[arg-type]


def test_value_adds_per_dimension_and_round_trips() -> None:
    total = Value(money=100, minutes=30) + Value(money=-20, favours=1, fun=3)
    assert total == Value(money=80, minutes=30, favours=1, fun=3)
    assert Value.from_dict(total.to_dict()) == total
    assert Value().is_empty and not total.is_empty


def test_network_validation_and_slug() -> None:
    net = Network.create("St. Mary's Church", kind="church", joined="2020-01-05")
    assert net.id == "st-marys-church" and net.joined == date(2020, 1, 5)
    with pytest.raises(ValidationError, match="needs a name"):
        Network.create("  ")
    with pytest.raises(ValidationError, match="before it was joined"):
        Network.create("x", joined="2020-01-05", left="2019-01-01")
    with pytest.raises(ValidationError, match="must be a date"):
        Network.create("x", joined="last year")
    assert Network.from_dict(net.to_dict()) == net


def test_person_normalises_handles_tags_and_birthdays() -> None:
    person = Person.create("Ann Lee", handles={"email": ["Ann@Example.ORG"],
                                               "twitter": ["@AnnL"], "phone": ["+1 (555) 010-99"]},
                           tags=("Close", "close", " choir "), birthday="--04-15")
    assert person.handles == {"email": ["ann@example.org"], "x": ["annl"],
                              "phone": ["+155501099"]}
    assert person.tags == ("close", "choir")
    assert Person.from_dict(person.to_dict()) == person
    with pytest.raises(ValidationError, match="not a real date"):
        Person.create("X", birthday="--02-30")
    with pytest.raises(ValidationError, match="birthday must look like"):
        Person.create("X", birthday="April 15")
    with pytest.raises(ValidationError, match="cadence"):
        Person.create("X", cadence_days=0)
    with pytest.raises(ValidationError, match="not an email"):
        normalize_handle("email", "nope")


def test_opportunity_validation() -> None:
    opp = Opportunity.create(person="p1", type="need", text=" a designer ", when=WHEN)
    assert opp.text == "a designer" and opp.status == "open"
    assert Opportunity.from_dict(opp.to_dict()) == opp
    with pytest.raises(ValidationError, match="need or an offer"):
        Opportunity.create(person="p1", type="wish", text="x", when=WHEN)


def test_ids_sort_by_time_and_imported_ids_are_deterministic() -> None:
    early, late = new_id(WHEN), new_id(WHEN + timedelta(seconds=1))
    assert is_id(early) and early < late
    assert new_id(WHEN, seed="vcard:abc") == new_id(WHEN, seed="vcard:abc")
    assert new_id(WHEN, seed="vcard:abc") != new_id(WHEN, seed="vcard:abd")
    assert interaction(source="x:1").id == interaction(source="x:1").id


def test_an_id_tells_when_it_was_made() -> None:
    assert id_millis(new_id(WHEN, seed="vcard:abc")) == int(WHEN.timestamp() * 1000)
    assert id_millis("not-an-id") is None


def test_a_record_is_found_by_its_id_or_an_unambiguous_prefix_of_six_or_more() -> None:
    records = {"01hzabcdef0000000000000001": "a", "01hzabcdef0000000000000002": "b",
               "01hzxyz000000000000000000z": "c"}
    assert by_id_or_prefix(records, " 01HZABCDEF0000000000000002 ") == "b"
    assert by_id_or_prefix(records, "01hzxy") == "c"
    assert by_id_or_prefix(records, "01hzx") is None  # five characters: too short
    assert by_id_or_prefix(records, "01hzabcdef") is None  # two records start so
    assert by_id_or_prefix(records, "01hzq00000") is None


def test_interaction_month_is_utc() -> None:
    late_evening = datetime(2024, 5, 31, 23, 30, tzinfo=timezone(timedelta(hours=-5)))
    assert interaction(when=late_evening).month == "2024-06"


@pytest.mark.parametrize(("text", "minor"), [
    ("120", 12000), ("120.50", 12050), ("-30", -3000), ("1,200.5", 120050), ("0.07", 7),
    ("12,34", 1234), ("€40", 4000), ("40 EUR", 4000), ("EUR 40", 4000), ("40,50", 4050),
    ("1.200,00", 120000), ("1,200", 120000), ("(30)", -3000), ("€ 1 200,50", 120050),
    ("-€5", -500), ("40€", 4000), (".5", 50), ("1.200.000", 120000000),
])
def test_parse_money(text: str, minor: int) -> None:
    assert parse_money(text) == minor


@pytest.mark.parametrize("text", ["", "abc", "12.345", "1.2.3", "--5", "+", "1e5", "1,2,3",
                                  "(-5)", "€40 EUR", "12,345.678", "4O"])
def test_parse_money_rejects(text: str) -> None:
    with pytest.raises(ValidationError, match="money"):
        parse_money(text)


def test_amount_in_another_currency_is_refused() -> None:
    with pytest.raises(ValidationError, match=r"USD.*EUR"):
        parse_amount("$40", 2, "EUR")
    with pytest.raises(ValidationError, match="GBP"):
        parse_amount("40 GBP", 2, "EUR")
    assert parse_amount("$40", 2, "USD") == 4000


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=-10**12, max_value=10**12))
def test_money_formats_and_parses_back(minor: int) -> None:
    assert parse_money(format_money(minor).split()[0]) == minor


def test_parse_when() -> None:
    assert parse_when("2024-05-31").tzinfo is not None
    assert parse_when("2024-05-31", end_of_day=True).hour == 23
    assert parse_when("2024-05-31T18:30:00Z").utcoffset() == timedelta(0)
    with pytest.raises(ValidationError, match="ISO date"):
        parse_when("31/05/2024")


def test_slugify_is_ascii() -> None:
    assert slugify("Zürich Café!") == "zurich-cafe"
    assert slugify("???") == "network"
