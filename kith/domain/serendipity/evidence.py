"""Evidence in words: why two people should meet, as a person would say it.

A reason reads "leaking tap → plumber (plumbing)": the need's own words, the offer's
own words, and what they have in common; the need and the offer are quoted (shortened),
and the networks say where each was heard. Where the sentence model (``meaning``) made
most of a match, the reason quotes the two phrases it found closest: “the upstairs loo
keeps running after every flush” ≈ “Spent forty years fitting pipes, cisterns and
boilers” (close in meaning), with the kind of help both texts read as ("kind of help:
plumber", ``bridge``) before it. Nothing shows a stem or a score formula.
"""

from __future__ import annotations

from typing import Any

from kith.core.model import Opportunity
from kith.domain.serendipity.matching import Link, Match, Someone

QUOTE_CHARS = 70
PHRASE_CHARS = 60
PHRASE_MIN = 0.4
"""The least cosine of the two closest phrases for them to be quoted beside other reasons:
below it a reader of the evidence saw chance ("driving me mad" ≈ "Mr B"); with no
other reason they are quoted anyway, as the only one there is."""


def shorten(text: str, limit: int = QUOTE_CHARS) -> str:
    """``text`` on one line, cut at a word boundary with an ellipsis when too long."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:.")
    return cut + "…"


def describe_link(link: Link) -> str:
    """One matched pair of words: "tap → plumber (plumbing)", "Lisbon" when the same
    word, "co-founder → software engineer (co-founder, goes with software)"."""
    need = ", ".join(link.need_words)
    asked = {w.casefold() for w in link.need_words}
    # a word both wrote is said once, on the need's side ("brand → design, logos")
    offer = ", ".join([w for w in link.offer_words if w.casefold() not in asked]
                      or link.offer_words)
    if link.concept is None:
        return need if need.casefold() == offer.casefold() else f"{need} → {offer}"
    if link.related_to:
        return f"{need} → {offer} ({link.concept}, goes with {link.related_to})"
    if need.casefold() == offer.casefold():
        return need if need.casefold() == link.concept.casefold() else \
            f"{need} ({link.concept})"
    return f"{need} → {offer} ({link.concept})"


def _said_once(links: tuple[Link, ...]) -> list[Link]:
    """The links, less a plain word that a concept's link already quotes: a broad
    concept's word counts as a detail too ("brand" as design, and "brand" itself), but a
    person reads it once ("brand → brand, logos (design)", not "…; brand")."""
    quoted = {word.casefold() for link in links if link.concept is not None
              for word in (*link.need_words, *link.offer_words)}
    return [link for link in links if link.concept is not None
            or not {w.casefold() for w in link.need_words} <= quoted]


def _where(opportunity: Opportunity | None, person: Someone | None) -> list[str]:
    if opportunity is not None and opportunity.network:
        return [opportunity.network]
    return sorted(person.networks) if person else []


def explain(match: Match, people: dict[str, Someone]) -> tuple[list[str], dict[str, Any]]:
    """The evidence lines of a match, and the same facts as data (for ``--json``)."""
    need, offer = match.need, match.offer
    asker, partner = people.get(need.person), people.get(match.partner)
    asker_name = asker.name if asker else need.person
    partner_name = partner.name if partner else match.partner
    said = [describe_link(link) for link in _said_once(match.links)]
    phrases = match.phrases
    if match.kind:
        # the kind both texts read as, before the quotes: a line cut to a pane's width
        # still says it
        said.append(f"kind of help: {match.kind}")
    if phrases is not None and (not said or (match.similarity > match.score / 2
                                             and phrases[2] >= PHRASE_MIN)):
        # the sentence model made (most of) this match: the two phrases it found closest
        said.append(f"“{shorten(phrases[0], PHRASE_CHARS)}” ≈ "
                    f"“{shorten(phrases[1], PHRASE_CHARS)}” (close in meaning)")
    lines = ["matched: " + "; ".join(said)]
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
