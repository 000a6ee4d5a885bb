"""The use cases of recorded interactions: log one, edit one, delete one, and the value
policy and announcement every writer of interactions shares.

Both faces call these: ``kith log`` / ``kith interaction`` and the TUI's log form. A face
parses what was typed into the typed request (``LogRequest``, ``EditRequest``: money in
minor units, counts as ints, a ``datetime``) with the helpers of
``kith.services.recording``; the use case checks the rules (a known kind, the network and
people, the ranges), writes in **one transaction** and returns what it stored. Every
refusal is a ``FieldError`` naming the field, which the CLI prints as one line and the TUI
shows next to the field.

The store applies no policy and fires no hooks: ``estimated`` fills a missing value with
the ``estimate_value`` hook before the write, and ``one_transaction`` (from
``kith.services.scope``) broadcasts ``interaction_recorded`` after the commit.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

from kith.core.clock import now
from kith.core.errors import ValidationError
from kith.core.model import ME, Interaction, Network, Value
from kith.services.followups import FollowUp, close, open_for
from kith.services.interaction_kinds import NETWORK_KINDS, check_kind, remember_kind, with_network
from kith.services.recording import DIRECTIONS, FieldError, in_field
from kith.services.scope import one_transaction

if TYPE_CHECKING:
    from kith.persistence.store import Store

Initiative = Literal["invited", "pitched"]


# the value policy ---------------------------------------------------------------------

class Estimator:
    """Fills a missing value with the plugins' ``estimate_value`` (kith's default answers
    last). One per write: networks are looked up once each, so an import of 100k
    interactions parses each network once."""

    def __init__(self, store: Store, plugins: Any = None):
        self.store = store
        self.plugins = plugins if plugins is not None else store.plugins
        self._networks: dict[str, Network | None] = {}

    def __call__(self, interaction: Interaction) -> Interaction:
        if not interaction.value.is_empty or self.plugins is None \
                or interaction.meta.get("no_estimate"):
            return interaction
        ident = interaction.network
        if ident not in self._networks:
            self._networks[ident] = self.store.get_network(ident)
        estimate = self.plugins.first("estimate_value", interaction=interaction,
                                      network=self._networks[ident],
                                      accept=lambda v: isinstance(v, Value) and v.fun <= 5)
        if estimate is None or estimate.is_empty:
            return interaction
        return interaction.with_checked_value(estimate, {**interaction.meta, "estimated": True})

    def new_ones(self, interactions: Iterable[Interaction]) -> list[Interaction]:
        """``interactions`` with those not stored yet estimated: an upsert keeps the value
        a stored one already has. Read in the caller's transaction."""
        stored_months: set[str] | None = None
        known: dict[str, dict[str, Any]] = {}
        result = []
        for interaction in interactions:
            if interaction.value.is_empty:
                month = interaction.month
                if month not in known:
                    if stored_months is None:
                        stored_months = set(self.store.months())
                    known[month] = self.store.month_docs(month) \
                        if month in stored_months else {}
                if interaction.id not in known[month]:
                    interaction = self(interaction)
            result.append(interaction)
        return result


def estimated(store: Store, interaction: Interaction, *, plugins: Any = None) -> Interaction:
    """``interaction``, its missing value estimated (see ``Estimator``)."""
    return Estimator(store, plugins)(interaction)


def record(store: Store, interaction: Interaction, *, plugins: Any = None) -> Interaction:
    """Store a new interaction as every writer should: its missing value estimated before
    the write, ``interaction_recorded`` fired after the commit (or, inside a larger
    transaction, after that one commits)."""
    with one_transaction(store, plugins):
        return store.record(estimated(store, interaction, plugins=plugins))


def upsert(store: Store, interactions: Iterable[Interaction], *, plugins: Any = None) -> Any:
    """``store.upsert_interactions`` with the new ones estimated and every stored one
    announced after the commit (as an import does)."""
    with one_transaction(store, plugins):
        return store.upsert_interactions(Estimator(store, plugins).new_ones(interactions))


# log ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class LogRequest:
    """An interaction to log, as the face parsed it (references still as typed)."""

    network: str
    people: tuple[str, ...]
    direction: str | None
    kind: str = "other"
    new_kind: bool = False
    money: int = 0
    """In minor units of the database's currency (``recording.parse_money_field``)."""
    minutes: int = 0
    favours: int = 0
    fun: int = 0
    note: str = ""
    when: datetime | None = None
    """None means now."""
    initiative: Initiative | None = None
    close_follow_ups: bool = False
    """This settles the open follow-ups with these people: mark them done."""


@dataclass
class Logged:
    """What ``log_interaction`` stored, and the follow-ups it closed or left open."""

    interaction: Interaction
    closed: list[FollowUp] = field(default_factory=list)
    pending: list[FollowUp] = field(default_factory=list)


def check_counts(minutes: int, favours: int, fun: int) -> None:
    """The counted parts of a value: whole, not negative, fun 0-5."""
    for name, number, high in (("minutes", minutes, None), ("favours", favours, None),
                               ("fun", fun, 5)):
        if number < 0:
            raise FieldError(name, f"{name} cannot be negative: {number}")
        if high is not None and number > high:
            raise FieldError(name, f"{name} must be between 0 and {high}, not {number}")


def _people(store: Store, refs: Iterable[str], kind: str) -> tuple[str, ...]:
    """The people named, or none for a kind that happens with the network as a whole
    (``interaction_kinds.NETWORK_KINDS``: dues, a donation, a service...)."""
    wanted = [ref.strip() for ref in refs if ref.strip()]
    if not wanted:
        if with_network(kind):
            return ()
        raise FieldError("people", f"with whom? (one or more people; only {_network_kinds()} "
                                   f"can be with the network and no one)")
    people = tuple(in_field("people", store.find_person, ref).id for ref in wanted)
    if ME in people:
        raise FieldError("people", "an interaction is with other people, not with yourself")
    return people


def _network_kinds() -> str:
    return ", ".join(NETWORK_KINDS[:-1]) + " and " + NETWORK_KINDS[-1]


def _kind(store: Store, kind: str, new_kind: bool) -> str:
    return str(in_field("kind", check_kind, store, (kind or "other").strip() or "other",
                        new_kind=new_kind))


def log_interaction(store: Store, request: LogRequest, *, plugins: Any = None) -> Logged:
    """Check, estimate, record, remember a new kind and settle follow-ups: one transaction.

    Refusals, in this order: the kind, the network, the people, the direction, the counts,
    then whatever else the model refuses (a new kind that is not a word).
    """
    with one_transaction(store, plugins):
        kind = _kind(store, request.kind, request.new_kind)
        if not request.network.strip():
            raise FieldError("network", "which network? (name or id)")
        network = in_field("network", store.find_network, request.network.strip())
        people = _people(store, request.people, kind)
        if request.direction not in DIRECTIONS:
            raise FieldError("direction", "say which way it went: gave, received or shared")
        check_counts(request.minutes, request.favours, request.fun)
        value = Value(money=request.money, minutes=request.minutes, favours=request.favours,
                      fun=request.fun)
        try:
            interaction = Interaction.create(
                when=request.when or now(), network=network.id, people=list(people),
                direction=request.direction, kind=kind, value=value,
                note=request.note.strip(), initiative=request.initiative)
        except ValidationError as error:
            # every other field was checked above; what the model can still refuse is the kind
            if "kind" in str(error):
                raise FieldError("kind", str(error)) from None
            raise
        recorded = store.record(estimated(store, interaction, plugins=plugins))
        if request.new_kind:
            remember_kind(store, recorded.kind)
        pending = open_for(store, recorded)
        closed = [close(store, f.id, by=recorded.id) for f in pending] \
            if request.close_follow_ups else []
    return Logged(recorded, closed, pending)


# edit and delete ----------------------------------------------------------------------

@dataclass(frozen=True)
class EditRequest:
    """The fields to change (None: leave as is), parsed by the face."""

    network: str | None = None
    people: tuple[str, ...] = ()
    """Replaces the people when not empty."""
    kind: str | None = None
    new_kind: bool = False
    direction: str | None = None
    money: int | None = None
    minutes: int | None = None
    favours: int | None = None
    fun: int | None = None
    note: str | None = None
    when: datetime | None = None
    invited: bool | None = None
    initiative: Literal["invited", "pitched", "none"] | None = None
    """``none`` clears who began it."""


def edit_interaction(store: Store, ident: str, request: EditRequest, *,
                     plugins: Any = None) -> Interaction:
    """Change fields of a stored interaction (the aggregates follow): one transaction.

    A changed value is the user's own, so it loses the ``estimated`` mark. An edit is not
    news: ``interaction_recorded`` does not fire.
    """
    with one_transaction(store, plugins):
        found = store.get_interaction(ident)
        changes = {**_value_changes(found, request), **_field_changes(store, request)}
        updated = store.replace_interaction(found.with_changes(**changes), announce=False)
        if request.kind and request.new_kind:
            remember_kind(store, updated.kind)
    return updated


def _value_changes(found: Interaction, request: EditRequest) -> dict[str, Any]:
    """The new value (and, when it changed, the meta without the ``estimated`` mark)."""
    old = found.value
    minutes = old.minutes if request.minutes is None else request.minutes
    favours = old.favours if request.favours is None else request.favours
    fun = old.fun if request.fun is None else request.fun
    check_counts(minutes, favours, fun)
    value = Value(money=old.money if request.money is None else request.money,
                  minutes=minutes, favours=favours, fun=fun)
    if value == old:
        return {"value": value}
    return {"value": value, "meta": {k: v for k, v in found.meta.items() if k != "estimated"}}


def _field_changes(store: Store, request: EditRequest) -> dict[str, Any]:
    """Every other field asked for, checked."""
    changes: dict[str, Any] = {}
    if request.network:
        changes["network"] = in_field("network", store.find_network, request.network).id
    if request.kind:
        changes["kind"] = _kind(store, request.kind, request.new_kind)
    if request.people:
        changes["people"] = _people(store, request.people, "")
    if request.direction:
        if request.direction not in DIRECTIONS:
            raise FieldError("direction", "say which way it went: gave, received or shared")
        changes["direction"] = request.direction
    given = {"note": request.note, "when": request.when, "invited": request.invited}
    changes.update({name: value for name, value in given.items() if value is not None})
    if request.initiative is not None:
        changes["initiative"] = None if request.initiative == "none" else request.initiative
    return changes


def delete_interaction(store: Store, ident: str, *, plugins: Any = None) -> Interaction:
    """Delete one interaction (the aggregates follow); returns what was deleted."""
    with one_transaction(store, plugins):
        return store.delete_interaction(ident)
