"""The Textual app: tabs for the dashboard, people, introductions, reminders and every
plugin panel; a log form; kith's actions in the command palette."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any, ClassVar

from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Header, TabbedContent, TabPane

from kith.plugins import PluginProblem
from kith.tui.dashboard import Dashboard
from kith.tui.introductions import IntroductionsPane
from kith.tui.messages import DataChanged, OpenPerson
from kith.tui.panels import PanelHost, host_of
from kith.tui.people import PeoplePane, PersonScreen
from kith.tui.reminders import RemindersPane


class KithTUI(App[None]):
    CSS_PATH = "kith.tcss"
    TITLE = "kith"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("d", "show('dashboard')", "Dashboard"),
        Binding("p", "show('people')", "People"),
        Binding("o", "show('introductions')", "Intros"),
        Binding("r", "show('reminders')", "Reminders"),
        Binding("l", "log", "Log"),
        Binding("w", "switch_window", "Window"),
        Binding("f", "find_person", "Find", show=False),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(self, kith: Any, *, today: date | None = None, window: str = "12m",
                 blink: bool = True) -> None:
        super().__init__()
        from kith.ledger import now_date

        self.kith = kith
        self.today = today or now_date()
        self.window = window
        self.blink = blink
        self.hosts: list[PanelHost] = []

    # layout ------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent(id="tabs", initial="dashboard"):
            with TabPane("Dashboard", id="dashboard"):
                yield Dashboard(self.kith, self.today, self.window, id="dashboard-view")
            with TabPane("People", id="people"):
                yield PeoplePane(self.kith, id="people-view")
            with TabPane("Intros", id="introductions"):
                yield IntroductionsPane(self.kith, id="introductions-view")
            with TabPane("Reminders", id="reminders"):
                yield RemindersPane(self.kith, self.today, id="reminders-view")
            for number, (plugin, title, factory) in enumerate(self.kith.plugins.panels()):
                host = PanelHost(plugin, title, factory, self.kith.store,
                                 id=f"panel-{number}")
                self.hosts.append(host)
                with TabPane(title, id=f"plugin-{number}"):
                    yield host
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = str(self.kith.db)

    # actions -----------------------------------------------------------------------------
    def action_show(self, tab: str) -> None:
        self.query_one("#tabs", TabbedContent).active = tab

    def action_log(self, people: str = "") -> None:
        from kith.tui.log_form import LogScreen

        self.push_screen(LogScreen(self.kith, people=people), self._logged)

    def _logged(self, recorded: Any) -> None:
        if recorded is not None:
            self.notify(f"Recorded: {recorded.direction} {recorded.kind} in "
                        f"{recorded.network}")
            self.post_message(DataChanged("interaction"))

    def action_switch_window(self, key: str | None = None) -> None:
        dashboard = self.query_one(Dashboard)
        if key:
            dashboard.set_window(key)
        else:
            dashboard.switch_window()
        self.action_show("dashboard")

    def action_find_person(self) -> None:
        self.action_show("people")
        self.query_one(PeoplePane).action_focus_filter()

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield SystemCommand("Log an interaction", "Record help, time, money or fun",
                            self.action_log)
        yield SystemCommand("Find a person", "Filter people by name, handle, tag or network",
                            self.action_find_person)
        yield SystemCommand("Assess networks", "The dashboard: is each network worth it?",
                            lambda: self.action_show("dashboard"))
        yield SystemCommand("Window: last 12 months", "Assess the last 12 months",
                            lambda: self.action_switch_window("12m"))
        yield SystemCommand("Window: all time", "Assess since each network began",
                            lambda: self.action_switch_window("all"))
        yield SystemCommand("Introductions", "Suggested introductions and open needs",
                            lambda: self.action_show("introductions"))
        yield SystemCommand("Reminders", "Who is overdue, birthdays",
                            lambda: self.action_show("reminders"))
        yield from super().get_system_commands(screen)

    # messages ----------------------------------------------------------------------------
    async def on_data_changed(self, message: DataChanged) -> None:
        await self.query_one(Dashboard).refresh_data()
        for pane in (PeoplePane, IntroductionsPane, RemindersPane):
            widget = self.query_one(pane)
            if widget.loaded:
                widget.refresh_data()
        for host in self.hosts:
            host.refresh_data()

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        for widget in event.pane.query("PeoplePane, IntroductionsPane, RemindersPane, "
                                       "PanelHost"):
            widget.activate()  # type: ignore[attr-defined]

    def on_open_person(self, message: OpenPerson) -> None:
        self.push_screen(PersonScreen(self.kith, message.person_id, self.today))

    # plugin failures ---------------------------------------------------------------------
    def plugins_problem(self, plugin: str, stage: str, error: BaseException) -> None:
        self.kith.plugins.problems.append(PluginProblem(plugin, stage, str(error)))

    def _handle_exception(self, error: Exception) -> None:
        """A plugin panel that raises is replaced by an error panel; anything else is a
        bug in kith and stops the app as Textual does."""
        host = host_of(error, self.hosts)
        if host is None:
            super()._handle_exception(error)
            return
        self.call_later(host.fail, error)
