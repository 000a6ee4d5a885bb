"""The TUI as a daily tool: keys from every focus, Esc, the footer, the palette from every
screen, refresh after writes (ours and other processes'), and the forms.

Driven with Pilot over a real database on disk, as in test_tui.py.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable, Input
from textual.widgets._footer import FooterKey

from kith.core.model import Interaction, Person, Value
from kith.persistence.store import Store
from kith.services import followups, notes
from kith.tui.app import KithTUI
from kith.tui.dashboard import NetworkCard
from kith.tui.forms import MergeForm, NetworkForm, OpportunityForm, PersonForm
from kith.tui.log_form import LogScreen
from kith.tui.people import PersonScreen
from tests.tui.test_tui import (
    TODAY,
    drive,
    drive_writing_nothing,
    fill,
    refusal,
    table_rows,
    text,
    tui,
)

pytestmark = pytest.mark.usefixtures("first_party_plugins_only")


# helpers ------------------------------------------------------------------------------------


def active_tab(app: KithTUI) -> str:
    return str(app.query_one("#tabs").active)


def footer_keys(app: KithTUI) -> set[str]:
    return {key.key for key in app.screen.query(FooterKey)}


async def palette(pilot: Any, title: str) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*title)
    await pilot.pause(0.3)
    await pilot.press("enter")
    await pilot.pause()
    await pilot.pause()


async def settle(pilot: Any) -> None:
    await pilot.pause()
    await pilot.pause()


async def save(pilot: Any, app: KithTUI, **fields: str) -> None:
    """Fill the form on top with ``fields``, press Ctrl+S and let the app settle."""
    fill(app.screen, **fields)
    await pilot.press("ctrl+s")
    await settle(pilot)


MAIN = {"dashboard": "cards", "people": "people-filter", "introductions": "suggestions",
        "reminders": "overdue"}
"""Where the focus is when a tab opens: People opens with its filter, so typing filters."""


async def check_global_keys(app: KithTUI, pilot: Any, back: Any) -> None:
    """From the state ``back`` restores, every global key does its job."""
    for key, tab in (("d", "dashboard"), ("p", "people"), ("o", "introductions"),
                     ("r", "reminders")):
        await back()
        await pilot.press(key)
        await settle(pilot)
        assert active_tab(app) == tab, (key, active_tab(app))
        assert not isinstance(app.screen, PersonScreen)
        assert app.focused is not None and app.focused.id == MAIN[tab], (key, app.focused)
    for key, screen in (("l", LogScreen), ("a", PersonForm), ("n", NetworkForm),
                        ("h", OpportunityForm), ("m", MergeForm)):
        await back()
        await pilot.press(key)
        await settle(pilot)
        assert isinstance(app.screen, screen), (key, app.screen)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, screen)
    await back()
    window = {c.assessment.window.label for c in app.query(NetworkCard)}
    await pilot.press("w")
    await settle(pilot)
    assert active_tab(app) == "dashboard"
    assert {c.assessment.window.label for c in app.query(NetworkCard)} != window
    await back()
    await pilot.press("f")
    await settle(pilot)
    assert active_tab(app) == "people" and app.focused is app.query_one("#people-filter")


# keys from every focus ----------------------------------------------------------------------

@pytest.mark.parametrize("state", ["dashboard", "people-table", "suggestions", "opportunities",
                                   "overdue", "person-page"])
def test_global_keys_work_from_every_focus(demo_home: Path, state: str) -> None:
    app = tui(demo_home)

    async def steps(pilot: Any) -> None:
        async def back() -> None:
            app.to_main_screen()
            await settle(pilot)
            tab = {"people-table": ["p", "escape"], "suggestions": ["o"],
                   "opportunities": ["o"], "overdue": ["r"], "person-page": ["p", "down"],
                   "dashboard": ["d"]}[state]
            await pilot.press("escape", *tab)  # Esc: out of the People filter, if in it
            await settle(pilot)
            if state == "opportunities":
                await pilot.press("tab")  # from the suggestions to the opportunities
                await settle(pilot)
                assert app.focused is app.query_one("#opportunities")
            if state == "person-page":
                await pilot.press("enter")
                await settle(pilot)
                assert isinstance(app.screen, PersonScreen)

        await check_global_keys(app, pilot, back)

    drive(app, steps)


def test_the_footer_shows_every_key_at_80_columns(demo_home: Path) -> None:
    app = tui(demo_home)

    async def steps(pilot: Any) -> None:
        for tab in ("d", "p", "r"):
            await pilot.press("escape", tab)  # Esc first: the People filter takes letters
            await settle(pilot)
            keys = list(app.screen.query(FooterKey))
            palette = next(key for key in keys if key.key == "ctrl+p")
            hidden = [key.key for key in keys
                      if key is not palette and key.region.right > palette.region.x]
            assert not hidden, (tab, hidden)

    drive(app, steps, size=(80, 24))


def test_the_filter_takes_letters_esc_leaves_it_and_the_footer_says_so(demo_home: Path) -> None:
    app = tui(demo_home)

    async def steps(pilot: Any) -> None:
        await pilot.press("p")  # the People tab opens with the filter focused
        await settle(pilot)
        assert app.focused is app.query_one("#people-filter")
        await pilot.press(*"gus o")  # o types, it does not switch to the Intros tab
        await settle(pilot)
        assert app.query_one("#people-filter", Input).value == "gus o"
        assert active_tab(app) == "people"
        assert "escape" in footer_keys(app)  # the footer is never blank
        await pilot.press("escape")
        await settle(pilot)
        assert app.focused is app.query_one("#people-table")
        assert {"l", "a", "n", "h", "m", "f", "q"} <= footer_keys(app)
        assert "escape" not in footer_keys(app)
        await pilot.press("o")
        await settle(pilot)
        assert active_tab(app) == "introductions"

    drive(app, steps)


def test_esc_in_a_form_field_cancels_the_form_and_writes_nothing(demo_home: Path) -> None:
    app = tui(demo_home)

    async def steps(pilot: Any) -> None:
        await pilot.press("a", *"Zoe New")
        await settle(pilot)
        assert isinstance(app.screen, PersonForm)
        assert {"escape", "ctrl+s"} <= footer_keys(app)
        await pilot.press("p", "d")  # letters type into the field, never switch tabs
        assert app.screen.query_one("#name", Input).value == "Zoe Newpd"
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, PersonForm)
        assert active_tab(app) == "dashboard"

    drive_writing_nothing(app, demo_home, steps)


@pytest.mark.parametrize("state", ["filter", "form", "person-page"])
def test_every_palette_command_works_from_every_state(demo_home: Path, state: str) -> None:
    app = tui(demo_home)

    async def steps(pilot: Any) -> None:
        async def enter_state() -> None:
            app.to_main_screen()
            await settle(pilot)
            keys = {"filter": ["p", "x"], "form": ["a"], "person-page": ["p", "down", "enter"]}
            await pilot.press("escape", *keys[state])  # out of the People filter first
            await settle(pilot)

        for query, tab in (("Reminders", "reminders"), ("Introductions", "introductions"),
                           ("Assess", "dashboard"), ("People", "people")):
            await enter_state()
            await palette(pilot, query)
            assert len(app.screen_stack) == 1 and active_tab(app) == tab, (query, app.screen)
            assert app.focused is not None and app.focused.id == MAIN[tab]
        for query, screen in (("Log an", LogScreen), ("Add a pe", PersonForm),
                              ("Add a net", NetworkForm), ("Edit network: Li", NetworkForm),
                              ("Hear", OpportunityForm), ("Merge", MergeForm)):
            await enter_state()
            await palette(pilot, query)
            assert isinstance(app.screen, screen), (query, app.screen)
        await enter_state()
        await palette(pilot, "Find a")
        assert app.focused is app.query_one("#people-filter")
        await enter_state()
        await palette(pilot, "all time")
        assert {c.assessment.window.label for c in app.query(NetworkCard)} == {"all time"}

    drive_writing_nothing(app, demo_home, steps)  # leaving a form by the palette too


# table actions without a Tab first ----------------------------------------------------------

def test_table_actions_act_on_the_highlighted_row_right_away(demo_home: Path) -> None:
    app = tui(demo_home)
    store = Store(demo_home)
    open_before = len(store.opportunities(status="open"))
    made_before = len(list(store.interactions(kind="introduction")))

    async def steps(pilot: Any) -> None:
        await pilot.press("o")
        await settle(pilot)
        table = app.query_one("#suggestions", DataTable)
        first = table_rows(table)[0]
        await pilot.press("i")  # no Tab: the suggestions table has the focus
        await settle(pilot)
        assert (first[1], first[2]) not in [(r[1], r[2]) for r in table_rows(table)]
        await pilot.press("c")
        await settle(pilot)
        await pilot.press("p", "down", "down", "enter")  # Down leaves the filter for the table
        await settle(pilot)
        assert isinstance(app.screen, PersonScreen)
        assert app.screen.person.name == table_rows(app.query_one("#people-table"))[1][0]
        await pilot.press("escape", "r", "enter")
        await settle(pilot)
        assert isinstance(app.screen, PersonScreen)

    drive(app, steps)
    after = Store(demo_home)
    assert len(list(after.interactions(kind="introduction"))) == made_before + 1
    assert len(after.opportunities(status="open")) < open_before


# refresh after writes -----------------------------------------------------------------------

def last_contact(app: KithTUI, name: str) -> str:
    rows = table_rows(app.query_one("#people-table", DataTable))
    return next(r[-1] for r in rows if r[0] == name)  # the last column


def test_logging_from_a_person_page_refreshes_the_people_list(demo_home: Path) -> None:
    app = tui(demo_home)

    async def steps(pilot: Any) -> None:
        await pilot.press("p", *"Nils", "enter")
        await settle(pilot)
        before = last_contact(app, "Nils Adeyemi")
        await pilot.press("enter", "l")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LogScreen)
        screen.query_one("#direction").value = "gave"
        screen.query_one("#on", Input).value = "2026-06-14 10:30"
        await save(pilot, app)
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert isinstance(app.screen, PersonScreen)
        assert "Sun 14 Jun (yesterday)" in text(app.screen.query_one("#person-keep"))
        assert app.screen.query_one("#timeline", DataTable).get_row_at(0)[0].startswith(
            "2026-06-14")
        await pilot.press("escape")
        assert before != "2026-06-14" and last_contact(app, "Nils Adeyemi") == "2026-06-14"

    drive(app, steps)


def external_interaction(home: Path, name: str) -> None:
    """Another store (as another process would) records an interaction with ``name``."""
    other = Store(home)
    person = other.find_person(name)
    other.record(Interaction.create(
        when=datetime(2026, 6, 14, 9, 0).astimezone(), network="linkedin",
        people=[person.id], direction="received", kind="referral",
        value=Value(money=99900)))


def test_a_write_by_another_store_refreshes_every_view(demo_home: Path) -> None:
    app = tui(demo_home)
    app.poll_seconds = 0.1

    async def steps(pilot: Any) -> None:
        linkedin = next(c for c in app.query(NetworkCard)
                        if c.assessment.network.name == "LinkedIn")
        money = linkedin.assessment.received.money
        await pilot.press("r")
        await pilot.press("p")
        await settle(pilot)
        assert "Hana Ito" in [r[0] for r in table_rows(app.query_one("#overdue", DataTable))]
        await pilot.press(*"Hana", "enter", "enter")
        await settle(pilot)
        assert isinstance(app.screen, PersonScreen)
        Store(demo_home).add_person(Person.create("Quinn External"))
        external_interaction(demo_home, "Hana Ito")
        await pilot.pause(0.5)
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert "Sun 14 Jun (yesterday)" in text(app.screen.query_one("#person-keep"))
        await pilot.press("escape")
        assert last_contact(app, "Hana Ito") == "2026-06-14"
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("f", *"Quinn Ext")
        await settle(pilot)
        assert [r[0] for r in table_rows(app.query_one("#people-table", DataTable))] == [
            "Quinn External"]
        await pilot.press("escape", "d")  # hidden tabs refresh when shown
        await settle(pilot)
        await app.workers.wait_for_complete()
        linkedin = next(c for c in app.query(NetworkCard)
                        if c.assessment.network.name == "LinkedIn")
        assert linkedin.assessment.received.money == money + 99900
        await pilot.press("r")
        await settle(pilot)
        overdue = [r[0] for r in table_rows(app.query_one("#overdue", DataTable))]
        assert "Hana Ito" not in overdue

    drive(app, steps)


def test_a_write_by_another_process_refreshes_the_people_list(demo_home: Path) -> None:
    app = tui(demo_home)
    app.poll_seconds = 0.1

    async def steps(pilot: Any) -> None:
        await pilot.press("p")
        await settle(pilot)
        before = app.query_one("#people-table", DataTable).row_count
        done = await asyncio.to_thread(subprocess.run, [
            sys.executable, "-m", "kith", "--db", str(demo_home), "person", "add",
            "Pat Otherprocess", "--network", "LinkedIn"], capture_output=True, text=True,
            env={**os.environ})
        assert done.returncode == 0, done.stderr
        await pilot.pause(0.5)
        await settle(pilot)
        rows = table_rows(app.query_one("#people-table", DataTable))
        assert len(rows) == before + 1 and "Pat Otherprocess" in [r[0] for r in rows]

    drive(app, steps)


def test_the_tui_on_an_empty_folder_sees_a_database_created_by_another_process(
        kith_home: Path) -> None:
    app = tui(kith_home)
    app.poll_seconds = 0.1

    async def steps(pilot: Any) -> None:
        assert "kith demo" in text(app.query_one(".empty"))
        other = Store(kith_home)
        other.add_network(__import__("kith.core.model", fromlist=["Network"]).Network.create(
            "Chess club", kind="friends"))
        await pilot.pause(0.5)
        await settle(pilot)
        assert [c.assessment.network.name for c in app.query(NetworkCard)] == ["Chess club"]

    drive(app, steps)


def test_data_version_changes_on_every_commit_and_not_on_reads(demo_home: Path) -> None:
    store = Store(demo_home)
    version = store.data_version()
    list(store.interactions())
    store.people_docs()
    assert Store(demo_home).data_version() == version
    other = Store(demo_home)
    other.add_person(Person.create("Vera Version"))
    assert store.data_version() != version
    assert "Vera Version" not in [d["name"] for d in store.people_docs().values()]
    store.reload()
    assert "Vera Version" in [d["name"] for d in store.people_docs().values()]
    version = store.data_version()
    external_interaction(demo_home, "Vera Version")  # interactions and derived files
    assert store.data_version() != version
    store.reload()
    vera = store.find_person("Vera Version")
    assert len(list(store.interactions(person=vera.id))) == 1
    assert store.person_stats(vera.id)[vera.id]


# forms --------------------------------------------------------------------------------------

def test_person_form_adds_a_person_with_completion(demo_home: Path) -> None:
    app = tui(demo_home)

    async def steps(pilot: Any) -> None:
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, PersonForm)
        assert app.focused is app.screen.query_one("#name")
        await pilot.press(*"Rosa Diaz")
        fill(app.screen, aliases="Ro", emails="Rosa@Example.org", phones="+34 600 111 222",
             handles="x=@rosad", tags="climber, chef", birthday="--04-15", cadence="30",
             notes="met at the wall")
        app.screen.query_one("#networks").focus()
        await pilot.press(*"Climb")
        await pilot.pause(0.1)
        await pilot.press("right")  # accept the completion
        assert app.screen.query_one("#networks", Input).value == "Climbing crew"
        await pilot.press(*", Desi")
        await pilot.pause(0.1)
        await pilot.press("right")
        assert app.screen.query_one("#networks", Input).value == "Climbing crew, Design Guild"
        await save(pilot, app)
        assert not isinstance(app.screen, PersonForm)
        await pilot.press("p", *"diaz")
        await settle(pilot)
        assert [r[0] for r in table_rows(app.query_one("#people-table", DataTable))] == [
            "Rosa Diaz"]

    drive(app, steps)
    rosa = Store(demo_home).find_person("Rosa Diaz")
    assert rosa.aliases == ("Ro",) and rosa.handles == {
        "email": ["rosa@example.org"], "phone": ["+34600111222"], "x": ["rosad"]}
    assert rosa.tags == ("climber", "chef") and set(rosa.networks) == {"climbing-crew",
                                                                       "design-guild"}
    assert (rosa.birthday, rosa.cadence_days, rosa.notes) == ("--04-15", 30, "met at the wall")


@pytest.mark.parametrize(("fields", "field", "message"), [
    ({"name": ""}, "name", "needs a name"),
    ({"name": "X", "emails": "not-an-email"}, "handles", "not an email"),
    ({"name": "X", "handles": "justtext"}, "handles", "kind=value"),
    ({"name": "X", "networks": "Nowhere"}, "networks", "no network"),
    ({"name": "X", "birthday": "15/04/1990"}, "birthday", "1990-04-15"),
    ({"name": "X", "birthday": "1990-02-30"}, "birthday", "not a real date"),
    ({"name": "X", "cadence": "-3"}, "cadence", "cannot be negative"),
    ({"name": "X", "cadence": "often"}, "cadence", "whole number"),
])
def test_person_form_bad_input_marks_the_field_and_writes_nothing(
        demo_home: Path, fields: dict[str, str], field: str, message: str) -> None:
    app = tui(demo_home)

    async def steps(pilot: Any) -> None:
        await pilot.press("a")
        await settle(pilot)
        screen = app.screen
        await save(pilot, app, **fields)
        error = refusal(app, field, message, form=PersonForm)
        assert "kith " not in error  # never a pointer to the CLI
        assert screen.query_one(f"#{field}").has_class("-invalid")
        assert app.focused is screen.query_one(f"#{field}")
        await pilot.press("escape")

    drive_writing_nothing(app, demo_home, steps)


def test_person_form_edits_from_the_table_and_the_page_keeping_join_dates(
        demo_home: Path) -> None:
    app = tui(demo_home)
    gus = Store(demo_home).find_person("Gus Silva")

    async def steps(pilot: Any) -> None:
        await pilot.press("p", *"gus", "enter", "e")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PersonForm) and app.focused is screen.query_one("#name")
        assert screen.query_one("#name", Input).value == "Gus Silva"
        await save(pilot, app, name="Gustavo Silva", cadence="14",
                   tags=screen.query_one("#tags", Input).value + ", photographer")
        assert [r[0] for r in table_rows(app.query_one("#people-table", DataTable))] == [
            "Gustavo Silva"]
        await pilot.press("enter")  # open the page
        await settle(pilot)
        assert isinstance(app.screen, PersonScreen)
        await pilot.press("e")
        await settle(pilot)
        await save(pilot, app, birthday="1991-07-01")
        assert isinstance(app.screen, PersonScreen)
        assert "birthday: 1 July 1991" in text(app.screen.query_one("#person-details"))
        assert "Gustavo Silva" in text(app.screen.query_one("#person-details"))

    drive(app, steps)
    after = Store(demo_home).find_person(gus.id)
    assert after.name == "Gustavo Silva" and after.cadence_days == 14
    assert "photographer" in after.tags and after.birthday == "1991-07-01"
    assert after.networks == gus.networks  # the join dates stay


def test_network_form_adds_and_edits_a_network(demo_home: Path) -> None:
    app = tui(demo_home)

    async def steps(pilot: Any) -> None:
        await pilot.press("n", *"Chess club")
        fill(app.screen, joined="2024-01-10")
        app.screen.query_one("#kind", Input).value = ""
        app.screen.query_one("#kind").focus()
        await pilot.press(*"fri")
        await pilot.pause(0.1)
        await pilot.press("right")
        assert app.screen.query_one("#kind", Input).value == "friends"
        await save(pilot, app)
        assert "Chess club" in [c.assessment.network.name for c in app.query(NetworkCard)]
        await palette(pilot, "Edit network: Chess")
        assert isinstance(app.screen, NetworkForm)
        assert app.screen.query_one("#joined", Input).value == "2024-01-10"
        await save(pilot, app, left="2026-01-31", name="Chess club (old)")
        assert not isinstance(app.screen, NetworkForm)

    drive(app, steps)
    chess = Store(demo_home).find_network("chess-club")
    assert chess is not None and (chess.name, chess.kind, str(chess.joined), str(chess.left)) \
        == ("Chess club (old)", "friends", "2024-01-10", "2026-01-31")


@pytest.mark.parametrize(("fields", "field", "message"), [
    ({"name": ""}, "name", "needs a name"),
    ({"name": "LinkedIn"}, "name", "already exists"),
    ({"name": "X", "kind": "cult"}, "kind", "unknown network kind"),
    ({"name": "X", "joined": "last year"}, "joined", "iso date"),
    ({"name": "X", "joined": "2024-05-01", "left": "2023-01-01"}, "left", "before it was"),
])
def test_network_form_bad_input_writes_nothing(demo_home: Path, fields: dict[str, str],
                                              field: str, message: str) -> None:
    app = tui(demo_home)

    async def steps(pilot: Any) -> None:
        await pilot.press("n")
        await save(pilot, app, **fields)
        refusal(app, field, message, form=NetworkForm)
        assert app.focused is app.screen.query_one(f"#{field}")

    drive_writing_nothing(app, demo_home, steps)


def test_need_form_records_a_need_that_shows_in_intros_and_on_the_page(
        demo_home: Path) -> None:
    app = tui(demo_home)

    async def steps(pilot: Any) -> None:
        await pilot.press("p", *"Nils", "enter", "enter", "h")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, OpportunityForm)
        assert screen.query_one("#person", Input).value == "Nils Adeyemi"
        assert app.focused is screen.query_one("#type")
        await save(pilot, app, type="need", text="a sailing coach", tags="sailing, sport",
                   on="yesterday")  # read like the CLI's --on
        assert isinstance(app.screen, PersonScreen)
        assert "need: a sailing coach (open)" in text(
            app.screen.query_one("#person-opportunities"))
        await pilot.press("o")
        await settle(pilot)
        whats = [r[2] for r in table_rows(app.query_one("#opportunities", DataTable))]
        assert "a sailing coach" in whats

    drive(app, steps)
    need = next(o for o in Store(demo_home).opportunities() if o.text == "a sailing coach")
    assert need.type == "need" and need.tags == ("sailing", "sport")
    assert need.when.date() == date.today() - timedelta(days=1)


@pytest.mark.parametrize(("fields", "field", "message"), [
    ({}, "person", "who needs"),
    ({"person": "Nobody Atall"}, "person", "no person"),
    ({"person": "Nils"}, "type", "need or an offer"),
    ({"person": "Nils", "type": "offer"}, "text", "what is the offer"),
    ({"person": "Nils", "type": "offer", "text": "x", "network": "Nowhere"}, "network",
     "no network"),
    ({"person": "Nils", "type": "offer", "text": "x", "on": "someday"}, "on", "iso date"),
])
def test_need_form_bad_input_writes_nothing(demo_home: Path, fields: dict[str, str],
                                           field: str, message: str) -> None:
    app = tui(demo_home)

    async def steps(pilot: Any) -> None:
        await pilot.press("h")
        await save(pilot, app, **fields)
        error = refusal(app, field, message, form=OpportunityForm)
        assert "kith " not in error

    drive_writing_nothing(app, demo_home, steps)


def test_merge_form_merges_two_people_everywhere(demo_home: Path) -> None:
    store = Store(demo_home)
    dup = store.add_person(Person.create("Nils A.", handles={"email": ["nils@other.org"]}))
    store.record(Interaction.create(
        when=datetime(2026, 6, 1, 12, 0).astimezone(), network="linkedin", people=[dup.id],
        direction="gave", kind="advice", value=Value(minutes=30)))
    nils = store.find_person("Nils Adeyemi")
    app = tui(demo_home)

    async def steps(pilot: Any) -> None:
        await pilot.press("p", *"nils a", "enter")
        await settle(pilot)
        assert len(table_rows(app.query_one("#people-table", DataTable))) == 2
        await pilot.press("down", "enter", "m")  # from Nils Adeyemi's page: he stays
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MergeForm)
        assert screen.query_one("#keep", Input).value == "Nils Adeyemi"
        assert app.focused is screen.query_one("#absorb")
        await pilot.press(*"Nils A.")
        await save(pilot, app)
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert isinstance(app.screen, PersonScreen)
        assert "nils@other.org" in text(app.screen.query_one("#person-details"))
        await pilot.press("escape")
        assert [r[0] for r in table_rows(app.query_one("#people-table", DataTable))] == [
            "Nils Adeyemi"]

    drive(app, steps)
    after = Store(demo_home)
    assert after.get_person(dup.id).id == nils.id  # the absorbed id still resolves
    assert len(list(after.interactions(person=nils.id))) == len(
        list(store.interactions(person=nils.id))) + 1


@pytest.mark.parametrize(("fields", "field", "message"), [
    ({}, "keep", "which person stays"),
    ({"keep": "Nils Adeyemi"}, "absorb", "which person"),
    ({"keep": "Nobody Atall", "absorb": "Nils"}, "keep", "no person"),
    ({"keep": "Nils Adeyemi", "absorb": "Nils Adeyemi"}, "absorb", "same person"),
])
def test_merge_form_bad_input_writes_nothing(demo_home: Path, fields: dict[str, str],
                                            field: str, message: str) -> None:
    app = tui(demo_home)

    async def steps(pilot: Any) -> None:
        await pilot.press("d", "m")
        await save(pilot, app, **fields)
        refusal(app, field, message, form=MergeForm)

    drive_writing_nothing(app, demo_home, steps)


def test_log_form_errors_never_point_to_the_cli(demo_home: Path) -> None:
    app = tui(demo_home)

    async def steps(pilot: Any) -> None:
        await pilot.press("l")
        await save(pilot, app, network="LinkedIn", people="Nobody Atall")
        error = text(app.screen.query_one("#log-error"))
        assert "no person" in error and "kith " not in error

    drive(app, steps)


def test_log_form_reads_when_as_the_cli_does(demo_home: Path) -> None:
    """Relative days of more than one word ("2 weeks ago") and a time after a space."""
    app = tui(demo_home)

    async def steps(pilot: Any) -> None:
        for on, note in (("2 weeks ago", "two weeks back"),
                         ("2026-06-14 10:30", "with a time")):
            await pilot.press("l")
            await save(pilot, app, network="LinkedIn", people="Nils Adeyemi",
                       direction="gave", on=on, note=note)
            assert not isinstance(app.screen, LogScreen), text(app.screen.query_one(
                "#log-error"))

    drive(app, steps)
    when = {i.note: i.when for i in Store(demo_home).interactions()}
    assert when["two weeks back"].date() == date.today() - timedelta(days=14)
    assert (when["with a time"].date(), when["with a time"].hour,
            when["with a time"].minute) == (date(2026, 6, 14), 10, 30)


# layout and snapshots -----------------------------------------------------------------------

@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 60)])
def test_dashboard_rows_never_wrap_and_cards_reflow(demo_home: Path,
                                                    size: tuple[int, int]) -> None:
    app = tui(demo_home)

    async def steps(pilot: Any) -> None:
        glance = app.query_one("#glance")
        assert glance.size.height == len(app.query_one("Dashboard").assessments)
        assert all(len(line) <= glance.size.width for line in text(glance).splitlines())
        cards = list(app.query(NetworkCard))
        for card in cards:
            assert card.query_one(".headline").size.height == 1
            assert card.query_one(".bars").size.height == 5
        columns = {card.region.x for card in cards}
        assert len(columns) == (1 if size[0] < 140 else 2)

    drive(app, steps, size=size)


SNAP_SIZES = [(80, 24), (160, 48)]


@pytest.mark.parametrize("size", SNAP_SIZES, ids=["80x24", "160x48"])
@pytest.mark.parametrize(("name", "keys"), [
    ("dashboard", []),
    ("people-filter", ["p", *"de", "escape"]),
    ("person-form", ["a"]),
    ("network-form", ["n"]),
    ("need-form", ["h"]),
    ("merge-form", ["m"]),
    ("person-page", []),
])
def test_daily_snapshots(snap_compare: Any, demo_home: Path, name: str, keys: list[str],
                         size: tuple[int, int]) -> None:
    app = tui(demo_home)

    async def before(pilot: Any) -> None:
        app.sub_title = "demo"  # not the temporary path
        await pilot.pause()
        if name == "person-page":  # with its timeline loaded (a worker), whatever the load
            gus = app.kith.store.find_person("Gus Silva")
            await app.push_screen(PersonScreen(app.kith, gus.id, TODAY))
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()

    assert snap_compare(app, press=keys, terminal_size=size, run_before=before)


# notes and follow-ups (kith.services.notes / kith.services.followups) -----------------------------

def open_page(pilot: Any, name: str) -> Any:
    return pilot.press("p", *name, "enter", "enter")


def test_note_form_writes_a_dated_note_shown_on_the_page(demo_home: Path) -> None:
    app = tui(demo_home)

    async def steps(pilot: Any) -> None:
        await open_page(pilot, "Gus Silva")
        await settle(pilot)
        assert {"j", "u"} <= footer_keys(app)
        await pilot.press("j")
        await settle(pilot)
        assert app.focused is app.screen.query_one("#text")
        await pilot.press(*"Moving to Lyon in June")
        await save(pilot, app, on="yesterday")
        assert isinstance(app.screen, PersonScreen)
        assert "Moving to Lyon in June" in text(app.screen.query_one("#person-journal"))

    drive(app, steps)
    store = Store(demo_home)
    gus = store.find_person("Gus Silva")
    written = notes.notes(store, gus.id)
    assert [(n.text, n.on) for n in written] == [
        ("Moving to Lyon in June", (date.today() - timedelta(days=1)).isoformat())]


@pytest.mark.parametrize(("form", "fields", "field", "message"), [
    ("j", {}, "text", "needs some text"),
    ("j", {"text": "x", "on": "someday"}, "on", "someday"),
    ("j", {"text": "x", "network": "Nowhere"}, "network", "no network"),
    ("u", {}, "on", "say when"),
    ("u", {"on": "friday", "in": "2w"}, "on", "say when"),
    ("u", {"in": "forever"}, "in", "forever"),
    ("u", {"on": "someday"}, "on", "someday"),
])
def test_note_and_follow_up_forms_bad_input_writes_nothing(
        demo_home: Path, form: str, fields: dict[str, str], field: str, message: str) -> None:
    app = tui(demo_home)

    async def steps(pilot: Any) -> None:
        await open_page(pilot, "Gus Silva")
        await settle(pilot)
        await pilot.press(form)
        await settle(pilot)
        await save(pilot, app, **fields)
        error = refusal(app, field, message)
        assert "kith " not in error

    drive_writing_nothing(app, demo_home, steps)


def test_follow_up_form_sets_a_due_date(demo_home: Path) -> None:
    app = tui(demo_home)

    async def steps(pilot: Any) -> None:
        await open_page(pilot, "Gus Silva")
        await settle(pilot)
        await pilot.press("u", *"send the portfolio")
        await save(pilot, app, **{"in": "2w"})
        assert isinstance(app.screen, PersonScreen)
        assert "send the portfolio" in text(app.screen.query_one("#person-journal"))

    drive(app, steps)
    store = Store(demo_home)
    due = followups.follow_ups(store, person=store.find_person("Gus Silva").id)
    assert [(f.about, f.due) for f in due] == [
        ("send the portfolio", (date.today() + timedelta(days=14)).isoformat())]
