"""Use cases for needs and offers: hear one, close or reopen it, edit it.

``hear`` is what ``kith hear`` and the TUI's "Hear" form do: the person is found by name,
the network defaults to the person's only one, the time to now. One transaction each; a
refusal is a ``FieldError`` naming the field.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from kith.core.clock import now
from kith.core.model import OPPORTUNITY_TYPES, Opportunity
from kith.services.recording import FieldError, in_field

if TYPE_CHECKING:
    from kith.persistence.store import Store


@dataclass(frozen=True)
class Hearing:
    """A need or an offer ``person`` (a reference: id or name) mentioned."""

    person: str
    type: str
    text: str
    tags: tuple[str, ...] = ()
    network: str | None = None
    heard_at: str = ""
    when: datetime | None = None


@dataclass(frozen=True)
class OpportunityChanges:
    """What to change about a need or offer (``None`` or empty: leave it)."""

    text: str | None = None
    add_tags: tuple[str, ...] = ()
    remove_tags: tuple[str, ...] = ()
    network: str | None = None


def hear(store: Store, hearing: Hearing) -> Opportunity:
    """Record what was heard; the network defaults to the person's only network."""
    with store.transaction():
        if not hearing.person.strip():
            raise FieldError("person", "who needs or offers it? (a name)")
        who = in_field("person", store.find_person, hearing.person)
        if hearing.type not in OPPORTUNITY_TYPES:
            raise FieldError("type", "say whether it is a need or an offer")
        if not hearing.text.strip():
            raise FieldError("text", f"what is the {hearing.type}? (a few words)")
        network = in_field("network", store.find_network, hearing.network).id \
            if hearing.network and hearing.network.strip() else None
        if network is None and len(who.networks) == 1:
            network = next(iter(who.networks))
        opportunity = in_field(
            "text", Opportunity.create, person=who.id, type=hearing.type, text=hearing.text,
            when=hearing.when or now(), tags=tuple(hearing.tags), network=network,
            heard_at=hearing.heard_at.strip())
        return store.save_opportunity(opportunity)


def set_status(store: Store, ident: str, status: str) -> Opportunity:
    """Close (``closed``), reopen (``open``) or mark introduced the opportunity ``ident``."""
    with store.transaction():
        found = store.get_opportunity(ident)
        return store.save_opportunity(in_field("status", found.with_changes, status=status))


def edit_opportunity(store: Store, ident: str, changes: OpportunityChanges) -> Opportunity:
    with store.transaction():
        found = store.get_opportunity(ident)
        removed = {t.lower() for t in changes.remove_tags}
        fields: dict[str, Any] = {
            "tags": tuple([t for t in found.tags if t not in removed] + list(changes.add_tags))}
        if changes.text is not None:
            fields["text"] = changes.text
        if changes.network:
            fields["network"] = in_field("network", store.find_network, changes.network).id
        return store.save_opportunity(in_field("text", found.with_changes, **fields))
