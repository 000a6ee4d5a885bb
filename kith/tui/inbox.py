"""The Inbox tab: suggestions from ``kith pull`` waiting to be accepted or dismissed.

The same use cases as ``kith inbox`` (``kith.services.inbox``). One key each: ``g``,
``e`` or ``s`` say which way it went (gave, received, shared), ``0``-``5`` how much fun
it was, Enter accepts the highlighted suggestion with those, ``x`` dismisses it for good.
The tab is there when the user has live sources or suggestions (a database without them
keeps the tabs it had).
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from kith.core.errors import KithError
from kith.core.suggestion import Suggestion
from kith.services.inbox import AcceptRequest, accept, dismiss, waiting
from kith.tui.messages import DataChanged
from kith.tui.widgets import LazyPane, escape

KEYS_HELP = ("g/e/s: gave, received, shared   0-5: fun   Enter: accept   "
             "x: dismiss for good")


def inbox_wanted(kith: Any) -> bool:
    """Whether the app shows the Inbox tab: the user has sources, or suggestions."""
    if kith.config.get("sources"):
        return True
    store = kith.store
    return bool(store.exists and store.live.suggestion_docs())


class InboxPane(LazyPane, Vertical):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("g", "direction('gave')", "Gave"),
        Binding("e", "direction('received')", "Received"),
        Binding("s", "direction('shared')", "Shared"),
        *[Binding(str(n), f"fun({n})", f"Fun {n}", show=False) for n in range(6)],
        Binding("x", "dismiss", "Dismiss"),
    ]

    def __init__(self, kith: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.kith = kith
        self.items: list[Suggestion] = []
        self.choices: dict[str, dict[str, Any]] = {}
        """What the user set on each suggestion before accepting it (by id)."""

    def compose(self) -> ComposeResult:
        yield Static("", id="inbox-summary", classes="heading")
        table: DataTable[str] = DataTable(id="inbox-table", cursor_type="row")
        table.add_columns("When", "What", "With", "Network", "Way", "Fun")
        yield table
        yield Static(f"[dim]{KEYS_HELP}[/dim]", id="inbox-keys")

    def main_widget(self) -> DataTable[str]:
        return self.query_one("#inbox-table", DataTable)

    def refresh_data(self) -> None:
        store = self.kith.store
        self.items = waiting(store) if store.exists else []
        names = {i: d["name"] for i, d in store.people_docs().items()} if store.exists \
            else {}
        table = self.main_widget()
        row = table.cursor_row
        table.clear()
        for item in self.items:
            choice = self.choices.get(item.id, {})
            who = ", ".join(names.get(p, p) for p in item.people) or "-"
            table.add_row(f"{item.when:%Y-%m-%d %H:%M}", escape(item.title), escape(who),
                          escape(item.network or "?"),
                          choice.get("direction", item.direction),
                          str(choice.get("fun", "-")))
        if self.items:
            table.move_cursor(row=min(max(row, 0), len(self.items) - 1))
        self.query_one("#inbox-summary", Static).update(
            f"{len(self.items)} suggestions waiting" if self.items else
            "The inbox is empty: `kith pull` brings new suggestions.")

    def highlighted(self) -> Suggestion | None:
        row = self.main_widget().cursor_row
        return self.items[row] if 0 <= row < len(self.items) else None

    def _choose(self, **values: Any) -> None:
        item = self.highlighted()
        if item is None:
            return
        self.choices.setdefault(item.id, {}).update(values)
        self.refresh_data()

    def action_direction(self, direction: str) -> None:
        self._choose(direction=direction)

    def action_fun(self, fun: int) -> None:
        self._choose(fun=fun)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        item = self.highlighted()
        if item is None:
            return
        choice = self.choices.get(item.id, {})
        try:
            _done, recorded = accept(self.kith.store, item.id, AcceptRequest(
                direction=choice.get("direction"), fun=int(choice.get("fun", 0))),
                plugins=self.kith.plugins)
        except KithError as error:
            self.app.notify(escape(error), severity="error")
            return
        self.choices.pop(item.id, None)
        self.app.notify(escape(f"Recorded: {recorded.direction} {recorded.kind} "
                               f"({item.title})"))
        self.post_message(DataChanged("interaction"))

    def action_dismiss(self) -> None:
        item = self.highlighted()
        if item is None:
            return
        try:
            dismiss(self.kith.store, item.id, plugins=self.kith.plugins)
        except KithError as error:
            self.app.notify(escape(error), severity="error")
            return
        self.app.notify(escape(f"Dismissed: {item.title}"))
        self.post_message(DataChanged("suggestion"))
