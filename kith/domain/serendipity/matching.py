"""Scoring needs against offers (and against people's skills) by what they mean.

Each text becomes a weighted vector of *features*: its concepts (``@plumbing``) and its
other content words ("lisbon", "bakery"), weighted by how rare they are among the open
opportunities (inverse document frequency: a detail few share says more than a word
everyone uses). Concepts weigh ``CONCEPT_WEIGHT`` times a plain word, since they are what
a need is about; words tell apart offers of the same kind ("in Lisbon").

A need and an offer score their cosine, where two *related* concepts (a technical
co-founder and a software engineer) count as a fraction of the same concept (a "soft"
cosine). A pair that shares only plain words and no meaning at all is halved: a town in
common is not a reason to meet. There is no spelling-based near miss: a word counts only
when it is the same word or the lexicon says it means the same thing.

Only pairs that share a feature are ever scored (an inverted index), so 10k people and
5k open opportunities take well under a second.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from operator import itemgetter
from typing import TYPE_CHECKING, Any, NamedTuple

from kith.core.model import ME, Opportunity, Person
from kith.domain.serendipity.audience import OFFER_SIDES, against_codes, side_code
from kith.domain.serendipity.intent import ASKS, GOODS, UNAVAILABLE, WANTS_GOODS
from kith.domain.serendipity.lexicon import (
    CONCEPTS,
    DETAIL_STEMS,
    NEIGHBOURS,
    PLACE_LANGUAGES,
    WEAK,
    Reading,
    read,
)
from kith.domain.serendipity.written import UNREAD, written_in

if TYPE_CHECKING:
    from kith.domain.serendipity.ranking import Suggestion

CONCEPT_WEIGHT = 1.5
WEAK_WEIGHT = 0.5
WORDS_ONLY = 0.5
"""A pair sharing only plain words (no concept, no related concept) keeps this much."""
MIN_SCORE = 0.08
REPEAT = 1.0
"""How much each further cue of the same concept adds (logarithmically)."""
COMMON_SHARE = 50
"""A feature held by more than 1/50 of the offers (and more than 60) only adds to the
candidates rarer features found: scoring it against all its holders would cost the most
and change the top few the least."""
TOP_OFFERS = 5
TOP_PEOPLE = 3
SKILL_FACTOR = 0.7
"""A tag or a skill is weaker evidence than something the person said they offer."""
PLACE_LINK = 0.8
"""How much a place named in a need ("moving to Madrid") counts toward the language
spoken there (an offer of Spanish lessons), next to the need naming the language."""
MEANING_WEIGHT = 1.0
"""How much the sentence model's cosine (``meaning``) adds to the lexicon's score, above
``MEANING_FLOOR`` (the cosine of two unrelated texts is rarely below it): tuned on the
labelled and generated sets (0.8 to 1.3 score alike there; 1.0 loses on no other set);
the lexicon alone is 0."""
MEANING_FLOOR = 0.15
KIND_WEIGHT = 0.5
"""How much the bridge of kinds of help (``bridge.Kinds.affinity``: how alike a need's and
an offer's shares over the kinds are) adds to the model's cosine: from 0.4 to 0.75 it
ranks alike on the hand-written sets seen; above 0.5 the generated set's details (the
place, the occasion) start to lose to the kind."""
NOT_HELP_FACTOR = 0.5
"""What is left of the score of an offer whose words say it is no help to the need
(``intent``): a thing sold or given away, for a need that does not ask for a thing, or
someone's own request put down as an offer. A multiple, not a sum: such an offer shares
the need's words and meaning more than any helper does ("free to collector: old loo and
cistern" against a running loo), and a sum small enough to spare the rest left it first."""
OTHER_SIDE_FACTOR = 0.35
"""What is left of the score of an offer for the other side of the need (``audience``:
landlords for a tenant, an employer's advert for a need that seeks no work): from 0.25 to
0.35 the 26 hand-written sets rank alike (730 of 871 first, against 729 at 0.5 and 717
without it); the lower, the more a words-only match to the advert must lose."""
UNREAD_FACTOR = 0.5
"""What the model's cosine (and the kinds) keep for a need it cannot read (``written``):
half, since it reads only the English words mixed in ("IEP meeting", "funeral home");
against an offer it cannot read either, nothing."""
KIND_APART = 0.15
"""Below this affinity (``bridge``) a need and an offer read as different kinds of help."""
KIND_GATE = 0.5
"""How much of the words' score two texts of clearly different kinds lose (all of
``KIND_GATE`` at no affinity, none at ``KIND_APART``): the hand-written sets gain 4
first places of 240 and one in the top three; the generated set, whose offers differ by
a town only, loses 2.4 points (a gate on every affinity gained 7 there and lost 4.7)."""
NOT_HELP_WEIGHT = 0.3
"""What an offer that reads as selling, giving away or a thank-you (``kinds.NOT_HELP``)
loses against a need that does not read that way: "selling my accordion" is not
accordion lessons, but it is what "anyone selling an accordion?" asks for."""
MEANING_CANDIDATES = 8
"""A need's offers closest in meaning join the lexicon's candidates."""


@dataclass(frozen=True)
class Link:
    """One reason two texts match: the need's words, the offer's words, the concept (or
    ``None`` for the same plain word) and, for related concepts, the offer's concept."""

    need_words: tuple[str, ...]
    offer_words: tuple[str, ...]
    concept: str | None
    related_to: str | None = None


@dataclass(frozen=True)
class Profile:
    """What the matcher and its evidence read of a person, straight from the stored
    document: building 10k full ``Person`` records would cost more than the matching."""

    id: str
    name: str
    tags: tuple[str, ...] = ()
    networks: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, doc: dict[str, Any]) -> Profile:
        # the stored document's own dictionaries, not copies (nothing here changes them)
        return cls(doc["id"], doc.get("name") or doc["id"], tuple(doc.get("tags") or ()),
                   doc.get("networks") or {}, doc.get("extra") or {})


EXPANSIONS: dict[str, tuple[tuple[str, float], ...]] = {
    **{f"@{concept}": tuple((f"@{other}", strength) for other, strength in links.items())
       for concept, links in NEIGHBOURS.items()},
    **{place: ((f"@{language}", PLACE_LINK),) for place, language in PLACE_LANGUAGES.items()},
}
"""What each feature adds to a need's vector: its related concepts, or the language of a
place, with the link's strength (worked out once, not for every need)."""
_LANGUAGE = "@language"
_NAMED_LANGUAGE = " language"
_NAMED_ONLY = {_LANGUAGE: tuple((key, strength) for key, strength in EXPANSIONS[_LANGUAGE]
                                if not key.endswith(_NAMED_LANGUAGE))}
"""What language learning in general adds to a need that names its language ("my
Portuguese is at 'uma bica' level"): not every other named language, since an offer
listing Polish, Ukrainian and Russian is no help to a learner of Portuguese, yet each
of them added the link again (two named languages do not go together)."""


_WRITTEN_WORDS = {f"@{concept}": (f"written in {concept.removesuffix(_NAMED_LANGUAGE).title()}",)
                  for concept in CONCEPTS if concept.endswith(_NAMED_LANGUAGE)}
"""The words of a need's language when only the language it is written in says it."""


def _weakened(vector: dict[str, float], feature: str) -> dict[str, float]:
    """``vector`` with ``feature`` at ``WEAK_WEIGHT`` of its weight, normalised again: the
    language a need is written in says who could help, not what it asks (an offer of
    lessons in that language is no answer to a toothache written in it)."""
    weights = dict(vector)
    weights[feature] *= WEAK_WEIGHT
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    return {f: w / norm for f, w in weights.items()}


def expansions(feature: str, need: dict[str, Any]) -> tuple[tuple[str, float], ...]:
    """``EXPANSIONS`` of one of a need's features, less another named language when the
    need names its own (``_NAMED_ONLY``), and none for the language it is written in."""
    if feature == _LANGUAGE and any(key.endswith(_NAMED_LANGUAGE) and key[0] == "@"
                                    for key in need):
        return _NAMED_ONLY[_LANGUAGE]
    if feature.endswith(_NAMED_LANGUAGE) and need.get(feature) == _WRITTEN_WORDS.get(feature):
        return ()  # the language a need is written in asks for no language lessons
    return EXPANSIONS.get(feature, ())


WEAK_FEATURES = frozenset(f"@{concept}" for concept in WEAK)
_NO_HELP_NOW = frozenset({ASKS, UNAVAILABLE})
"""An offer that is someone's request, or is full for now: no help to any need."""

Someone = Person | Profile
"""A person as the matcher sees them: a full record, or its stored document's profile."""


@dataclass(eq=False)
class Match:
    """A scored need/offer (or need/person) pair; the links that made it are worked out
    only when asked for (only the suggestions shown need them). Not frozen: matches are
    made by the ten thousand, and a frozen dataclass pays for every field it sets."""

    need: Opportunity
    partner: str
    offer: Opportunity | None
    score: float
    need_features: dict[str, tuple[str, ...]] = field(repr=False, compare=False)
    partner_features: dict[str, tuple[str, ...]] = field(repr=False, compare=False)
    similarity: float = 0.0
    """The sentence model's share of the score, the bridge's affinity included (0 without
    the meaning layer)."""
    meaning: Any = field(default=None, repr=False, compare=False)
    strength: float | None = None
    """The score before it is capped at 1 (what suggestions are ranked by): with the
    meaning layer a strong match's words and meaning add up past 1, and capping them
    would tie the best few at 1.0 and leave their order to chance."""

    shares: tuple[Any, Any, Any] | None = field(default=None, repr=False, compare=False)
    """The bridge (``bridge.Kinds``) and the need's and the offer's shares over its
    kinds, when the bridge counted: read only for the evidence of what is shown."""
    intents: tuple[frozenset[str], frozenset[str]] = field(
        default=(frozenset(), frozenset()), repr=False, compare=False)
    """What the need's and the offer's words say besides their subject (``intent``,
    ``audience``), as the matcher read them: the evidence's notes, with no second
    reading (the lexicon's tables cost a run that read nothing new 60 ms to build)."""

    @cached_property
    def links(self) -> tuple[Link, ...]:
        return Matcher.links(self.need_features, self.partner_features)

    @cached_property
    def kind(self) -> str | None:
        """The kind of help both texts land on, in words ("plumber"), when likely."""
        if self.shares is None:
            return None
        kinds, need_share, offer_share = self.shares
        found: str | None = kinds.named(need_share, offer_share)
        return found

    @cached_property
    def phrases(self) -> tuple[str, str, float] | None:
        """The need's and the offer's phrases closest in meaning, when the model counted."""
        if self.meaning is None or self.offer is None or self.similarity <= 0.0:
            return None
        if any(UNREAD in said for said in self.intents):
            return None  # the model's closest phrases of a post it cannot read are chance
        found: tuple[str, str, float] | None = self.meaning.phrases(self.need.text,
                                                                    self.offer.text)
        return found


def _features(reading: Reading, tags: Iterable[str] = (),
              reader: Callable[[str], Reading] = read) -> dict[str, tuple[str, ...]]:
    """``feature -> words as written`` for a text's reading and its tags (read by
    ``reader``: the lexicon, or its readings kept from earlier runs)."""
    found: dict[str, tuple[str, ...]] = {f"@{c}": w for c, w in reading.concepts.items()}
    for stem_, surface in reading.words.items():
        found.setdefault(stem_, (surface,))
    for tag in tags:
        tag_reading = reader(tag.replace("-", " "))
        for concept, words in tag_reading.concepts.items():
            found.setdefault(f"@{concept}", words)
        for stem_, surface in tag_reading.words.items():
            found.setdefault(stem_, (surface,))
    return found


def _deferred(postings: dict[str, list[tuple[str, float]]],
              common: int) -> dict[str, dict[str, float]]:
    """The features that only refine the scores of candidates others found (held by more
    than ``common`` partners, or a broad concept's detail word: "java"), each with its
    holders' weights by holder, so that the candidates holding it are found by a set
    intersection rather than one look-up per candidate."""
    return {f: dict(p) for f, p in postings.items() if len(p) > common or f in DETAIL_STEMS}


def _means_something(need: dict[str, tuple[str, ...]],
                     partner: dict[str, tuple[str, ...]]) -> bool:
    """Whether ``Matcher.links`` would find a reason in meaning (a concept shared, a
    related concept, a place's language), not only a plain word, without writing the
    links out: a person's tags matched on a word alone are no reason to meet."""
    for feature in need:
        if feature[0] == "@":
            if feature in partner:
                return True
            for key, _strength in expansions(feature, need):
                if key in partner and key not in need:
                    return True
        elif (language := PLACE_LANGUAGES.get(feature)) is not None:
            key = f"@{language}"
            if key in partner and key not in need:
                return True
    return False


def _kind_weight(feature: str) -> float:
    if not feature.startswith("@"):
        return 1.0
    return CONCEPT_WEIGHT * (WEAK_WEIGHT if feature[1:] in WEAK else 1.0)


BLOCK = 64


def by_row_best_first(rows: Any, values: Any) -> Any:
    """The order of ``(row, value)`` entries by row, then largest value first (stable),
    as ``np.lexsort((-values, rows))`` gives it: one stable sort of a single key
    (``row × span − value``, each row's keys apart from the next's), five times cheaper
    than lexsort's two passes over 200k candidates. Two values closer than the key's
    rounding (about 1e-12 of ``row × span``) keep their order as a tie would: a
    difference no score shown or ranked can tell."""
    import numpy as np

    if len(values) == 0:
        return np.zeros(0, dtype=np.intp)
    values = np.asarray(values, dtype=np.float64)
    low = float(values.min())
    span = float(values.max()) - low + 1.0
    return np.argsort(np.asarray(rows, dtype=np.float64) * span - (values - low),
                      kind="stable")


def closest_columns(cosines: Any, k: int) -> Any:
    """Each row's ``k`` largest columns, largest first: the same as a partition of
    every row, a few times cheaper. The ``k``-th largest of a row's block maxima (one per
    ``BLOCK`` columns) is at most the row's ``k``-th largest value, so only the few
    values at or above it need sorting (for 2,500 needs by 2,500 offers: 40 ms, against
    110 to 230 ms for ``argpartition``)."""
    import numpy as np

    rows, width = cosines.shape
    if width <= k or rows == 0:
        order = np.argsort(-cosines, axis=1, kind="stable")
        return order[:, :min(k, width)]
    # the blocks as a view of the rows (no padded copy: it cost more than all the rest)
    full = width // BLOCK * BLOCK
    maxima = cosines[:, :full].reshape(rows, -1, BLOCK).max(2) if full else \
        np.zeros((rows, 0), dtype=cosines.dtype)
    if full < width:
        maxima = np.concatenate([maxima, cosines[:, full:].max(1, keepdims=True)], axis=1)
    if maxima.shape[1] < k:
        order = np.argsort(-cosines, axis=1, kind="stable")
        return order[:, :k]
    bound = np.partition(maxima, maxima.shape[1] - k, axis=1)[:, maxima.shape[1] - k]
    found_rows, found_cols = np.nonzero(cosines >= bound[:, None])
    order = by_row_best_first(found_rows, cosines[found_rows, found_cols])
    found_rows, found_cols = found_rows[order], found_cols[order]
    starts = np.searchsorted(found_rows, np.arange(rows))
    return found_cols[starts[:, None] + np.arange(k)[None, :]]


SKILL_FIELDS = ("skills", "position", "occupation", "job", "title")
"""A person's extra fields that say what they can do (matched like an offer's text)."""


def skill_texts(person: Someone) -> list[str]:
    """What a person's extra fields say they do: what a need meets when no offer does."""
    return [str(v) for k, v in person.extra.items() if k in SKILL_FIELDS]


class Similarities(NamedTuple):
    """What the meaning layer says of every need and offer at once (None without it)."""

    cosines: Any  # the model's cosine plus the bridge's affinity, needs by offers
    columns: dict[str, int]  # each offer's column
    closest: Any  # each need's closest offers, best first
    shares: tuple[Any, Any] | None  # the needs' and the offers' shares over the kinds
    bridged: Any  # the bridge's part of the cosines (its affinity, less not-help)


class Matcher:
    """kith's default matcher: concepts and words, weighted by rarity, soft cosine."""

    def __init__(self, people: Iterable[Someone], opportunities: list[Opportunity],
                 meaning: Any = None, kinds: Any = "shipped",
                 reader: Callable[[str], Reading] = read):
        people = list(people)
        self.meaning = meaning
        if kinds == "shipped":
            kinds = None
            if meaning is not None:  # the catalogue is read only with the model
                from kith.domain.serendipity import bridge

                kinds = bridge.shipped()
        self.kinds = kinds
        self.people = {p.id: p for p in people}
        self.opportunities = [o for o in opportunities if o.status == "open"
                              and o.person != ME]
        readings = {o.id: reader(o.text) for o in self.opportunities}  # each read once
        self.features = {o.id: _features(readings[o.id], o.tags, reader)
                         for o in self.opportunities}
        self.intents = {ident: reading.intent for ident, reading in readings.items()}
        # a post in another language: the model's reading of it counts less, and a
        # need's language is a hint of who could help ("written in Vietnamese")
        self.unread = frozenset(ident for ident, said in self.intents.items()
                                if UNREAD in said)
        written: dict[str, str] = {}
        for need in self.opportunities:
            language = written_in(self.intents[need.id]) if need.type == "need" else None
            feature = f"@{language} language"
            if language and feature in _WRITTEN_WORDS and feature not in self.features[need.id]:
                self.features[need.id][feature] = _WRITTEN_WORDS[feature]
                written[need.id] = feature
        # a request or an offer full for now is no help to any need; a thing sold or
        # given away, to a need that asks for no thing (``intent.no_help`` says the same)
        self.no_help_now = frozenset(o.id for o in self.opportunities if o.type == "offer"
                                     and not self.intents[o.id].isdisjoint(_NO_HELP_NOW))
        self.not_help = self.no_help_now | {o.id for o in self.opportunities
                                            if o.type == "offer"
                                            and GOODS in self.intents[o.id]}
        # the offers that name whom they serve, with the side codes of the needs they
        # serve the other side of (``audience.against_codes``)
        self.sided = {o.id: codes for o in self.opportunities if o.type == "offer"
                      and not self.intents[o.id].isdisjoint(OFFER_SIDES)
                      and (codes := against_codes(self.intents[o.id]))}
        # and each need's side (``audience.side_code``), which of those bits it reads
        self.sides = {o.id: side_code(self.intents[o.id]) for o in self.opportunities
                      if o.type == "need"}
        documents = len(self.features) or 1
        frequency: dict[str, int] = {}
        for found in self.features.values():
            for feature in found:
                frequency[feature] = frequency.get(feature, 0) + 1
        self.idf = {f: math.log((1 + documents) / (1 + n)) + 1 for f, n in frequency.items()}
        self.vectors = {ident: self._vector(found) for ident, found in self.features.items()}
        for ident, language in written.items():  # a hint of who can help, not the topic
            self.vectors[ident] = _weakened(self.vectors[ident], language)
        self.written = written
        self.by_id = {o.id: o for o in self.opportunities}
        self.owner = {o.id: o.person for o in self.opportunities}
        self.offers = [o for o in self.opportunities if o.type == "offer"]
        self.offer_ids = [o.id for o in self.offers]
        self.postings: dict[str, list[tuple[str, float]]] = {}
        for offer in self.offers:
            for feature, weight in self.vectors[offer.id].items():
                self.postings.setdefault(feature, []).append((offer.id, weight))
        self.holders = {f: [ident for ident, _ in p] for f, p in self.postings.items()}
        self.common = max(60, len(self.offers) // COMMON_SHARE)
        self.deferred = _deferred(self.postings, self.common)
        self.skills: dict[str, dict[str, tuple[str, ...]]] = {}
        self.skill_vectors: dict[str, dict[str, float]] = {}
        self.people_postings: dict[str, list[tuple[str, float]]] = {}
        known: dict[tuple[tuple[str, ...], tuple[str, ...]], dict[str, tuple[str, ...]]] = {}
        for person in people:
            if person.id == ME:
                continue
            texts = skill_texts(person)
            if not (person.tags or texts):
                continue
            # thousands of people share a tag or two: each set of them is read once
            key = (tuple(person.tags), tuple(texts))
            if key not in known:
                known[key] = _features(reader(" ; ".join(texts)), person.tags, reader)
            found = known[key]
            if not found:
                continue
            self.skills[person.id] = found
            vector = self.skill_vectors[person.id] = dict.fromkeys(found, 1.0)
            for feature, weight in vector.items():
                self.people_postings.setdefault(feature, []).append((person.id, weight))
        self.people_holders = {f: [ident for ident, _ in p]
                               for f, p in self.people_postings.items()}
        self.common_people = max(50, len(self.skills) // 50)
        self.deferred_people = _deferred(self.people_postings, self.common_people)

    def _vector(self, found: dict[str, tuple[str, ...]]) -> dict[str, float]:
        # a concept named several times ("developer, iOS, Android, Swift") is what the
        # text is about more than one named once in passing ("an app for dog walkers")
        weights = {f: _kind_weight(f) * self.idf.get(f, 1.0)
                   * (1.0 + REPEAT * math.log(len(words)) if f.startswith("@") else 1.0)
                   for f, words in found.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        return {f: w / norm for f, w in weights.items()}

    def _expanded(self, vector: dict[str, float]) -> dict[str, float]:
        """The need's vector with its related concepts added at their link's weight: a
        dot product with an offer's vector is then the soft cosine."""
        out = dict(vector)
        for feature, weight in vector.items():
            for key, strength in expansions(feature, vector):
                if key not in vector:
                    value = weight * strength
                    if value > out.get(key, 0.0):
                        out[key] = value
        return out

    def _scores_of(self, need: str) -> dict[str, float]:
        """``_scores`` of a need with the offers; the language it is written in counts
        only for the offers that share something else with it: an offer that speaks
        the asker's language is likelier to help, but one that shares nothing else is no
        help at all (Kreyòl lessons for children came first for a graduate's PEQ
        application written in Kreyòl, fresh33)."""
        expanded = self._expanded(self.vectors[need])
        hint = self.written.get(need)
        weight = expanded.pop(hint, 0.0) if hint is not None else 0.0
        found = self._scores(expanded, self.postings, self.holders, self.deferred)
        if weight:
            for ident, other in self.postings.get(hint or "", ()):
                if ident in found:
                    found[ident] += weight * other
        return found

    @staticmethod
    def links(need: dict[str, tuple[str, ...]],
              partner: dict[str, tuple[str, ...]]) -> tuple[Link, ...]:
        """What the two texts share, in the words each of them used."""
        found = []
        for feature, words in need.items():
            if feature in partner:
                concept = feature[1:] if feature.startswith("@") else None
                found.append(Link(words, partner[feature], concept))
        for feature, words in need.items():
            language = PLACE_LANGUAGES.get(feature)
            if language is not None and f"@{language}" in partner \
                    and f"@{language}" not in need:
                found.append(Link(words, partner[f"@{language}"], language))
            if not feature.startswith("@") or feature in partner:
                continue  # a concept both share says it already
            allowed = {key for key, _ in expansions(feature, need)}
            for other, _strength in sorted(NEIGHBOURS.get(feature[1:], {}).items(),
                                           key=lambda item: -item[1]):
                key = f"@{other}"
                if key in partner and key not in need and key in allowed:
                    found.append(Link(words, partner[key], feature[1:], other))
        # the same concept first, then related concepts, then plain words
        return tuple(sorted(found, key=lambda link: (
            2 if link.concept is None else 1 if link.related_to else 0)))

    @staticmethod
    def _scores(expanded: dict[str, float], postings: dict[str, list[tuple[str, float]]],
                holders: dict[str, list[str]], deferred: dict[str, dict[str, float]],
                fallback: bool = True) -> dict[str, float]:
        """The soft cosine of a need with every partner sharing a feature with it,
        accumulated posting by posting (a feature held by more than ``common`` partners
        is counted for the candidates others found, but finds none itself, unless no
        rarer feature found any and ``fallback``: then the least common of them finds
        them, for offers; a person's tag shared by hundreds says nothing); a partner
        that shares no concept, related or not, keeps ``WORDS_ONLY`` of its score."""
        dots: dict[str, float] = {}
        get = dots.get
        meaning: set[str] = set()
        later = []
        for feature, weight in expanded.items():
            posting = postings.get(feature)
            if not posting:
                continue
            if feature in deferred:
                later.append((feature, weight))
                continue
            for ident, other in posting:
                dots[ident] = get(ident, 0.0) + weight * other
            if feature[0] == "@" and feature not in WEAK_FEATURES:
                meaning.update(holders[feature])
        if not dots and later and fallback:
            later.sort(key=lambda item: len(postings[item[0]]))
            feature, weight = later.pop(0)
            dots = {ident: weight * other for ident, other in postings[feature]}
            if feature[0] == "@" and feature not in WEAK_FEATURES:
                meaning.update(holders[feature])
        for feature, weight in later:
            weights = deferred[feature]
            shared = weights.keys() & dots.keys()
            for ident in shared:
                dots[ident] += weight * weights[ident]
            if feature[0] == "@" and feature not in WEAK_FEATURES:
                meaning |= shared
        for ident in dots.keys() - meaning:
            dots[ident] *= WORDS_ONLY
        return dots

    def _no_help_to(self, need: Opportunity) -> frozenset[str]:
        """The offers whose words say they are no help to ``need`` (``NOT_HELP_FACTOR``)."""
        return self.no_help_now if WANTS_GOODS in self.intents[need.id] else self.not_help

    def _other_sides(self, needs: list[Opportunity]) -> list[frozenset[str]]:
        """Each need's offers that serve the other side of it (``audience``): a few
        offers, and at most 32 sides of needs, so each side's set is made once."""
        by_code: dict[int, frozenset[str]] = {}
        out = []
        for need in needs:
            code = self.sides[need.id]
            found = by_code.get(code)
            if found is None:
                found = by_code[code] = frozenset(ident for ident, codes in self.sided.items()
                                                  if codes >> code & 1)
            out.append(found)
        return out

    def _against_the_side(self, needs: list[Opportunity], rows: Any, cols: Any,
                          where: Callable[[str], int]) -> Any:
        """For each candidate (need ``rows``, offer ``cols``), whether the offer serves the
        other side of the need: one shift of the offer's codes by the need's side."""
        import numpy as np

        codes = np.zeros(len(self.offer_ids), dtype=np.int64)
        for ident, found in self.sided.items():
            codes[where(ident)] = found
        sides = np.array([self.sides[n.id] for n in needs], dtype=np.int64)
        return ((codes[cols] >> sides[rows]) & 1).astype(bool)

    def _best(self, scores: dict[str, float], owner: dict[str, str], asker: str, top: int,
              factor: float = 1.0) -> list[tuple[float, str]]:
        """The ``top`` best partners that are not the asker, at ``MIN_SCORE`` or more."""
        ranked = heapq.nlargest(top + 2, scores.items(), key=itemgetter(1))
        out = []
        for ident, value in ranked:
            value *= factor  # uncapped: the caller caps the score shown, not the rank
            if value >= MIN_SCORE and owner.get(ident, ident) != asker:
                out.append((value, ident))
        return out[:top]

    def _similarities(self, needs: list[Opportunity]) -> Similarities:
        """The sentence model's cosines of every need with every offer, plus the bridge's
        affinity where it is shipped, the offers' columns and each need's closest few
        (``Similarities``); all None without the meaning layer."""
        if self.meaning is None or not needs or not self.offers:
            return Similarities(None, {}, None, None, None)

        need_vectors = self.meaning.matrix([o.text for o in needs])
        offer_vectors = self.meaning.matrix([o.text for o in self.offers])
        cosines = need_vectors @ offer_vectors.T
        shares = bridged = None
        if self.kinds is not None:
            shares = (self.kinds.need_shares(need_vectors),
                      self.kinds.offer_shares(offer_vectors))
            # the bridge's part on its own (the gate on words reads it), then added in
            # place: two products, 384 and 309 wide, cost what one 693 wide does
            left, right = self.kinds.factors(*shares, KIND_WEIGHT, NOT_HELP_WEIGHT)
            bridged = left @ right.T
            cosines += bridged
        rows = [n for n, o in enumerate(needs) if o.id in self.unread]
        cols = [n for n, o in enumerate(self.offers) if o.id in self.unread]
        if rows:
            import numpy as np

            cosines[rows, :] *= UNREAD_FACTOR
            if bridged is not None:
                bridged[rows, :] *= UNREAD_FACTOR
        if rows and cols:  # two posts the model cannot read are close whatever they say
            cosines[np.ix_(rows, cols)] = 0.0
            if bridged is not None:
                bridged[np.ix_(rows, cols)] = 0.0
        columns = {o.id: n for n, o in enumerate(self.offers)}
        return Similarities(cosines, columns, closest_columns(cosines, MEANING_CANDIDATES),
                            shares, bridged)

    def _alike(self, similar: Similarities, rows: Any, cols: Any) -> Any:
        """The bridge's affinity of each (need, offer) at ``rows`` and ``cols``: its part
        of the cosines less the not-help part, over ``KIND_WEIGHT``."""
        import numpy as np

        assert self.kinds is not None and similar.shares is not None
        losing, offering = self.kinds.not_help_factors(*similar.shares, NOT_HELP_WEIGHT)
        part = similar.bridged[rows, cols].astype(float)
        part -= losing[rows, 0] * offering[cols, 0]
        return np.asarray(part / KIND_WEIGHT)

    def _best_in_meaning(self, needs: list[Opportunity], scores: list[dict[str, float]],
                         similar: Similarities) -> list[list[tuple[float, str, float]]]:
        """``_best`` with the meaning layer, for every need at once: each need's lexicon
        candidates and its closest offers in meaning, scored ``min(1, lexicon) +
        MEANING_WEIGHT × (cosine − MEANING_FLOOR)`` (the cosine's part never below 0),
        with that part (the evidence's ``similarity``). One flat array for all needs and
        one sort, not a few array operations per need (thousands of small ones cost more
        than the arithmetic)."""
        import numpy as np

        cosines, closest = similar.cosines, similar.closest
        ids, where = self.offer_ids, similar.columns.__getitem__
        flat: list[int] = []
        lexical: list[float] = []
        counts = []
        for found, near in zip(scores, closest.tolist(), strict=True):
            before = len(flat)
            flat += map(where, found)
            lexical += found.values()
            extra = [c for c in near if ids[c] not in found]
            flat += extra
            lexical += [0.0] * len(extra)
            counts.append(len(flat) - before)
        rows = np.repeat(np.arange(len(scores)), counts)
        cols = np.asarray(flat, dtype=np.intp)
        shares = cosines[rows, cols].astype(float) - MEANING_FLOOR
        np.maximum(shares, 0.0, out=shares)
        shares *= MEANING_WEIGHT
        if self.not_help or self.sided:  # the meaning's part of an offer no help, too
            wants = np.array([WANTS_GOODS in self.intents[n.id] for n in needs])
            goods = np.zeros(len(ids), dtype=bool)
            goods[[where(n) for n in self.not_help - self.no_help_now]] = True
            now = np.zeros(len(ids), dtype=bool)
            now[[where(n) for n in self.no_help_now]] = True
            shares[now[cols] | (goods[cols] & ~wants[rows])] *= NOT_HELP_FACTOR
            if self.sided:
                shares[self._against_the_side(needs, rows, cols, where)] *= OTHER_SIDE_FACTOR
        words = np.minimum(np.asarray(lexical, dtype=float), 1.0)
        if similar.bridged is not None and similar.shares is not None:
            # words shared by two texts the bridge reads as clearly different kinds of
            # help ("Detroit, hospital, nursing" in a tax question and a job advert)
            # count less, down to half at no affinity at all
            alike = self._alike(similar, rows, cols)
            read = similar.shares[0].any(axis=1)[rows] & similar.shares[1].any(axis=1)[cols]
            words *= np.where(read, 1.0 - KIND_GATE * np.maximum(0.0, KIND_APART - alike)
                              / KIND_APART, 1.0)
        total = words + shares
        if not len(total):
            return [[] for _ in needs]
        # each need's first few in that order, picked out in numpy: only they become
        # Python numbers (turning all 160k candidates into lists cost more than sorting);
        # a need with fewer candidates repeats the last one, and reads only its own
        order = by_row_best_first(rows, total)
        width = TOP_OFFERS + 2
        sizes = np.minimum(counts, width).tolist()
        starts = np.cumsum(counts) - counts
        picked = order[np.minimum(starts[:, None] + np.arange(width), len(order) - 1)]
        picked_totals, picked_parts = total[picked].tolist(), shares[picked].tolist()
        picked_offers = cols[picked].tolist()
        out = []
        for row, (need, size) in enumerate(zip(needs, sizes, strict=True)):
            best = []
            for place in range(size):
                value = picked_totals[row][place]
                ident = ids[picked_offers[row][place]]
                if value >= MIN_SCORE and self.owner.get(ident, ident) != need.person:
                    best.append((value, ident, picked_parts[row][place]))
            out.append(best[:TOP_OFFERS])
        return out

    def matches(self) -> list[Match]:
        """Every need's best few offers and best few skilled people."""
        out: list[Match] = []
        needs = [o for o in self.opportunities if o.type == "need"]
        similar = self._similarities(needs)
        cosines, columns, shares_of = similar.cosines, similar.columns, similar.shares
        scores = [self._scores_of(need.id) for need in needs]
        if self.not_help or self.sided:
            other = self._other_sides(needs)
            for need, found, against in zip(needs, scores, other, strict=True):
                for ident in self._no_help_to(need) & found.keys():
                    found[ident] *= NOT_HELP_FACTOR
                for ident in against & found.keys():
                    found[ident] *= OTHER_SIDE_FACTOR
        if cosines is not None:
            chosen = self._best_in_meaning(needs, scores, similar)
        else:
            chosen = [[(value, ident, 0.0) for value, ident
                       in self._best(found, self.owner, need.person, TOP_OFFERS)]
                      for need, found in zip(needs, scores, strict=True)]
        for row, (need, best) in enumerate(zip(needs, chosen, strict=True)):
            need_features = self.features[need.id]
            for value, offer_id, share in best:
                offer = self.by_id[offer_id]
                shares = None if shares_of is None else (
                    self.kinds, shares_of[0][row], shares_of[1][columns[offer_id]])
                match = Match(need, offer.person, offer, min(1.0, value), need_features,
                              self.features[offer_id], share, self.meaning, value,
                              shares, (self.intents[need.id], self.intents[offer_id]))
                if value - share <= 0.0 and (need.id in self.unread or offer_id in self.unread) \
                        and match.kind is None:
                    continue  # only the model's reading of a post it cannot read: no reason
                out.append(match)
            # a person's tags are a short list, not a text: what counts is how much of
            # the need they cover (its squared weights), not a cosine with a few words
            coverage = self._expanded({f: w * w for f, w in self.vectors[need.id].items()})
            people = self._scores(coverage, self.people_postings, self.people_holders,
                                  self.deferred_people, fallback=False)
            for value, person in self._best(people, {}, need.person, TOP_PEOPLE,
                                            SKILL_FACTOR):
                skills = self.skills[person]
                if _means_something(need_features, skills):
                    out.append(Match(need, person, None, min(1.0, value), need_features,
                                     skills, strength=value))
        return out

    def suggest(self, *, explain: bool = True) -> list[Suggestion]:
        """The matches as suggestions, with their evidence in words (or, with
        ``explain=False``, the evidence left to ``Suggestion.finish``: only the
        suggestions shown need it)."""
        from kith.domain.serendipity.ranking import Suggestion, networks_apart

        found = []
        for match in self.matches():
            first, second = self.people.get(match.need.person), self.people.get(match.partner)
            apart = networks_apart(first, second)
            ids = (match.need.id,) if match.offer is None else (match.need.id, match.offer.id)
            suggestion = Suggestion((match.need.person, match.partner), ids, match.score,
                                    apart=apart, pending=(match, self.people),
                                    strength=match.strength)
            found.append(suggestion.finish() if explain else suggestion)
        return found
