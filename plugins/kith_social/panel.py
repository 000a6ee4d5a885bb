"""The "Social" TUI panel: per account, the people you talk to most and recent
conversations. Imported only when the TUI builds it."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from kith.api import PanelContext, cell, interaction_count


class SocialPanel(VerticalScroll):
    DEFAULT_CSS = """
    SocialPanel { padding: 0 1; }
    SocialPanel .account { text-style: bold; margin-top: 1; }
    SocialPanel DataTable { height: auto; max-height: 12; }
    """

    def __init__(self, context: PanelContext, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.store = context.store

    def compose(self) -> ComposeResult:
        networks = [n for n in self.store.networks() if n.kind == "social"]
        if not networks:
            yield Static("No social accounts yet: try `kith import x-archive PATH`.")
            return
        stats = self.store.person_stats()
        names = {i: d["name"] for i, d in self.store.people_docs().items()}
        for network in networks:
            yield Static(cell(network.name), classes="account")
            ranked = sorted(((interaction_count(d), d["last"],
                              person) for person, nets in stats.items()
                             for net, d in nets.items() if net == network.id), reverse=True)
            table: DataTable[Any] = DataTable(zebra_stripes=True)
            table.add_columns("Person", "Conversations", "Last")
            for count, last, person in ranked[:10]:
                table.add_row(cell(names.get(person, person)), str(count), last[:10])
            yield table
            recent = sorted(ranked, key=lambda r: r[1], reverse=True)[:5]
            yield Static(cell("Recent: " + ", ".join(f"{names.get(p, p)} ({last[:10]})"
                                                     for _, last, p in recent)))
