"""Use cases for people: add one, edit one, merge two.

The faces hand over typed values (``PersonDetails``, ``PersonChanges``) and get the
``Person`` that was written back. Every rule lives here: a name is required, networks are
found by id or name, a birthday and a cadence are checked, networks a person stays in keep
the date they joined, a handle to remove must be there. Each use case is one transaction;
every refusal is a ``FieldError`` naming the field, written before anything is.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kith.core import clock
from kith.core.errors import ValidationError
from kith.core.model import Person, parse_birthday
from kith.services.recording import FieldError, in_field

if TYPE_CHECKING:
    from kith.persistence.store import Store


@dataclass(frozen=True)
class PersonDetails:
    """Everything said about a new person. ``networks`` are references (ids or names)."""

    name: str
    aliases: tuple[str, ...] = ()
    handles: Mapping[str, Sequence[str]] = field(default_factory=dict)
    tags: tuple[str, ...] = ()
    networks: tuple[str, ...] = ()
    birthday: str | None = None
    cadence_days: int | None = None
    notes: str = ""


@dataclass(frozen=True)
class PersonChanges:
    """What to change about a person; ``None`` (or an empty tuple) leaves a field as it is.

    A face that edits a whole record (the TUI's form) replaces fields (``aliases``,
    ``handles``, ``networks``, ``tags``); one that edits a little (``kith person edit``)
    adds and removes. ``birthday=""`` clears the birthday, ``cadence_days=0`` the cadence.
    """

    name: str | None = None
    aliases: tuple[str, ...] | None = None
    add_aliases: tuple[str, ...] = ()
    remove_aliases: tuple[str, ...] = ()
    """Aliases to remove (any case); one the person does not have is refused."""
    handles: Mapping[str, Sequence[str]] | None = None
    add_handles: Mapping[str, Sequence[str]] = field(default_factory=dict)
    remove_handles: Mapping[str, Sequence[str]] = field(default_factory=dict)
    networks: tuple[str, ...] | None = None
    add_networks: tuple[str, ...] = ()
    remove_networks: tuple[str, ...] = ()
    tags: tuple[str, ...] | None = None
    add_tags: tuple[str, ...] = ()
    remove_tags: tuple[str, ...] = ()
    birthday: str | None = None
    cadence_days: int | None = None
    notes: str | None = None

    @classmethod
    def replacing(cls, details: PersonDetails) -> PersonChanges:
        """Every field replaced by ``details`` (an empty birthday or cadence clears it)."""
        return cls(name=details.name, aliases=details.aliases, handles=details.handles,
                   networks=details.networks, tags=details.tags,
                   birthday=details.birthday or "", cadence_days=details.cadence_days or 0,
                   notes=details.notes)


def check_cadence(cadence: int | None) -> int | None:
    """A keep-in-touch cadence in days: 0 clears it, a negative number is refused."""
    if cadence is None:
        return None
    if cadence < 0:
        raise ValidationError(f"--cadence cannot be negative: {cadence}")
    return cadence or None


def _name(name: str) -> str:
    if not name.strip():
        raise FieldError("name", "a person needs a name")
    return name.strip()


def _birthday(text: str) -> str | None:
    return in_field("birthday", parse_birthday, text) if text.strip() else None


def _built(make: Any, **fields: Any) -> Person:
    """``make(**fields)``: what the model still refuses is said about the name (every
    other field was checked)."""
    try:
        return make(**fields)  # type: ignore[no-any-return]
    except ValidationError as error:
        raise FieldError("name", str(error)) from None


def add_person(store: Store, details: PersonDetails) -> Person:
    """Write a new person."""
    with store.transaction():
        name = _name(details.name)
        networks: dict[str, str | None] = {
            in_field("networks", store.find_network, ref).id: None for ref in details.networks}
        person = _built(
            Person.create, name=name, aliases=tuple(details.aliases),
            handles={k: list(v) for k, v in details.handles.items()},
            tags=tuple(details.tags), networks=networks,
            birthday=_birthday(details.birthday or ""),
            cadence_days=in_field("cadence", check_cadence, details.cadence_days),
            notes=details.notes.strip(),
            created=clock.now().isoformat(timespec="seconds"))
        return store.add_person(person)


def edit_person(store: Store, ref: str, changes: PersonChanges) -> Person:
    """Change the person ``ref`` names (an id or an unambiguous name)."""
    with store.transaction():
        found = in_field("person", store.find_person, ref)
        fields: dict[str, Any] = {}
        if changes.name is not None:
            fields["name"] = _name(changes.name)
        lists = {"aliases": _aliases(found, changes), "handles": _handles(found, changes),
                 "networks": _networks(store, found, changes), "tags": _tags(found, changes)}
        fields.update({k: v for k, v in lists.items() if v is not None})
        if changes.birthday is not None:
            fields["birthday"] = _birthday(changes.birthday)
        if changes.cadence_days is not None:
            fields["cadence_days"] = in_field("cadence", check_cadence, changes.cadence_days)
        if changes.notes is not None:
            fields["notes"] = changes.notes.strip()
        return store.save_person(_built(found.with_changes, **fields))


def _aliases(found: Person, changes: PersonChanges) -> tuple[str, ...] | None:
    if changes.aliases is None and not changes.add_aliases and not changes.remove_aliases:
        return None
    base = found.aliases if changes.aliases is None else changes.aliases
    removed = {a.strip().casefold() for a in changes.remove_aliases}
    missing = removed - {a.casefold() for a in base}
    if missing:
        raise FieldError("aliases", f"{found.name} has no alias {sorted(missing)[0]!r}")
    return (*(a for a in base if a.casefold() not in removed), *changes.add_aliases)


def _tags(found: Person, changes: PersonChanges) -> tuple[str, ...] | None:
    """Tags replaced, then the ones to remove (any case) gone and the new ones added."""
    if changes.tags is None and not changes.add_tags and not changes.remove_tags:
        return None
    base = found.tags if changes.tags is None else changes.tags
    removed = {t.lower() for t in changes.remove_tags}
    return tuple([t for t in base if t not in removed] + list(changes.add_tags))


def _handles(found: Person, changes: PersonChanges) -> dict[str, list[str]] | None:
    if changes.handles is None and not changes.add_handles and not changes.remove_handles:
        return None
    base = found.handles if changes.handles is None else changes.handles
    handles = {k: list(v) for k, v in base.items()}
    for kind, values in changes.add_handles.items():
        bucket = handles.setdefault(kind, [])
        bucket.extend(v for v in values if v not in bucket)
    for kind, values in changes.remove_handles.items():
        for value in values:
            if value not in handles.get(kind, []):
                raise FieldError("handles", f"{found.name} has no {kind} handle {value!r}")
            handles[kind].remove(value)
    return {k: v for k, v in handles.items() if v}


def _networks(store: Store, found: Person,
              changes: PersonChanges) -> dict[str, str | None] | None:
    """The person's networks after the change; the ones they stay in keep their date."""
    if changes.networks is None and not changes.add_networks and not changes.remove_networks:
        return None
    if changes.networks is None:
        networks = dict(found.networks)
    else:
        networks = {}
        for ref in changes.networks:
            net = in_field("networks", store.find_network, ref).id
            networks[net] = found.networks.get(net)
    for ref in changes.add_networks:
        networks.setdefault(in_field("networks", store.find_network, ref).id, None)
    for ref in changes.remove_networks:
        networks.pop(in_field("networks", store.find_network, ref).id, None)
    return networks


def merge_people(store: Store, keep: str, absorb: str) -> Person:
    """Merge the person ``absorb`` names into the one ``keep`` names (see
    ``Store.merge_people``: the absorbed id still resolves afterwards)."""
    with store.transaction():
        if not keep.strip():
            raise FieldError("keep", "which person stays? (a name)")
        if not absorb.strip():
            raise FieldError("absorb", "which person is merged into them? (a name)")
        kept = in_field("keep", store.find_person, keep)
        absorbed = in_field("absorb", store.find_person, absorb)
        if kept.id == absorbed.id:
            raise FieldError("absorb", f"{kept.name} and {absorbed.name} are the same person")
        return store.merge_people(kept.id, absorbed.id)
