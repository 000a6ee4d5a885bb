"""Follow-ups: "get back to Ann about the flat by Friday", until done.

A follow-up is a record of the ``followups`` table in ``kith.json``::

    {"id": ULID, "person": PERSON_ID, "due": "2024-06-07", "about": "...",
     "created": ISO date-time, "done": ISO date-time | null,
     "done_by": INTERACTION_ID | null}

``kith remind`` lists open ones, due and overdue first. Logging an interaction with the
person after the follow-up was set is usually the follow-up happening: ``kith log``
names the open ones and the command to close them, or closes them with
``--done-follow-up`` (``done_by`` then names the interaction).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from kith.core import clock
from kith.core.errors import NotFound, ValidationError
from kith.core.ids import by_id_or_prefix, new_id

if TYPE_CHECKING:
    from kith.core.model import Interaction
    from kith.persistence.store import Store

TABLE = "followups"
MAX_ABOUT = 2_000


@dataclass(frozen=True, slots=True)
class FollowUp:
    id: str
    person: str
    due: str
    about: str = ""
    created: str | None = None
    done: str | None = None
    done_by: str | None = None

    def __post_init__(self) -> None:
        try:
            date.fromisoformat(self.due)
        except (TypeError, ValueError):
            raise ValidationError(f"a follow-up's date must be like 2024-05-31, not "
                                  f"{self.due!r}") from None
        if len(self.about) > MAX_ABOUT:
            raise ValidationError(f"--about is at most {MAX_ABOUT:,} characters")

    @property
    def is_open(self) -> bool:
        return self.done is None

    def days_until(self, today: date) -> int:
        return (date.fromisoformat(self.due) - today).days

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "person": self.person, "due": self.due, "about": self.about,
                "created": self.created, "done": self.done, "done_by": self.done_by}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FollowUp:
        return cls(id=data["id"], person=data["person"], due=data["due"],
                   about=data.get("about") or "", created=data.get("created"),
                   done=data.get("done"), done_by=data.get("done_by"))


def add_follow_up(store: Store, person: str, due: date, about: str = "") -> FollowUp:
    found = store.get_person(person)
    if found is None:
        raise NotFound(f"no person {person!r}")
    created = clock.now()
    item = FollowUp(id=new_id(created), person=found.id, due=due.isoformat(),
                    about=about.strip(), created=created.isoformat(timespec="seconds"))
    store.put_record(TABLE, item.to_dict())
    return item


def follow_ups(store: Store, *, person: str | None = None,
               include_done: bool = False) -> list[FollowUp]:
    """Follow-ups, soonest due first (overdue ones lead)."""
    items = [FollowUp.from_dict(d) for d in store.records(TABLE).values()
             if person is None or d.get("person") == person]
    if not include_done:
        items = [i for i in items if i.is_open]
    return sorted(items, key=lambda i: (not i.is_open, i.due, i.id))


def get_follow_up(store: Store, ident: str) -> FollowUp:
    doc = by_id_or_prefix(store.records(TABLE), ident)
    if doc is None:
        raise NotFound(f"no follow-up {ident!r} (see `kith follow-up list`)")
    return FollowUp.from_dict(doc)


def close(store: Store, ident: str, *, by: str | None = None) -> FollowUp:
    item = get_follow_up(store, ident)
    if not item.is_open:
        raise ValidationError(f"follow-up {item.id} was already done on {item.done[:10]}")  # type: ignore[index]
    done = replace(item, done=clock.now().isoformat(timespec="seconds"),
                   done_by=by)
    store.put_record(TABLE, done.to_dict())
    return done


def open_for(store: Store, interaction: Interaction) -> list[FollowUp]:
    """Open follow-ups with the interaction's people, set on or before the day it
    happened: the ones it may have settled (a back-dated interaction from before the
    follow-up was set settles nothing)."""
    people = set(interaction.people)
    return [f for f in follow_ups(store) if f.person in people
            and (f.created is None or datetime.fromisoformat(f.created).date()
                 <= clock.to_local(interaction.when).date())]
