"""Forms for dated notes and follow-ups about a person.

The forms read the fields with ``kith.services.editing`` (dates as ``kith note`` and
``kith follow-up`` read them, so "yesterday" or "next monday" work; a follow-up due on a
day or in a while) and write through the same use cases as those commands
(``kith.services.notes.add_note``, ``kith.services.followups.add_follow_up``).
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, Static

from kith.core.errors import KithError
from kith.core.model import RELATIONSHIP_KINDS, relationship_sentence
from kith.services.editing import parse_day, parse_due
from kith.services.followups import add_follow_up
from kith.services.notes import add_note
from kith.services.recording import FieldError
from kith.services.relationships import preview, relate
from kith.tui.forms import Field, FormScreen, network_names, people_names
from kith.tui.widgets import ListSuggester, escape


class NoteForm(FormScreen):
    """A dated note about one person (a journal entry, not the person's one notes field)."""

    def __init__(self, kith: Any, person: Any) -> None:
        super().__init__(kith)
        self.person = person
        self.heading = f"Note about {person.name}"

    def fields(self) -> list[Field]:
        return [
            Field("text", "Note", "", "what happened, what you learnt"),
            Field("on", "On", "", "today, yesterday, last friday, 2026-05-31"),
            Field("network", "Network", "", "optional", ListSuggester(network_names(self.kith))),
        ]

    def save(self) -> Any:
        return add_note(self.kith.store, self.person.id, self.value("text"),
                        on=parse_day(self.value("on"), "on"), network=self.value("network"))


class FollowUpForm(FormScreen):
    """A reminder to get back to one person: due on a day, or in a while."""

    def __init__(self, kith: Any, person: Any) -> None:
        super().__init__(kith)
        self.person = person
        self.heading = f"Follow up with {person.name}"

    def fields(self) -> list[Field]:
        return [
            Field("about", "About", "", "what to follow up on"),
            Field("on", "On", "", "friday, next monday, 2026-07-01"),
            Field("in", "Or in", "", "3d, 2w, 6 months"),
        ]

    def save(self) -> Any:
        on, within = self.value("on").strip(), self.value("in").strip()
        if bool(on) == bool(within):
            raise FieldError("on", "say when: a day, or in how long (one of them)")
        due = parse_due(on, within)
        assert due is not None  # one of them was given
        return add_follow_up(self.kith.store, self.person.id, due, self.value("about"))


class RelateForm(FormScreen):
    """How this person is related to another ("Ann is Tom's parent"), with the record read
    from both sides under the fields as you type, so the direction is seen before it is
    saved (``kith person relate`` prints the same reading)."""

    def __init__(self, kith: Any, person: Any) -> None:
        super().__init__(kith)
        self.person = person
        self.heading = f"How is {person.name} related?"

    def fields(self) -> list[Field]:
        return [
            Field("kind", "Is the", "", "parent, friend, mentor, introduced-by...",
                  ListSuggester(list(RELATIONSHIP_KINDS))),
            Field("other", "Of", "", "the other person",
                  ListSuggester(people_names(self.kith))),
            Field("note", "Note", "", "optional: since 2019"),
        ]

    def extra(self) -> ComposeResult:
        yield Static("", id="relate-preview")

    @on(Input.Changed)
    def _read_back(self) -> None:
        self.query_one("#relate-preview", Static).update(self.reading())

    def reading(self) -> str:
        """The relationship as both sides would read it, or what is still missing."""
        kind, other = self.value("kind").strip(), self.value("other").strip()
        if not kind or not other:
            return "[dim]Say how, and of whom: it is read back here before you save.[/dim]"
        try:
            item = preview(self.kith.store, self.person.id, other, kind)
        except KithError as error:
            return f"[dim]{escape(error)}[/dim]"
        names = {p.id: p.name for p in (self.person, self.kith.store.find_person(item.b))}
        back, _ = item.seen_from(item.b)
        first, second = names[item.a], names[item.b]
        return escape(f"Will record: {relationship_sentence(first, item.kind, second)}; "
                      f"{relationship_sentence(second, back, first)}")

    def save(self) -> Any:
        return relate(self.kith.store, self.person.id, self.value("other"),
                      self.value("kind"), note=self.value("note"))
