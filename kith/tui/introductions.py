"""Opportunities and introductions: ranked suggestions with their evidence in words,
the introductions made (and what they led to), and the open needs and offers.

``i`` introduces the selected pair at once (``I``: with a note, a network, a date, in a
form) and ``u`` records what the selected introduction led to (a form); they call the
same use cases as ``kith intro make`` and ``kith intro outcome``
(``kith.services.introductions``), so the database and the refusals are the same on
either face.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from kith.core.model import ME, Interaction
from kith.domain.serendipity import Suggestion
from kith.tui.forms import Field, FormScreen, network_names
from kith.tui.messages import DataChanged, OpenPerson
from kith.tui.widgets import LazyPane, ListSuggester, escape

SUGGESTIONS = 20
MADE = 50
EVIDENCE_WIDTH = 100
"""The evidence lines' width before the pane has been laid out."""


def _when(text: str, what: str) -> Any:
    from kith.core.dates import parse_user_when

    return parse_user_when(text, what) if text.strip() else None


class IntroduceForm(FormScreen):
    """Introduce a suggested pair: a note, where, when (defaults as in the CLI)."""

    heading = "Introduce"
    save_label = "Introduce"

    def __init__(self, kith: Any, suggestion: Suggestion, names: dict[str, str]) -> None:
        super().__init__(kith)
        self.suggestion = suggestion
        self.heading = "Introduce " + " and ".join(names.get(p, p) for p in suggestion.people)

    def fields(self) -> list[Field]:
        return [Field("note", "Note", "", "how, what you said"),
                Field("network", "Network", "", "default: where the need was heard",
                      ListSuggester(network_names(self.kith))),
                Field("on", "When", "", "now, or 2026-05-31")]

    def save(self) -> Interaction:
        from kith.services.introductions import make_introduction

        return make_introduction(self.kith.store, *self.suggestion.people,
                                 note=self.value("note"),
                                 network=self.value("network") or None,
                                 opportunities=self.suggestion.opportunities,
                                 when=_when(self.value("on"), "--on"))


class OutcomeForm(FormScreen):
    """What an introduction led to; value for you, from whom and where."""

    heading = "What did it lead to?"

    def __init__(self, kith: Any, introduction: str) -> None:
        super().__init__(kith)
        self.introduction = introduction

    def fields(self) -> list[Field]:
        return [Field("led_to", "Led to", "", "a job, a flat, a client"),
                Field("for_me", "For you?", "", "did value come back to you?",
                      choices=("no", "yes")),
                Field("money", "Money", "", "that came back to you"),
                Field("favours", "Favours", "", "a number"),
                Field("fun", "Fun", "", "0-5"),
                Field("sources", "From", "", "who it came from (comma-separated)"),
                Field("network", "Network", "", "where it came from",
                      ListSuggester(network_names(self.kith))),
                Field("on", "When", "", "now, or 2026-05-31")]

    def _number(self, field: str, flag: str, top: int | None = None) -> int:
        from kith.core.errors import ValidationError

        text = self.value(field).strip()
        if not text:
            return 0
        if not text.isdigit() or (top is not None and int(text) > top):
            limit = f" from 0 to {top}" if top is not None else ""
            raise ValidationError(f"{flag} must be a whole number{limit}, not {text!r}")
        return int(text)

    def save(self) -> Any:
        from kith.core.parsing import parse_money
        from kith.services.editing import split_list
        from kith.services.introductions import outcome_value, record_outcome

        for_me = self.value("for_me") == "yes"
        when = _when(self.value("on"), "--on")
        money = self.value("money").strip()
        exponent = int(self.kith.config["kith"].get("currency_exponent", 2))
        value = outcome_value(for_me, parse_money(money, exponent) if money else 0,
                              self._number("fun", "--fun", 5),
                              self._number("favours", "--favours"))
        received = record_outcome(self.kith.store, self.introduction,
                                  led_to=self.value("led_to"), for_me=for_me, value=value,
                                  when=when, sources=tuple(split_list(self.value("sources"))),
                                  network=self.value("network") or None)
        return received or self.kith.store.get_interaction(self.introduction)


class IntroductionsPane(LazyPane, Vertical):
    """Suggestions first (they are the point), then introductions made, then the open
    opportunities. The highlighted suggestion's whole evidence shows under the table."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("i", "introduce", "Introduce"),
        Binding("I", "introduce_with_form", "Introduce…", show=False),
        Binding("u", "outcome", "Outcome", show=False),
        Binding("c", "close_opportunity", "Close opportunity")]

    def __init__(self, kith: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.kith = kith
        self.suggestions: list[Suggestion] = []
        self.made_ids: list[str] = []
        self.open_ids: list[str] = []
        self.open_people: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static("Suggested introductions (i: introduce the pair, I: with a note or date, "
                     "Enter: open)",
                     classes="heading")
        waiting = Static("", id="meaning-waiting")
        waiting.display = False  # shown only while texts wait for the meaning layer
        yield waiting
        suggestions: DataTable[str] = DataTable(id="suggestions", cursor_type="row")
        suggestions.add_columns("Score", "Introduce", "To", "Matched", "Networks")
        yield suggestions
        yield Static("", id="suggestion-evidence")
        yield Static("Open needs and offers (c: close, Enter: open, h: add)", classes="heading")
        table: DataTable[str] = DataTable(id="opportunities", cursor_type="row")
        table.add_columns("Who", "Needs/offers", "What", "Tags")
        yield table
        yield Static("Introductions made (u: what it led to)", classes="heading")
        made: DataTable[str] = DataTable(id="introductions-made", cursor_type="row")
        made.add_columns("When", "Introduced", "In", "Led to")
        yield made

    def refresh_data(self) -> None:
        from kith.domain.serendipity.evidence import shorten
        from kith.services.introductions import suggestions_and_waiting

        store = self.kith.store
        if not store.exists:
            return
        names = {i: d["name"] for i, d in store.people_docs().items()}
        self.suggestions, waiting = suggestions_and_waiting(store, plugins=self.kith.plugins,
                                                            limit=SUGGESTIONS)
        note = self.query_one("#meaning-waiting", Static)
        note.update(escape(f"Note: {waiting}") if waiting else "")
        note.display = bool(waiting)
        table = self.query_one("#suggestions", DataTable)
        table.clear()
        for s in self.suggestions:
            matched = next((e[len("matched: "):] for e in s.evidence
                            if e.startswith("matched: ")), "; ".join(s.evidence))
            nets = next((e.split(" — ")[-1] for e in s.evidence if e.startswith("networks:")),
                        "")
            table.add_row(f"{s.score:.2f}", escape(names.get(s.people[0], s.people[0])),
                          escape(names.get(s.people[1], s.people[1])),
                          escape(shorten(matched, 50)), escape(shorten(nets, 40)))
        if not self.suggestions:
            table.add_row("", "No suggestions yet:", "record needs and offers", "(h: hear one)",
                          "")
        self._show_evidence(0)
        made = [i for i in store.interactions(kind="introduction")][-MADE:][::-1]
        self.made_ids = [i.id for i in made]
        table = self.query_one("#introductions-made", DataTable)
        table.clear()
        for item in made:
            outcomes = (item.meta.get("intro") or {}).get("outcomes", [])
            table.add_row(f"{item.when:%Y-%m-%d}",
                          escape(" and ".join(names.get(p, p) for p in item.people)),
                          escape(item.network),
                          escape(shorten(outcomes[-1]["led_to"], 40)) if outcomes else "")
        opportunities = [o for o in store.opportunities(status="open") if o.person != ME]
        self.open_ids = [o.id for o in opportunities]
        self.open_people = [o.person for o in opportunities]
        table = self.query_one("#opportunities", DataTable)
        table.clear()
        table.add_rows([(escape(names.get(o.person, o.person)), o.type, escape(o.text[:60]),
                         escape(", ".join(o.tags))) for o in opportunities])

    def _show_evidence(self, row: int) -> None:
        widget = self.query_one("#suggestion-evidence", Static)
        if 0 <= row < len(self.suggestions):
            from kith.domain.serendipity.evidence import shorten

            # one line each, cut to the pane: a wrapped line reads as two reasons
            width = max(40, (widget.size.width or self.app.size.width or EVIDENCE_WIDTH) - 3)
            widget.update("\n".join("  " + escape(shorten(line, width))
                                    for line in self.suggestions[row].evidence))
        else:
            widget.update("")

    def main_widget(self) -> DataTable[str]:
        return self.query_one("#suggestions", DataTable)

    @on(DataTable.RowHighlighted, "#suggestions")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_evidence(event.cursor_row)

    @on(DataTable.RowSelected, "#suggestions")
    def _open_suggested(self, event: DataTable.RowSelected) -> None:
        if 0 <= event.cursor_row < len(self.suggestions):
            self.post_message(OpenPerson(self.suggestions[event.cursor_row].people[0]))

    @on(DataTable.RowSelected, "#opportunities")
    def _open(self, event: DataTable.RowSelected) -> None:
        if 0 <= event.cursor_row < len(self.open_people):
            self.post_message(OpenPerson(self.open_people[event.cursor_row]))

    def _chosen(self) -> Suggestion | None:
        row = self.query_one("#suggestions", DataTable).cursor_row
        if not 0 <= row < len(self.suggestions):
            self.app.notify("Select a suggestion first.", severity="warning")
            return None
        return self.suggestions[row]

    def action_introduce(self) -> None:
        from kith.core.errors import KithError
        from kith.services.introductions import make_introduction

        chosen = self._chosen()
        if chosen is None:
            return
        try:
            made = make_introduction(self.kith.store, *chosen.people,
                                     opportunities=chosen.opportunities)
        except KithError as error:
            self.app.notify(escape(error), severity="error")
            return
        names = {i: d["name"] for i, d in self.kith.store.people_docs().items()}
        self.app.notify(escape(f"Introduced {names.get(chosen.people[0])} and "
                               f"{names.get(chosen.people[1])} ({made.network})"))
        self.post_message(DataChanged("introduction"))

    def action_introduce_with_form(self) -> None:
        chosen = self._chosen()
        if chosen is None:
            return
        names = {i: d["name"] for i, d in self.kith.store.people_docs().items()}
        self.app.open_form(IntroduceForm(self.kith, chosen, names),  # type: ignore[attr-defined]
                           "Introduced")

    def action_outcome(self) -> None:
        row = self.query_one("#introductions-made", DataTable).cursor_row
        if not 0 <= row < len(self.made_ids):
            self.app.notify("Select an introduction first (the second table).",
                            severity="warning")
            return
        self.app.open_form(OutcomeForm(self.kith, self.made_ids[row]),  # type: ignore[attr-defined]
                           "Recorded the outcome")

    def action_close_opportunity(self) -> None:
        row = self.query_one("#opportunities", DataTable).cursor_row
        if not 0 <= row < len(self.open_ids):
            return
        store = self.kith.store
        found = store.get_opportunity(self.open_ids[row])
        store.save_opportunity(found.with_changes(status="closed"))
        self.app.notify(escape(f"Closed: {found.text[:40]}"))
        self.post_message(DataChanged("opportunity"))
