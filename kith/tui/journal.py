"""Forms for dated notes and follow-ups about a person.

Notes and follow-ups live in ``kith.services.notes`` and ``kith.services.followups`` (tables
``notes`` and
``followups`` in kith.json). The forms check input as ``kith note`` and ``kith follow-up``
do: the person and network found by the store, dates read by ``kith.core.dates`` (so
"yesterday" or "next monday" work), a follow-up due either on a day or in a while.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from kith.core import dates
from kith.services import followups, notes
from kith.services.recording import FieldError, in_field
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
        store = self.kith.store
        text = self.value("text")
        if not text.strip():
            raise FieldError("text", "a note needs some text")
        on = self.value("on").strip()
        day = in_field("on", dates.parse_user_date, on, "on") if on else None
        network = self.value("network").strip()
        net = in_field("network", store.find_network, network).id if network else None
        return in_field("text", notes.add_note, store, self.person.id, text, on=day,
                        network=net)


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
        due = in_field("on", dates.parse_user_date, on, "on", prefer="future") if on else \
            date.today() + in_field("in", dates.parse_duration, within, "in")
        return in_field("about", followups.add_follow_up, self.kith.store,
                        self.person.id, due, self.value("about"))
