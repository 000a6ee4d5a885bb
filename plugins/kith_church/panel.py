"""The "Church" TUI panel: upcoming services and volunteering, and the time given this
year. Imported only when the TUI builds it."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from kith.api import (
    PanelContext,
    cell,
    format_minutes,
    format_money,
    local_tz,
    totals_of,
)


class ChurchPanel(VerticalScroll):
    DEFAULT_CSS = """
    ChurchPanel { padding: 0 1; }
    ChurchPanel .heading { text-style: bold; margin-top: 1; }
    """

    def __init__(self, context: PanelContext, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.store = context.store
        self.today = context.today

    def compose(self) -> ComposeResult:
        churches = [n for n in self.store.networks() if n.kind == "church"]
        if not churches:
            yield Static("No church yet: `kith network add NAME --kind church`, then "
                         "`kith import church-calendar FILE.ics`.")
            return
        # upcoming means after today: what was on today has happened (or is under way)
        later = datetime.combine(self.today + timedelta(days=1), time.min, tzinfo=local_tz())
        year = f"{self.today.year:04d}"
        months = self.store.network_months()
        for church in churches:
            yield Static(cell(church.name), classes="heading")
            rows = [r for m, r in months.get(church.id, {}).items() if m.startswith(year)]
            volunteered = sum(totals_of(r, "gave").minutes for r in rows)
            shared = sum(totals_of(r, "shared").minutes for r in rows)
            money = sum(totals_of(r, "gave").money for r in rows)
            yield Static(f"This year: {format_minutes(volunteered)} volunteering and "
                         f"giving time, {format_minutes(shared)} at services and groups, "
                         f"{format_money(money, self.store.currency)} given")
            upcoming = [i for i in self.store.interactions(network=church.id, since=later)
                        if i.kind in ("service", "volunteering", "small-group")][:8]
            if upcoming:
                yield Static("Upcoming:")
                for item in upcoming:
                    yield Static(cell(f"  {upcoming_line(item)}"))
            else:
                yield Static("Nothing upcoming imported (import with --until a future date).")


def upcoming_line(item: Any) -> str:
    """"Sun 6 Dec 10:30  service: Advent" (an all-day event shows no time, an event
    without a note no colon)."""
    when = f"{item.when:%a} {item.when.day} {item.when:%b}"
    if (item.when.hour, item.when.minute) != (0, 0):
        when += f" {item.when:%H:%M}"
    return f"{when}  {item.kind}" + (f": {item.note}" if item.note else "")
