"""Forms to add and edit people and networks, hear a need or offer, and merge two people.

Each form reads what was typed with ``kith.services.editing`` and hands it to the use case
the CLI's command calls too (``kith.services.people``, ``networks``, ``opportunities``): a
refusal marks the field, says why under the form and writes nothing. People and networks
complete as you type (Right accepts).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, Vertical
from textual.suggester import Suggester
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static

from kith.core.model import ME, Network, Person
from kith.services.editing import (
    NetworkTyped,
    PersonTyped,
    parse_hearing,
    parse_network,
    parse_person,
    split_list,
)
from kith.services.networks import NetworkChanges, add_network, edit_network
from kith.services.opportunities import hear
from kith.services.people import PersonChanges, add_person, edit_person, merge_people
from kith.tui.dialog import Dialog
from kith.tui.widgets import KithFooter, KithInput, ListSuggester, escape


@dataclass
class Field:
    """One row of a form: a text input, or a choice when ``choices`` is given."""

    id: str
    label: str
    value: str = ""
    placeholder: str = ""
    suggester: Suggester | None = None
    choices: tuple[str, ...] = ()


def people_names(kith: Any) -> list[str]:
    store = kith.store
    return [d["name"] for i, d in store.people_docs().items() if i != ME] \
        if store.exists else []


def network_names(kith: Any) -> list[str]:
    return [n.name for n in kith.store.networks()] if kith.store.exists else []


def person_ref(kith: Any, person: Person) -> str:
    """What to type to find ``person``: the name, or the id when the name is shared."""
    return person.name if len(kith.store.people_by_name(person.name)) == 1 else person.id


class FormScreen(Dialog[Any]):
    """A dialog of labelled fields, an error line and Save/Cancel buttons."""

    heading = ""
    save_label = "Save"
    start_at_empty = True  # focus the first empty field (an edit starts at the first)

    def __init__(self, kith: Any) -> None:
        super().__init__(classes="form")
        self.kith = kith

    def fields(self) -> list[Field]:
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        fields = self.fields()
        self.field_ids = [field.id for field in fields]
        with Vertical(classes="form-dialog"):
            yield Static(f"[b]{escape(self.heading)}[/b]  (Tab moves, Ctrl+S saves, "
                         "Esc cancels)")
            with Grid(classes="form-grid"):
                for field in fields:
                    yield Label(field.label)
                    if field.choices:
                        yield Select([(c, c) for c in field.choices], id=field.id,
                                     compact=True, allow_blank=True,
                                     value=field.value or Select.NULL,
                                     prompt=field.placeholder)
                    else:
                        yield KithInput(field.value, id=field.id, compact=True,
                                        placeholder=field.placeholder,
                                        suggester=field.suggester)
            yield from self.extra()
            yield Static("", id="form-error")
            with Horizontal(classes="form-buttons"):
                yield Button(self.save_label, variant="primary", id="save")
                yield Button("Cancel", id="cancel")
        yield KithFooter()

    def extra(self) -> ComposeResult:
        """What a form shows under its fields (nothing; the relationship form its
        reading)."""
        yield from ()

    def on_mount(self) -> None:
        first = next((self.query_one(f"#{i}") for i in self.field_ids
                      if not self.value(i)), None) if self.start_at_empty else None
        (first or self.query_one(f"#{self.field_ids[0]}")).focus()

    def values(self) -> dict[str, str]:
        """Every field's text by id (the ids are the names of the form's ``*Typed``)."""
        return {field: self.value(field) for field in self.field_ids}

    def value(self, field: str) -> str:
        widget: Widget = self.query_one(f"#{field}")
        if isinstance(widget, Select):
            return widget.value if isinstance(widget.value, str) else ""
        assert isinstance(widget, Input)
        return widget.value


class PersonForm(FormScreen):
    """Add a person, or edit every field of one (lists are comma-separated)."""

    def __init__(self, kith: Any, person: Person | None = None) -> None:
        super().__init__(kith)
        self.person = person
        self.heading = f"Edit {person.name}" if person else "Add a person"
        self.start_at_empty = person is None

    def fields(self) -> list[Field]:
        p = self.person
        store = self.kith.store
        names = {n.id: n.name for n in store.networks()} if store.exists else {}
        tags = sorted({t for d in store.people_docs().values() for t in d.get("tags", ())}) \
            if store.exists else []
        handles = p.handles if p else {}
        others = [f"{k}={v}" for k, vs in handles.items() if k not in ("email", "phone")
                  for v in vs]
        return [
            Field("name", "Name", p.name if p else "", "full name"),
            Field("aliases", "Aliases", ", ".join(p.aliases) if p else "",
                  "other names, comma-separated"),
            Field("emails", "Email", ", ".join(handles.get("email", ())), "a@b.org, ..."),
            Field("phones", "Phone", ", ".join(handles.get("phone", ())), "+34 600 000 000"),
            Field("handles", "Handles", ", ".join(others), "x=@jane, mastodon=@j@h.social"),
            Field("tags", "Tags", ", ".join(p.tags) if p else "", "climber, designer",
                  ListSuggester(tags)),
            Field("networks", "Networks", ", ".join(names.get(n, n) for n in p.networks)
                  if p else "", "comma-separated", ListSuggester(list(names.values()))),
            Field("birthday", "Birthday", p.birthday or "" if p else "",
                  "1990-04-15, or --04-15"),
            Field("cadence", "Every", str(p.cadence_days or "") if p else "",
                  "keep in touch every N days"),
            Field("notes", "Notes", p.notes if p else ""),
        ]

    def save(self) -> Person:
        details = parse_person(PersonTyped(**self.values()))
        if self.person is None:
            return add_person(self.kith.store, details)
        return edit_person(self.kith.store, self.person.id, PersonChanges.replacing(details))


class NetworkForm(FormScreen):
    """Add a network, or change one's name, kind and dates (its id stays)."""

    def __init__(self, kith: Any, network: Network | None = None) -> None:
        super().__init__(kith)
        self.network = network
        self.heading = f"Edit network {network.name}" if network else "Add a network"
        self.start_at_empty = network is None
        self.kinds = list(kith.plugins.network_kinds())

    def fields(self) -> list[Field]:
        n = self.network
        return [
            Field("name", "Name", n.name if n else "", "e.g. Design Guild"),
            Field("kind", "Kind", n.kind if n else "other", ", ".join(self.kinds),
                  ListSuggester(self.kinds)),
            Field("joined", "Joined", str(n.joined or "") if n else "", "2021-09-01"),
            Field("left", "Left", str(n.left or "") if n else "", "empty while you belong"),
            Field("notes", "Notes", n.notes if n else ""),
        ]

    def save(self) -> Network:
        details = parse_network(NetworkTyped(**self.values()))
        if self.network is None:
            return add_network(self.kith.store, details, kinds=self.kinds)
        return edit_network(self.kith.store, self.network.id,
                            NetworkChanges.replacing(details), kinds=self.kinds)


class OpportunityForm(FormScreen):
    """Something a person needs or offers: material for introductions."""

    heading = "Hear a need or an offer"

    def __init__(self, kith: Any, person: str = "") -> None:
        super().__init__(kith)
        self.person = person

    def fields(self) -> list[Field]:
        return [
            Field("person", "Who", self.person, "name", ListSuggester(people_names(self.kith))),
            Field("type", "Needs or", "", "needs or offers?", choices=("need", "offer")),
            Field("text", "What", "", "a designer, a flat, advice on pricing"),
            Field("tags", "Tags", "", "comma-separated"),
            Field("network", "Network", "", "where you heard it (default: theirs)",
                  ListSuggester(network_names(self.kith))),
            Field("at", "At", "", "an event, a call"),
            Field("on", "When", "", "now, or 2026-05-31"),
        ]

    def save(self) -> Any:
        return hear(self.kith.store, parse_hearing(
            person=self.value("person"), type=self.value("type"), text=self.value("text"),
            tags=split_list(self.value("tags")), network=self.value("network"),
            heard_at=self.value("at"), on=self.value("on")))


class MergeForm(FormScreen):
    """Two records of one person become one: the second moves into the first."""

    heading = "Merge two people"
    save_label = "Merge"

    def __init__(self, kith: Any, keep: str = "", absorb: str = "") -> None:
        super().__init__(kith)
        self.keep, self.absorb = keep, absorb

    def fields(self) -> list[Field]:
        names = ListSuggester(people_names(self.kith))
        return [
            Field("keep", "Keep", self.keep, "the person who stays", names),
            Field("absorb", "Merge in", self.absorb, "moves in, name becomes an alias", names),
        ]

    def save(self) -> Person:
        return merge_people(self.kith.store, self.value("keep"), self.value("absorb"))
