"""Introductions as use cases: suggest, make, record what came of them.

The CLI (``kith intro``) and the TUI's Intros tab both call these, so the same input
gives the same database and the same refusal on either face.

An outcome that brought value back to the user is recorded *in the network where the
value came from, with the people it came from*: if Ben (PyData) hired you after you
introduced him to Ana (church), the return is PyData's and Ben's, and Ana's last contact
does not move (nor does anyone's in a network they are not in).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from kith.core import clock
from kith.core.errors import NotFound, ValidationError
from kith.core.model import ME, Interaction, Opportunity, Person, Value
from kith.core.words import counted
from kith.domain.serendipity import Suggestion, suggest, suggest_and_pending
from kith.services.bulk import no_cycle_collection
from kith.services.interactions import estimated
from kith.services.scope import one_transaction

if TYPE_CHECKING:
    from kith.persistence.store import Store


def suggestions(store: Store, *, plugins: Any = None, person: str | None = None,
                limit: int = 10) -> list[Suggestion]:
    """Ranked introductions, leaving out people who already know each other."""
    return suggestions_and_waiting(store, plugins=plugins, person=person, limit=limit)[0]


def suggestions_and_waiting(store: Store, *, plugins: Any = None, person: str | None = None,
                            limit: int = 10) -> tuple[list[Suggestion], str | None]:
    """``suggestions``, and the note to show beside them when the meaning layer has not
    read every open need and offer yet (it reads new texts within a time budget per
    command; the rest are matched by their words alone until a later run reads them):
    what ``kith intro suggest`` prints on stderr and the TUI's Intros tab shows."""
    with no_cycle_collection():
        found, pending = suggest_and_pending(store, plugins=plugins, person=person,
                                             limit=limit, known=store.related_pairs())
    return found, waiting_note(pending)


def waiting_note(pending: int) -> str | None:
    """The words for ``pending`` texts not read for meaning yet (None when none wait)."""
    if not pending:
        return None
    held = counted(pending, "need or offer", "needs and offers", thousands=True)
    return f"{held} not read for meaning yet (matched by their words for now); " \
           "the next runs read them"


def _network_for(store: Store, a: Person, b: Person, opportunities: list[Opportunity],
                 network: str | None) -> str:
    if network:
        return store.find_network(network).id
    for opportunity in opportunities:
        if opportunity.type == "need" and opportunity.network:
            return opportunity.network
    for opportunity in opportunities:
        if opportunity.network:
            return opportunity.network
    shared = [n for n in a.networks if n in b.networks] or list(a.networks) or list(b.networks)
    if shared:
        return shared[0]
    raise ValidationError(f"where did this happen? {a.name} and {b.name} are in none of your "
                          "networks: pass --network")


def make_introduction(store: Store, a: str, b: str, *, note: str = "",
                      network: str | None = None, opportunities: tuple[str, ...] = (),
                      when: datetime | None = None, plugins: Any = None) -> Interaction:
    """Record that the user introduced ``a`` and ``b``: a favour given, in the network
    where the need was heard; the opportunities become ``introduced``."""
    first, second = store.find_person(a), store.find_person(b)
    if first.id == second.id:
        raise ValidationError("an introduction needs two different people")
    if ME in (first.id, second.id):
        raise ValidationError("you cannot introduce yourself; log a conversation instead")
    opps = [store.get_opportunity(o) for o in opportunities]
    for opp in opps:
        if opp.status == "closed":
            raise ValidationError(f"opportunity {opp.id} is closed")
    if not opps:  # the ones that made them a match, if kith would have suggested them
        pair = frozenset((first.id, second.id))
        matched = next((s for s in suggest(store, person=first.id, limit=0)
                        if s.key() == pair), None)
        opps = [store.get_opportunity(o) for o in matched.opportunities] if matched else []
    where = _network_for(store, first, second, opps, network)
    moment = when or clock.now()
    with one_transaction(store, plugins):  # valued and announced as every logged one is
        intro = store.record(estimated(store, Interaction.create(
            when=moment, network=where, people=[first.id, second.id], direction="gave",
            kind="introduction", note=note,
            meta={"intro": {"people": [first.id, second.id],
                            "opportunities": [o.id for o in opps], "outcomes": []}}),
            plugins=plugins))
        for opp in opps:
            store.save_opportunity(opp.with_changes(
                status="introduced", meta={**opp.meta, "introduction": intro.id}))
    return intro


def _source_of_value(store: Store, intro: Interaction, sources: tuple[str, ...],
                     network: str | None) -> tuple[str, list[str]]:
    """The network and the people the value came from (see the module docstring)."""
    people = [store.find_person(ref) for ref in sources]
    if any(p.id == ME for p in people):
        raise ValidationError("--from names who the value came from: not you")
    if network:
        where = store.find_network(network).id
    elif people:
        heard = {}
        for ident in (intro.meta.get("intro") or {}).get("opportunities", []):
            try:
                opportunity = store.get_opportunity(ident)
            except NotFound:
                continue
            if opportunity.network:
                heard[opportunity.person] = opportunity.network
        first = people[0]
        if first.id in heard:
            where = heard[first.id]
        elif intro.network in first.networks:
            where = intro.network
        elif len(first.networks) == 1:
            where = next(iter(first.networks))
        else:
            raise ValidationError(f"in which network did this come from {first.name}? "
                                  "pass --network")
    else:
        where = intro.network
    if not people:
        members = []
        for ident in intro.people:
            person = store.get_person(ident)
            if person is not None and where in person.networks:
                members.append(ident)
        if not members:
            raise ValidationError("who did it come from? pass --from PERSON")
        return where, members
    return where, [p.id for p in people]


def outcome_value(for_me: bool, money: int = 0, fun: int = 0, favours: int = 0
                  ) -> Value | None:
    """The value that came back, checked: only value *for the user* is recorded."""
    if not for_me and (money or fun or favours):
        raise ValidationError("--money, --fun and --favours describe value for you: add "
                              "--for-me")
    return Value(money=money, fun=fun, favours=favours) if (money or fun or favours) \
        else None


def record_outcome(store: Store, introduction_id: str, *, led_to: str, for_me: bool = False,
                   value: Value | None = None, when: datetime | None = None,
                   sources: tuple[str, ...] = (), network: str | None = None,
                   plugins: Any = None) -> Interaction | None:
    """What an introduction led to. It shows in both people's timelines (the
    introduction's note and meta). With ``for_me``, value came back to the user: a
    ``received`` interaction linked to the introduction (the ledger counts it as return
    through introductions), in the network it came from, with the people it came from
    (``sources``; by default the introduced people who are in the introduction's
    network), dated ``when`` (default now, never before the introduction)."""
    if not led_to.strip():
        raise ValidationError("say what it led to: --led-to TEXT")
    intro = store.get_interaction(introduction_id)
    if intro.kind != "introduction" or "intro" not in intro.meta:
        raise NotFound(f"{introduction_id} is not an introduction (see `kith intro list`)")
    if (sources or network) and not for_me:
        raise ValidationError("--from and --network say where value for you came from: "
                              "add --for-me")
    moment = when or clock.now()
    if moment < intro.when:
        raise ValidationError(f"an outcome cannot come before the introduction "
                              f"({intro.when:%Y-%m-%d}): check --on")
    where, people = _source_of_value(store, intro, sources, network) if for_me else ("", [])
    details = dict(intro.meta["intro"])
    details["outcomes"] = [*details.get("outcomes", []), {
        "when": moment.isoformat(timespec="seconds"), "led_to": led_to.strip(),
        "for_me": for_me}]
    note = f"{intro.note} | led to: {led_to.strip()}".strip(" |")
    with one_transaction(store, plugins):
        store.replace_interaction(intro.with_changes(meta={**intro.meta, "intro": details},
                                                     note=note), announce=False)
        if not for_me:
            return None
        return store.record(estimated(store, Interaction.create(
            when=moment, network=where, people=people, direction="received",
            kind="referral", value=value or Value(favours=1),
            note=f"through an introduction: {led_to.strip()}",
            meta={"introduction": intro.id}), plugins=plugins))
