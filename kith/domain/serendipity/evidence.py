"""Evidence in words: why two people should meet, as a person would say it.

A reason reads "leaking tap → plumber (plumbing)": the need's own words, the offer's
own words, and what they have in common; the need and the offer are quoted (shortened),
and the networks say where each was heard. Where the sentence model (``meaning``) made
most of a match, the reason quotes the two phrases it found closest: “the upstairs loo
keeps running after every flush” ≈ “Spent forty years fitting pipes, cisterns and
boilers” (close in meaning), with the kind of help both texts read as ("kind of help:
plumber", ``bridge``) before it. Nothing shows a stem or a score formula. When the offer's
own words say it is no help to this need as it stands (a thing sold, a request, full for
now, an offer for the other side), a note says so: such an offer is ranked down, and when
it is shown all the same a person should know why it may not do.
"""

from __future__ import annotations

import re
from typing import Any

from kith.core.dates import WEEKDAYS
from kith.core.model import Opportunity
from kith.domain.serendipity import audience, intent
from kith.domain.serendipity.lexicon import TITLES
from kith.domain.serendipity.matching import Link, Match, Someone, skill_texts

QUOTE_CHARS = 70
PHRASE_CHARS = 60
LANGUAGE = " language"
CONCEPT_NAMES = {"trade": "import and export", "licensing": "licences and permits",
                 "cv": "CV", "it support": "IT support"}
"""Concepts named otherwise in the evidence than in the lexicon."""
OFFER_WORDS = 2
"""The offer's words quoted for one link: its first two ("knee → physio, physical
therapist", not "…, plantar fasciitis" too: a reader took a third word for a wrong one)."""
PHRASE_BESIDE = 0.5
"""The least cosine of the closest phrases for them to be quoted beside a concept both
texts name or a kind both read as: below it the quote was a sentence's opening clause
("The Men's Breakfast group has asked whether anyone knows a…"), no reason to a reader."""
PHRASE_MIN = 0.4
"""The least cosine of the two closest phrases for them to be quoted beside other reasons:
below it a reader of the evidence saw chance ("driving me mad" ≈ "Mr B"); with no
other reason they are quoted anyway, as the only one there is."""


ASKING = re.compile(r"^.{0,60}?\b(?:anyone|anybody|someone|somebody)\s+(?:knows?|has|have|"
                    r"recommend|got)\s+(?:of\s+)?(?:a|an|any|someone who|somebody who)?\s*",
                    re.IGNORECASE)
"""How a long ask opens before it says what it asks for ("The Men's Breakfast group has
asked whether anyone knows a …"): cut from a quote that must be short, the rest is the
reason."""


def shorten(text: str, limit: int = QUOTE_CHARS) -> str:
    """``text`` on one line, cut at a word boundary with an ellipsis when too long (and
    a long ask's opening words left out: "…solicitor who does wills")."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    opening = ASKING.match(flat)
    if opening is not None and len(flat) - opening.end() >= 12:
        return "…" + shorten(flat[opening.end():], limit - 1)
    cut = flat[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:.")
    return cut + "…"


def describe_link(link: Link) -> str:
    """One matched pair of words: "tap → plumber (plumbing)", "Lisbon" when the same
    word, "co-founder → software engineer (co-founder, goes with software)"."""
    need_words, offer_words = _named(link)
    need = ", ".join(need_words)
    asked = {w.casefold() for w in need_words}
    # a word both wrote is said once, on the need's side ("brand → design, logos")
    offer = ", ".join(([w for w in offer_words if w.casefold() not in asked]
                       or list(offer_words))[:OFFER_WORDS])
    if link.concept is None:
        return need if need.casefold() == offer.casefold() else f"{need} → {offer}"
    concept = name_of(link.concept)
    if link.related_to:
        return f"{need} → {offer} ({concept}, goes with {name_of(link.related_to)})"
    # a place's language is the reason itself: "lyon → French conversation (French language)"
    repeated = (need_words,) if link.concept.endswith(LANGUAGE) else (need_words, offer_words)
    if _says_nothing_more(concept, *repeated) or _only_who(link):
        return need if need.casefold() == offer.casefold() else f"{need} → {offer}"
    if need.casefold() == offer.casefold():
        return need if need.casefold() == concept.casefold() else f"{need} ({concept})"
    return f"{need} → {offer} ({concept})"


CHILDREN = frozenset("""kid kids child children son sons daughter daughters baby babies
    toddler toddlers little ones""".split())  # noqa: SIM905
"""Words that say who a need is for, not what it is: "kids → children" is both about
children, and "(childcare)" beside it misled a reader where the need was Irish lessons
or a will's guardians."""


def _only_who(link: Link) -> bool:
    return link.concept == "childcare" and all(
        set(w.casefold().split()) <= CHILDREN for w in (*link.need_words, *link.offer_words))


def name_of(concept: str) -> str:
    """A concept as the evidence names it, where the lexicon's own key misleads a reader
    ("customs (trade)" read as a trade like plumbing)."""
    if concept.endswith(LANGUAGE):
        return concept.removesuffix(LANGUAGE).title() + LANGUAGE
    return CONCEPT_NAMES.get(concept, concept)


def _named(link: Link) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The link's words, a language's name capitalised as in English ("Punjabi")."""
    if link.concept is None or not link.concept.endswith(LANGUAGE):
        return link.need_words, link.offer_words
    name = link.concept.removesuffix(LANGUAGE)

    def capital(words: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(re.sub(rf"\b{re.escape(name)}\b", name.title(), w, flags=re.IGNORECASE)
                     for w in words)
    return capital(link.need_words), capital(link.offer_words)


def _says_nothing_more(concept: str, *sides: tuple[str, ...]) -> bool:
    """Whether the concept's name only repeats the words quoted: "Punjabi", not
    "punjabi (punjabi language)"; "my French is → French", not "… (french language)"."""
    written = {token for side in sides for word in side
               for token in re.findall(r"[\w'’-]+", word.casefold())}
    return set(concept.casefold().removesuffix(LANGUAGE).split()) <= written


def _said_once(links: tuple[Link, ...]) -> list[Link]:
    """The links, less a plain word that a concept's link already quotes: a broad
    concept's word counts as a detail too ("brand" as design, and "brand" itself), but a
    person reads it once ("brand → brand, logos (design)", not "…; brand")."""
    quoted = {word.casefold() for link in links if link.concept is not None
              for word in (*link.need_words, *link.offer_words)}
    return [link for link in links if link.concept is not None
            or not {w.casefold() for w in link.need_words} <= quoted]


CALENDAR = frozenset(WEEKDAYS) | frozenset("""january february march april may june july
    august september october november december jan feb mar apr jun jul aug sep sept oct nov
    dec""".split())  # noqa: SIM905
"""Days and months: a date both mention says when, not why they should meet."""
NO_NAMES = CALENDAR | TITLES
"""Words written with a capital that name nothing both share ("June", "St" alone)."""
_TITLE = "|".join(sorted(TITLES))
TITLED = re.compile(rf"\b({_TITLE})\.$", re.IGNORECASE)
"""A title whose full stop opens no sentence ("St. Clair" is a name)."""
OPENERS = frozenset(".!?:;\n\"“(#")
"""What a word after it is capitalised for anyway (a sentence's first word is no name)."""


def _proper(word: str, text: str) -> str | None:
    """``word`` as ``text`` writes it when it is a name there (capitalised, not as a
    sentence's first word): "Kiama", "Lisbon"; None for a common word."""
    for found in re.finditer(rf"(?<![\w'’-]){re.escape(word)}(?![\w'’-])", text, re.IGNORECASE):
        written = found.group(0)
        before = text[:found.start()].rstrip()
        opens = not before or (before[-1] in OPENERS and not TITLED.search(before))
        if written[:1].isupper() and not opens and not written.isupper():
            return written
    return None


GENERAL = frozenset("""first last old best passed pass home homes people person peoples
    understand rest
    water fetch plan plans check checks checked post posts today tomorrow weekend
    weekends morning mornings evening evenings night nights minute minutes life family
    place places way ways back start started starting local area big small long even
    goes try trying keep kept done doing open call calls text message number sure friend
    friends group part full easy hard thanks thank ring rang phone dm inbox""".split())  # noqa: SIM905
"""Everyday words that two texts share by chance ("passed", "first", "home", "people",
"ring" for a chat): said alone as the reason a match was made, a reader of the evidence
(the seventh review) took them for noise; they are said only when nothing else can be. (The stop
words, "need", "help", "time", are never plain words at all: ``lexicon.STOP``.)"""


SETTING = frozenset({"housing"})
"""Concepts that say where a need is ("the landlord", "our flat") more than what it is:
beside another concept both name, a reader of the evidence (the ninth review) took
"landlord (housing)" beside the heating engineer for a boiler as noise."""


def worth_saying(links: list[Link], kind: str | None, need: str, offer: str,
                 *, everyday_too: bool = False) -> list[str]:
    """The links a person reads as reasons, in words. Beside a reason in meaning (a
    concept both texts name, or the kind of help both read as), a word the two merely
    share ("enduring", "first", "family") says nothing and is left out, unless it is a
    name both write as one ("Kiama", "Fort Bend": a place, a school, a firm); and a related
    concept ("music → mic (music, goes with audio)") is said only when no concept is
    shared, since a reader found such chains nonsense beside the real reason."""
    direct = [link for link in links if link.concept is not None and not link.related_to]
    meaning = bool(direct) or kind is not None
    links = _one_per_words(links)
    said = []
    names: list[str] = []
    for link in links:
        if link.concept is None:
            if not meaning:
                words = (*link.need_words, *link.offer_words)
                everyday = all(w.casefold() in GENERAL or w.casefold() in NO_NAMES
                               for w in words)  # "feb" is no reason either
                if all(len(w) > 2 for w in words) and (everyday_too or not everyday):
                    said.append(describe_link(link))  # not "te" (of "Te Whatu Ora")
                continue
            if {w.casefold().removesuffix("'s") for w in link.need_words} & NO_NAMES:
                continue  # "St" alone names nothing; "June", "Thursday" are no reason
            written = [_proper(w, need) for w in link.need_words]
            if all(written) and all(_proper(w, offer) for w in link.offer_words):
                names.append(" ".join(w for w in written if w))
            continue
        if link.related_to and direct:
            continue
        if link.concept in SETTING and any(other.concept not in SETTING for other in direct):
            continue  # "landlord (housing)" beside the heating engineer the boiler needs
        said.append(describe_link(link))
    joined = _joined(names, need, offer)
    # a name beside the reason is a detail both share, not the reason ("Detroit" alone
    # read as one to a reader of the evidence)
    return said + ([f"both mention {', '.join(joined)}"] if joined else [])


def _one_per_words(links: list[Link]) -> list[Link]:
    """One link for the same words on both sides, its concepts named together
    ("marathon → runner's (fitness, running)", not the same words twice)."""
    out: list[Link] = []
    where: dict[tuple[tuple[str, ...], tuple[str, ...]], int] = {}
    for link in links:
        key = (link.need_words, link.offer_words)
        if link.concept is None or link.related_to or key not in where:
            if link.concept is not None and not link.related_to:
                where[key] = len(out)
            out.append(link)
            continue
        held = out[where[key]]
        out[where[key]] = Link(held.need_words, held.offer_words,
                               f"{held.concept}, {link.concept}")
    return out


def _joined(names: list[str], need: str, offer: str) -> list[str]:
    """Names that stand side by side in both texts as one ("Fort" and "Bend"), with
    the abbreviated title both write before them ("St Clair")."""
    out: list[str] = []
    for name in names:
        if out and f"{out[-1]} {name}" in need and f"{out[-1]} {name}" in offer:
            out[-1] = f"{out[-1]} {name}"
        else:
            out.append(_titled(name, need, offer))
    return out


def _titled(name: str, need: str, offer: str) -> str:
    """``name`` with the title both texts write before it: "St Clair", else itself."""
    titles = set()
    for text in (need, offer):
        found = re.search(rf"\b({_TITLE})\.? {re.escape(name)}\b", text, re.IGNORECASE)
        if found is None:
            return name
        titles.add(found.group(1))
    return f"{titles.pop()} {name}" if len(titles) == 1 else name


def _where(opportunity: Opportunity | None, person: Someone | None) -> list[str]:
    if opportunity is not None and opportunity.network:
        return [opportunity.network]
    return sorted(person.networks) if person else []


def _skills_text(partner: Someone | None) -> str:
    """A person's tags and skills as one text (what a need meets when no offer does)."""
    return " ; ".join([*partner.tags, *skill_texts(partner)]) if partner else ""


TITLE_WORDS = 5
"""An offer's piece of this many words or fewer is a title ("Consultant physician, Salford
Royal", "Taking 2027 bookings now"): it says who the person is, not what they offer, and
quoted as the closest phrase beside other reasons a reader of the evidence (the seventh
review) took it for none; alone, it is quoted as the only reason there is."""

NOTES = {
    intent.ASKS: "the offer reads as someone's own request",
    intent.UNAVAILABLE: "the offer says it is full for now",
    intent.GOODS: "the offer is a thing sold or given away",
    audience.FOR_LANDLORDS: "the offer is for landlords, and this need is a tenant's",
    audience.FOR_TENANTS: "the offer is for tenants, and this need is a landlord's",
    audience.FOR_BUYERS: "the offer is for people buying a home",
    audience.HIRING: "the offer is a job advert, and this need looks for no work",
    audience.FOR_EMPLOYERS: "the offer is for employers, and this need is an employee's",
}
"""What each reason an offer is no help to a need (``intent.no_help``,
``audience.against``) is said as."""


def caveats(need: frozenset[str], offer: frozenset[str]) -> list[str]:
    """What the offer's own words say against it for this need (their ``intent`` and
    ``audience``, as the lexicon read them), in words; the matcher has ranked it down
    for each."""
    return [NOTES[name] for name in (*intent.no_help(offer, need),
                                     *audience.against(offer, need))]


def explain(match: Match, people: dict[str, Someone]) -> tuple[list[str], dict[str, Any]]:
    """The evidence lines of a match, and the same facts as data (for ``--json``)."""
    need, offer = match.need, match.offer
    asker, partner = people.get(need.person), people.get(match.partner)
    asker_name = asker.name if asker else need.person
    partner_name = partner.name if partner else match.partner
    offered = offer.text if offer is not None else _skills_text(partner)
    said = worth_saying(_said_once(match.links), match.kind, need.text, offered)
    phrases = match.phrases
    if not said and phrases is None:  # everyday words, when they are all there is
        said = worth_saying(_said_once(match.links), match.kind, need.text, offered,
                            everyday_too=True)
    if match.kind:
        # the kind both texts read as, before the quotes: a line cut to a pane's width
        # still says it
        said.append(f"kind of help: {match.kind}")
    least = PHRASE_BESIDE if (match.kind or any(
        link.concept is not None for link in match.links)) else PHRASE_MIN
    if phrases is not None and (not said or (match.similarity > match.score / 2
                                             and phrases[2] >= least
                                             and len(phrases[1].split()) > TITLE_WORDS)):
        # the sentence model made (most of) this match: the two phrases it found closest
        said.append(f"“{shorten(phrases[0], PHRASE_CHARS)}” ≈ "
                    f"“{shorten(phrases[1], PHRASE_CHARS)}” (close in meaning)")
    lines = ["matched: " + "; ".join(said)]
    notes = caveats(*match.intents) if offer is not None else []
    if notes:
        lines.append("note: " + "; ".join(notes))
    lines.append(f"{asker_name} needs: “{shorten(need.text)}”")
    if offer is not None:
        lines.append(f"{partner_name} offers: “{shorten(offer.text)}”")
    else:
        skills = list(partner.tags) if partner else []
        if partner:
            skills += [str(v) for k, v in partner.extra.items()
                       if k in ("skills", "position", "occupation", "job", "title")]
        lines.append(f"{partner_name}'s tags or skills: {shorten(', '.join(skills))}")
    need_nets, partner_nets = _where(need, asker), _where(offer, partner)
    details: dict[str, Any] = {
        "need": {"id": need.id, "text": need.text, "networks": need_nets},
        "offer": ({"id": offer.id, "text": offer.text, "networks": partner_nets}
                  if offer is not None else None),
        "matched": [{"need_words": list(link.need_words),
                     "offer_words": list(link.offer_words), "concept": link.concept,
                     "related_to": link.related_to} for link in match.links],
    }
    if match.kind:
        details["kind"] = match.kind  # named whether or not the quotes are
    if notes:
        details["notes"] = notes
    if phrases is not None:
        details["meaning"] = {"need_phrase": phrases[0], "offer_phrase": phrases[1],
                              "similarity": round(phrases[2], 3),
                              "share": round(match.similarity, 3), "kind": match.kind}
    return lines, details


def networks_line(apart: bool | None, first: Someone | None, second: Someone | None) -> str:
    """Where the two people are, and whether the introduction crosses networks."""
    def nets(person: Someone | None) -> str:
        return ", ".join(sorted(person.networks)) if person and person.networks else "none"

    names = (first.name if first else "?", second.name if second else "?")
    where = f"networks: {names[0]} in {nets(first)}, {names[1]} in {nets(second)}"
    if apart:
        return where + " — they share none of your networks"
    if apart is False:
        return where + " — they already share a network"
    return where
