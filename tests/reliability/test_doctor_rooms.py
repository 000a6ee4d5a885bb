"""Doctor's rooms on their own: salvage, check, mend, repair and restore, called directly.

The CLI tests (``test_reliability*.py``) go through ``kith doctor``; these call each room
with a real database on disk, so that a room's contract is seen without the command.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import orjson
from hypothesis import given
from hypothesis import strategies as st

from kith.core.model import Interaction, Network, Person
from kith.persistence.files import FileSet
from kith.persistence.store import Store
from kith.reliability.backups import BackupCopies, backups, make_backup
from kith.reliability.check import check, check_folder
from kith.reliability.mend import Mender
from kith.reliability.repair import repair
from kith.reliability.restore import restore
from kith.reliability.salvage import salvage


def populated(home: Path) -> Store:
    store = Store(home)
    with store.transaction():
        store.add_network(Network.create("Club"))
        store.add_person(Person.create("Ann", id="ann"))
        for day in range(1, 4):
            store.record(Interaction.create(when=datetime(2025, 1, day, 10, tzinfo=UTC),
                                            network="club", people=["ann"],
                                            direction="gave", kind="help"))
    return store


RECORDS = st.dictionaries(st.text("abcdef", min_size=1, max_size=4),
                          st.dictionaries(st.text("xyz", min_size=1, max_size=3),
                                          st.integers(-10 ** 6, 10 ** 6), max_size=3),
                          min_size=1, max_size=6)


@given(RECORDS, st.integers(min_value=0, max_value=400))
def test_salvage_keeps_every_record_before_the_cut(records: dict[str, dict[str, int]],
                                                    cut: int) -> None:
    raw = orjson.dumps({"people": records})
    saved = salvage(raw[:cut]).get("people", {})
    assert saved.items() <= records.items()
    if cut >= len(raw):
        assert saved == records
    # every record whose text ends before the cut is kept
    whole = [ident for ident, doc in records.items()
             if raw.find(orjson.dumps({ident: doc})[1:-1]) + len(
                 orjson.dumps({ident: doc})[1:-1]) <= cut]
    assert set(whole) <= set(saved)


def test_salvage_of_garbage_is_nothing() -> None:
    assert salvage(b"\x00\xff not json") == {}
    assert salvage(b"") == {}


def test_a_healthy_database_has_no_problems(kith_home: Path) -> None:
    populated(kith_home)
    assert check(kith_home) == []
    files = FileSet(kith_home)
    with files.locked():
        assert check_folder(kith_home, files) == []


def test_check_names_each_problem_and_changes_nothing(kith_home: Path) -> None:
    populated(kith_home)
    month = kith_home / "interactions" / "2025-01.json"
    data = orjson.loads(month.read_bytes())
    ident = next(iter(data["interactions"]))
    data["interactions"][ident]["network"] = "nowhere"
    month.write_bytes(orjson.dumps(data))
    (kith_home / "kith (conflicted copy).json").write_bytes(b"{}")
    before = {p: p.read_bytes() for p in kith_home.rglob("*.json")}
    problems = [str(p) for p in check(kith_home)]
    assert "kith (conflicted copy).json: a sync-conflict copy" in problems
    assert f"interactions/2025-01.json: interaction {ident} refers to a missing network " \
           "'nowhere'" in problems
    assert {p: p.read_bytes() for p in kith_home.rglob("*.json")} == before


def test_repair_salvages_a_cut_file_and_takes_the_rest_from_a_backup(kith_home: Path) -> None:
    store = populated(kith_home)
    make_backup(store, "before")
    store.record(Interaction.create(when=datetime(2025, 1, 9, 10, tzinfo=UTC), network="club",
                                    people=["ann"], direction="received", kind="advice"))
    month = kith_home / "interactions" / "2025-01.json"
    raw = month.read_bytes()
    month.write_bytes(raw[:len(raw) // 2])
    assert check(kith_home)
    done = repair(kith_home)
    assert any("salvaged" in action for action in done.actions)
    assert done.quarantine is not None and (done.quarantine / "README.txt").exists()
    assert (done.quarantine / "interactions" / "2025-01.json").read_bytes() == \
        raw[:len(raw) // 2]
    assert check(kith_home) == []
    assert len(list(Store(kith_home).interactions())) >= 3


def test_mend_brings_back_a_missing_person_from_a_backup_or_as_a_placeholder(
        kith_home: Path) -> None:
    store = populated(kith_home)
    make_backup(store, "with-ann")
    actions: list[str] = []
    kept: dict[str, dict[str, object]] = {}
    mender = Mender(BackupCopies(kith_home), lambda label, records: kept.update(records),
                    actions)
    main: dict[str, dict[str, object]] = {"networks": {"club": {}}, "people": {}}
    months = {"2025-01": {"i1": {"network": "club", "people": ["ann", "zed"]}}}
    mender.fix_references(main, months)
    assert main["people"]["ann"]["name"] == "Ann"  # type: ignore[index]
    assert main["people"]["zed"]["name"] == "(unknown person) zed"  # type: ignore[index]
    assert actions == ["restored person ann from a backup",
                       "recreated missing person zed as a placeholder"]
    assert kept == {}


def test_restore_switches_to_the_backup_and_backs_up_what_it_replaced(kith_home: Path) -> None:
    store = populated(kith_home)
    [old] = [make_backup(store, "old")]
    store.add_network(Network.create("Work"))
    saved = restore(kith_home, old)
    assert [n.id for n in Store(kith_home).networks()] == ["club"]
    assert saved in backups(kith_home)
    assert "work" in orjson.loads((saved / "kith.json").read_bytes())["networks"]
    restore(kith_home, saved)  # a restore can itself be undone
    assert sorted(n.id for n in Store(kith_home).networks()) == ["club", "work"]
    assert check(kith_home) == []
