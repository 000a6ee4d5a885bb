"""Reminders on the phone: follow-ups, keep-in-touch and birthdays published into a
calendar the user names (a CalDAV collection or a vdir with ``publish = true``).

Run by ``kith push`` and at the end of ``kith pull``. Each reminder is one item named by
its UID (``kith.live.reminders``); only items whose content changed are written (kept
per source in the database as a digest and the item's version), in place, with
``If-Match``. Reminders kith no longer has (someone merged away) are left alone: nothing
is deleted from the user's calendar.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from kith.core import clock
from kith.core.errors import KithError
from kith.core.model import ME
from kith.live.definitions import SourceDefinition
from kith.live.reminders import PREFIX, Reminder, birthday, stamp, todo
from kith.services.pull import open_collection
from kith.services.scope import one_transaction

if TYPE_CHECKING:
    from kith.persistence.store import Store


@dataclass
class PublishSummary:
    source: str
    written: int = 0
    unchanged: int = 0
    refused: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def reminders(store: Store, config: dict[str, Any], today: date) -> list[Reminder]:
    """Every reminder kith would show today, as calendar items."""
    from kith.services.reminders import all_reminders

    names = {i: d["name"] for i, d in store.people_docs().items()}
    found: list[Reminder] = []
    for item in store.follow_ups(include_done=True):
        who = names.get(item.person, item.person)
        summary = f"Follow up with {who}" + (f": {item.about}" if item.about else "")
        found.append(todo(f"{PREFIX}followup-{item.id}", summary,
                          date.fromisoformat(item.due), done=not item.is_open))
    _pending, result = all_reminders(store, config, today)
    overdue = {o.id: o for o in result.overdue}
    for ident, doc in store.people_docs().items():
        if ident == ME:
            continue
        if doc.get("birthday"):
            made = birthday(f"{PREFIX}birthday-{ident}", doc["name"], doc["birthday"])
            if made is not None:
                found.append(made)
        late = overdue.get(ident)
        if late is not None or doc.get("cadence_days"):
            summary = f"Get in touch with {doc['name']}"
            why = f"overdue by {late.days_overdue} days" if late is not None else ""
            found.append(todo(f"{PREFIX}touch-{ident}", summary, today,
                              done=late is None, description=why))
    return found


def publish(store: Store, definition: SourceDefinition, config: dict[str, Any], *,
            plugins: Any = None, today: date | None = None) -> PublishSummary:
    if definition.holds != "calendar" or not definition.publish:
        raise KithError(f"source {definition.name}: reminders go to a calendar added with "
                        "--publish")
    summary = PublishSummary(definition.name)
    key = f"{definition.name}:reminders"
    state = store.live.state(key)
    items: dict[str, Any] = dict(state.get("items") or {})
    moment = clock.now()
    wanted = [r for r in reminders(store, config, today or moment.date())
              if (items.get(r.name) or {}).get("d") != r.digest]
    summary.unchanged = len(items) - sum(1 for r in wanted if r.name in items)
    if not wanted:
        return summary
    collection = open_collection(definition)
    for reminder in wanted:
        known = items.get(reminder.name) or {}
        try:
            version = collection.put(reminder.name, stamp(reminder, moment),
                                     known.get("v") or None)
        except KithError as error:
            summary.refused.append(f"{reminder.uid}: {error}")
            continue
        items[reminder.name] = {"d": reminder.digest, "v": version}
        summary.written += 1
    with one_transaction(store, plugins):
        store.live.save_state(key, {**state, "items": items, "kind": "reminders"})
    return summary
