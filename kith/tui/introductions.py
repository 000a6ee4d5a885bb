"""Opportunities and introductions: open needs and offers, ranked suggestions, and one
key (``i``) that records the selected introduction."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from kith.core.errors import KithError
from kith.core.model import ME
from kith.domain.serendipity import Suggestion
from kith.tui.messages import DataChanged, OpenPerson
from kith.tui.widgets import LazyPane, escape

SUGGESTIONS = 20


class IntroductionsPane(LazyPane, Vertical):
    """Suggestions first (they are the point), then the open opportunities."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("i", "introduce", "Introduce"),
                Binding("c", "close_opportunity", "Close opportunity")]

    def __init__(self, kith: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.kith = kith
        self.suggestions: list[Suggestion] = []
        self.open_ids: list[str] = []
        self.open_people: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static("Suggested introductions (i: introduce the pair, Enter: open)",
                     classes="heading")
        suggestions: DataTable[str] = DataTable(id="suggestions", cursor_type="row")
        suggestions.add_columns("Score", "Introduce", "To", "Why")
        yield suggestions
        yield Static("Open needs and offers (c: close, Enter: open, h: add)", classes="heading")
        table: DataTable[str] = DataTable(id="opportunities", cursor_type="row")
        table.add_columns("Who", "Needs/offers", "What", "Tags")
        yield table

    def refresh_data(self) -> None:
        from kith.domain.serendipity import suggest

        store = self.kith.store
        if not store.exists:
            return
        names = {i: d["name"] for i, d in store.people_docs().items()}
        self.suggestions = suggest(store, plugins=self.kith.plugins, limit=SUGGESTIONS)
        table = self.query_one("#suggestions", DataTable)
        table.clear()
        table.add_rows([(f"{s.score:.2f}", escape(names.get(s.people[0], s.people[0])),
                         escape(names.get(s.people[1], s.people[1])),
                         escape("; ".join(s.evidence)[:80])) for s in self.suggestions])
        opportunities = [o for o in store.opportunities(status="open") if o.person != ME]
        self.open_ids = [o.id for o in opportunities]
        self.open_people = [o.person for o in opportunities]
        table = self.query_one("#opportunities", DataTable)
        table.clear()
        table.add_rows([(escape(names.get(o.person, o.person)), o.type, escape(o.text[:60]),
                         escape(", ".join(o.tags))) for o in opportunities])
        if not self.suggestions:
            self.query_one("#suggestions", DataTable).add_row(
                "", "No suggestions yet:", "record needs and offers", "(h: hear one)")

    def main_widget(self) -> DataTable[str]:
        return self.query_one("#suggestions", DataTable)

    @on(DataTable.RowSelected, "#suggestions")
    def _open_suggested(self, event: DataTable.RowSelected) -> None:
        if 0 <= event.cursor_row < len(self.suggestions):
            self.post_message(OpenPerson(self.suggestions[event.cursor_row].people[0]))

    @on(DataTable.RowSelected, "#opportunities")
    def _open(self, event: DataTable.RowSelected) -> None:
        if 0 <= event.cursor_row < len(self.open_people):
            self.post_message(OpenPerson(self.open_people[event.cursor_row]))

    def action_introduce(self) -> None:
        from kith.services.interactions import introduce

        row = self.query_one("#suggestions", DataTable).cursor_row
        if not 0 <= row < len(self.suggestions):
            self.app.notify("Select a suggestion first.", severity="warning")
            return
        chosen = self.suggestions[row]
        try:
            made = introduce(self.kith.store, *chosen.people,
                             opportunities=chosen.opportunities, plugins=self.kith.plugins)
        except KithError as error:
            self.app.notify(escape(error), severity="error")
            return
        names = {i: d["name"] for i, d in self.kith.store.people_docs().items()}
        self.app.notify(escape(f"Introduced {names.get(chosen.people[0])} and "
                               f"{names.get(chosen.people[1])} ({made.network})"))
        self.post_message(DataChanged("introduction"))

    def action_close_opportunity(self) -> None:
        row = self.query_one("#opportunities", DataTable).cursor_row
        if not 0 <= row < len(self.open_ids):
            return
        store = self.kith.store
        found = store.get_opportunity(self.open_ids[row])
        store.save_opportunity(found.with_changes(status="closed"))
        self.app.notify(escape(f"Closed: {found.text[:40]}"))
        self.post_message(DataChanged("opportunity"))
