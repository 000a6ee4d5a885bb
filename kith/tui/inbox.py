"""The Inbox tab: suggestions from ``kith pull`` waiting to be accepted or dismissed.

The same use cases as ``kith inbox`` (``kith.services.inbox``). One key each: ``g``,
``e`` or ``s`` say which way it went (gave, received, shared), ``0``-``5`` how much fun
it was, Enter accepts the highlighted suggestion with those, ``x`` dismisses it for good,
and ``E`` opens a form to edit it first (title, network, way, kind, minutes, when, who),
which hands what changed to the use case ``kith inbox edit`` calls: the same checks, the
same refusals.
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
from kith.core.suggestion import DIRECTIONS, Suggestion
from kith.services.inbox import AcceptRequest, EditRequest, accept, dismiss, edit, waiting
from kith.tui.forms import Field, FormScreen, network_names, people_names
from kith.tui.messages import DataChanged
from kith.tui.widgets import LazyPane, ListSuggester, escape

KEYS_HELP = ("g/e/s: gave, received, shared   0-5: fun   Enter: accept   "
             "E: edit   x: dismiss for good")
WHEN_SHOWN = "%Y-%m-%d %H:%M"


def inbox_wanted(kith: Any) -> bool:
    """Whether the app shows the Inbox tab: the user has sources, or suggestions."""
    if kith.config.get("sources"):
        return True
    store = kith.store
    return bool(store.exists and store.live.suggestion_docs())


class SuggestionForm(FormScreen):
    """Edit a waiting suggestion: every field starts as it is; only what the user changed
    is handed to ``kith.services.inbox.edit`` (which checks it as ``kith inbox edit``
    does)."""

    save_label = "Save"
    start_at_empty = False

    def __init__(self, kith: Any, suggestion: Suggestion, *,
                 direction: str | None = None) -> None:
        super().__init__(kith)
        self.suggestion = suggestion
        self.direction = direction or suggestion.direction
        """The way shown: the one-key choice made in the table, if any (what the row
        shows); saved when it differs from the suggestion's."""
        self.heading = f"Edit suggestion: {suggestion.title}"
        self.initial: dict[str, str] = {}

    def fields(self) -> list[Field]:
        from kith.core.clock import local_tz
        from kith.services.interaction_kinds import known_kinds

        s = self.suggestion
        store = self.kith.store
        networks = {n.id: n.name for n in store.networks()}
        docs = store.people_docs()
        names = [str((docs.get(p) or {}).get("name") or p) for p in s.people]
        shared = {n for n in names if names.count(n) > 1 or
                  len(store.people_by_name(n)) > 1}
        people = [p if name in shared else name for p, name in zip(s.people, names,
                                                                    strict=True)]
        fields = [
            Field("title", "Title", s.title, "what happened"),
            Field("network", "Network", networks.get(s.network or "", s.network or ""),
                  "name or id", ListSuggester(network_names(self.kith))),
            Field("direction", "Way", self.direction, "gave, received or shared",
                  choices=DIRECTIONS),
            Field("kind", "Kind", s.kind, "meeting, call, event...",
                  ListSuggester(known_kinds(store))),
            Field("minutes", "Minutes", str(s.minutes), "how long it lasted"),
            Field("on", "When", s.when.astimezone(local_tz()).strftime(WHEN_SHOWN),
                  "2026-06-01 18:30, yesterday 19:00"),
            Field("people", "With", ", ".join(people), "comma-separated",
                  ListSuggester(people_names(self.kith))),
        ]
        self.initial = {field.id: field.value for field in fields}
        self.initial["direction"] = s.direction
        return fields

    def request(self) -> EditRequest:
        """What changed, parsed as the CLI's options are (``None``: left as it was)."""
        from kith.services.editing import parse_when, split_list
        from kith.services.recording import parse_count

        typed = {name: text for name, text in self.values().items()
                 if text != self.initial.get(name)}
        return EditRequest(
            title=typed.get("title"), network=typed.get("network"),
            direction=typed.get("direction") or None, kind=typed.get("kind"),
            minutes=parse_count(typed["minutes"], "minutes") if "minutes" in typed
            else None,
            when=parse_when(typed["on"], "on") if "on" in typed else None,
            people=tuple(split_list(typed["people"])) if "people" in typed else None)

    def save(self) -> Suggestion:
        return edit(self.kith.store, self.suggestion.id, self.request(),
                    plugins=self.kith.plugins)


class InboxPane(LazyPane, Vertical):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("g", "direction('gave')", "Gave"),
        Binding("e", "direction('received')", "Received"),
        Binding("s", "direction('shared')", "Shared"),
        *[Binding(str(n), f"fun({n})", f"Fun {n}", show=False) for n in range(6)],
        Binding("E", "edit", "Edit"),
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

    def action_edit(self) -> None:
        item = self.highlighted()
        if item is None:
            return

        def edited(changed: Suggestion | None) -> None:
            if changed is not None:
                # the way is the suggestion's now (the form showed the choice)
                self.choices.get(item.id, {}).pop("direction", None)
                self.app.notify(escape(f"Edited: {changed.title}"))
                self.post_message(DataChanged("suggestion"))

        choice = self.choices.get(item.id, {}).get("direction")
        self.app.push_screen(SuggestionForm(self.kith, item, direction=choice), edited)

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
