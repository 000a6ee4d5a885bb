"""Serendipity on purpose: needs and offers people mention, and the introductions they
suggest.

"If you listen hard enough, people will share opportunities that might be suitable for
someone else." The matcher runs locally, with no network and no model:

- ``lexicon``: what a text is about — concepts for trades, skills, places and life
  events, in the words people use ("leaking tap" is plumbing), ambiguous words decided
  by their neighbours ("Spring Boot" is software, "this spring" is a season), with
  ``vocabulary`` (a life's wider ground) and ``problems`` (needs put as problems, trades'
  slang, places and their languages, phrases that say nothing) and ``tongues`` (help
  asked for in Portuguese and Spanish);
- ``intent``: what the words say besides the subject (a thing sold or given away, a thing
  wanted, a request put down as an offer), read with the rest by the lexicon, and
  ``audience``: whom an offer serves and which side a need is on (a landlords' service
  is no help to a tenant, an employer's advert none to a need that seeks no work);
- ``readings``: the lexicon's readings kept beside the data, so a text is read once;
- ``matching``: needs scored against open offers and people's skills (a soft cosine over
  concepts and words, weighted by rarity), over an inverted index, plus
- ``meaning``: a small sentence model's cosine (all-MiniLM-L6-v2, numpy forward pass in
  ``encoder``, vectors cached per text), for needs told as stories that share no word
  with the offer ("the loo keeps running" ↔ "forty years fitting cisterns"); optional
  (the ``meaning`` extra), loaded only here; with
- ``kinds`` and ``bridge``: a catalogue of 308 kinds of help, each told as a need and as
  an offer, whose shipped centroids let a story meet the helper of its kind ("water
  through the ceiling" and "fitting radiators and soil stacks" both read as a plumber's);
- ``evidence``: the reasons in words ("tap → plumber (plumbing)"), the need and the offer
  quoted, the networks;
- ``ranking``: one suggestion per pair, never the user, never a pair already introduced
  or related, the cross-network bonus a tie-breaker only;
- ``records``: introductions already made and what came of them.

Plugins add matchers through ``suggest_introductions``; all suggestions are merged and
deduplicated. Recording introductions and outcomes is a use case:
``kith.services.introductions``.
"""

from __future__ import annotations

from itertools import islice
from typing import TYPE_CHECKING, Any

from kith.domain.serendipity import readings
from kith.domain.serendipity.lexicon import terms
from kith.domain.serendipity.matching import Matcher, Profile
from kith.domain.serendipity.ranking import Suggestion, acceptable, merge
from kith.domain.serendipity.records import introduced_before, introduced_pairs, summary

if TYPE_CHECKING:
    from kith.persistence.store import Store

__all__ = ["Matcher", "Profile", "Suggestion", "introduced_before", "introduced_pairs", "merge",
           "suggest", "suggest_and_pending", "summary", "terms"]


def suggest(store: Store, *, plugins: Any = None, person: str | None = None,
            limit: int = 10, known: set[frozenset[str]] | None = None) -> list[Suggestion]:
    """Ranked introductions from kith's matcher and every plugin's matchers, leaving out
    pairs already introduced and the ``known`` pairs (people who already know each
    other: the services pass the relationships)."""
    return suggest_and_pending(store, plugins=plugins, person=person, limit=limit,
                               known=known)[0]


def suggest_and_pending(store: Store, *, plugins: Any = None, person: str | None = None,
                        limit: int = 10, known: set[frozenset[str]] | None = None
                        ) -> tuple[list[Suggestion], int]:
    """``suggest``, and how many open needs and offers the meaning layer has not read
    yet (its time budget left them for a later run; 0 without the layer): counted while
    the vectors are prepared, not by reading the cache again."""
    plugins = plugins if plugins is not None else store.plugins
    docs = store.people_docs()
    opportunities = store.opportunities(status="open")
    vectors = _meaning(store, opportunities)
    pending = vectors.pending if vectors is not None else 0
    reader = readings.Reader(store.home / readings.CACHE_NAME)
    found = Matcher([Profile.of(doc) for doc in docs.values()], opportunities,
                    vectors, reader=reader).suggest(explain=False)
    reader.save()
    if plugins is not None and _asks_plugins(plugins):
        people = store.people()
        for plugin, result in plugins.collect("suggest_introductions", people=people,
                                              opportunities=opportunities):
            for item in result if isinstance(result, list) else []:
                if isinstance(item, Suggestion) and len(item.people) == 2:
                    found.append(Suggestion(
                        (str(item.people[0]), str(item.people[1])),
                        tuple(item.opportunities), max(0.0, min(1.0, float(item.score))),
                        list(item.evidence),
                        item.matcher if item.matcher != "kith" else plugin))
    names = {ident: str(doc.get("name") or ident).casefold() for ident, doc in docs.items()}
    found.sort(key=lambda s: (names.get(s.people[0], s.people[0]),  # ties: by name
                              names.get(s.people[1], s.people[1])))
    done = introduced_pairs(store) | (known or set())
    open_ids = {o.id for o in opportunities}
    # best first, checked only until ``limit`` are found (12k checks cost 40 ms)
    shown = (s for s in merge(found) if acceptable(s, done, open_ids, person))
    result = list(islice(shown, limit)) if limit else list(shown)
    return [s.finish() for s in result], pending


def _meaning(store: Store, opportunities: list[Any]) -> Any:
    """The sentence model's vectors of the open opportunities, from the derived cache
    file (computed for new texts only), or None where the meaning layer cannot run."""
    from kith.domain.serendipity import meaning

    return meaning.prepare(store.home / meaning.CACHE_NAME,
                           [o.text for o in opportunities if o.status == "open"])


def _asks_plugins(plugins: Any) -> bool:
    """Whether any plugin implements ``suggest_introductions`` (only then are the full
    person records built for them)."""
    implements = getattr(plugins, "implements", None)
    return bool(implements("suggest_introductions")) if callable(implements) else True
