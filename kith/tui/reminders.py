"""Reminders: who you are losing touch with, birthdays coming up, newcomers you helped."""

from __future__ import annotations

from datetime import date
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from kith.tui.messages import OpenPerson
from kith.tui.widgets import LazyPane, escape


def follow_up_lines(store: Any, today: date, *, person: str | None = None,
                    items: Any = None) -> list[str]:
    """Open follow-ups as lines (markup-escaped), due and overdue first (``items``: the
    ones already read, as the person page has them)."""
    from kith.services.followups import follow_ups

    names = {i: d["name"] for i, d in store.people_docs().items()} if person is None else {}
    lines = []
    for item in follow_ups(store, person=person) if items is None else items:
        days = item.days_until(today)
        when = ("[$warning]due today[/]" if days == 0 else
                f"[$error]overdue by {-days} days[/]" if days < 0 else f"in {days} days")
        about = f": {escape(item.about)}" if item.about else ""
        who = "" if person else f"{escape(names.get(item.person, item.person))}"
        lines.append(f"  {item.due}  {who}{about}  ({when})")
    return lines


class RemindersPane(LazyPane, VerticalScroll):
    def __init__(self, kith: Any, today: date, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.kith = kith
        self.today = today
        self.overdue_ids: list[str] = []

    def compose(self) -> ComposeResult:
        follow_ups = Static("", id="follow-ups")
        follow_ups.display = False  # shown when there are open follow-ups
        yield follow_ups
        yield Static("", id="reminders-summary", classes="heading")
        overdue: DataTable[str] = DataTable(id="overdue", cursor_type="row")
        overdue.add_columns("Overdue", "By", "Last contact", "Where")
        yield overdue
        yield Static("Birthdays (next 30 days)", classes="heading")
        yield Static("", id="birthdays")

    def refresh_data(self) -> None:
        from kith.domain.keepintouch import reminders

        store = self.kith.store
        if not store.exists:
            self.query_one("#reminders-summary", Static).update("Nothing yet.")
            return
        self._show_follow_ups()
        result = reminders(store, self.kith.config, self.today)
        names = {n.id: n.name for n in store.networks()}
        self.query_one("#reminders-summary", Static).update(
            f"{len(result.overdue)} people overdue, {len(result.birthdays)} birthdays soon")
        self.overdue_ids = [o.id for o in result.overdue]
        table = self.query_one("#overdue", DataTable)
        table.clear()
        table.add_rows([(escape(o.name), f"{o.days_overdue} days",
                         (o.last_contact or "never")[:10],
                         escape(names.get(o.last_network or "", o.last_network or "")))
                        for o in result.overdue])
        self.query_one("#birthdays", Static).update("\n".join(
            f"{b.date[5:]}  {escape(b.name)}" + (f" turns {b.turns}" if b.turns else "")
            + (" (today!)" if b.days_until == 0 else f" in {b.days_until} days")
            for b in result.birthdays) or "None in the next 30 days.")

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
