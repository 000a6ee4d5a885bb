"""The "Email" panel: what imported mail adds up to (imported only by the TUI)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from kith.api import PanelContext


class EmailPanel(VerticalScroll):
    DEFAULT_CSS = """
    EmailPanel { padding: 0 1; }
    EmailPanel .heading { text-style: bold; margin-top: 1; }
    """

    def __init__(self, context: PanelContext, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.store = context.store

    def compose(self) -> ComposeResult:
        yield Static("", id="email-summary", classes="heading")
        yield Static("", id="email-people")

    def on_mount(self) -> None:
        self.refresh_panel()

    def refresh_panel(self) -> None:
        """Called by kith after every write."""
        threads = 0
        people: Counter[str] = Counter()
        if self.store.exists:
            for interaction in self.store.interactions():
                if (interaction.source or "").startswith("mbox:"):
                    threads += 1
                    people.update(interaction.people)
        names = {i: d["name"] for i, d in self.store.people_docs().items()} \
            if self.store.exists else {}
        self.query_one("#email-summary", Static).update(
            f"{threads} email thread-days imported" if threads else
            "No email imported yet: kith import mbox PATH")
        self.query_one("#email-people", Static).update("\n".join(
            f"{count:>5}  {names.get(ident, ident)}" for ident, count in people.most_common(15)))
