"""The log form: record an interaction without leaving the TUI.

Every field is checked by ``kith.recording.build_interaction``, the same code ``kith log``
uses; a refusal marks the field and shows the message under the form, and nothing is
written. Saving goes through ``Store.record``, so ``interaction_recorded`` fires.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester, SuggestFromList
from textual.widgets import Button, Footer, Input, Label, Select, Static

from kith.errors import KithError
from kith.model import INTERACTION_KINDS, ME, Interaction
from kith.recording import DIRECTIONS, FieldError, Typed, build_interaction
from kith.tui.widgets import KithInput, escape, plain

INITIATIVE_CHOICES = [("neither", "neither"), ("they asked you (invited)", "invited"),
                      ("you pitched yourself", "pitched")]
"""Who began the conversation: the ledger counts invitations and pitches apart."""

FIELDS = ("network", "people", "direction", "kind", "money", "minutes", "favours", "fun",
          "on", "note")


class PeopleSuggester(Suggester):
    """Completes the last name in a comma-separated list of people."""

    def __init__(self, names: list[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.names = sorted(names, key=str.lower)

    async def get_suggestion(self, value: str) -> str | None:
        head, _, last = value.rpartition(",")
        typed = last.lstrip().lower()
        if not typed:
            return None
        for name in self.names:
            if name.lower().startswith(typed):
                prefix = f"{head}, " if head else ""
                return prefix + name
        return None


class LogScreen(ModalScreen[Interaction | None]):
    """Network and people (with completion), direction, kind, value, date, note."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel"),
                                             Binding("ctrl+s", "save", "Save")]

    def __init__(self, kith: Any, *, network: str = "", people: str = "") -> None:
        super().__init__()
        self.kith = kith
        self.initial = {"network": network, "people": people}

    def compose(self) -> ComposeResult:
        store = self.kith.store
        networks = [n.name for n in store.networks()] if store.exists else []
        names = [d["name"] for i, d in store.people_docs().items() if i != ME] \
            if store.exists else []
        kinds = sorted(set(INTERACTION_KINDS))
        with Vertical(id="log-dialog"):
            yield Static("[b]Log an interaction[/b]  (Tab moves, Ctrl+S saves, Esc cancels)")
            with Grid(id="log-grid"):
                yield Label("Network")
                yield KithInput(self.initial["network"], id="network", compact=True,
                                placeholder="name or id",
                                suggester=SuggestFromList(networks, case_sensitive=False))
                yield Label("People")
                yield KithInput(self.initial["people"], id="people", compact=True,
                                placeholder="comma-separated names",
                                suggester=PeopleSuggester(names))
                yield Label("Way")
                yield Select([(d, d) for d in DIRECTIONS], id="direction", compact=True,
                             prompt="gave, received or shared?")
                yield Label("Kind")
                yield KithInput("other", id="kind", compact=True,
                                suggester=SuggestFromList(kinds, case_sensitive=False))
                yield Label("Money")
                yield KithInput(id="money", compact=True, placeholder="e.g. 120.50")
                yield Label("Minutes")
                yield KithInput(id="minutes", compact=True, placeholder="time spent")
                yield Label("Favours")
                yield KithInput(id="favours", compact=True, placeholder="help, advice, intros")
                yield Label("Fun 0-5")
                yield KithInput(id="fun", compact=True, placeholder="fun or companionship")
                yield Label("When")
                yield KithInput(id="on", compact=True, placeholder="now, or 2026-05-31 18:30")
                yield Label("Note")
                yield KithInput(id="note", compact=True)
                yield Label("Who began")
                yield Select(INITIATIVE_CHOICES, id="initiative", compact=True,
                             allow_blank=False, value="neither")
            yield Static("", id="log-error")
            with Horizontal(id="log-buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")
        yield Footer()

    def on_mount(self) -> None:
        first = "#people" if self.initial["network"] else "#network"
        self.query_one(first, Input).focus()

    def typed(self) -> Typed:
        def text(field: str) -> str:
            return self.query_one(f"#{field}", Input).value

        direction = self.query_one("#direction", Select).value
        return Typed(network=text("network"), people=text("people").split(","),
                     direction=direction if isinstance(direction, str) else None,
                     kind=text("kind"), money=text("money"), minutes=text("minutes"),
                     favours=text("favours"), fun=text("fun"),
                     note=text("note"), on=text("on").replace(" ", "T", 1)
                     if len(text("on").strip()) > 10 else text("on"),
                     initiative=self.initiative())

    def initiative(self) -> str | None:
        """``invited``, ``pitched`` or None, from the form's choice."""
        chosen = self.query_one("#initiative", Select).value
        return chosen if chosen in ("invited", "pitched") else None

    def show_error(self, field: str | None, message: str) -> None:
        for name in FIELDS:
            self.query_one(f"#{name}").remove_class("-invalid")
        where = f"{field}: " if field else ""
        self.query_one("#log-error", Static).update(
            f"[$error]{escape(where + plain(message))}[/]")
        if field in FIELDS:
            widget = self.query_one(f"#{field}")
            widget.add_class("-invalid")
            widget.focus()

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        store = self.kith.store
        try:
            interaction = build_interaction(store, self.typed(), exponent=self.kith.exponent)
            recorded = store.record(interaction)
        except FieldError as error:
            self.show_error(error.field, str(error))
            return
        except KithError as error:
            self.show_error(None, str(error))
            return
        self.dismiss(recorded)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
