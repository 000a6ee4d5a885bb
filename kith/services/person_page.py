"""The person page: everything kith knows about one person, read at once.

``kith person show`` and the TUI's person screen present the same ``PersonPage``; neither
reads the store for it. The page is read in one consistent snapshot (a commit by another
process never lands halfway through it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kith.core.model import FollowUp, Interaction, Note, Opportunity, Person
from kith.domain.keepintouch import cadence_for

if TYPE_CHECKING:
    from kith.persistence.store import Store


@dataclass(frozen=True)
class Related:
    """A relationship as the page's person sees it: "``kind`` of ``name``"."""

    id: str
    kind: str
    person: str
    name: str
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "person": self.person, "name": self.name,
                "note": self.note}


@dataclass(frozen=True)
class PersonPage:
    person: Person
    stats: dict[str, dict[str, Any]]
    """Per network: first and last contact and totals by direction (``Store.person_stats``)."""
    network_names: dict[str, str]
    people_names: dict[str, str]
    """Every person's name by id: for the people that follow-ups and relationships name."""
    relationships: tuple[Related, ...]
    opportunities: tuple[Opportunity, ...]
    notes: tuple[Note, ...]
    """Newest first."""
    follow_ups: tuple[FollowUp, ...]
    """Open ones, soonest due first."""
    recent: tuple[Interaction, ...]
    """The latest interactions, oldest first (as many as asked for)."""
    cadence: int | None
    """The keep-in-touch cadence in days: the person's own, or the configured rule's."""

    @property
    def last_contact(self) -> str | None:
        """When the user last had an interaction with the person (ISO), or None."""
        return max((s.get("last", "") for s in self.stats.values()), default="") or None


def person_page(store: Store, ref: str, *, recent: int | None = 20,
                config: dict[str, Any] | None = None) -> PersonPage:
    """The page of the person ``ref`` names (an id or an unambiguous name).

    ``recent`` is how many of the latest interactions to include (``None``: all of them,
    0: none); ``config`` holds the keep-in-touch rules that give a cadence to a person
    who has none of their own.
    """

    def read() -> PersonPage:
        person = store.find_person(ref)
        stats = store.person_stats(person.id).get(person.id, {})
        names = {i: d["name"] for i, d in store.people_docs().items()}
        related = []
        for item in store.relationships(person.id):
            kind, other = item.seen_from(person.id)
            related.append(Related(item.id, kind, other, names.get(other, other), item.note))
        doc = store.people_docs().get(person.id) or person.to_dict()
        return PersonPage(
            person=person, stats=stats,
            network_names={n.id: n.name for n in store.networks()}, people_names=names,
            relationships=tuple(related),
            opportunities=tuple(o for o in store.opportunities() if o.person == person.id),
            notes=tuple(store.notes(person.id)),
            follow_ups=tuple(store.follow_ups(person=person.id)),
            recent=tuple(timeline(store, person.id, recent)),
            cadence=cadence_for(doc, config or {}))

    return store.read_consistently(read)


def timeline(store: Store, person: str, limit: int | None = None) -> list[Interaction]:
    """The person's latest ``limit`` interactions (all with ``None``), oldest first: the
    TUI loads the whole timeline in the background, after the rest of the page."""
    if limit is not None and limit <= 0:
        return []
    items = list(store.interactions(person=person))
    return items if limit is None else items[-limit:]
