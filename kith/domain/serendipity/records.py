"""Introductions already made: which pairs, when, and what came of them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kith.core.model import Interaction, Value
from kith.persistence.store.aggregates import totals_of

if TYPE_CHECKING:
    from kith.persistence.store import Store


def _pair(interaction: Interaction) -> list[str]:
    intro = interaction.meta.get("intro") or {}
    return list(intro.get("people") or list(interaction.people))


def introduced_pairs(store: Store) -> set[frozenset[str]]:
    """Every pair the user has introduced (never suggested again)."""
    return {frozenset(people[:2]) for interaction in store.interactions(kind="introduction")
            if len(people := _pair(interaction)) >= 2}


def introduced_before(store: Store, a: str, b: str) -> list[Interaction]:
    """Earlier introductions of ``a`` and ``b`` to each other, oldest first."""
    pair = frozenset((a, b))
    return [i for i in store.interactions(kind="introduction")
            if frozenset(_pair(i)[:2]) == pair]


def summary(store: Store) -> dict[str, Any]:
    """Introductions made, how many led to something, and what came back to the user."""
    intros = list(store.interactions(kind="introduction"))
    led = [i for i in intros if (i.meta.get("intro") or {}).get("outcomes")]
    back = Value()
    for rows in store.network_months().values():
        for row in rows.values():
            if "intro" in row:
                intro = totals_of(row, "intro")
                back = back + Value(money=intro.money, minutes=intro.minutes,
                                    favours=intro.favours, fun=intro.fun)
    return {"introductions": len(intros), "led_to_something": len(led),
            "came_back": back.to_dict(),
            "items": [{"id": i.id, "when": i.when.isoformat(), "network": i.network,
                       "people": list(i.people), "note": i.note,
                       "outcomes": (i.meta.get("intro") or {}).get("outcomes", [])}
                      for i in intros]}
