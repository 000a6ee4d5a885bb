"""Use cases for follow-ups ("get back to Ann about the flat by Friday", until done): add
one, mark one done, and the reads the faces share.

A follow-up (``kith.core.model.FollowUp``) is kept in the ``followups`` table by the
store's ``FollowUps`` room. ``kith remind`` lists open ones, due and overdue first.
Logging an interaction with the person after the follow-up was set is usually the
follow-up happening: ``kith log`` names the open ones (``open_for``) and closes them with
``--done-follow-up`` (``done_by`` then names the interaction).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from typing import TYPE_CHECKING

from kith.core import clock
from kith.core.errors import ValidationError
from kith.core.ids import new_id
from kith.core.model import FollowUp
from kith.services.recording import in_field

if TYPE_CHECKING:
    from kith.core.model import Interaction
    from kith.persistence.store import Store


def add_follow_up(store: Store, person: str, due: date, about: str = "") -> FollowUp:
    """Remind the user to get back to ``person`` (an id or a name) by ``due``."""
    with store.transaction():
        who = in_field("person", store.find_person, person)
        created = clock.now()
        item = in_field("about", FollowUp, id=new_id(created), person=who.id,
                        due=due.isoformat(), about=about.strip(),
                        created=created.isoformat(timespec="seconds"))
        return store.save_follow_up(item)


def close(store: Store, ident: str, *, by: str | None = None) -> FollowUp:
    """Mark the follow-up ``ident`` done (``by``: the interaction that settled it)."""
    with store.transaction():
        item = store.get_follow_up(ident)
        if not item.is_open:
            raise ValidationError(f"follow-up {item.id} was already done on "
                                  f"{(item.done or '')[:10]}")
        done = replace(item, done=clock.now().isoformat(timespec="seconds"),
                       done_by=by)
        return store.save_follow_up(done)


def follow_ups(store: Store, *, person: str | None = None,
               include_done: bool = False) -> list[FollowUp]:
    """Follow-ups, soonest due first (overdue ones lead)."""
    return store.follow_ups(person=person, include_done=include_done)


def get_follow_up(store: Store, ident: str) -> FollowUp:
    return store.get_follow_up(ident)


def open_for(store: Store, interaction: Interaction) -> list[FollowUp]:
    """Open follow-ups with the interaction's people, set on or before the day it
    happened: the ones it may have settled (a back-dated interaction from before the
    follow-up was set settles nothing)."""
    people = set(interaction.people)
    return [f for f in store.follow_ups() if f.person in people
            and (f.created is None or datetime.fromisoformat(f.created).date()
                 <= clock.to_local(interaction.when).date())]
