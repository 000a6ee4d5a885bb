"""Reminders: follow-ups, people who came to you and were not followed up, who you are
losing touch with (overdue for their cadence, or drifting from their usual rhythm),
whom to thank, and birthdays coming up. Each line says why and which command acts on
it; ``s`` silences the highlighted drifting person (``kith remind --silence``)."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from kith.core.errors import KithError
from kith.core.words import birthday, counted, day, in_days
from kith.domain.keepintouch import DRIFT_RULE
from kith.services.followups import follow_ups
from kith.services.reminders import all_reminders, silence
from kith.tui.messages import DataChanged, OpenPerson
from kith.tui.widgets import LazyPane, escape


def follow_up_lines(store: Any, today: date, *, person: str | None = None,
                    items: Any = None) -> list[str]:
    """Open follow-ups as lines (markup-escaped), due and overdue first (``items``: the
    ones already read, as the person page has them)."""

    names = {i: d["name"] for i, d in store.people_docs().items()} if person is None else {}
    lines = []
    for item in follow_ups(store, person=person) if items is None else items:
        days = item.days_until(today)
        when = ("[$warning]due today[/]" if days == 0 else
                f"[$error]overdue by {counted(-days, 'day')}[/]" if days < 0
                else in_days(days))
        who = "" if person else escape(names.get(item.person, item.person))
        about = escape(item.about) if item.about else ""
        what = f"{who}: {about}" if who and about else who or about or "get back in touch"
        lines.append(f"  {day(item.due, today=today)}  {what}  ({when})")
    return lines


def _section(title: str, items: list[Any]) -> str:
    lines = [f"[b]{escape(title)}[/b]"]
    for item in items:
        lines.append(f"  {escape(item.name)}: {escape(item.why)}")
        lines.append(f"      [dim]{escape(item.act)}[/dim]")
    return "\n".join(lines)


ACT_COLUMN_FROM = 130
"""Columns from which the drifting table has room for its Act column (the command)."""


class RemindersPane(LazyPane, VerticalScroll):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "silence", "Silence drifting", show=False)]

    def __init__(self, kith: Any, today: date, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.kith = kith
        self.today = today
        self.overdue_ids: list[str] = []
        self.drifting_ids: list[str] = []
        self.drifting_rows: list[tuple[str, ...]] = []

    def compose(self) -> ComposeResult:
        follow_ups = Static("", id="follow-ups")
        follow_ups.display = False  # shown when there are open follow-ups
        yield follow_ups
        came = Static("", id="came-to-you")
        came.display = False
        yield came
        yield Static("", id="reminders-summary", classes="heading")
        overdue: DataTable[str] = DataTable(id="overdue", cursor_type="row")
        overdue.add_columns("Overdue", "By", "Last contact", "Where")
        yield overdue
        yield Static("Drifting away (no cadence set; s: silence)", classes="heading",
                     id="drifting-heading")
        yield DataTable(id="drifting", cursor_type="row")
        # on a narrow terminal the command that acts is shown here, for the highlighted
        # row, rather than in a column cut to "kith lo"
        act = Static("", id="drifting-act")
        act.display = False
        yield act
        yield Static("", id="drifting-rule")
        thank = Static("", id="thank")
        thank.display = False
        yield thank
        yield Static("Birthdays (next 30 days)", classes="heading")
        yield Static("", id="birthdays")

    def refresh_data(self) -> None:
        store = self.kith.store
        if not store.exists:
            self.query_one("#reminders-summary", Static).update("Nothing yet.")
            return
        self._show_follow_ups()
        _pending, result = all_reminders(store, self.kith.config, self.today)
        names = {n.id: n.name for n in store.networks()}
        came = self.query_one("#came-to-you", Static)
        came.update(_section("Came to you, not yet followed up (newest first)",
                             result.came_to_you))
        came.display = bool(result.came_to_you)
        self.query_one("#reminders-summary", Static).update(
            f"{counted(len(result.overdue), 'person', 'people')} overdue, "
            f"{len(result.drifting)} drifting, "
            f"{counted(len(result.birthdays), 'birthday')} soon")
        self.overdue_ids = [o.id for o in result.overdue]
        table = self.query_one("#overdue", DataTable)
        table.clear()
        table.add_rows([(escape(o.name), counted(o.days_overdue, "day"),
                         (o.last_contact or "never")[:10],
                         escape(names.get(o.last_network or "", o.last_network or "")))
                        for o in result.overdue])
        self.drifting_ids = [d.id for d in result.drifting]
        self.drifting_rows = [(escape(d.name), counted(d.usual_days, "day"),
                               counted(d.days_since, "day"),
                               f"{day(d.last_contact, today=self.today)} in "
                               f"{escape(names.get(d.last_network, ''))}",
                               escape(d.act)) for d in result.drifting]
        self._show_drifting()
        self.query_one("#drifting-rule", Static).update(f"[dim]{escape(DRIFT_RULE)}[/dim]")
        thank = self.query_one("#thank", Static)
        thank.update(_section("Thank", result.thank))
        thank.display = bool(result.thank)
        self.query_one("#birthdays", Static).update("\n".join(
            f"{birthday('--' + b.date[5:])}  {escape(b.name)}"
            + (f" turns {b.turns}" if b.turns else "")
            + (" (today!)" if b.days_until == 0 else f" {in_days(b.days_until)}")
            for b in result.birthdays) or "None in the next 30 days.")

    def narrow(self) -> bool:
        """Too narrow for the Act column at a useful width."""
        return self.size.width < ACT_COLUMN_FROM

    def _show_drifting(self) -> None:
        table = self.query_one("#drifting", DataTable)
        narrow = self.narrow()
        columns = ["Drifting", "Usually every", "Silent for", "Last"] + \
            ([] if narrow else ["Act"])
        table.clear(columns=True)
        table.add_columns(*columns)
        table.add_rows([row[:len(columns)] for row in self.drifting_rows])
        self.query_one("#drifting-act", Static).display = narrow and bool(self.drifting_rows)
        self._show_act(table.cursor_row)

    def on_resize(self) -> None:
        if self.loaded and self.narrow() != \
                (len(self.query_one("#drifting", DataTable).columns) == 4):
            self._show_drifting()

    @on(DataTable.RowHighlighted, "#drifting")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_act(event.cursor_row)

    def _show_act(self, row: int) -> None:
        rows = self.drifting_rows
        act = rows[row][4] if 0 <= row < len(rows) else ""
        self.query_one("#drifting-act", Static).update(f"[dim]act: {act}[/dim]" if act else "")

    def _show_follow_ups(self) -> None:
        lines = follow_up_lines(self.kith.store, self.today)
        widget = self.query_one("#follow-ups", Static)
        widget.update("[b]Follow-ups (due first)[/b]\n" + "\n".join(lines))
        widget.display = bool(lines)

    def main_widget(self) -> DataTable[str]:
        return self.query_one("#overdue", DataTable)

    @on(DataTable.RowSelected, "#overdue")
    def _open(self, event: DataTable.RowSelected) -> None:
        if 0 <= event.cursor_row < len(self.overdue_ids):
            self.post_message(OpenPerson(self.overdue_ids[event.cursor_row]))

    @on(DataTable.RowSelected, "#drifting")
    def _open_drifting(self, event: DataTable.RowSelected) -> None:
        if 0 <= event.cursor_row < len(self.drifting_ids):
            self.post_message(OpenPerson(self.drifting_ids[event.cursor_row]))

    def action_silence(self) -> None:
        row = self.query_one("#drifting", DataTable).cursor_row
        if not 0 <= row < len(self.drifting_ids):
            self.app.notify("Select someone in Drifting first.", severity="warning")
            return
        try:
            person = silence(self.kith.store, self.drifting_ids[row], today=self.today)
        except KithError as error:
            self.app.notify(escape(error), severity="error")
            return
        self.app.notify(escape(f"{person.name} will not be shown as drifting"))
        self.post_message(DataChanged("person"))
