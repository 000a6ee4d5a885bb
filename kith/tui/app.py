"""The Textual app: tabs for the dashboard, people, introductions, reminders and every
plugin panel; a log form; kith's actions in the command palette."""

from __future__ import annotations

import gc
from collections.abc import Iterable
from datetime import date
from functools import partial
from typing import Any, ClassVar

from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Header, Input, TabbedContent, TabPane

from kith.api import PanelContext
from kith.plugins.manager import PluginProblem
from kith.tui.dashboard import Dashboard
from kith.tui.inbox import InboxPane, inbox_wanted
from kith.tui.introductions import IntroductionsPane
from kith.tui.messages import DataChanged, OpenPerson
from kith.tui.people import PeoplePane, PersonScreen
from kith.tui.plugin_tabs import PanelHost, host_of
from kith.tui.reminders import RemindersPane
from kith.tui.widgets import KithFooter

MAIN_VIEWS = "Dashboard, PeoplePane, IntroductionsPane, RemindersPane, InboxPane, PanelHost"
NAVIGATION = {"show", "show_number", "show_inbox", "log", "switch_window", "find_person",
              "add_person", "add_network", "hear", "merge", "quit"}
CORE_TABS = ("dashboard", "people", "introductions", "reminders")
"""The core tabs in order: number keys 1-4; plugin tabs follow from 5."""


class KithTUI(App[None]):
    """Global keys work from every widget but a text input (which takes the letters) and a
    form (which must be saved or cancelled first); Esc leaves an input for the tab's main
    widget; every palette command works from any screen (it closes a form first)."""

    CSS_PATH = "kith.tcss"
    TITLE = "kith"
    BINDINGS: ClassVar[list[BindingType]] = [
        # the tabs: a letter for the core ones, a number for every tab (shown in its title)
        Binding("d", "show('dashboard')", "Dashboard", show=False),
        Binding("p", "show('people')", "People", show=False),
        Binding("o", "show('introductions')", "Intros", show=False),
        Binding("r", "show('reminders')", "Reminders", show=False),
        *(Binding(str(number), f"show_number({number})", f"Tab {number}", show=False)
          for number in range(1, 10)),
        Binding("0", "show_inbox", "Inbox", show=False),
        # what opens a form, in the footer
        Binding("l", "log", "Log"),
        Binding("a", "add_person", "Person"),
        Binding("n", "add_network", "Network"),
        Binding("h", "hear", "Need"),
        Binding("m", "merge", "Merge"),
        Binding("w", "switch_window", "Window", show=False),
        Binding("f", "find_person", "Find"),
        Binding("escape", "leave_input", "Done"),
        Binding("q", "quit", "Quit"),
    ]
    poll_seconds = 1.5  # how often to look for writes by other processes
    ran_before: ClassVar[bool] = False  # an app has run in this process

    def __init__(self, kith: Any, *, today: date | None = None, window: str = "12m",
                 blink: bool = True) -> None:
        super().__init__()
        from kith.domain.ledger import now_date

        self.kith = kith
        self.today = today or now_date()
        self.window = window
        self.blink = blink
        self.hosts: list[PanelHost] = []
        self.data_version: tuple[Any, ...] = ()
        self._focus_next: Widget | None = None
        self._collecting = True  # the cyclic collector's state before the app loaded

    # layout ------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header()
        # each tab's title starts with its number key
        with TabbedContent(id="tabs", initial="dashboard"):
            with TabPane("1 Dashboard", id="dashboard"):
                yield Dashboard(self.kith, self.today, self.window, id="dashboard-view")
            with TabPane("2 People", id="people"):
                yield PeoplePane(self.kith, id="people-view")
            with TabPane("3 Intros", id="introductions"):
                yield IntroductionsPane(self.kith, id="introductions-view")
            with TabPane("4 Reminders", id="reminders"):
                yield RemindersPane(self.kith, self.today, id="reminders-view")
            if inbox_wanted(self.kith):
                with TabPane("0 Inbox", id="inbox"):
                    yield InboxPane(self.kith, id="inbox-view")
            for number, (plugin, title, factory) in enumerate(self.kith.plugins.panels()):
                host = PanelHost(plugin, title, factory, self.panel_context(),
                                 id=f"panel-{number}")
                self.hosts.append(host)
                key = len(CORE_TABS) + number + 1
                with TabPane(f"{key} {title}" if key <= 9 else title, id=f"plugin-{number}"):
                    yield host
        yield KithFooter()

    def panel_context(self) -> PanelContext:
        """What plugin panels get: the store, the configuration, today, the plugins."""
        return PanelContext(self.kith.store, self.kith.config, self.today, self.kith.plugins)

    # the loaded database and the collector ----------------------------------------------
    def on_load(self) -> None:
        """No cyclic garbage collection while the app composes and the dashboard's first
        assessment loads the database: that makes hundreds of thousands of small dicts
        and lists (no cycles among them) that Python's collector would scan again and
        again, a quarter of the first paint at 10k people. Reference counting still frees
        memory as usual."""
        self._collecting = gc.isenabled()
        if self._collecting and KithTUI.ran_before:
            # an app before this one in the process (the tests run hundreds): collect
            # its garbage now, or it would be frozen with this app's database for good
            gc.collect()
        KithTUI.ran_before = True
        gc.disable()

    def on_unmount(self) -> None:
        """Give the collector back everything (run or crashed)."""
        gc.unfreeze()
        if self._collecting:
            gc.enable()

    def on_mount(self) -> None:
        # Everything loaded is kept for the app's life: frozen, later collections (on
        # every keystroke's allocations) skip it instead of rescanning the database.
        gc.freeze()
        if self._collecting:
            gc.enable()
        self.sub_title = str(self.kith.db)
        self.data_version = self.kith.store.data_version()
        self.set_interval(self.poll_seconds, self.check_disk)
        self.call_after_refresh(self.focus_main)

    # focus -------------------------------------------------------------------------------
    def main_widget(self) -> Widget | None:
        """The widget a tab's keys act on: its table, or the dashboard's cards."""
        pane = self.query_one("#tabs", TabbedContent).active_pane
        if pane is None:
            return None
        for view in pane.query(MAIN_VIEWS):
            return view.main_widget()  # type: ignore[attr-defined, no-any-return]
        return None

    def entry_widget(self) -> Widget | None:
        """Where a tab's focus goes when it opens: its filter when it has one (typing
        then filters, and no letter acts as a key), else its main widget."""
        pane = self.query_one("#tabs", TabbedContent).active_pane
        for view in pane.query(MAIN_VIEWS) if pane is not None else ():
            entry = getattr(view, "entry_widget", None)
            return entry() if entry is not None else view.main_widget()  # type: ignore[attr-defined, no-any-return]
        return None

    def focus_main(self, entering: bool = True) -> None:
        """Focus the active tab's entry widget (``entering``: the tab was just opened) or
        its main widget (leaving a text field with Esc)."""
        if len(self.screen_stack) > 1:
            return
        chosen = self.entry_widget() if entering else self.main_widget()
        target, self._focus_next = self._focus_next or chosen, None
        if target is not None and target.focusable:
            target.focus(scroll_visible=not entering)
        else:
            self.screen.set_focus(None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "leave_input":
            return isinstance(self.focused, Input) and not isinstance(self.screen, ModalScreen)
        # a form is open: save or cancel it first
        return not (action in NAVIGATION and isinstance(self.screen, ModalScreen))

    # actions -----------------------------------------------------------------------------
    def to_main_screen(self) -> None:
        """Close the person page or form on top (a form closed so writes nothing)."""
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def close_forms(self) -> None:
        """Close any form on top (writing nothing); a person page stays open."""
        while len(self.screen_stack) > 1 and isinstance(self.screen, ModalScreen):
            self.pop_screen()

    def action_show(self, tab: str, focus: Widget | None = None) -> None:
        self.to_main_screen()
        tabs = self.query_one("#tabs", TabbedContent)
        self._focus_next = focus
        if tabs.active == tab:
            self.focus_main()
            return
        # a focused widget left in the old tab would pull the tabs back to it
        self.screen.set_focus(None)
        tabs.active = tab

    def action_leave_input(self) -> None:
        self.focus_main(entering=False)

    def tab_ids(self) -> list[str]:
        """Every tab's id in order (the number keys' order)."""
        return [*CORE_TABS, *(f"plugin-{n}" for n in range(len(self.hosts)))]

    def action_show_inbox(self) -> None:
        """Key 0: the inbox of suggestions from `kith pull`, when there is one."""
        if self.query("#inbox"):
            self.action_show("inbox")

    def action_show_number(self, number: int) -> None:
        tabs = self.tab_ids()
        if 1 <= number <= len(tabs):
            self.action_show(tabs[number - 1])

    def action_log(self, people: str = "", network: str = "") -> None:
        from kith.tui.log_form import LogScreen

        self.close_forms()
        self.push_screen(LogScreen(self.kith, people=people, network=network), self._logged)

    def _logged(self, recorded: Any) -> None:
        if recorded is not None:
            self.notify(f"Recorded: {recorded.direction} {recorded.kind} in "
                        f"{recorded.network}")
            self.post_message(DataChanged("interaction"))

    def open_form(self, form: Screen[Any], done: str) -> None:
        """Show ``form``; when it saves, say ``done`` and refresh every view."""
        def saved(result: Any) -> None:
            if result is not None:
                name = getattr(result, "name", None) or getattr(result, "text", "")
                self.notify(f"{done}: {name}", markup=False)
                self.post_message(DataChanged(done))

        self.push_screen(form, saved)

    def action_add_person(self) -> None:
        from kith.tui.forms import PersonForm

        self.close_forms()
        self.open_form(PersonForm(self.kith), "Added")

    def action_add_network(self) -> None:
        from kith.tui.forms import NetworkForm

        self.close_forms()
        self.open_form(NetworkForm(self.kith), "Added network")

    def edit_network(self, ident: str) -> None:
        from kith.tui.forms import NetworkForm

        network = self.kith.store.get_network(ident)
        if network is None:
            return
        self.close_forms()
        self.open_form(NetworkForm(self.kith, network), "Updated network")

    def action_hear(self, person: str = "") -> None:
        from kith.tui.forms import OpportunityForm

        if not person:
            person = self.highlighted_person()
        self.close_forms()
        self.open_form(OpportunityForm(self.kith, person=person), "Heard")

    def action_merge(self, keep: str = "") -> None:
        from kith.tui.forms import MergeForm

        if not keep:
            keep = self.highlighted_person()
        self.close_forms()
        self.open_form(MergeForm(self.kith, keep=keep), "Merged into")

    def highlighted_person(self) -> str:
        """What to type for the person a page shows or the people table highlights."""
        from kith.tui.forms import person_ref

        person = None
        if isinstance(self.screen, PersonScreen):
            person = self.screen.person
        elif self.query_one("#tabs", TabbedContent).active == "people":
            row = self.query_one(PeoplePane).highlighted()
            person = self.kith.store.get_person(row.id) if row else None
        return person_ref(self.kith, person) if person else ""

    def action_switch_window(self, key: str | None = None) -> None:
        dashboard = self.query_one(Dashboard)
        if key:
            dashboard.set_window(key)
        else:
            dashboard.switch_window()
        self.action_show("dashboard")

    def action_find_person(self) -> None:
        self.action_show("people", focus=self.query_one("#people-filter"))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield SystemCommand("Log an interaction", "Record help, time, money or fun",
                            self.action_log)
        yield SystemCommand("Find a person", "Filter people by name, handle, tag or network",
                            self.action_find_person)
        yield SystemCommand("Add a person", "Name, handles, tags, networks, birthday, cadence",
                            self.action_add_person)
        yield SystemCommand("Add a network", "A group you belong to: kind, joined, left",
                            self.action_add_network)
        if self.kith.store.exists:
            for network in self.kith.store.networks():
                yield SystemCommand(f"Edit network: {network.name}",
                                    f"Name, kind, joined, left ({network.id})",
                                    partial(self.edit_network, network.id))
        yield SystemCommand("Hear a need or offer", "What someone needs or offers",
                            self.action_hear)
        yield SystemCommand("Merge two people", "One person recorded twice",
                            self.action_merge)
        if isinstance(screen, PersonScreen):
            page = screen
            yield SystemCommand(f"Note about {page.person.name}", "A dated note (journal)",
                                page.action_note)
            yield SystemCommand(f"Follow up with {page.person.name}", "Due on a day or in a "
                                "while", page.action_follow_up)
        yield SystemCommand("Assess networks", "The dashboard: is each network worth it?",
                            lambda: self.action_show("dashboard"))
        yield SystemCommand("People", "Everyone, filtered as you type",
                            lambda: self.action_show("people"))
        yield SystemCommand("Window: last 12 months", "Assess the last 12 months",
                            lambda: self.action_switch_window("12m"))
        yield SystemCommand("Window: all time", "Assess since each network began",
                            lambda: self.action_switch_window("all"))
        yield SystemCommand("Introductions", "Suggested introductions and open needs",
                            lambda: self.action_show("introductions"))
        yield SystemCommand("Reminders", "Who is overdue, birthdays",
                            lambda: self.action_show("reminders"))
        if self.query("#inbox"):
            yield SystemCommand("Inbox", "Suggestions from `kith pull`, key 0",
                                lambda: self.action_show("inbox"))
        for number, host in enumerate(self.hosts):
            key = len(CORE_TABS) + number + 1
            yield SystemCommand(f"{host.title}", f"The {host.title} tab (from {host.plugin})"
                                + (f", key {key}" if key <= 9 else ""),
                                partial(self.action_show, f"plugin-{number}"))
        yield from super().get_system_commands(screen)

    # refreshing --------------------------------------------------------------------------
    def check_disk(self) -> None:
        """Refresh when another process (or another store) wrote to the database."""
        version = self.kith.store.data_version()
        if version != self.data_version:
            self.data_version = version
            self.kith.store.reload()
            self.post_message(DataChanged("disk"))

    async def on_data_changed(self, message: DataChanged) -> None:
        """Refresh what shows data: the tab on screen now, the others when next shown (a
        refresh of a hidden tab would cost time at 10k people and show nothing)."""
        self.data_version = self.kith.store.data_version()
        active = self.query_one("#tabs", TabbedContent).active
        dashboard = self.query_one(Dashboard)
        if active == "dashboard":
            await dashboard.refresh_data()
        else:
            dashboard.stale = True
        for widget in self.query("PeoplePane, IntroductionsPane, RemindersPane, InboxPane"):
            shown = widget.parent is not None and widget.parent.id == active
            widget.data_changed(shown=shown)  # type: ignore[attr-defined]
        for host in self.hosts:
            host.refresh_data()
        for screen in self.screen_stack:
            if isinstance(screen, PersonScreen):
                page: PersonScreen = screen
                if screen is self.screen:
                    page.refresh_data()
                else:
                    screen.stale = True  # under a form: refreshed when shown again

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        for widget in event.pane.query("PeoplePane, IntroductionsPane, RemindersPane, "
                                       "InboxPane, PanelHost"):
            widget.activate()  # type: ignore[attr-defined]
        for dashboard in event.pane.query(Dashboard):
            if dashboard.stale:
                self.run_worker(dashboard.refresh_data(), exclusive=True, group="dashboard")
        self.call_after_refresh(self.focus_main)

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
