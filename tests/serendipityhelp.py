"""Helpers shared by the matcher's story tests: one need among a few offers, told to the
matcher as the people of two networks would post them."""

from __future__ import annotations

from datetime import UTC, datetime

from kith.core.model import Opportunity, Person
from kith.domain.serendipity import Matcher, meaning, merge

WHEN = datetime(2026, 3, 2, 10, tzinfo=UTC)


def first_suggestion(need: str, *offers: str, model: bool) -> tuple[str, list[str]]:
    """The offer text of kith's first suggestion for ``need`` among ``offers`` (each
    offered by someone of another network than the asker), and its evidence lines; with
    the sentence model when ``model``."""
    asker = Person.create("Asker", networks={"street": None})
    givers = [Person.create(f"Giver {n}", networks={"church": None})
              for n in range(len(offers))]
    opportunities = [Opportunity.create(person=asker.id, type="need", text=need, when=WHEN)]
    opportunities += [Opportunity.create(person=g.id, type="offer", text=t, when=WHEN)
                      for g, t in zip(givers, offers, strict=True)]
    vectors = meaning.prepare(None, [o.text for o in opportunities]) if model else None
    found = merge(Matcher([asker, *givers], opportunities, vectors).suggest())
    texts = {o.id: o.text for o in opportunities}
    assert found, "no suggestion at all"
    return texts[found[0].opportunities[1]], list(found[0].evidence)
