"""The inbox: suggestions from live sources, accepted, edited or dismissed.

A suggestion (``kith.core.suggestion``) is not an interaction, so no assessment counts it.
Accepting one records the interaction, as ``kith log`` would (value estimated when none
is given, ``interaction_recorded`` after the commit), with a source key derived from the
suggestion (``live:event:UID:start``), so accepting the same suggestion on two synced
devices records one interaction. Dismissing keeps the suggestion, marked dismissed, so a
later pull finds its id and never brings it back. Both faces (``kith inbox``, the TUI's
Inbox tab) call these functions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from kith.core.errors import ValidationError
from kith.core.model import ME, Interaction, Value
from kith.core.suggestion import DIRECTIONS, Suggestion
from kith.services.interaction_kinds import check_kind, remember_kind
from kith.services.interactions import Estimator, check_counts
from kith.services.recording import FieldError, in_field
from kith.services.scope import one_transaction

if TYPE_CHECKING:
    from kith.persistence.store import Store


@dataclass(frozen=True)
class AcceptRequest:
    """What the user says about a suggestion when accepting it (``None``: keep the
    suggestion's own)."""

    direction: str | None = None
    network: str | None = None
    kind: str | None = None
    money: int = 0
    minutes: int | None = None
    favours: int = 0
    fun: int = 0
    initiative: str | None = None
    note: str | None = None


def waiting(store: Store) -> list[Suggestion]:
    return store.live.suggestions(state="waiting")


def interaction_for(store: Store, suggestion: Suggestion, request: AcceptRequest
                    ) -> Interaction:
    """The interaction that accepting ``suggestion`` records (checked, not yet stored)."""
    network_ref = request.network or suggestion.network
    if not network_ref:
        raise ValidationError(f"suggestion {suggestion.id}: which network? pass --network "
                              "(or set the source's network, or a rule)")
    network = store.find_network(network_ref)
    minutes = suggestion.minutes if request.minutes is None else request.minutes
    check_counts(minutes, request.favours, request.fun)
    return Interaction.create(
        when=suggestion.when, network=network.id, people=list(suggestion.people),
        direction=request.direction or suggestion.direction,
        kind=request.kind or suggestion.kind,
        value=Value(money=request.money, minutes=minutes, favours=request.favours,
                    fun=request.fun),
        note=(suggestion.title if request.note is None else request.note)[:500],
        initiative=request.initiative if request.initiative is not None
        else suggestion.initiative,
        source=f"live:{suggestion.key}", meta={"suggestion": suggestion.id,
                                               "live_source": suggestion.source})


def accept(store: Store, ident: str, request: AcceptRequest, *, plugins: Any = None,
           rule: str | None = None) -> tuple[Suggestion, Interaction]:
    """Record the interaction a waiting suggestion stands for; one transaction."""
    with one_transaction(store, plugins):
        suggestion = store.live.get_suggestion(ident)
        if suggestion.state != "waiting":
            raise ValidationError(f"suggestion {suggestion.id} is {suggestion.state} already")
        interaction = interaction_for(store, suggestion, request)
        fresh = Estimator(store, plugins).new_ones([interaction])
        store.upsert_interactions(fresh)
        stored = store.get_interaction(interaction.id)
        done = suggestion.with_changes(state="accepted", interaction=stored.id,
                                       network=stored.network, rule=rule)
        store.live.save_suggestion(done)
    return done, stored


def dismiss(store: Store, ident: str, *, plugins: Any = None) -> Suggestion:
    """Dismiss a waiting suggestion for good (a pull never brings it back)."""
    with one_transaction(store, plugins):
        suggestion = store.live.get_suggestion(ident)
        if suggestion.state != "waiting":
            raise ValidationError(f"suggestion {suggestion.id} is {suggestion.state} already")
        return store.live.save_suggestion(suggestion.with_changes(state="dismissed"))


@dataclass(frozen=True)
class EditRequest:
    """Changes to a waiting suggestion before it is accepted (``None``: leave as is),
    parsed by the face (``kith inbox edit``'s options, the TUI's edit form)."""

    title: str | None = None
    network: str | None = None
    direction: str | None = None
    kind: str | None = None
    new_kind: bool = False
    minutes: int | None = None
    when: datetime | None = None
    people: tuple[str, ...] | None = None
    """Replaces the people (references as typed) when given."""
    add_people: tuple[str, ...] = ()
    remove_people: tuple[str, ...] = ()


EDITED = "edited"
"""The ``meta`` key listing the fields the user edited: a later pull that finds the event
or the thread again refreshes the rest and keeps those (``pull.offer``)."""


def _edited_fields(store: Store, suggestion: Suggestion, request: EditRequest
                   ) -> dict[str, Any]:
    """The checked new values; each refusal names its field, in the order of the form."""
    changes: dict[str, Any] = {}
    if request.title is not None:
        title = " ".join(request.title.split())[:200]
        if not title:
            raise FieldError("title", "a suggestion needs a title (what happened)")
        changes["title"] = title
    if request.network is not None:
        changes["network"] = in_field("network", store.find_network,
                                      request.network.strip()).id
    if request.direction is not None:
        if request.direction not in DIRECTIONS:
            raise FieldError("direction", "say which way it went: gave, received or shared")
        changes["direction"] = request.direction
    if request.kind is not None:
        changes["kind"] = in_field("kind", check_kind, store,
                                   request.kind.strip() or "other",
                                   new_kind=request.new_kind)
    if request.minutes is not None:
        check_counts(request.minutes, 0, 0)
        changes["minutes"] = request.minutes
    if request.when is not None:
        changes["when"] = request.when
    people = list(suggestion.people)
    if request.people is not None:
        wanted = [ref.strip() for ref in request.people if ref.strip()]
        people = list(dict.fromkeys(in_field("people", store.find_person, ref).id
                                    for ref in wanted))
    for ref in request.add_people:
        person = in_field("people", store.find_person, ref).id
        if person not in people:
            people.append(person)
    for ref in request.remove_people:
        person = in_field("people", store.find_person, ref).id
        if person in people:
            people.remove(person)
    if ME in people:
        raise FieldError("people", "an interaction is with other people, not with yourself")
    if tuple(people) != suggestion.people:
        changes["people"] = tuple(people)
    return {name: value for name, value in changes.items()
            if getattr(suggestion, name) != value}


def edit(store: Store, ident: str, request: EditRequest, *, plugins: Any = None
         ) -> Suggestion:
    """Change a waiting suggestion; one transaction. The fields changed are remembered
    (``meta["edited"]``) so that the next pull does not put the source's back."""
    with one_transaction(store, plugins):
        suggestion = store.live.get_suggestion(ident)
        if suggestion.state != "waiting":
            raise ValidationError(f"suggestion {suggestion.id} is {suggestion.state} already")
        changes = _edited_fields(store, suggestion, request)
        if not changes:
            return suggestion
        if request.new_kind and "kind" in changes:
            remember_kind(store, changes["kind"])
        edited = sorted({*suggestion.meta.get(EDITED, ()), *changes})
        return store.live.save_suggestion(suggestion.with_changes(
            **changes, meta={**suggestion.meta, EDITED: edited}))
