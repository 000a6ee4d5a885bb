"""A suggested interaction: something a live source saw, waiting in the inbox.

Calendars and mail tell kith that something happened, not what it was worth, so what they
see is never recorded silently: it becomes a ``Suggestion`` that the user accepts (then an
interaction is recorded, with the direction, value and fun the user gives), edits or
dismisses. A suggestion is no interaction: no assessment counts it until it is accepted.

The id is derived from what the source saw (the event's UID and start, the mail thread
and day), never drawn at random, so two synced devices pulling the same calendar make
one suggestion, and a dismissed one is found again by id and never comes back.

Kept here rather than in ``model.py`` because it is its own small entity with its own
room (``kith.persistence.store.live``); it follows the same convention (``to_dict``,
``from_dict``, checked on construction).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from kith.core.errors import ValidationError
from kith.core.ids import new_id

STATES = ("waiting", "accepted", "dismissed")
ORIGINS = ("event", "mail")
DIRECTIONS = ("gave", "received", "shared")
INITIATIVES = (None, "invited", "pitched")


def suggestion_id(origin_key: str, when: datetime) -> str:
    """The id of the suggestion for ``origin_key`` (``event:UID:start``,
    ``mail:thread:day``): the same on every device."""
    return new_id(when, seed=f"suggestion:{origin_key}")


@dataclass(frozen=True)
class Suggestion:
    """One thing that happened, as a source saw it, and what the user decided."""

    id: str
    origin: str
    """``event`` or ``mail``."""
    key: str
    """What it stands for in its source (``event:UID:start``, ``mail:thread:day``)."""
    source: str
    """The name of the live source that saw it (``kith source list``)."""
    when: datetime
    title: str
    people: tuple[str, ...] = ()
    """Known people (ids) it involved."""
    unknown: tuple[str, ...] = ()
    """Addresses it named that match no one (shown, never made into people)."""
    network: str | None = None
    direction: str = "shared"
    kind: str = "other"
    minutes: int = 0
    initiative: str | None = None
    calendar: str = ""
    state: str = "waiting"
    interaction: str | None = None
    """The interaction recorded when it was accepted."""
    rule: str | None = None
    """The inbox rule that accepted it, if one did."""
    meta: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.origin not in ORIGINS:
            raise ValidationError(f"a suggestion comes from an event or a mail, "
                                  f"not {self.origin!r}")
        if self.state not in STATES:
            raise ValidationError(f"a suggestion is waiting, accepted or dismissed, "
                                  f"not {self.state!r}")
        if self.direction not in DIRECTIONS:
            raise ValidationError(f"direction must be gave, received or shared, "
                                  f"not {self.direction!r}")
        if self.initiative not in INITIATIVES:
            raise ValidationError(f"initiative must be invited or pitched, "
                                  f"not {self.initiative!r}")
        if self.when.tzinfo is None:
            raise ValidationError("a suggestion's time must carry its zone")
        if self.minutes < 0:
            raise ValidationError("minutes cannot be negative")

    def with_changes(self, **changes: Any) -> Suggestion:
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "origin": self.origin, "key": self.key,
                "source": self.source, "when": self.when.isoformat(), "title": self.title,
                "people": list(self.people), "unknown": list(self.unknown),
                "network": self.network, "direction": self.direction, "kind": self.kind,
                "minutes": self.minutes, "initiative": self.initiative,
                "calendar": self.calendar, "state": self.state,
                "interaction": self.interaction, "rule": self.rule, "meta": dict(self.meta)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Suggestion:
        return cls(id=data["id"], origin=data["origin"], key=data["key"],
                   source=data.get("source", ""),
                   when=datetime.fromisoformat(data["when"]), title=data.get("title", ""),
                   people=tuple(data.get("people") or ()),
                   unknown=tuple(data.get("unknown") or ()), network=data.get("network"),
                   direction=data.get("direction", "shared"),
                   kind=data.get("kind", "other"), minutes=int(data.get("minutes") or 0),
                   initiative=data.get("initiative"), calendar=data.get("calendar", ""),
                   state=data.get("state", "waiting"), interaction=data.get("interaction"),
                   rule=data.get("rule"), meta=dict(data.get("meta") or {}))
