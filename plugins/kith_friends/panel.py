"""The "Friends" TUI panel: overdue friends and birthdays this month. Imported only when
the TUI builds it."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from kith.api import PanelContext, cell, reminders


class FriendsPanel(VerticalScroll):
    DEFAULT_CSS = """
    FriendsPanel { padding: 0 1; }
    FriendsPanel .heading { text-style: bold; margin-top: 1; }
    """

    def __init__(self, context: PanelContext, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.store = context.store
        self.config = context.config
        self.today = context.today

    def compose(self) -> ComposeResult:
        today = self.today
        result = reminders(self.store, self.config, today, birthday_days=31)
        yield Static("Overdue friends", classes="heading")
        if not result.overdue:
            yield Static("Nobody: you are in touch with everyone on a cadence.")
        for item in result.overdue[:15]:
            last = f"last {item.last_contact[:10]} in {item.last_network}" \
                if item.last_contact else "no contact yet"
            yield Static(cell(f"{item.name}: {item.days_overdue} days overdue ({last})"))
        yield Static("Birthdays this month", classes="heading")
        month = [b for b in result.birthdays if b.date[5:7] == f"{today.month:02d}"]
        if not month:
            yield Static("None this month.")
        for birthday in month:
            turns = f", turns {birthday.turns}" if birthday.turns else ""
            yield Static(cell(f"{birthday.name}: {birthday.date[5:]}{turns}"))
