"""Forms for dated notes and follow-ups about a person.

The forms read the fields with ``kith.services.editing`` (dates as ``kith note`` and
``kith follow-up`` read them, so "yesterday" or "next monday" work; a follow-up due on a
day or in a while) and write through the same use cases as those commands
(``kith.services.notes.add_note``, ``kith.services.followups.add_follow_up``).
"""

from __future__ import annotations

from typing import Any

from kith.services.editing import parse_day, parse_due
from kith.services.followups import add_follow_up
from kith.services.notes import add_note
from kith.services.recording import FieldError
from kith.tui.forms import Field, FormScreen, network_names
from kith.tui.widgets import ListSuggester


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
