"""Reminders as a use case: the keep-in-touch reminders with the follow-ups, and
silencing a person's *drifting* reminder.

Both ``kith remind`` and the TUI's Reminders tab call ``all_reminders``, so they show
the same lines; silencing is a person field (``extra["remind_silenced"]``, the day it
was set), which the person's record keeps through edits, merges and sync.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from kith.core import clock
from kith.core.errors import ValidationError
from kith.core.model import ME, Person
from kith.domain.keepintouch import SILENCED, Reminders, reminders
from kith.services.bulk import no_cycle_collection
from kith.services.followups import FollowUp, follow_ups

if TYPE_CHECKING:
    from kith.persistence.store import Store


def all_reminders(store: Store, config: dict[str, Any], today: date | None = None, *,
                  birthday_days: int = 30) -> tuple[list[FollowUp], Reminders]:
    """Open follow-ups and every reminder; a follow-up set for someone who came to you
    counts as following them up."""
    with no_cycle_collection():
        latest: dict[str, str] = {}
        for item in store.follow_ups(include_done=True):
            created = (item.created or "")[:10]
            if item.person and created > latest.get(item.person, ""):
                latest[item.person] = created
        return follow_ups(store), reminders(store, config, today,
                                            birthday_days=birthday_days, followed_up=latest)


def silence(store: Store, ref: str, *, quiet: bool = True,
            today: date | None = None) -> Person:
    """Keep ``ref`` out of the *drifting* reminders (``quiet=False`` lets them back)."""
    person = store.find_person(ref)
    if person.id == ME:
        raise ValidationError("you are never drifting from yourself: name someone else")
    extra = dict(person.extra)
    if quiet:
        extra[SILENCED] = (today or clock.now().date()).isoformat()
    else:
        extra.pop(SILENCED, None)
    with store.transaction():
        return store.save_person(person.with_changes(extra=extra))  # type: ignore[no-any-return]
