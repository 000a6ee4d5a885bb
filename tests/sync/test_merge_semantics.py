"""Merge semantics (issue 26, items 1-3, 5-7, 10; issue 31's relationship cycles): each
case between two or three real databases on disk, merged with ``kith merge``."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import orjson
import pytest

from kith.persistence.stamps import forget_device
from kith.reliability import doctor
from tests.synchelp import data_of, kith, kith_json, one_line_error, records


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KITH_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.delenv("KITH_HOME", raising=False)


def copy_db(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    (target / ".device").unlink(missing_ok=True)
    (target / ".conflicts").unlink(missing_ok=True)
    forget_device(target)
    return target


def both_ways(a: Path, b: Path) -> None:
    """Sync two devices: each merges the other; both then hold the same records."""
    kith(a, "merge", b)
    kith(b, "merge", a)
    assert _content(a) == _content(b)


def _content(home: Path) -> dict[str, Any]:
    return {name: data for name, data in data_of(home).items()
            if not name.startswith("derived/")}


@pytest.fixture
def pair(tmp_path: Path) -> dict[str, Any]:
    a = tmp_path / "a"
    kith(a, "init")
    kith(a, "network", "add", "Church", "--kind", "church")
    kith(a, "network", "add", "Book club", "--kind", "association")
    ids = {name: str(kith_json(a, "person", "add", name, "--network", "church",
                               "--tag", "close")["id"])
           for name in ("Ann Lee", "Kate Moss", "Xavier Moss", "Yolanda Ruiz", "Lena Berg")}
    ids["x"] = str(kith_json(a, "log", "church", "--with", "Ann Lee", "--gave", "--kind",
                             "help", "--minutes", "30", "--on", "2024-03-01")["id"])
    b = copy_db(a, tmp_path / "b")
    return {"a": a, "b": b, "root": tmp_path, **ids}


def person(home: Path, ident: str) -> dict[str, Any]:
    return records(home, "people")[ident]  # type: ignore[no-any-return]


def test_1_concurrent_adds_to_lists_and_mappings_all_stay(pair: dict[str, Any]) -> None:
    a, b, ann = pair["a"], pair["b"], pair["Ann Lee"]
    kith(a, "person", "edit", "Ann Lee", "--add-tag", "fromA", "--add-email", "a2@x.org",
         "--alias", "Annie")
    kith(b, "person", "edit", "Ann Lee", "--add-tag", "fromB", "--add-phone", "+1 555 0100",
         "--alias", "A. Lee", "--add-network", "book-club")
    both_ways(a, b)
    doc = person(a, ann)
    assert set(doc["tags"]) == {"close", "froma", "fromb"}
    assert "a2@x.org" in doc["handles"]["email"] and doc["handles"]["phone"]
    assert set(doc["aliases"]) == {"Annie", "A. Lee"}
    assert set(doc["networks"]) == {"church", "book-club"}
    assert doctor.check(a) == [] and doctor.check(b) == []


def test_1_a_removal_and_an_add_are_ordered_by_their_stamps(pair: dict[str, Any]) -> None:
    a, b, ann = pair["a"], pair["b"], pair["Ann Lee"]
    kith(a, "person", "edit", "Ann Lee", "--remove-tag", "close")
    kith(b, "person", "edit", "Ann Lee", "--add-tag", "choir")
    both_ways(a, b)
    assert person(a, ann)["tags"] == ["choir"]  # removed on A, and B's add stays
    kith(b, "person", "edit", "Ann Lee", "--add-tag", "close")  # added again, later
    both_ways(a, b)
    assert set(person(a, ann)["tags"]) == {"choir", "close"}


def test_1_value_parts_merge_on_their_own_stamps(pair: dict[str, Any]) -> None:
    a, b, x = pair["a"], pair["b"], pair["x"]
    kith(a, "interaction", "edit", x, "--money", "99")
    kith(b, "interaction", "edit", x, "--minutes", "45")
    both_ways(a, b)
    value = records(a, "interactions")[x]["value"]
    assert value["money"] == 9900 and value["minutes"] == 45
    assert doctor.check(a) == []


def test_1_an_interactions_people_merge_by_element(pair: dict[str, Any]) -> None:
    a, b, x = pair["a"], pair["b"], pair["x"]
    kith(a, "interaction", "edit", x, "--with", "Ann Lee", "--with", "Kate Moss")
    kith(b, "interaction", "edit", x, "--with", "Ann Lee", "--with", "Lena Berg")
    both_ways(a, b)
    assert set(records(a, "interactions")[x]["people"]) == {
        pair["Ann Lee"], pair["Kate Moss"], pair["Lena Berg"]}
    assert doctor.check(a) == []


def test_1_old_records_without_element_stamps_load_and_merge(pair: dict[str, Any]) -> None:
    a, b, ann = pair["a"], pair["b"], pair["Ann Lee"]
    kith(a, "person", "edit", "Ann Lee", "--add-tag", "fromA")
    kith(b, "person", "edit", "Ann Lee", "--add-tag", "fromB")
    for home in (a, b):  # as an older kith wrote them: field stamps only
        main = orjson.loads((home / "kith.json").read_bytes())
        for doc in main["people"].values():
            doc.pop("_sub", None)
            doc.pop("_since", None)
        (home / "kith.json").write_bytes(orjson.dumps(main))
    both_ways(a, b)
    assert set(person(a, ann)["tags"]) == {"close", "froma", "fromb"}


def test_2_a_merge_of_people_keeps_the_other_devices_late_edits(pair: dict[str, Any]
                                                                ) -> None:
    a, b = pair["a"], pair["b"]
    kate, xavier = pair["Kate Moss"], pair["Xavier Moss"]
    kith(a, "person", "edit", "Xavier Moss", "--add-tag", "donor")
    kith(a, "person", "relate", "Xavier Moss", "Yolanda Ruiz", "--as", "colleague")
    kith(a, "person", "relate", "Kate Moss", "Yolanda Ruiz", "--as", "colleague")
    kith(a, "person", "relate", "Kate Moss", "Xavier Moss", "--as", "sibling")
    kith(b, "merge", a)
    kith(a, "person", "merge", "Kate Moss", "Xavier Moss")
    kith(b, "person", "edit", "Xavier Moss", "--add-phone", "+1 555 0199", "--alias", "Xav",
         "--cadence", "30")
    kith(b, "person", "edit", "Kate Moss", "--add-tag", "neighbour")
    both_ways(a, b)
    people = records(a, "people")
    assert xavier not in people
    doc = people[kate]
    assert {"donor", "neighbour", "close"} <= set(doc["tags"])
    assert doc["handles"]["phone"] and "Xav" in doc["aliases"]
    assert doc["cadence_days"] == 30
    relations = [(r["a"], r["b"], r["kind"]) for r in records(a, "relationships").values()]
    assert len(relations) == len(set(relations)) == 1  # one colleague, no self-relation
    assert doctor.check(a) == [] and doctor.check(b) == []


def test_2_interactions_logged_meanwhile_land_on_the_kept_person(pair: dict[str, Any]
                                                                 ) -> None:
    a, b = pair["a"], pair["b"]
    kith(a, "person", "merge", "Kate Moss", "Xavier Moss")
    late = str(kith_json(b, "log", "church", "--with", "Xavier Moss", "--gave", "--kind",
                         "help", "--on", "2024-05-01")["id"])
    both_ways(a, b)
    assert records(a, "interactions")[late]["people"] == [pair["Kate Moss"]]
    assert doctor.check(a) == []


def test_3_a_merge_does_not_bring_deleted_interactions_back(pair: dict[str, Any]) -> None:
    a, b, x = pair["a"], pair["b"], pair["x"]
    kith(a, "person", "edit", "Lena Berg", "--name", "Ann L.")
    kith(a, "interaction", "edit", x, "--with", "Ann L.")
    kith(b, "merge", a)
    kith(a, "interaction", "delete", x, "--yes")
    kith(b, "person", "merge", "Ann Lee", "Ann L.")
    both_ways(a, b)
    assert x not in records(a, "interactions")
    assert doctor.check(a) == [] and doctor.check(b) == []


def test_3_a_deletion_wins_over_an_edit_made_meanwhile_whatever_the_clocks(
        pair: dict[str, Any]) -> None:
    a, b, x = pair["a"], pair["b"], pair["x"]
    kith(b, "interaction", "delete", x, "--yes")
    kith(a, "interaction", "edit", x, "--note", "edited after, elsewhere")  # newer stamp
    both_ways(a, b)
    assert x not in records(a, "interactions")


def test_5_another_currency_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    eur, usd = tmp_path / "eur", tmp_path / "usd"
    kith(eur, "init")
    kith(eur, "network", "add", "Church", "--kind", "church")
    kith(usd, "init", "--currency", "USD")
    kith(usd, "network", "add", "Shop", "--kind", "other")
    kith(usd, "person", "add", "Sam")
    kith(usd, "log", "shop", "--with", "Sam", "--received", "--kind", "client",
         "--money", "1000")
    before = data_of(eur)
    line = one_line_error(kith(eur, "merge", usd, code=2))
    assert "USD" in line and "EUR" in line
    assert data_of(eur) == before
    assert orjson.loads((eur / "kith.json").read_bytes())["people"]["me"]["name"]


def test_6_concurrent_scalar_edits_keep_the_loser_as_a_conflict(pair: dict[str, Any]
                                                                ) -> None:
    a, b, ann = pair["a"], pair["b"], pair["Ann Lee"]
    kith(a, "person", "edit", "Ann Lee", "--birthday", "1990-01-02")
    kith(b, "person", "edit", "Ann Lee", "--birthday", "1991-03-04")  # newer: wins
    out = kith(a, "merge", b).stdout
    assert "1 conflict kept: `kith conflicts`" in out
    assert person(a, ann)["birthday"] == "1991-03-04"
    listed = kith_json(a, "conflicts")
    assert [(c["field"], c["kept"], c["dropped"]) for c in listed] == [
        ("birthday", "1991-03-04", "1990-01-02")]
    assert "dropped \"1990-01-02\"" in kith(a, "conflicts").stdout
    kith(a, "conflicts", "--pick", "1")
    assert person(a, ann)["birthday"] == "1990-01-02"
    assert kith_json(a, "conflicts") == []
    both_ways(a, b)  # the pick is a new edit: it travels
    assert person(b, ann)["birthday"] == "1990-01-02"
    assert kith_json(b, "conflicts") == []


def test_6_an_edit_made_after_seeing_the_other_is_no_conflict(pair: dict[str, Any]) -> None:
    a, b = pair["a"], pair["b"]
    kith(a, "person", "edit", "Ann Lee", "--birthday", "1990-01-02")
    both_ways(a, b)
    kith(b, "person", "edit", "Ann Lee", "--birthday", "1991-03-04")
    out = kith(a, "merge", b).stdout
    assert "conflict" not in out
    assert kith_json(a, "conflicts") == []


def test_6_keep_dismisses_a_conflict(pair: dict[str, Any]) -> None:
    a, b = pair["a"], pair["b"]
    kith(a, "interaction", "edit", pair["x"], "--note", "from A")
    kith(b, "interaction", "edit", pair["x"], "--note", "from B")
    kith(a, "merge", b)
    assert len(kith_json(a, "conflicts")) == 1
    kith(a, "conflicts", "--keep", "1")
    assert kith_json(a, "conflicts") == []
    assert records(a, "interactions")[pair["x"]]["note"] == "from B"


def test_7_a_member_added_to_a_network_removed_elsewhere_leaves_it(pair: dict[str, Any]
                                                                  ) -> None:
    a, b, lena = pair["a"], pair["b"], pair["Lena Berg"]
    kith(a, "network", "remove", "book-club")
    kith(b, "person", "edit", "Lena Berg", "--add-network", "book-club")
    both_ways(a, b)
    assert "book-club" not in records(a, "networks")
    assert "book-club" not in person(a, lena)["networks"]
    assert doctor.check(a) == [] and doctor.check(b) == []
    kith(a, "person", "list", "--network", "church")


def test_7_doctor_reports_dangling_references(pair: dict[str, Any]) -> None:
    a = pair["a"]
    main = orjson.loads((a / "kith.json").read_bytes())
    main["people"][pair["Lena Berg"]]["networks"]["gone-net"] = None
    (a / "kith.json").write_bytes(orjson.dumps(main))
    assert any("gone-net" in str(p) for p in doctor.check(a))


def test_10_interactions_without_people_travel(pair: dict[str, Any]) -> None:
    from datetime import UTC, datetime

    from kith.core.model import Interaction, Value
    from kith.persistence.store import Store

    a, b = pair["a"], pair["b"]
    made = Store(a).record(Interaction.create(  # as the giving-CSV importer makes them
        when=datetime(2024, 6, 1, 12, tzinfo=UTC), network="church", people=(),
        direction="gave", kind="donation", value=Value(money=25000), source="giving:1"))
    donation = made.id
    assert records(a, "interactions")[donation]["people"] == []
    result = kith(b, "merge", a)
    assert "skipped" not in result.stderr
    assert records(b, "interactions")[donation]["value"]["money"] == 25000
    assert doctor.check(b) == []


def test_10_plugin_tables_travel(pair: dict[str, Any]) -> None:
    from kith.api import PluginTable
    from kith.persistence.store import Store

    a, b = pair["a"], pair["b"]
    table = PluginTable(Store(a), "kith_demo", "visits")
    table.put("v1", {"where": "the lake"})
    kith(b, "merge", a)
    assert PluginTable(Store(b), "kith_demo", "visits").get("v1")["where"] == "the lake"


def test_31_a_parent_cycle_is_refused_in_one_line(pair: dict[str, Any]) -> None:
    a = pair["a"]
    kith(a, "person", "relate", "Ann Lee", "Kate Moss", "--as", "parent")
    line = one_line_error(kith(a, "person", "relate", "Kate Moss", "Ann Lee", "--as",
                               "parent", code=2))
    assert "cannot each be the other's parent" in line
    kith(a, "person", "relate", "Kate Moss", "Ann Lee", "--as", "child", code=2)  # same fact
    assert len(records(a, "relationships")) == 1


def test_31_after_a_merge_nobody_is_parent_and_child_of_the_same_person(
        pair: dict[str, Any]) -> None:
    a = pair["a"]
    kith(a, "person", "relate", "Ann Lee", "Kate Moss", "--as", "parent")
    kith(a, "person", "relate", "Xavier Moss", "Ann Lee", "--as", "parent")
    kith(a, "person", "merge", "Kate Moss", "Xavier Moss")
    relations = list(records(a, "relationships").values())
    assert len(relations) == 1
    assert doctor.check(a) == []


def test_31_doctor_reports_a_parent_cycle(pair: dict[str, Any]) -> None:
    a, ann, kate = pair["a"], pair["Ann Lee"], pair["Kate Moss"]
    main = orjson.loads((a / "kith.json").read_bytes())
    main.setdefault("relationships", {}).update({
        "r1": {"id": "r1", "a": ann, "b": kate, "kind": "parent", "note": "",
               "created": None},
        "r2": {"id": "r2", "a": kate, "b": ann, "kind": "parent", "note": "",
               "created": None}})
    (a / "kith.json").write_bytes(orjson.dumps(main))
    assert any("each the other's parent" in str(p) for p in doctor.check(a))


def test_6_a_peer_whose_clock_is_ahead_is_reported_before_merging(pair: dict[str, Any]
                                                                  ) -> None:
    from kith.core import clock
    from kith.persistence import stamps

    a, b = pair["a"], pair["b"]
    clock.set_skew(3 * 3600)
    try:
        kith(b, "person", "edit", "Ann Lee", "--add-tag", "ahead")
    finally:
        clock.set_skew(0)
        stamps._last[:] = [0, ""]
    result = kith(a, "merge", b)
    assert "clock looks 3.0 hours ahead" in result.stderr
    assert "ahead" in person(a, pair["Ann Lee"])["tags"]  # within the slack: merged


def test_6_a_skewed_clock_edit_made_after_seeing_the_other_still_wins(
        pair: dict[str, Any]) -> None:
    from kith.core import clock
    from kith.persistence import stamps

    a, b, ann = pair["a"], pair["b"], pair["Ann Lee"]
    kith(a, "person", "edit", "Ann Lee", "--birthday", "1990-01-02")
    both_ways(a, b)
    clock.set_skew(-86_400)  # b's clock a day behind
    stamps._last[:] = [0, ""]
    try:
        kith(b, "person", "edit", "Ann Lee", "--birthday", "1991-03-04")
    finally:
        clock.set_skew(0)
        stamps._last[:] = [0, ""]
    both_ways(a, b)
    assert person(a, ann)["birthday"] == "1991-03-04"


def test_31_a_person_merge_recomputes_first_and_last_contact_once(pair: dict[str, Any]
                                                                 ) -> None:
    a = pair["a"]
    for who, day in (("Xavier Moss", "2020-01-05"), ("Kate Moss", "2021-06-01"),
                     ("Xavier Moss", "2023-09-09"), ("Kate Moss", "2022-02-02"),
                     ("Xavier Moss", "2021-06-01")):
        kith(a, "log", "church", "--with", who, "--gave", "--kind", "help", "--on", day)
    kith(a, "person", "merge", "Kate Moss", "Xavier Moss")
    assert doctor.check(a) == []  # the aggregates equal a recomputation from history
    from kith.persistence.store import Store

    stats = Store(a).person_stats(pair["Kate Moss"])[pair["Kate Moss"]]["church"]
    assert stats["first"].startswith("2020-01-05") and stats["last"].startswith("2023-09-09")


def test_element_stamps_from_outside_are_checked_at_the_door(pair: dict[str, Any]) -> None:
    a, b, ann = pair["a"], pair["b"], pair["Ann Lee"]
    kith(b, "person", "edit", "Ann Lee", "--add-tag", "fromb")
    main = orjson.loads((b / "kith.json").read_bytes())
    main["people"][ann]["_sub"] = {'["tags","\\"fromb\\""]': ["2999-01-01T00:00:00.000000Z",
                                                             "ffffffffffffffff"]}
    (b / "kith.json").write_bytes(orjson.dumps(main))
    result = kith(a, "merge", b)
    assert "stamped in the future" in result.stderr
    assert "fromb" not in person(a, ann)["tags"]
    assert doctor.check(a) == []
