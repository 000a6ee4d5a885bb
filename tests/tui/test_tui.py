"""The TUI, driven as a person would drive it (Textual's Pilot), on a real database.

Every test builds the app with ``make_app`` (the same factory ``kith tui`` uses) over a
TinyDB folder on disk, presses keys, and checks the screen and the files. Async tests run
through ``asyncio.run`` so no pytest plugin is needed.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Input, Static, TabbedContent

from kith import hookimpl
from kith.persistence.store import Store
from kith.plugins.manager import load_plugins
from kith.services.context import KithApp
from kith.tui import make_app
from kith.tui.app import KithTUI
from kith.tui.dashboard import NetworkCard
from kith.tui.log_form import LogScreen
from kith.tui.people import PersonScreen
from kith.tui.plugin_tabs import ErrorPanel
from tests.conftest import DEMO_TODAY, snapshot_db

TODAY = DEMO_TODAY
SIZE = (80, 24)
pytestmark = pytest.mark.usefixtures("first_party_plugins_only")


def tui(home: Path, plugins: Any = None, **kw: Any) -> KithTUI:
    return make_app(KithApp(home, plugins=plugins), today=TODAY, blink=False, **kw)


def drive(app: KithTUI, steps: Callable[[Any], Awaitable[None]], size: tuple[int, int] = SIZE
          ) -> None:
    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await steps(pilot)

    asyncio.run(main())


def drive_writing_nothing(app: KithTUI, home: Path, steps: Callable[[Any], Awaitable[None]],
                          size: tuple[int, int] = SIZE) -> None:
    """``drive``, then the database folder must be exactly as before."""
    before = snapshot_db(home)
    drive(app, steps, size)
    assert snapshot_db(home) == before


def text(widget: Any) -> str:
    return str(widget.render())


def fill(screen: Any, **fields: str) -> None:
    for name, value in fields.items():
        screen.query_one(f"#{name}").value = value


def refusal(app: KithTUI, field: str, message: str, *, form: type | None = None,
            error_id: str = "form-error") -> str:
    """The form did not save: it is still open (when ``form`` is given), and the line
    under it names ``field`` and says ``message``. Returns that line."""
    if form is not None:
        assert isinstance(app.screen, form), "the form must stay open"
    error = text(app.screen.query_one(f"#{error_id}"))
    assert error.startswith(f"{field}:") and message in error.lower(), error
    return error


def table_rows(table: DataTable[Any]) -> list[list[str]]:
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


# dashboard ----------------------------------------------------------------------------------

def test_dashboard_shows_each_network_with_its_verdict(demo_home: Path) -> None:
    app = tui(demo_home)

    async def steps(pilot: Any) -> None:
        glance = text(app.query_one("#glance"))
        for line in ("Climbing crew  worth it (fun)", "Design Guild   worth it (pays)",
                     "LinkedIn       leave", "St Mary's      out of balance"):
            assert line in glance
        cards = list(app.query(NetworkCard))
        assert len(cards) == 5
        crew = next(c for c in cards if c.assessment.network.name == "Climbing crew")
        assert crew.has_class("verdict-worth-it") and "worth it" in str(crew.border_subtitle)
        assert crew.query("Sparkline") and "fun" in text(crew.query_one(".bars"))
        assert "worth it: it is fun" in text(crew.query_one(".reasons"))
        assert {c.assessment.window.label for c in cards} == {"last 12 months"}
        await pilot.press("w")
        await pilot.pause()
        assert {c.assessment.window.label for c in app.query(NetworkCard)} == {"all time"}

    drive(app, steps)


def test_empty_database_says_how_to_start(kith_home: Path) -> None:
    app = tui(kith_home)

    async def steps(pilot: Any) -> None:
        assert "kith demo" in text(app.query_one(".empty"))
        await pilot.press("p")
        assert text(app.query_one("#people-count")) == "0 people"

    drive(app, steps)
    assert not (kith_home / "kith.json").exists()  # looking writes nothing


# the log form -------------------------------------------------------------------------------

def test_log_form_records_an_interaction_that_shows_on_the_dashboard(demo_home: Path) -> None:
    seen: list[str] = []

    class Listens:
        @hookimpl
        def interaction_recorded(self, interaction: Any) -> None:
            seen.append(interaction.note)

    plugins = load_plugins()
    plugins.register_module(Listens(), "listens")
    app = tui(demo_home, plugins)
    before = len(list(Store(demo_home).interactions()))

    async def steps(pilot: Any) -> None:
        linkedin = next(c for c in app.query(NetworkCard)
                        if c.assessment.network.name == "LinkedIn")
        count = linkedin.assessment.interactions
        await pilot.press("l")
        assert isinstance(app.screen, LogScreen)
        await pilot.press(*"Link")
        await pilot.pause(0.1)
        await pilot.press("right", "tab", *"Nils")  # completion of the network, then people
        await pilot.pause(0.1)
        await pilot.press("right")
        screen = app.screen
        screen.query_one("#direction").value = "received"
        screen.query_one("#kind", Input).value = "referral"
        screen.query_one("#money", Input).value = "250"
        screen.query_one("#note", Input).value = "sent a client my way"
        screen.query_one("#on", Input).value = "2026-06-14 10:30"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, LogScreen)
        linkedin = next(c for c in app.query(NetworkCard)
                        if c.assessment.network.name == "LinkedIn")
        assert linkedin.assessment.interactions == count + 1
        assert linkedin.assessment.received.money == 25000

    drive(app, steps)
    stored = [i for i in Store(demo_home).interactions() if i.note == "sent a client my way"]
    assert len(stored) == 1 and len(list(Store(demo_home).interactions())) == before + 1
    only = stored[0]
    assert (only.network, only.direction, only.kind, only.value.money) == (
        "linkedin", "received", "referral", 25000)
    assert seen == ["sent a client my way"]


@pytest.mark.parametrize(("fields", "field", "message"), [
    ({}, "network", "which network"),
    ({"network": "Nowhere"}, "network", "no network"),
    ({"network": "LinkedIn"}, "people", "with whom"),
    ({"network": "LinkedIn", "people": "Nobody Atall"}, "people", "no person"),
    ({"network": "LinkedIn", "people": "Nils"}, "direction", "which way"),
    ({"network": "LinkedIn", "people": "Nils", "direction": "gave", "money": "lots"},
     "money", "money must be"),
    ({"network": "LinkedIn", "people": "Nils", "direction": "gave", "fun": "9"},
     "fun", "between 0 and 5"),
    ({"network": "LinkedIn", "people": "Nils", "direction": "gave", "minutes": "-5"},
     "minutes", "cannot be negative"),
    ({"network": "LinkedIn", "people": "Nils", "direction": "gave", "on": "someday"},
     "on", "iso date"),
])
def test_log_form_bad_input_shows_a_message_and_writes_nothing(
        demo_home: Path, fields: dict[str, str], field: str, message: str) -> None:
    app = tui(demo_home)

    async def steps(pilot: Any) -> None:
        await pilot.press("l")
        screen = app.screen
        fill(screen, **fields)
        await pilot.press("ctrl+s")
        await pilot.pause()
        refusal(app, field, message, form=LogScreen, error_id="log-error")
        assert screen.query_one(f"#{field}").has_class("-invalid")
        assert app.focused is screen.query_one(f"#{field}")
        await pilot.press("escape")
        assert not isinstance(app.screen, LogScreen)

    drive_writing_nothing(app, demo_home, steps)


# people -------------------------------------------------------------------------------------

def test_people_filter_narrows_the_table_and_opens_a_person(demo_home: Path) -> None:
    app = tui(demo_home)

    async def steps(pilot: Any) -> None:
        await pilot.press("p")
        table = app.query_one("#people-table", DataTable)
        assert table.row_count == 18
        await pilot.press(*"climber")  # the People tab opens with the filter focused
        await pilot.pause()
        names = [row[0] for row in table_rows(table)]
        assert names == ["Fatima Khan", "Gus Silva", "Ivan Rossi"]  # tag "climber"
        assert text(app.query_one("#people-count")) == "3 of 18 match"
        await pilot.press(*" photo")  # every word must match
        await pilot.pause()
        assert [row[0] for row in table_rows(table)] == ["Gus Silva"]
        await pilot.press("enter")  # from the filter into the table
        await pilot.press("enter")  # open the selected person
        await pilot.pause()
        assert isinstance(app.screen, PersonScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        page = app.screen
        assert "Gus Silva" in text(page.query_one("#person-details"))
        assert "Keep in touch: last contact" in text(page.query_one("#person-keep"))
        assert "offer: Photographer taking on brand" in text(
            page.query_one("#person-opportunities"))
        timeline = page.query_one("#timeline", DataTable)
        assert timeline.row_count >= 3
        assert all(row[1] == "Climbing crew" for row in table_rows(timeline))
        await pilot.press("escape")
        assert not isinstance(app.screen, PersonScreen)

    drive(app, steps)


def test_filter_by_network_and_handle(demo_home: Path) -> None:
    app = tui(demo_home)

    async def steps(pilot: Any) -> None:
        await pilot.press("p", *"st mary")
        await pilot.pause()
        table = app.query_one("#people-table", DataTable)
        assert table.row_count == 5 and "Hana Ito" in [r[0] for r in table_rows(table)]
        await pilot.press(*"zzz")
        await pilot.pause()
        assert table.row_count == 0 and text(app.query_one("#people-count")) == "0 of 18 match"

    drive(app, steps)


# introductions and reminders ----------------------------------------------------------------

def test_one_key_records_the_selected_introduction(demo_home: Path) -> None:
    app = tui(demo_home)

    async def steps(pilot: Any) -> None:
        await pilot.press("o")
        table = app.query_one("#suggestions", DataTable)
        first = table_rows(table)[0]
        assert (first[1], first[2]) == ("Dana Haddad", "Gus Silva")
        table.focus()
        await pilot.press("i")
        await pilot.pause()
        assert ("Dana Haddad", "Gus Silva") not in [(r[1], r[2]) for r in table_rows(table)]

    drive(app, steps)
    made = list(Store(demo_home).interactions(kind="introduction"))
    names = {i: d["name"] for i, d in Store(demo_home).people_docs().items()}
    assert any({names[p] for p in i.people} == {"Dana Haddad", "Gus Silva"} for i in made)


def test_reminders_list_who_is_overdue_and_birthdays(demo_home: Path) -> None:
    app = tui(demo_home)

    async def steps(pilot: Any) -> None:
        await pilot.press("r")
        overdue = [r[0] for r in table_rows(app.query_one("#overdue", DataTable))]
        assert "Hana Ito" in overdue
        assert "Fatima Khan turns 36 in 9 days" in text(app.query_one("#birthdays"))

    drive(app, steps)


# plugin panels ------------------------------------------------------------------------------

class Exploding(Vertical):
    def compose(self) -> ComposeResult:
        raise RuntimeError("compose bug")


class Fragile(Static):
    def refresh_panel(self) -> None:
        raise ValueError("refresh bug")


class OnMountBug(Static):
    def on_mount(self) -> None:
        raise KeyError("mount bug")


class PanelPlugins:
    @hookimpl
    def register_panels(self, register: Any) -> None:
        register("Good", lambda store: Static("all good", id="good-panel"))
        register("Factory", lambda store: 1 / 0)
        register("Builder", lambda store: Exploding())
        register("Refresher", lambda store: Fragile("fragile"))
        register("Mounter", lambda store: OnMountBug("mounting"))


def test_register_panels_failing_panels_show_an_error_and_the_app_keeps_running(
        demo_home: Path) -> None:
    plugins = load_plugins()
    plugins.register_module(PanelPlugins(), "panelkit")
    app = tui(demo_home, plugins)

    async def steps(pilot: Any) -> None:
        tabs = app.query_one(TabbedContent)
        for number in range(len(app.hosts)):  # panels are built when first shown
            tabs.active = f"plugin-{number}"
            await pilot.pause()
        await pilot.press("d")
        hosts = {h.title: h for h in app.hosts}
        assert {"Good", "Factory", "Builder", "Refresher", "Mounter", "Friends"} <= set(hosts)
        assert text(app.query_one("#good-panel")) == "all good"
        for title in ("Factory", "Builder", "Mounter"):
            panel = hosts[title].query_one(ErrorPanel)
            assert panel.plugin == "panelkit" and f"The {title} panel" in text(panel)
        assert "ZeroDivisionError" in text(hosts["Factory"].query_one(ErrorPanel))
        assert not hosts["Refresher"].query(ErrorPanel)
        # a write refreshes every panel: the fragile one fails now, the rest goes on
        await pilot.press("l")
        screen = app.screen
        screen.query_one("#network").value = "LinkedIn"
        screen.query_one("#people").value = "Nils"
        screen.query_one("#direction").value = "gave"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "refresh bug" in text(hosts["Refresher"].query_one(ErrorPanel))
        await pilot.press("p")
        assert app.query_one("#people-table", DataTable).row_count == 18

    drive(app, steps)
    assert app.return_code in (0, None)
    assert {p.stage for p in plugins.problems if p.plugin == "panelkit"} >= {
        "panel 'Refresher'", "panel 'Mounter'"}
    assert len(list(Store(demo_home).interactions(person=None))) > 0


# command palette, small screens, the command ------------------------------------------------

def test_command_palette_offers_kiths_actions(demo_home: Path) -> None:
    app = tui(demo_home)

    async def steps(pilot: Any) -> None:
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert {"Log an interaction", "Find a person", "Assess networks",
                "Window: all time"} <= set(titles)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Log an inter")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LogScreen)

    drive(app, steps)


def test_kith_tui_command(run: Callable[..., Any], demo_home: Path,
                          monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[KithTUI] = []
    monkeypatch.setattr(KithTUI, "run", lambda self: started.append(self))
    result = run("tui", "--window", "all")
    assert result.exit_code == 0, result.stderr
    assert started[0].window == "all" and started[0].kith.db == demo_home
    assert "Usage: " in run("tui", "--help").stdout


def test_kith_tui_bad_input(fails: Callable[..., Any], kith_home: Path,
                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(KithTUI, "run", lambda self: pytest.fail("must not start"))
    fails("tui", "--window", "forever", match="forever")
    kith_home.mkdir(exist_ok=True)
    (kith_home / "kith.json").write_text("{not json")
    fails("tui", match="kith.json")


# snapshots ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "keys", "theme"), [
    ("dashboard", [], "textual-dark"),
    ("dashboard-light", [], "textual-light"),
    ("people", ["p"], "textual-dark"),
    ("introductions", ["o"], "textual-dark"),
    ("reminders", ["r"], "textual-dark"),
    ("log-form", ["l"], "textual-dark"),
])
def test_snapshots(snap_compare: Any, demo_home: Path, name: str, keys: list[str],
                   theme: str) -> None:
    app = tui(demo_home)

    async def before(pilot: Any) -> None:
        app.theme = theme
        app.sub_title = "demo"  # not the temporary path
        await pilot.pause()

    assert snap_compare(app, press=keys, terminal_size=SIZE, run_before=before)


# notes, follow-ups, relationships (issue 18) -----------------------------------------------

def test_person_page_and_reminders_show_notes_follow_ups_and_relationships(
        demo_home: Path) -> None:
    from datetime import date as day
    from datetime import timedelta

    from kith.services.followups import add_follow_up
    from kith.services.notes import add_note
    from kith.services.relationships import relate

    store = Store(demo_home)
    gus, fatima = store.find_person("Gus Silva"), store.find_person("Fatima Khan")
    add_note(store, gus.id, "Older [b]note[/b]", on=day(2024, 1, 1))
    add_note(store, gus.id, "Newer note", on=day(2024, 6, 1))
    add_follow_up(store, gus.id, TODAY - timedelta(days=2), "send the photos")
    relate(store, gus.id, fatima.id, "friend")
    app = tui(demo_home)

    async def steps(pilot: Any) -> None:
        await pilot.press("r")
        await pilot.pause()
        follow_ups = text(app.query_one("#follow-ups"))
        assert "Gus Silva: send the photos" in follow_ups and "overdue by 2 days" in follow_ups
        await pilot.press("p", *"gus silva")
        await pilot.pause()
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PersonScreen)
        journal = text(app.screen.query_one("#person-journal"))
        assert "friend of Fatima Khan" in journal and "send the photos" in journal
        assert journal.index("Newer note") < journal.index("Older [b]note[/b]")

    drive(app, steps)


def test_reminders_hide_follow_ups_when_there_are_none(demo_home: Path) -> None:
    app = tui(demo_home)

    async def steps(pilot: Any) -> None:
        await pilot.press("r")
        await pilot.pause()
        assert not app.query_one("#follow-ups").display

    drive(app, steps)
