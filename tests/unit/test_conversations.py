"""Invited versus pitched (issue 16): the model field, ``kith log --invited/--pitched``, the
TUI log form's choice, the migration of older databases, and the conversation index the
ledger reads, kept equal to a recomputation whatever the writes."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kith.core.errors import ValidationError
from kith.core.model import Interaction, Network, Person, Value
from kith.domain import conversations as initiative
from kith.domain import ledger
from kith.persistence.store import Store, migrations
from kith.plugins.manager import load_plugins
from kith.services.context import KithApp
from kith.services.demo import build
from tests.conftest import snapshot_db

WHEN = datetime(2026, 3, 4, 12, tzinfo=UTC)


def make(**fields: Any) -> Interaction:
    return Interaction.create(when=WHEN, network="net", people=["p1"], direction="shared",
                              **fields)


# the model ------------------------------------------------------------------------------
def test_initiative_and_invited_stay_in_step() -> None:
    assert make().initiative is None and not make().invited
    assert make(invited=True).initiative == "invited"  # what importers set keeps working
    pitched = make(initiative="pitched")
    assert (pitched.initiative, pitched.invited) == ("pitched", False)
    invited = make(initiative="invited")
    assert invited.invited is True
    assert invited.with_changes(initiative="pitched").invited is False
    assert invited.with_changes(invited=False).initiative is None
    assert pitched.with_changes(invited=True).initiative == "invited"
    assert pitched.with_changes(note="x").initiative == "pitched"
    data = pitched.to_dict()
    assert (data["invited"], data["initiative"]) == (False, "pitched")
    assert Interaction.from_dict(data) == pitched


@pytest.mark.parametrize("fields", [{"initiative": "begged"},
                                    {"invited": True, "initiative": "pitched"}])
def test_initiative_refuses_nonsense(fields: dict[str, Any]) -> None:
    with pytest.raises(ValidationError, match=r"invited|initiative"):
        make(**fields)


def test_older_json_with_invited_true_reads_as_invited() -> None:
    old = {k: v for k, v in make(invited=True).to_dict().items() if k != "initiative"}
    assert Interaction.from_dict(old).initiative == "invited"


# the command ----------------------------------------------------------------------------
def test_log_invited_or_pitched(ok: Callable[..., Any], ok_json: Callable[..., Any],
                                fails: Callable[..., Any]) -> None:
    help_text = ok("log", "--help").stdout
    assert "--invited" in help_text and "--pitched" in help_text
    ok("network", "add", "LinkedIn", "--kind", "social")
    ok("person", "add", "Nils", "--network", "linkedin")
    pitched = ok_json("log", "linkedin", "--with", "Nils", "--gave", "--kind", "message",
                      "--pitched", "--json")
    assert (pitched["initiative"], pitched["invited"]) == ("pitched", False)
    invited = ok_json("log", "linkedin", "--with", "Nils", "--received", "--kind",
                      "message", "--invited", "--json")
    assert (invited["initiative"], invited["invited"]) == ("invited", True)
    neither = ok_json("log", "linkedin", "--with", "Nils", "--shared", "--json")
    assert (neither["initiative"], neither["invited"]) == (None, False)
    assert "(you pitched)" in ok("history").stdout
    fails("log", "linkedin", "--with", "Nils", "--gave", "--invited", "--pitched",
          match="--invited or --pitched, not both")
    [twelve] = [a for a in ok_json("assess", "--network", "linkedin", "--window", "12m")]
    assert twelve["conversations"] == {"invited": 1, "pitched": 1,
                                       "money_after_invited": 0, "money_after_pitched": 0}
    for key in ("verdict", "advice", "next_step", "time_share", "conversations", "basis"):
        assert key in twelve


def test_interaction_edit_keeps_initiative_in_step(ok: Callable[..., Any],
                                                   ok_json: Callable[..., Any],
                                                   fails: Callable[..., Any]) -> None:
    ok("network", "add", "Guild", "--kind", "association")
    ok("person", "add", "Ann", "--network", "guild")
    logged = ok_json("log", "guild", "--with", "Ann", "--gave", "--pitched", "--json")
    edited = ok_json("interaction", "edit", logged["id"], "--invited", "--json")
    assert (edited["initiative"], edited["invited"]) == ("invited", True)
    edited = ok_json("interaction", "edit", logged["id"], "--initiative", "pitched", "--json")
    assert (edited["initiative"], edited["invited"]) == ("pitched", False)
    edited = ok_json("interaction", "edit", logged["id"], "--initiative", "none", "--json")
    assert (edited["initiative"], edited["invited"]) == (None, False)
    fails("interaction", "edit", logged["id"], "--invited", "--initiative", "pitched",
          match="not both")
    fails("interaction", "edit", logged["id"], "--initiative", "begged")


# the TUI log form -----------------------------------------------------------------------
def test_log_form_records_a_pitch(kith_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from textual.widgets import Input, Select

    from kith.tui import make_app
    from kith.tui.log_form import LogScreen

    monkeypatch.setenv("KITH_PLUGINS", "social,friends,church,association")
    today = date(2026, 6, 15)
    build(Store(kith_home, plugins=load_plugins()), today=today)
    app = make_app(KithApp(kith_home), today=today, blink=False)

    async def steps(pilot: Any) -> None:
        await pilot.press("l")
        screen = app.screen
        assert isinstance(screen, LogScreen)
        screen.query_one("#network", Input).value = "LinkedIn"
        screen.query_one("#people", Input).value = "Olu Garcia"
        screen.query_one("#direction", Select).value = "gave"
        screen.query_one("#note", Input).value = "pitched a redesign"
        choice = screen.query_one("#initiative", Select)
        assert choice.value == "neither"
        choice.focus()
        await pilot.press("enter", "down", "down", "enter")  # open, move to "pitched"
        await pilot.pause()
        assert choice.value == "pitched"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, LogScreen)

    async def main() -> None:
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.pause()
            await steps(pilot)

    asyncio.run(main())
    [stored] = [i for i in Store(kith_home).interactions() if i.note == "pitched a redesign"]
    assert (stored.initiative, stored.invited) == ("pitched", False)


# the index and the migration ------------------------------------------------------------
def _agrees(store: Store) -> None:
    networks, people = store.recompute_derived()
    assert store.network_months() == networks
    assert store.person_stats() == people
    assert store.conversation_indexes() == store.recompute_conversations()


def test_index_follows_every_write(tmp_path: Path) -> None:
    store = Store(tmp_path / "db", plugins=load_plugins())
    for name in ("Guild", "Church"):
        store.save_network(Network.create(name))
    ann = store.save_person(Person.create("Ann"))
    bob = store.save_person(Person.create("Bob"))
    rows = [("guild", [ann.id], "shared", "conversation", Value(minutes=10), "invited"),
            ("guild", [ann.id, bob.id], "received", "client", Value(money=10001), None),
            ("guild", [bob.id], "gave", "message", Value(minutes=5), "pitched"),
            ("guild", [ann.id], "gave", "talk", Value(minutes=60), None),
            ("church", [bob.id], "gave", "help", Value(favours=1), None),
            ("church", [ann.id], "shared", "meal", Value(money=2500, fun=3), None)]
    recorded = [store.record(Interaction.create(
        when=WHEN + timedelta(days=n), network=net, people=who, direction=direction,
        kind=kind, value=value, initiative=initiative))
        for n, (net, who, direction, kind, value, initiative) in enumerate(rows)]
    _agrees(store)
    index = store.conversation_index("guild")["people"]
    assert sum(m[1] for m in index[ann.id]["m"]) + sum(m[1] for m in index[bob.id]["m"]) \
        == 10001  # a payment from two people is split, never counted twice
    store.replace_interaction(recorded[0].with_changes(initiative="pitched"))
    _agrees(store)
    store.delete_interaction(recorded[1].id)
    _agrees(store)
    store.merge_people(ann.id, bob.id)
    _agrees(store)
    store.remove_network("church", force=True)
    _agrees(store)
    assert "church" not in store.conversation_indexes()
    store.rebuild_derived()
    _agrees(store)


def test_reimport_of_an_invited_record_is_unchanged(tmp_path: Path) -> None:
    store = Store(tmp_path / "db", plugins=load_plugins())
    store.save_network(Network.create("Net"))
    person = store.save_person(Person.create("Pat"))
    item = Interaction.create(when=WHEN, network="net", people=[person.id],
                              direction="received", kind="message", invited=True,
                              source="test:1")
    assert store.upsert_interactions([item]).added == 1
    again = store.upsert_interactions([item])
    assert (again.added, again.updated, again.unchanged) == (0, 0, 1)


def _downgrade_to_2(home: Path) -> None:
    """What a schema-2 database looks like: no initiative, no conversation index, month
    totals without invited/pitched rows."""
    main = orjson.loads((home / "kith.json").read_bytes())
    main["_meta"]["schema"]["version"] = 2
    (home / "kith.json").write_bytes(orjson.dumps(main))
    for path in (home / "interactions").glob("*.json"):
        data = orjson.loads(path.read_bytes())
        for doc in data["interactions"].values():
            doc.pop("initiative", None)
        path.write_bytes(orjson.dumps(data))
    totals = orjson.loads((home / "derived" / "networks.json").read_bytes())
    for doc in totals["networks"].values():
        for rows in doc["months"].values():
            rows.pop("invited", None)
            rows.pop("pitched", None)
    (home / "derived" / "networks.json").write_bytes(orjson.dumps(totals))
    for path in (home / "derived" / "conversations").glob("*.json"):
        path.unlink()


def test_schema_2_migrates_with_a_backup_and_invited_stays_invited(tmp_path: Path) -> None:
    home = tmp_path / "db"
    today = date(2026, 6, 15)
    build(Store(home, plugins=load_plugins()), today=today)
    invited_before = sorted(i.id for i in Store(home).interactions() if i.invited)
    _downgrade_to_2(home)
    old_files = snapshot_db(home)
    store = Store(home)
    assert store.schema_version == migrations.SCHEMA_VERSION
    [backup] = [p for p in (home / "backups").iterdir() if p.name.endswith("migrate-from-2")]
    assert {str(p.relative_to(backup)): p.read_bytes()
            for p in backup.rglob("*.json")} == old_files  # the backup is the old database
    after = list(store.interactions())
    assert sorted(i.id for i in after if i.initiative == "invited") == invited_before
    assert {i.initiative for i in after} == {"invited", None}  # schema 2 knew no pitches
    stored = orjson.loads(next((home / "interactions").glob("*.json")).read_bytes())
    assert all("initiative" in doc for doc in stored["interactions"].values())
    _agrees(store)
    guild = [a for a in ledger.assess(store, today=today) if a.network.id == "design-guild"]
    assert all(a.conversations["invited"] > 0 for a in guild)


def test_dashboard_cards_show_advice_and_next_step(kith_home: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from kith.tui import make_app
    from kith.tui.dashboard import NetworkCard

    monkeypatch.setenv("KITH_PLUGINS", "social,friends,church,association")
    today = date(2026, 6, 15)
    build(Store(kith_home, plugins=load_plugins()), today=today)
    app = make_app(KithApp(kith_home), today=today, blink=False)
    seen: dict[str, str] = {}

    async def main() -> None:
        async with app.run_test(size=(120, 50)) as pilot:
            await pilot.pause()
            for card in app.query(NetworkCard):
                seen[card.assessment.network.name] = str(card.query_one(".advice").render())

    asyncio.run(main())
    assert seen["LinkedIn"].startswith("Advice (leave): stop pitching on LinkedIn")
    assert seen["St Mary's"].startswith("Advice (rebalance): rebalance St Mary's")
    [linkedin] = [a for a in ledger.assess(Store(kith_home), today=today,
                                           window=ledger.default_windows(today)[0])
                  if a.network.name == "LinkedIn"]
    assert seen["LinkedIn"] == f"Advice (leave): {linkedin.next_step}"  # the same words


@settings(max_examples=200, deadline=None)
@given(days=st.lists(st.integers(date(1900, 1, 1).toordinal(), date(2200, 12, 31).toordinal()),
                     max_size=30),
       probe=st.integers(date(1899, 1, 1).toordinal(), date(2201, 1, 1).toordinal()))
def test_encoded_days_keep_order_and_search_like_bisect(days: list[int], probe: int) -> None:
    import bisect

    days.sort()
    text = initiative.encode_days(days)
    assert initiative.decode_days(text) == days
    assert [initiative.day_at(text, i) for i in range(len(days))] == days
    assert initiative.bisect_days(text, probe) == bisect.bisect_left(days, probe)
    assert initiative.bisect_days(text, probe, right=True) == bisect.bisect_right(days, probe)


def test_doctor_finds_a_damaged_conversation_index_and_repairs_it(
        ok: Callable[..., Any], run: Callable[..., Any], kith_home: Path) -> None:
    ok("network", "add", "Guild", "--kind", "association")
    ok("person", "add", "Ann", "--network", "guild")
    ok("log", "guild", "--with", "Ann", "--shared", "--invited")
    ok("log", "guild", "--with", "Ann", "--received", "--money", "300")
    path = kith_home / "derived" / "conversations" / "guild.json"
    data = orjson.loads(path.read_bytes())
    data["people"].clear()  # a sync tool, an editor: the payments are gone
    path.write_bytes(orjson.dumps(data))
    found = run("doctor")
    assert found.exit_code != 0 and "conversation index" in found.stdout + found.stderr
    ok("doctor", "--repair")
    store = Store(kith_home)
    assert store.conversation_indexes() == store.recompute_conversations()
    assert ok("doctor").exit_code == 0
