"""Daily use without friction (issue 30), driven with Pilot on the demo database: the
People tab takes typing, every tab has a key and a palette entry, the footer shows what
opens a form, narrow terminals keep columns readable, dates read as people say them,
the log form takes what its placeholder says, and panels' "Upcoming" is in the future."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.widgets import DataTable, Input, Static, TabbedContent

from kith.api.testing import panel_context
from kith.core.clock import now
from kith.core.model import Interaction, Network, Person, Value
from kith.persistence.store import Store
from kith.tui.forms import MergeForm
from kith.tui.log_form import LogScreen
from kith.tui.people import PersonScreen
from tests.tui.test_tui import TODAY, drive, fill, text, tui
from tests.tui.test_tui_daily import footer_keys, palette, settle

pytestmark = pytest.mark.usefixtures("first_party_plugins_only")


def active(app: Any) -> str:
    return str(app.query_one("#tabs", TabbedContent).active)


def test_typing_on_the_people_tab_filters_and_never_opens_a_form(demo_home: Path) -> None:
    app = tui(demo_home)

    async def steps(pilot: Any) -> None:
        await pilot.press("p", *"mur")  # m is merge elsewhere; here it is a letter
        await settle(pilot)
        assert not isinstance(app.screen, MergeForm)
        assert app.query_one("#people-filter", Input).value == "mur"
        assert active(app) == "people"
        await pilot.press("down")  # Down leaves the filter for the table
        await settle(pilot)
        assert app.focused is app.query_one("#people-table")
        await pilot.press("m")  # on the table the letters are keys again
        await settle(pilot)
        assert isinstance(app.screen, MergeForm)

    drive(app, steps)


def test_every_tab_has_a_number_key_and_a_palette_entry(demo_home: Path) -> None:
    app = tui(demo_home)

    async def steps(pilot: Any) -> None:
        titles = {str(tab.label) for tab in app.query("ContentTab")}
        assert {"1 Dashboard", "2 People", "3 Intros", "4 Reminders"} <= titles
        plugin_tabs = [t for t in titles if t[0] in "56789"]
        assert {t.split(" ", 1)[1] for t in plugin_tabs} == {"Social", "Friends", "Church",
                                                             "Association"}
        for number, tab in enumerate(app.tab_ids(), start=1):
            await pilot.press("escape", str(number))
            await settle(pilot)
            assert active(app) == tab, (number, active(app))
        for query, title in (("church", "Church"), ("soc", "Social"), ("assoc", "Association"),
                             ("friends", "Friends")):
            await pilot.press("escape", "1")
            await settle(pilot)
            await palette(pilot, query)
            host = next(h for h in app.hosts if h.title == title)
            assert active(app) == host.parent.id, (query, active(app))  # type: ignore[union-attr]

    drive(app, steps, size=(160, 48))


def test_the_footer_shows_what_opens_a_form(demo_home: Path) -> None:
    app = tui(demo_home)

    async def steps(pilot: Any) -> None:
        await settle(pilot)
        assert {"l", "a", "n", "h", "m", "f", "q"} <= footer_keys(app)

    drive(app, steps, size=(80, 24))


def add_dated_person(home: Path) -> None:
    store = Store(home)
    with store.transaction():
        store.add_person(Person.create("Zelda Quill", birthday="--03-14",
                                       networks={"climbing-crew": None}, cadence_days=30))
        zelda = store.find_person("Zelda Quill")
        store.record(Interaction.create(
            when=datetime(2026, 6, 1, 18, tzinfo=UTC), network="climbing-crew",
            people=[zelda.id], direction="shared", kind="meal", value=Value(fun=4),
            note="book club at the wall, then dinner"))


def test_the_person_page_at_80_columns_reads_right(demo_home: Path) -> None:
    add_dated_person(demo_home)
    app = tui(demo_home)

    async def steps(pilot: Any) -> None:
        await pilot.press("p", *"zelda", "enter", "enter")
        await settle(pilot)
        await app.workers.wait_for_complete()
        await settle(pilot)
        page = app.screen
        assert isinstance(page, PersonScreen)
        details = text(page.query_one("#person-details"))
        assert "birthday: 14 March" in details and "--03-14" not in details
        keep = text(page.query_one("#person-keep"))
        assert "Mon 1 Jun (14 days ago)" in keep and "every 30 days" in keep
        table = page.query_one("#timeline", DataTable)
        assert [str(c.label) for c in table.columns.values()] == [
            "When", "Network", "Way", "Kind", "Value"]  # no Note cut to six letters
        note = text(page.query_one("#timeline-note"))
        assert "Note: book club at the wall, then dinner" in note

    drive(app, steps, size=(80, 24))


def test_the_person_page_keeps_its_note_column_when_wide(demo_home: Path) -> None:
    add_dated_person(demo_home)
    app = tui(demo_home)

    async def steps(pilot: Any) -> None:
        await pilot.press("p", *"zelda", "enter", "enter")
        await settle(pilot)
        await app.workers.wait_for_complete()
        await settle(pilot)
        table = app.screen.query_one("#timeline", DataTable)
        assert "Note" in [str(c.label) for c in table.columns.values()]
        assert not app.screen.query_one("#timeline-note").display

    drive(app, steps, size=(160, 48))


def test_reminders_at_80_columns_show_the_act_under_the_table(demo_home: Path) -> None:
    app = tui(demo_home)

    async def steps(pilot: Any) -> None:
        await pilot.press("r")
        await settle(pilot)
        table = app.query_one("#drifting", DataTable)
        assert "Act" not in [str(c.label) for c in table.columns.values()]
        summary = text(app.query_one("#reminders-summary"))
        assert "1 people" not in summary and "1 birthdays" not in summary
        assert " overdue, " in summary

    drive(app, steps, size=(80, 24))


def test_the_log_form_takes_yesterday_at_a_time_and_network_dues(demo_home: Path) -> None:
    app = tui(demo_home)

    async def steps(pilot: Any) -> None:
        await pilot.press("l")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, LogScreen)
        assert "yesterday 19:00" in form.query_one("#on", Input).placeholder
        fill(form, network="design-guild", people="", kind="dues", money="180",
             on="yesterday 19:00")
        form.query_one("#direction").value = "gave"
        form.query_one("#on", Input).value = "someday"
        await pilot.press("ctrl+s")
        await settle(pilot)
        error = text(form.query_one("#log-error"))
        assert error.count("on:") == 1 and "yesterday 19:00" in error  # said once
        form.query_one("#on", Input).value = "yesterday 19:00"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, LogScreen)

    drive(app, steps)
    dues = [i for i in Store(demo_home).interactions(network="design-guild")
            if i.kind == "dues" and i.people == ()]
    assert len(dues) == 1
    assert (dues[0].when.hour, dues[0].when.minute) == (19, 0)
    assert dues[0].when.date() == now().date() - timedelta(days=1)  # the clock's yesterday


def panel_text(store: Store, module: str, cls: str) -> str:
    import importlib

    panel_class = getattr(importlib.import_module(module), cls)

    class Host(App[None]):
        def compose(self) -> ComposeResult:
            yield panel_class(panel_context(store, today=TODAY))

    async def run() -> str:
        app = Host()
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.pause()
            return "\n".join(str(w.render()) for w in app.query(Static))

    return asyncio.run(run())


@pytest.mark.parametrize(("module", "cls", "kind", "event"), [
    ("kith_church.panel", "ChurchPanel", "church", "service"),
    ("kith_association.panel", "AssociationPanel", "association", "meeting"),
])
def test_panels_list_only_future_events_as_upcoming(kith_home: Path, module: str, cls: str,
                                                    kind: str, event: str) -> None:
    store = Store(kith_home)
    with store.transaction():
        store.save_network(Network.create("Here", kind=kind))
        for when, what, note in (
                (datetime(2026, 6, 15, 0, 0, tzinfo=UTC), event, "today's, already on"),
                (datetime(2026, 6, 15, 9, 0, tzinfo=UTC), "message", "recorded today"),
                (datetime(2026, 6, 21, 0, 0, tzinfo=UTC), event, ""),
                (datetime(2026, 6, 28, 10, 30, tzinfo=UTC), event, "summer one")):
            store.record(Interaction.create(when=when, network="here", people=[],
                                            direction="shared", kind=what, note=note))
    shown = panel_text(store, module, cls)
    upcoming = shown[shown.index("Upcoming"):].split("Renewals")[0]
    assert "today's, already on" not in upcoming and "recorded today" not in upcoming
    assert "summer one" in upcoming
    assert "00:00" not in upcoming and f"{event}:" not in upcoming.replace(
        f"{event}: summer one", "")


def test_the_relate_form_reads_the_direction_back_before_saving(demo_home: Path) -> None:
    app = tui(demo_home)

    async def steps(pilot: Any) -> None:
        await pilot.press("p", *"gus", "enter", "enter")
        await settle(pilot)
        assert isinstance(app.screen, PersonScreen)
        await pilot.press("k")
        await settle(pilot)
        form = app.screen
        await pilot.press(*"introduced-by", "tab", *"Fatima Khan")
        await settle(pilot)
        reading = text(form.query_one("#relate-preview"))
        assert "Will record: Gus Silva was introduced by Fatima Khan; Fatima Khan " \
               "introduced Gus Silva" in reading
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, PersonScreen)
        assert "introduced by Fatima Khan" in text(app.screen.query_one("#person-journal"))

    drive(app, steps, size=(100, 40))
