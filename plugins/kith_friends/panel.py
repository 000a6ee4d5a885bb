"""The "Friends" TUI panel: overdue friends and birthdays this month. Imported only when
the TUI builds it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from kith.safeoutput import cell


class FriendsPanel(VerticalScroll):
    DEFAULT_CSS = """
    FriendsPanel { padding: 0 1; }
    FriendsPanel .heading { text-style: bold; margin-top: 1; }
    """

    def __init__(self, store: Any, config: dict[str, Any] | None = None, **kwargs: Any):
        super().__init__(**kwargs)
        self.store = store
        self.config = config

    def compose(self) -> ComposeResult:
        from kith.config import load_config
        from kith.keepintouch import reminders

        today = datetime.now().astimezone().date()
        result = reminders(self.store, self.config or load_config(), today, birthday_days=31)
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
        for item in month:
            turns = f", turns {item.turns}" if item.turns else ""
            yield Static(cell(f"{item.name}: {item.date[5:]}{turns}"))
