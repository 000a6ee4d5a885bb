"""The log form: record an interaction without leaving the TUI.

The form only parses: money, counts and the date are read with the helpers of
``kith.services.recording`` into a ``LogRequest``, and ``log_interaction`` (the use case
``kith log`` calls) checks the kind, the network and the people, estimates a missing
value, records it and fires ``interaction_recorded`` after the commit. A refusal marks
the field and shows the message under the form, and nothing is written.
"""

from __future__ import annotations

from typing import Any, Literal

from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Select, Static

from kith.core.model import INTERACTION_KINDS, Interaction
from kith.services.interactions import LogRequest, log_interaction
from kith.services.recording import (
    DIRECTIONS,
    parse_count,
    parse_money_field,
    parse_when_field,
)
from kith.tui.dialog import Dialog
from kith.tui.forms import network_names, people_names
from kith.tui.widgets import KithFooter, KithInput, ListSuggester

INITIATIVE_CHOICES = [("neither", "neither"), ("they asked you (invited)", "invited"),
                      ("you pitched yourself", "pitched")]
"""Who began the conversation: the ledger counts invitations and pitches apart."""

FIELDS = ("network", "people", "direction", "kind", "money", "minutes", "favours", "fun",
          "on", "note")


class LogScreen(Dialog[Interaction]):
    """Network and people (with completion), direction, kind, value, date, note."""

    field_ids = FIELDS
    error_id = "log-error"

    def __init__(self, kith: Any, *, network: str = "", people: str = "") -> None:
        super().__init__()
        self.kith = kith
        self.initial = {"network": network, "people": people}

    def compose(self) -> ComposeResult:
        networks, names = network_names(self.kith), people_names(self.kith)
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
                                placeholder="names, comma-separated (none: dues, donation...)",
                                suggester=ListSuggester(names))
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
                yield KithInput(id="on", compact=True,
                                placeholder="now, yesterday 19:00, 3 days ago, 2026-05-31 18:30")
                yield Label("Note")
                yield KithInput(id="note", compact=True)
                yield Label("Who began")
                yield Select(INITIATIVE_CHOICES, id="initiative", compact=True,
                             allow_blank=False, value="neither")
            yield Static("", id="log-error")
            with Horizontal(id="log-buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")
        yield KithFooter()

    def on_mount(self) -> None:
        first = "#people" if self.initial["network"] else "#network"
        self.query_one(first, Input).focus()

    def request(self) -> LogRequest:
        """What was typed, parsed (money, counts and date refused here, by field)."""
        def text(field: str) -> str:
            return self.query_one(f"#{field}", Input).value

        direction = self.query_one("#direction", Select).value
        store = self.kith.store
        return LogRequest(
            network=text("network"), people=tuple(text("people").split(",")),
            direction=direction if isinstance(direction, str) else None, kind=text("kind"),
            money=parse_money_field(text("money"), self.kith.exponent, store.currency),
            minutes=parse_count(text("minutes"), "minutes"),
            favours=parse_count(text("favours"), "favours"),
            fun=parse_count(text("fun"), "fun", high=5), note=text("note"),
            when=parse_when_field(text("on")), initiative=self.initiative())

    def initiative(self) -> Literal["invited", "pitched"] | None:
        """``invited``, ``pitched`` or None, from the form's choice."""
        chosen = self.query_one("#initiative", Select).value
        return "invited" if chosen == "invited" else "pitched" if chosen == "pitched" \
            else None

    def save(self) -> Interaction:
        logged = log_interaction(self.kith.store, self.request(), plugins=self.kith.plugins)
        return logged.interaction
