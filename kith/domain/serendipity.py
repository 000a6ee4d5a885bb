"""Serendipity on purpose: needs and offers people mention, and the introductions they
suggest.

"If you listen hard enough, people will share opportunities that might be suitable for
someone else." The default matcher runs locally, with no network and no model:

- texts become *terms*: lower-cased words, stop words dropped, a light stemmer, and a small
  table of synonyms that maps everyday words for the same thing to one concept ("flat",
  "apartment" and "room to rent" are all *housing*);
- a need meets an offer when they share terms, weighted by TF-IDF over every open
  opportunity (rare words count more), plus shared tags, plus near-miss spellings
  (rapidfuzz);
- a need also meets a *person* whose tags or skills name what is needed;
- pairs whose people share none of the user's networks score a little higher: that is
  where serendipity is;
- pairs already introduced, and opportunities no longer open, are left out.

Only pairs that share at least one term or tag are ever scored (an inverted index), so
10k people and 5k open opportunities take well under a second. Plugins add matchers
through ``suggest_introductions``; all suggestions are merged and deduplicated.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from kith.core import clock
from kith.core.errors import NotFound, ValidationError
from kith.core.model import ME, Interaction, Opportunity, Person, Value
from kith.persistence.store.aggregates import totals_of

if TYPE_CHECKING:
    from kith.persistence.store import Store

STOP = set("""a an the and or but if of for to in on at by with from into onto about as is
are was were be been being have has had do does did i me my we our you your he she they
them their it its this that these those some any someone somebody anyone who whom which
what when where how why looking look need needs needed want wants wanting seek seeking
offer offers offering can could would will shall may might must please help helps able
also just very really more most much many lots lot new good great kind sort type one two
get got getting find finding know knows anybody hoping hope happy glad available free
has have around near next month week year time""".split())  # noqa: SIM905

SYNONYMS: dict[str, tuple[str, ...]] = {
    "develop": ("developer", "developers", "programmer", "programming", "coder", "coding",
                "software", "engineer", "engineering", "dev", "devs"),
    "python": ("python", "django", "flask", "pandas"),
    "data": ("data", "analytics", "analyst", "dashboard", "dashboards", "pipeline",
             "pipelines", "etl", "sql"),
    "design": ("design", "designer", "designers", "ux", "ui", "graphic", "visual", "brand",
               "branding", "logo", "identity"),
    "photo": ("photo", "photos", "photographer", "photography", "shoot", "shoots", "camera",
              "headshots", "portraits"),
    "housing": ("flat", "apartment", "room", "rooms", "rent", "renting", "rental", "lodger",
                "lodging", "housing", "house", "accommodation", "sublet", "tenant"),
    "job": ("job", "jobs", "role", "roles", "position", "hiring", "hire", "vacancy",
            "opening", "career", "employment", "recruit", "recruiting"),
    "legal": ("lawyer", "legal", "attorney", "solicitor", "contract", "contracts", "law"),
    "accounting": ("accountant", "accounting", "tax", "taxes", "bookkeeping", "bookkeeper",
                   "finance", "finances", "invoicing"),
    "childcare": ("babysitter", "babysitting", "childcare", "nanny", "childminder", "kids"),
    "teach": ("tutor", "tutoring", "teach", "teacher", "lessons", "lesson", "mentor",
              "mentoring", "coach", "coaching", "training", "course"),
    "advice": ("advice", "advise", "adviser", "advisor", "guidance", "tips", "consult",
               "consulting", "consultant"),
    "move": ("move", "moving", "movers", "van", "relocation", "relocating", "boxes"),
    "repair": ("repair", "repairs", "fix", "fixing", "handyman", "plumber", "plumbing",
               "electrician", "carpenter", "carpentry", "builder"),
    "car": ("car", "cars", "lift", "ride", "driving", "driver", "carpool"),
    "translate": ("translate", "translation", "translator", "interpreter", "language"),
    "marketing": ("marketing", "seo", "social media", "advertising", "ads", "campaign",
                  "copywriting", "copywriter", "content"),
    "music": ("music", "musician", "band", "singer", "choir", "piano", "guitar", "dj"),
    "event": ("venue", "event", "events", "hall", "catering", "caterer", "party"),
    "health": ("doctor", "nurse", "physio", "physiotherapist", "therapist", "dentist",
               "health", "medical"),
    "web": ("website", "web", "site", "wordpress", "frontend", "html"),
    "school": ("school", "schools", "university", "college", "degree", "admission",
               "admissions", "study", "studies"),
    "invest": ("investor", "investors", "funding", "fund", "angel", "seed", "capital",
               "investment"),
    "garden": ("garden", "gardener", "gardening", "landscaping", "plants"),
    "pet": ("dog", "dogs", "cat", "cats", "pet", "pets", "walker", "sitter"),
}
TOP_OFFERS = 5
TOP_PEOPLE = 3
CONCEPT = {word: concept for concept, words in SYNONYMS.items() for word in words}
SUFFIXES = ("ings", "ing", "ers", "er", "ies", "es", "ed", "s", "ly", "ment", "ion")


def stem(word: str) -> str:
    if word in CONCEPT:
        return CONCEPT[word]
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            base = word[: -len(suffix)]
            return CONCEPT.get(base, base)
    return word


def terms(text: str) -> list[str]:
    """The matching terms of a text (see the module docstring)."""
    lowered = text.lower()
    found = [CONCEPT[phrase] for phrase in ("social media",) if phrase in lowered]
    for word in re.findall(r"[a-z0-9][a-z0-9+#.-]*", lowered):
        word = word.strip(".-")
        if len(word) < 2 or word in STOP:
            continue
        found.append(stem(word))
    return found


@lru_cache(maxsize=20_000)
def words_behind(text: str) -> dict[str, set[str]]:
    """Which words of ``text`` became each term: evidence reads "housing (apartment,
    flat)", not just "housing"."""
    found: dict[str, set[str]] = {}
    for word in re.findall(r"[a-z0-9][a-z0-9+#.-]*", text.lower()):
        word = word.strip(".-")
        if len(word) >= 2 and word not in STOP:
            found.setdefault(stem(word), set()).add(word)
    return found


def _explain(term: str, *texts: str) -> str:
    words = set().union(*(words_behind(text).get(term, set()) for text in texts))
    return f"{term} ({', '.join(sorted(words))})" if words - {term} else term


@dataclass
class Suggestion:
    """Two people worth introducing, why, and how sure."""

    people: tuple[str, str]
    opportunities: tuple[str, ...]
    score: float
    evidence: list[str] = field(default_factory=list)
    matcher: str = "kith"

    def key(self) -> frozenset[str]:
        return frozenset(self.people)

    def to_dict(self, store: Store | None = None) -> dict[str, Any]:
        def who(ident: str) -> dict[str, str]:
            person = store.get_person(ident) if store else None
            return {"id": ident, "name": person.name if person else ident}

        return {"people": [who(p) for p in self.people],
                "opportunities": list(self.opportunities), "score": round(self.score, 3),
                "evidence": self.evidence, "matcher": self.matcher}


def introduced_pairs(store: Store) -> set[frozenset[str]]:
    pairs = set()
    for interaction in store.interactions(kind="introduction"):
        intro = interaction.meta.get("intro") or {}
        people = intro.get("people") or list(interaction.people)
        if len(people) >= 2:
            pairs.add(frozenset(people[:2]))
    return pairs


def introduced_before(store: Store, a: str, b: str) -> list[Interaction]:
    """Earlier introductions of ``a`` and ``b`` to each other, oldest first."""
    pair = frozenset((a, b))
    found = []
    for interaction in store.interactions(kind="introduction"):
        intro = interaction.meta.get("intro") or {}
        people = intro.get("people") or list(interaction.people)
        if frozenset(people[:2]) == pair:
            found.append(interaction)
    return found


class Matcher:
    """kith's default matcher (TF-IDF over terms, tags, fuzzy terms, network bonus)."""

    def __init__(self, people: list[Person], opportunities: list[Opportunity]):
        self.people = {p.id: p for p in people}
        self.opportunities = [o for o in opportunities if o.status == "open"]
        self.bags = {o.id: Counter(terms(o.text) + [f"#{t}" for t in o.tags])
                     for o in self.opportunities}
        documents = len(self.bags) or 1
        frequency: Counter[str] = Counter()
        for bag in self.bags.values():
            frequency.update(set(bag))
        self.idf = {t: math.log((1 + documents) / (1 + n)) + 1 for t, n in frequency.items()}
        self.vectors: dict[str, dict[str, float]] = {}
        for ident, bag in self.bags.items():
            weights = {t: c * self.idf[t] for t, c in bag.items()}
            norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
            self.vectors[ident] = {t: w / norm for t, w in weights.items()}
        self.offers_by_term: dict[str, list[Opportunity]] = {}
        for opportunity in self.opportunities:
            if opportunity.type == "offer":
                for term in self.bags[opportunity.id]:
                    self.offers_by_term.setdefault(term, []).append(opportunity)
        self.people_by_term: dict[str, list[str]] = {}
        self.person_terms: dict[str, set[str]] = {}
        for person in people:
            skills = list(person.tags) + [str(v) for k, v in person.extra.items()
                                          if k in ("skills", "position", "organisation")]
            found = {stem(w) for skill in skills for w in terms(skill)}
            self.person_terms[person.id] = found
            for term in found:
                self.people_by_term.setdefault(term, []).append(person.id)
        self.offer_terms = list(self.offers_by_term)
        self.postings = {term: [(o.id, self.vectors[o.id][term]) for o in offers_with]
                         for term, offers_with in self.offers_by_term.items()}
        offers = sum(o.type == "offer" for o in self.opportunities)
        # a term in a large share of offers ("in", a city) finds no one in particular: it
        # still counts in the score, but does not make every offer a candidate
        self.common = max(50, offers // 20)
        self.common_people = max(50, len(people) // 50)

    def _cosine(self, a: str, b: str) -> tuple[float, list[str]]:
        first, second = self.vectors[a], self.vectors[b]
        if len(second) < len(first):
            first, second = second, first
        shared = [t for t in first if t in second]
        return sum(first[t] * second[t] for t in shared), shared

    def _networks_apart(self, first: str, second: str) -> bool | None:
        a, b = self.people.get(first), self.people.get(second)
        if not a or not b or not a.networks or not b.networks:
            return None
        return not (set(a.networks) & set(b.networks))

    def suggest(self) -> list[Suggestion]:
        from rapidfuzz import fuzz, process

        suggestions = []
        by_id = {o.id: o for o in self.opportunities}
        for need in (o for o in self.opportunities if o.type == "need"):
            need_vector = self.vectors[need.id]
            dots: dict[str, float] = {}
            fuzzy: dict[str, list[str]] = {}
            common_terms = []
            for term, weight in need_vector.items():
                posting = self.postings.get(term, ())
                if len(posting) > self.common:
                    common_terms.append((term, weight))
                    continue
                for offer_id, offer_weight in posting:  # cosine, accumulated term by term
                    dots[offer_id] = dots.get(offer_id, 0.0) + weight * offer_weight
                if term.startswith("#") or len(term) < 5 or term in self.offers_by_term:
                    continue
                for match, _score, _ in process.extract(term, self.offer_terms,
                                                       scorer=fuzz.ratio, limit=3,
                                                       score_cutoff=85):
                    for offer in self.offers_by_term[match]:
                        dots.setdefault(offer.id, 0.0)
                        fuzzy.setdefault(offer.id, []).append(f"{term}~{match}")
            for term, weight in common_terms:  # counted, but only for the candidates
                for offer_id in dots:
                    dots[offer_id] += weight * self.vectors[offer_id].get(term, 0.0)
            scored = []
            for offer_id, cosine in dots.items():
                offer = by_id[offer_id]
                if offer.person == need.person:
                    continue
                near = fuzzy.get(offer_id, [])
                score = min(1.0, cosine + 0.15 * len(near))
                if score >= 0.08:
                    scored.append((score, offer_id, offer, near))
            # a need has a handful of plausible partners: keep its best few
            for score, offer_id, offer, near in heapq.nlargest(TOP_OFFERS, scored):
                shared = self._cosine(need.id, offer_id)[1]
                evidence = []
                words = sorted(t for t in shared if not t.startswith("#"))
                tags = sorted(t[1:] for t in shared if t.startswith("#"))
                if words:
                    evidence.append("shared terms: " + ", ".join(
                        _explain(w, need.text, offer.text) for w in words))
                if tags:
                    evidence.append("shared tags: " + ", ".join(tags))
                if near:
                    evidence.append("similar words: " + ", ".join(near))
                apart = self._networks_apart(need.person, offer.person)
                if apart:
                    score = min(1.0, score * 1.1)
                    evidence.append("they are in different networks of yours")
                elif apart is False:
                    evidence.append("they already share a network")
                suggestions.append(Suggestion((need.person, offer.person),
                                              (need.id, offer.id), score, evidence))
            people_hits: Counter[str] = Counter()
            for term in self.bags[need.id]:
                holders = self.people_by_term.get(term.lstrip("#"), [])
                if len(holders) > self.common_people:
                    continue  # a skill half your contacts share points to no one
                for person in holders:
                    people_hits[person] += 1
            need_terms = {t.lstrip("#") for t in self.bags[need.id]}
            likely = heapq.nlargest(TOP_PEOPLE * 4, ((hits, p) for p, hits in
                                                     people_hits.items()
                                                     if p not in (need.person, ME)))
            closest = heapq.nlargest(TOP_PEOPLE, ((hits, self._networks_apart(need.person, p)
                                                   is True, p) for hits, p in likely))
            for hits, apart, person in closest:
                score = 0.6 * hits / max(1, len(need_terms)) * (1.1 if apart else 1.0)
                if score < 0.1:
                    continue
                matched = ", ".join(sorted(need_terms & self.person_terms[person]))
                suggestions.append(Suggestion(
                    (need.person, person), (need.id,), min(1.0, score),
                    [f"{self.people[person].name}'s tags or skills match: {matched}"]))
        return suggestions


def merge(suggestions: Iterable[Suggestion]) -> list[Suggestion]:
    """One suggestion per pair of people: the best score wins; opportunities and
    evidence from every matcher are kept."""
    merged: dict[frozenset[str], Suggestion] = {}
    for suggestion in suggestions:
        key = suggestion.key()
        existing = merged.get(key)
        if existing is None:
            merged[key] = Suggestion(suggestion.people, suggestion.opportunities,
                                     suggestion.score, list(suggestion.evidence),
                                     suggestion.matcher)
            continue
        if suggestion.score > existing.score:
            existing.score, existing.matcher = suggestion.score, suggestion.matcher
        existing.evidence += [e for e in suggestion.evidence if e not in existing.evidence]
        existing.opportunities = tuple(dict.fromkeys([*existing.opportunities,
                                                      *suggestion.opportunities]))
    return sorted(merged.values(), key=lambda s: -s.score)  # stable: ties keep their order


def suggest(store: Store, *, plugins: Any = None, person: str | None = None,
            limit: int = 10) -> list[Suggestion]:
    """Ranked introductions from kith's matcher and every plugin's matchers."""
    plugins = plugins if plugins is not None else store.plugins
    people = store.people()
    opportunities = store.opportunities(status="open")
    found = Matcher(people, opportunities).suggest()
    if plugins is not None:
        for plugin, result in plugins.collect("suggest_introductions", people=people,
                                              opportunities=opportunities):
            for item in result if isinstance(result, list) else []:
                if isinstance(item, Suggestion) and len(item.people) == 2:
                    found.append(Suggestion(tuple(item.people), tuple(item.opportunities),  # type: ignore[arg-type]
                                            max(0.0, min(1.0, float(item.score))),
                                            list(item.evidence), item.matcher if
                                            item.matcher != "kith" else plugin))
    names = {p.id: p.name.casefold() for p in people}
    found.sort(key=lambda s: tuple(names.get(p, p) for p in s.people))  # ties: by name
    done = introduced_pairs(store) | store.related_pairs()  # they already know each other
    open_ids = {o.id for o in opportunities}
    result = [s for s in merge(found) if frozenset(s.people) not in done
              and s.people[0] != s.people[1] and all(o in open_ids for o in s.opportunities)
              and (person is None or person in s.people)]
    return result[:limit] if limit else result


def _network_for(store: Store, a: Person, b: Person, opportunities: list[Opportunity],
                 network: str | None) -> str:
    if network:
        found = store.find_network(network)
        assert found is not None
        return found.id
    for opportunity in opportunities:
        if opportunity.type == "need" and opportunity.network:
            return opportunity.network
    for opportunity in opportunities:
        if opportunity.network:
            return opportunity.network
    shared = [n for n in a.networks if n in b.networks] or list(a.networks) or list(b.networks)
    if shared:
        return shared[0]
    raise ValidationError(f"where did this happen? {a.name} and {b.name} are in none of your "
                          "networks: pass --network")


def make_introduction(store: Store, a: str, b: str, *, note: str = "",
                      network: str | None = None, opportunities: tuple[str, ...] = (),
                      when: datetime | None = None) -> Interaction:
    """Record that the user introduced ``a`` and ``b``: a favour given, in the network
    where the need was heard; the opportunities become ``introduced``."""
    first, second = store.find_person(a), store.find_person(b)
    if first.id == second.id:
        raise ValidationError("an introduction needs two different people")
    if ME in (first.id, second.id):
        raise ValidationError("you cannot introduce yourself; log a conversation instead")
    opps = [store.get_opportunity(o) for o in opportunities]
    for opp in opps:
        if opp.status == "closed":
            raise ValidationError(f"opportunity {opp.id} is closed")
    if not opps:  # the ones that made them a match, if kith would have suggested them
        pair = frozenset((first.id, second.id))
        matched = next((s for s in suggest(store, person=first.id, limit=0)
                        if s.key() == pair), None)
        opps = [store.get_opportunity(o) for o in matched.opportunities] if matched else []
    where = _network_for(store, first, second, opps, network)
    moment = when or clock.now()
    with store.transaction():
        intro = store.record(Interaction.create(
            when=moment, network=where, people=[first.id, second.id], direction="gave",
            kind="introduction", note=note,
            meta={"intro": {"people": [first.id, second.id],
                            "opportunities": [o.id for o in opps], "outcomes": []}}))
        for opp in opps:
            store.save_opportunity(opp.with_changes(
                status="introduced", meta={**opp.meta, "introduction": intro.id}))
    return intro


def record_outcome(store: Store, introduction_id: str, *, led_to: str, for_me: bool = False,
                   value: Value | None = None, when: datetime | None = None
                   ) -> Interaction | None:
    """What an introduction led to. It shows in both people's timelines (the
    introduction's note and meta); with ``for_me``, value came back to the user: a
    ``received`` interaction in that network, linked to the introduction, which the
    ledger counts as return through introductions."""
    if not led_to.strip():
        raise ValidationError("say what it led to: --led-to TEXT")
    intro = store.get_interaction(introduction_id)
    if intro.kind != "introduction" or "intro" not in intro.meta:
        raise NotFound(f"{introduction_id} is not an introduction (see `kith intro list`)")
    moment = when or clock.now()
    details = dict(intro.meta["intro"])
    details["outcomes"] = [*details.get("outcomes", []), {
        "when": moment.isoformat(timespec="seconds"), "led_to": led_to.strip(),
        "for_me": for_me}]
    note = f"{intro.note} | led to: {led_to.strip()}".strip(" |")
    with store.transaction():
        store.replace_interaction(intro.with_changes(meta={**intro.meta, "intro": details},
                                                     note=note), announce=False)
        if not for_me:
            return None
        return store.record(Interaction.create(
            when=moment, network=intro.network, people=list(intro.people),
            direction="received", kind="referral", value=value or Value(favours=1),
            note=f"through an introduction: {led_to.strip()}",
            meta={"introduction": intro.id}))


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
