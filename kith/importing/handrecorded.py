"""Imported interactions the user already recorded by hand: linked, not counted twice.

Someone logs the dues they paid on 5 January (180 EUR) and later imports the dues
statement; or logs Sunday's service and then imports the church calendar. Adding the
imported record would count the same thing twice in every assessment. An imported
interaction *matches* a hand-recorded one (no ``source``) when they share the network,
the local day and the direction, and either the same non-zero amount of money, or the
same kind and the same people (an import that names no one, like a calendar event or a
payment, agrees with any people). The hand-recorded interaction then keeps its values and
records the import's source key in ``meta["linked_sources"]``, so a re-import finds the
link and again adds nothing. A hand record absorbs at most one imported record, ever.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING, Any

from kith.core.model import Interaction
from kith.core.parsing import local_tz

if TYPE_CHECKING:
    from kith.persistence.store import Store

LINKED = "linked_sources"


@dataclass
class Links:
    """What matching against hand-recorded interactions decided."""

    fresh: list[Interaction] = field(default_factory=list)
    """Imported interactions to upsert as usual."""
    updated: list[Interaction] = field(default_factory=list)
    """Hand-recorded interactions that now carry an import's source key."""
    already_recorded: int = 0


def _day(when: datetime, zone: tzinfo) -> date:
    return when.astimezone(zone).date()


def _matches(doc: dict[str, Any], new: Interaction) -> bool:
    money = int((doc.get("value") or {}).get("money", 0))
    if money and money == new.value.money:
        return True
    if doc.get("kind") != new.kind:
        return False
    return not new.people or set(doc.get("people") or ()) == set(new.people)


def link_hand_recorded(store: Store, interactions: Iterable[Interaction]) -> Links:
    """Split ``interactions`` into fresh ones and ones the user already recorded."""
    items = list(interactions)
    links = Links()
    stored_months = set(store.months())
    months = sorted({i.month for i in items} & stored_months)
    hand: dict[tuple[str, date, str], list[dict[str, Any]]] = {}
    linked: set[str] = set()
    zone = local_tz()
    for month in months:
        docs = store.month_docs(month)  # raw: no parsing of 100k docs
        for ident, doc in docs.items():
            if doc.get("source"):
                continue
            keys = (doc.get("meta") or {}).get(LINKED, ())
            linked.update(keys)
            if keys:
                continue  # already stands for an imported record
            day = _day(datetime.fromisoformat(doc["when"]), zone)
            hand.setdefault((doc["network"], day, doc["direction"]),
                            []).append({**doc, "id": ident})
    if not hand and not linked:
        links.fresh = items
        return links
    changed: dict[str, dict[str, Any]] = {}
    for item in items:
        if item.source in linked:
            links.already_recorded += 1
            continue
        candidates = hand.get((item.network, _day(item.when, zone), item.direction), [])
        match = next((d for d in candidates if d["id"] not in changed
                      and _matches(d, item)), None)
        if match is None:
            links.fresh.append(item)
            continue
        meta = dict(match.get("meta") or {})
        meta[LINKED] = [*meta.get(LINKED, ()), item.source]
        changed[match["id"]] = {**match, "meta": meta}
        linked.add(item.source or "")
        links.already_recorded += 1
    links.updated = [Interaction.from_dict(doc) for doc in changed.values()]
    return links
