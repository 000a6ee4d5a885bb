"""The "Association" TUI panel: upcoming events, renewals due, and the people met at the
last event. Imported only when the TUI builds it."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from kith.api import PanelContext, cell, local_tz

EVENT_KINDS = ("event", "meeting", "conference", "workshop", "talk")
"""What an association's calendar holds: the kinds "Upcoming" and "the last event" list."""


class AssociationPanel(VerticalScroll):
    DEFAULT_CSS = """
    AssociationPanel { padding: 0 1; }
    AssociationPanel .heading { text-style: bold; margin-top: 1; }
    """

    def __init__(self, context: PanelContext, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.store = context.store
        self.today = context.today

    def compose(self) -> ComposeResult:
        associations = [n for n in self.store.networks() if n.kind == "association"]
        if not associations:
            yield Static("No association yet: `kith network add NAME --kind association`.")
            return
        now = datetime.combine(self.today, time.min, tzinfo=local_tz())
        # upcoming means after today, and events only (not the messages recorded today)
        later = datetime.combine(self.today + timedelta(days=1), time.min, tzinfo=local_tz())
        soon = (self.today + timedelta(days=30)).isoformat()
        names = {i: d["name"] for i, d in self.store.people_docs().items()}
        for network in associations:
            yield Static(cell(network.name), classes="heading")
            upcoming = [i for i in self.store.interactions(network=network.id, since=later)
                        if i.kind in EVENT_KINDS][:5]
            yield Static(cell("Upcoming: " + (", ".join(
                f"{i.when:%a} {i.when.day} {i.when:%b} {i.note or i.kind}" for i in upcoming)
                or "nothing imported")))
            due = sorted((doc["extra"]["renewal_due"], doc["name"])
                         for doc in self.store.people_docs().values()
                         if network.id in doc["networks"]
                         and doc.get("extra", {}).get("renewal_due", "9999") <= soon)
            yield Static(cell("Renewals due within 30 days: "
                              + (", ".join(f"{n} ({d})" for d, n in due[:10]) or "none")))
            events = [i for i in self.store.interactions(network=network.id, until=now)
                      if i.kind in EVENT_KINDS]
            if events:
                last = events[-1]
                met = ", ".join(names.get(p, p) for p in last.people) or "nobody recorded"
                yield Static(cell(f"Met at the last event ({last.when:%d %b %Y}, "
                                  f"{last.note or last.kind}): {met}"))
