"""Ranking suggestions: one per pair, never the user, and the cross-network bonus only
ever breaks near ties.

"Serendipity" is strongest across networks, so a pair whose people share none of the
user's networks gets ``CROSS_NETWORK_BONUS`` added to its rank — small enough that a
clearly better match (more than that much higher) always stays ahead; the score shown
is the match itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kith.core.model import ME

if TYPE_CHECKING:
    from kith.domain.serendipity.matching import Someone
    from kith.persistence.store import Store

CROSS_NETWORK_BONUS = 0.01
"""Added to the rank (not the score) of a pair that crosses networks: a tie-breaker."""


@dataclass
class Suggestion:
    """Two people worth introducing, why (in words), and how sure."""

    people: tuple[str, str]
    opportunities: tuple[str, ...]
    score: float
    evidence: list[str] = field(default_factory=list)
    matcher: str = "kith"
    apart: bool | None = None
    details: dict[str, Any] = field(default_factory=dict)
    pending: Any = field(default=None, repr=False, compare=False)
    """kith's own match, until its evidence is written (``finish``)."""
    strength: float | None = field(default=None, repr=False, compare=False)
    """kith's match before its score was capped at 1 (ranks the strongest first); None
    for a plugin's suggestion, ranked by its score."""

    def finish(self) -> Suggestion:
        """Write the evidence of kith's match (first, before any plugin's): done only
        for the suggestions shown, since words cost more than scores."""
        if self.pending is not None:
            from kith.domain.serendipity.evidence import explain, networks_line

            match, people = self.pending
            lines, details = explain(match, people)
            lines.append(networks_line(self.apart, people.get(self.people[0]),
                                       people.get(self.people[1])))
            self.evidence = lines + [e for e in self.evidence if e not in lines]
            self.details = {**details, **self.details}
            self.pending = None
        return self

    def key(self) -> frozenset[str]:
        return frozenset(self.people)

    def rank(self) -> float:
        """What suggestions are ordered by: the score (uncapped, for kith's own), plus
        the tie-breaking bonus."""
        return self.value() + (CROSS_NETWORK_BONUS if self.apart else 0.0)

    def value(self) -> float:
        return self.score if self.strength is None else self.strength

    def to_dict(self, store: Store | None = None) -> dict[str, Any]:
        def who(ident: str) -> dict[str, str]:
            person = store.get_person(ident) if store else None
            return {"id": ident, "name": person.name if person else ident}

        return {"people": [who(p) for p in self.people],
                "opportunities": list(self.opportunities), "score": round(self.score, 3),
                "cross_network": bool(self.apart), "evidence": self.evidence,
                "matcher": self.matcher, **self.details}


def networks_apart(first: Someone | None, second: Someone | None) -> bool | None:
    """True when two people share none of the user's networks; None when unknown."""
    if not first or not second or not first.networks or not second.networks:
        return None
    return first.networks.keys().isdisjoint(second.networks)


def merge(suggestions: Iterable[Suggestion]) -> list[Suggestion]:
    """One suggestion per pair of people: the best score wins; opportunities and
    evidence from every matcher are kept. Ordered by rank, best first (stable)."""
    merged: dict[frozenset[str], Suggestion] = {}
    copies: set[int] = set()  # the merged entries that are our own copies
    for suggestion in suggestions:
        key = suggestion.key()
        existing = merged.get(key)
        if existing is None:
            # most pairs are suggested once: the input itself stands for them, and is
            # copied only when a second suggestion of the pair must be merged into it
            # (merging never changes the caller's suggestions)
            merged[key] = suggestion
            continue
        if id(existing) not in copies:
            existing = merged[key] = Suggestion(
                existing.people, existing.opportunities, existing.score,
                list(existing.evidence), existing.matcher, existing.apart,
                dict(existing.details), existing.pending, existing.strength)
            copies.add(id(existing))
        if existing.pending is None:
            existing.pending = suggestion.pending
        if suggestion.value() > existing.value():
            existing.score, existing.matcher = suggestion.score, suggestion.matcher
            existing.strength = suggestion.strength
            existing.details = {**existing.details, **suggestion.details}
        existing.evidence += [e for e in suggestion.evidence if e not in existing.evidence]
        existing.opportunities = tuple(dict.fromkeys([*existing.opportunities,
                                                      *suggestion.opportunities]))
        if existing.apart is None:
            existing.apart = suggestion.apart
    return sorted(merged.values(), key=lambda s: -s.rank())


def acceptable(suggestion: Suggestion, known: set[frozenset[str]], open_ids: set[str],
               person: str | None = None) -> bool:
    """Whether a suggestion may be shown: two different people, neither the user, not
    already introduced or related, every opportunity still open."""
    first, second = suggestion.people
    return (first != second and ME not in suggestion.people
            and suggestion.key() not in known
            and open_ids.issuperset(suggestion.opportunities)
            and (person is None or person in suggestion.people))
