"""Evaluation of the default introduction matcher (issue 7): top-1 and top-3 accuracy.

How the labelled set is generated (deterministic, seed 42), so anyone can rebuild it:

- 25 everyday domains (housing, a developer, a photographer, childcare, legal help, ...).
  Each has several ways to *ask* and several ways to *offer*, written as people talk,
  deliberately with different words on the two sides ("looking for a flat" /
  "spare room to let"), some of which are NOT in kith's synonym table (so the set does not
  just mirror the table).
- Each need gets one right partner: an offer in the same domain that also shares one
  specific detail (a place, a trade, an occasion: "in Lisbon", "for a bakery"), drawn
  from 40 details; every domain has 8-9 needs, so the matcher must tell same-domain offers
  apart by that detail, as a person would.
- 60 distractor offers (other domains, shared details) and 60 people with tags are added.
- People are spread over 8 networks at random.

For every need, the matcher's suggestions involving that need are ranked (by rank: the
score plus the cross-network tie-breaker); top-k accuracy is the share of needs whose
right offer is among the first k.

Issue 28 adds two hand-written sets in ``bench/serendipity_sets/`` (see its README),
written by someone who had not seen the matcher: ``labelled.json`` (121 pairs, 115
distractors that share words with them) to develop against, and ``holdout.json`` (30
pairs, 36 distractors) to measure only. Each is scored on its own, as the README says:
the offer pool is every pair's offer plus the offer distractors; every pair's need is
ranked against the whole pool. For the held-out set only the ids and categories of the
misses are printed, never their texts, so that nobody tunes the lexicon on them.

``fresh.json`` (30 pairs, 30 distractors) was written for issue 28 by a helper who had
never seen the matcher, after the lexicon work was finished, and measured once
(``--fresh``; misses by id and category only, like the held-out set).

Both have since been read, to find the *kinds* of failure they showed (the second pass
of issue 28): they are no longer blind, and ``--texts`` prints their misses' texts too.
A set nobody tuned on is the only fair measure from now on.

``--against DIR`` runs the same evaluation with the kith of another checkout (the main
one, say) first, so that the figures print before → after.

``--set PATH`` measures any other file in the same format (misses by id only: a blind
set stays blind). Where the meaning layer can run (issue 28's third pass: the ``meaning``
extra installed), the matcher uses it, as ``kith intro suggest`` does; ``--lexicon-only``
measures the lexicon alone, and ``KITH_KINDS=off`` the lexicon and the model without the
bridge of kinds of help (``kith.domain.serendipity.bridge``). Its vectors are cached under
bench/data/meaning/. Every text is embedded before a set is measured (the time budget of
a first ``kith intro suggest``, ``KITH_MEANING_BUDGET``, is lifted unless it is set): with
the budget, a new set's first run read only the texts embedded within 3 s and measured
the lexicon for the rest (fresh16 read so: 56.7% / 60.0%, against 93.3% / 96.7% whole).

Usage: ``python bench/serendipity_eval.py [--quiet] [--holdout] [--fresh] [--fresh2]
[--set PATH] [--texts] [--lexicon-only] [--against DIR]`` (writes the generated set to
bench/data/eval.json).
"""

from __future__ import annotations

import json
import random
import re
import sys
from datetime import UTC, datetime
from pathlib import Path

from kith.core.model import Opportunity, Person
from kith.domain.serendipity import Matcher

DOMAINS = {
    "housing": (["looking for a flat {d}", "need an apartment {d}", "searching for somewhere "
                 "to live {d}", "anyone renting a place {d}?"],
                ["spare room to let {d}", "my flat {d} is free from next month",
                 "we rent out an apartment {d}", "a room for a lodger {d}"]),
    "developer": (["need a programmer to build our app {d}", "looking for a software "
                   "developer {d}", "who can code a small tool for us {d}?"],
                  ["freelance developer, I build apps {d}", "software engineer taking on "
                   "side projects {d}", "I write code for small businesses {d}"]),
    "photographer": (["need a photographer {d}", "someone to take photos {d}",
                      "looking for headshots {d}"],
                     ["I do photography {d}", "photographer with free dates {d}",
                      "portrait and event photos {d}"]),
    "childcare": (["need a babysitter {d}", "looking for a nanny {d}", "someone to mind the "
                   "kids {d}"], ["experienced babysitter {d}", "childminder with spaces {d}",
                                 "I look after children {d}"]),
    "lawyer": (["need a lawyer {d}", "legal advice on a contract {d}", "looking for an "
                "attorney {d}"], ["solicitor, contracts and disputes {d}", "I practise law "
                                  "{d}", "legal help for small firms {d}"]),
    "accountant": (["need help with my tax return {d}", "looking for a bookkeeper {d}",
                    "an accountant {d}?"], ["accountant taking new clients {d}",
                                            "bookkeeping and taxes {d}",
                                            "I sort out finances {d}"]),
    "mover": (["need help moving house {d}", "anyone with a van {d}?", "relocating {d}"],
              ["I have a van and free weekends {d}", "moving help {d}",
               "removals and relocation {d}"]),
    "plumber": (["leaking pipe, need a plumber {d}", "bathroom repair {d}",
                 "someone to fix the heating {d}"], ["plumbing and heating {d}",
                                                     "handyman, repairs {d}",
                                                     "I fix pipes and boilers {d}"]),
    "designer": (["need a logo {d}", "looking for a graphic designer {d}", "branding for "
                  "my shop {d}"], ["graphic designer, logos and branding {d}",
                                   "I design visual identities {d}",
                                   "brand design {d}"]),
    "translator": (["need a translation {d}", "someone to translate documents {d}",
                    "an interpreter {d}"], ["translator {d}", "I translate and interpret {d}",
                                            "translation services {d}"]),
    "tutor": (["need a maths tutor {d}", "lessons for my son {d}", "someone to teach "
               "piano {d}"], ["tutoring {d}", "I teach lessons {d}", "experienced teacher "
                                                                     "{d}"]),
    "job": (["looking for a job {d}", "searching for a new role {d}", "open to work {d}"],
            ["we are hiring {d}", "a vacancy in my team {d}", "position open {d}"]),
    "investor": (["raising a seed round {d}", "looking for investors {d}",
                  "need funding {d}"], ["angel investor {d}", "I invest in early startups {d}",
                                        "capital for founders {d}"]),
    "marketing": (["need help with marketing {d}", "someone for social media {d}",
                   "ads for my product {d}"], ["marketing consultant {d}",
                                               "social media campaigns {d}",
                                               "I run ad campaigns {d}"]),
    "venue": (["need a venue {d}", "a hall for a party {d}", "space for an event {d}"],
              ["our hall can be booked {d}", "event space {d}", "venue hire {d}"]),
    "dogwalker": (["someone to walk my dog {d}", "pet sitter {d}", "look after my cat {d}"],
                  ["dog walker {d}", "I pet-sit {d}", "happy to walk dogs {d}"]),
    "gardener": (["garden needs work {d}", "looking for a gardener {d}", "landscaping {d}"],
                 ["gardening jobs {d}", "I do landscaping {d}", "gardener with free days {d}"]),
    "mechanic": (["car broke down {d}", "need a mechanic {d}", "someone to service my "
                  "car {d}"], ["mechanic {d}", "car repairs and servicing {d}",
                               "I fix cars {d}"]),
    "web": (["need a website {d}", "someone to build our site {d}", "wordpress help {d}"],
            ["web developer {d}", "I build websites {d}", "wordpress sites {d}"]),
    "musician": (["need a band {d}", "a singer for our wedding {d}", "music for a party {d}"],
                 ["our band plays {d}", "I sing at weddings {d}", "DJ and live music {d}"]),
    "physio": (["back pain, need a physio {d}", "sports injury {d}", "a therapist for my "
                "knee {d}"], ["physiotherapist {d}", "I treat sports injuries {d}",
                              "physio with openings {d}"]),
    "caterer": (["need catering {d}", "food for a party {d}", "someone to cook for 50 {d}"],
                ["caterer {d}", "I cook for events {d}", "catering and buffets {d}"]),
    "mentor": (["looking for a mentor {d}", "career advice {d}", "guidance for a career "
                "change {d}"], ["happy to mentor {d}", "career coaching {d}",
                                "I give career advice {d}"]),
    "school": (["applying to university {d}", "advice on admissions {d}", "which college "
                "{d}?"], ["I work in admissions {d}", "university applications help {d}",
                          "college advice {d}"]),
    "carpenter": (["need shelves built {d}", "looking for a carpenter {d}",
                   "furniture repair {d}"], ["carpenter {d}", "I build furniture {d}",
                                             "carpentry and joinery {d}"]),
}
DETAILS = ["in Lisbon", "in Leeds", "in Porto", "in Bristol", "in Ghent", "in Turin",
           "in Bergen", "in Krakow", "for a bakery", "for a dentist", "for a charity",
           "for a wedding", "for a school", "for a brewery", "for a bookshop",
           "for a gym", "near the station", "near the hospital", "near the river",
           "by the harbour", "in the old town", "for a startup", "for a museum",
           "for a theatre", "for a florist", "for a farm", "for a hotel", "for a clinic",
           "in Galway", "in Utrecht", "in Seville", "in Graz", "for a choir",
           "for a cafe", "for a garage", "for a library", "in Tartu", "in Split",
           "for a vineyard", "for a kindergarten"]
NETWORKS = ["church", "guild", "meetup", "climbing", "linkedin", "mastodon", "choir", "school"]


def build(seed: int = 42) -> dict:
    rng = random.Random(seed)
    when = datetime(2026, 1, 1, tzinfo=UTC)
    people, opportunities, truth = [], [], {}
    n = 0

    def person(tags: tuple[str, ...] = ()) -> Person:
        nonlocal n
        n += 1
        nets = {net: None for net in rng.sample(NETWORKS, k=rng.choice([1, 1, 2]))}
        created = Person(id=f"p{n}", name=f"Person {n}", tags=tags, networks=nets)
        people.append(created)
        return created

    for asks, offers in DOMAINS.values():
        details = rng.sample(DETAILS, k=rng.choice([8, 9]))
        for detail in details:
            asker, giver = person(), person()
            need = Opportunity(id=f"n{len(opportunities)}", person=asker.id, type="need",
                               text=rng.choice(asks).format(d=detail), when=when)
            offer = Opportunity(id=f"o{len(opportunities)}", person=giver.id, type="offer",
                                text=rng.choice(offers).format(d=detail), when=when)
            opportunities += [need, offer]
            truth[need.id] = offer.id
    for index in range(60):
        domain = rng.choice(list(DOMAINS))
        opportunities.append(Opportunity(
            id=f"d{index}", person=person().id, type="offer", when=when,
            text=rng.choice(DOMAINS[domain][1]).format(d=rng.choice(DETAILS))))
    for _ in range(60):
        person(tuple(rng.sample(["python", "design", "photography", "legal", "music"], k=1)))
    return {"people": people, "opportunities": opportunities, "truth": truth,
            "name": "generated"}


def evaluate(data: dict) -> tuple[float, float, int]:
    ranked = ranked_offers(data)
    truth = data["truth"]
    top1 = sum(ranked.get(need, [])[:1] == [offer] for need, offer in truth.items())
    top3 = sum(offer in ranked.get(need, [])[:3] for need, offer in truth.items())
    return top1 / len(truth), top3 / len(truth), len(truth)


SETS = Path(__file__).parent / "serendipity_sets"


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:40] or "net"


def load_set(path: Path) -> dict:
    """A hand-written set as people, opportunities, the truth and each pair's category."""
    raw = json.loads(path.read_text())
    when = datetime(2026, 1, 1, tzinfo=UTC)
    people: dict[str, Person] = {}
    opportunities, truth, category = [], {}, {}

    def add(side: dict, kind: str, ident: str) -> Opportunity:
        name, network = side["person"], _slug(side["network"])
        person = people.get(name)
        if person is None:
            person = people[name] = Person(id=f"p{len(people)}", name=name,
                                           networks={network: None})
        elif network not in person.networks:
            person = people[name] = Person(id=person.id, name=name,
                                           networks={**person.networks, network: None})
        found = Opportunity(id=ident, person=person.id, type=kind, text=side["text"],
                            when=when, network=network)
        opportunities.append(found)
        return found

    for pair in raw["pairs"]:
        need = add(pair["need"], "need", f"{pair['id']}-need")
        offer = add(pair["offer"], "offer", f"{pair['id']}-offer")
        truth[need.id] = offer.id
        category[need.id] = pair.get("category", "?")
    for item in raw["distractors"]:
        add(item[item["side"]], item["side"], item["id"])
    return {"people": list(people.values()), "opportunities": opportunities,
            "truth": truth, "category": category, "name": path.stem}


MEANING_CACHE = Path(__file__).parent / "data" / "meaning"


def meaning_of(data: dict) -> object:
    """The sentence model's vectors of the set's texts (None with ``--lexicon-only`` or
    where the meaning layer cannot run), cached under bench/data/meaning/, one file per
    set (the cache keeps only the texts it was last asked for)."""
    if "--lexicon-only" in sys.argv:
        return None
    try:
        from kith.domain.serendipity import meaning
    except ImportError:  # a checkout from before the meaning layer (--against)
        return None
    cache = MEANING_CACHE / f"{data.get('name', 'set')}.bin"
    return meaning.prepare(cache, [o.text for o in data["opportunities"]])


def ranked_offers(data: dict) -> dict[str, list[str]]:
    meaning = meaning_of(data)
    if meaning is None:
        suggestions = Matcher(data["people"], data["opportunities"]).suggest()
    else:
        suggestions = Matcher(data["people"], data["opportunities"], meaning).suggest()
    ranked: dict[str, list[str]] = {}
    for suggestion in sorted(suggestions, key=lambda s: -s.rank()):
        if len(suggestion.opportunities) == 2:
            need, offer = suggestion.opportunities
            ranked.setdefault(need, []).append(offer)
    return ranked


def report(name: str, data: dict, *, texts: bool) -> tuple[int, int, int]:
    """Print a set's top-1 and top-3 and its misses; returns (first, top3, pairs)."""
    ranked = ranked_offers(data)
    by_id = {o.id: o for o in data["opportunities"]}
    truth = data["truth"]
    first = sum(ranked.get(n, [])[:1] == [o] for n, o in truth.items())
    top3 = sum(o in ranked.get(n, [])[:3] for n, o in truth.items())
    print(f"{name}: first {first}/{len(truth)} = {first / len(truth):.1%}   "
          f"top-3 {top3}/{len(truth)} = {top3 / len(truth):.1%}")
    for need, offer in truth.items():
        got = ranked.get(need, [])
        if got[:1] == [offer]:
            continue
        where = f"rank {got.index(offer) + 1}" if offer in got else "not in the top 5"
        line = f"  miss {need} ({data['category'][need]}): {where}"
        if texts:
            line += (f"\n     need:  {by_id[need].text}\n     want:  {by_id[offer].text}"
                     + "".join(f"\n     above: {by_id[o].text}"
                               for o in got[:got.index(offer) if offer in got else 2]))
        else:
            line += "; ranked above: " + ", ".join(
                o.removesuffix("-offer") for o in got[:got.index(offer) if offer in got else 2])
        print(line)
    return first, top3, len(truth)


def against(directory: str) -> None:
    """The same figures from another checkout's kith (its package first on the path)."""
    import os
    import subprocess

    flags = [a for a in sys.argv[1:] if a in ("--holdout", "--fresh", "--fresh2")]
    for flag in ("--set",):
        if flag in sys.argv:
            flags += sys.argv[sys.argv.index(flag):sys.argv.index(flag) + 2]
    env = {**os.environ, "PYTHONPATH": directory}
    print(f"before ({directory}):")
    subprocess.run([sys.executable, __file__, "--quiet", *flags], env=env, check=True)
    print("after (this checkout):")


def main() -> None:
    import os

    os.environ.setdefault("KITH_MEANING_BUDGET", "100000")  # the matcher, not a first run
    if "--against" in sys.argv:
        where = sys.argv.index("--against") + 1
        if where >= len(sys.argv):
            sys.exit("--against needs a directory: the checkout to compare with")
        against(sys.argv[where])
    if (SETS / "labelled.json").exists():
        report("labelled set (bench/serendipity_sets/labelled.json)",
               load_set(SETS / "labelled.json"), texts="--quiet" not in sys.argv)
    if (SETS / "holdout.json").exists() and "--holdout" in sys.argv:
        report("held-out set (bench/serendipity_sets/holdout.json)",
               load_set(SETS / "holdout.json"), texts="--texts" in sys.argv)
    if (SETS / "fresh2.json").exists() and "--fresh2" in sys.argv:
        report("second fresh set (bench/serendipity_sets/fresh2.json)",
               load_set(SETS / "fresh2.json"), texts=False)
    if (SETS / "fresh.json").exists() and "--fresh" in sys.argv:
        report("fresh set (bench/serendipity_sets/fresh.json)",
               load_set(SETS / "fresh.json"), texts="--texts" in sys.argv)
    if "--set" in sys.argv:
        where = sys.argv.index("--set") + 1
        if where >= len(sys.argv) or not Path(sys.argv[where]).is_file():
            sys.exit("--set needs a set file in the format of bench/serendipity_sets/")
        report(f"set {sys.argv[where]}", load_set(Path(sys.argv[where])), texts=False)
    data = build()
    out = Path(__file__).parent / "data" / "eval.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"truth": data["truth"], "opportunities": [
        o.to_dict() for o in data["opportunities"]]}, indent=1))
    top1, top3, count = evaluate(data)
    print(f"generated set (seed 42, {count} needs, "
          f"{sum(o.type == 'offer' for o in data['opportunities'])} offers): "
          f"first {top1:.1%}   top-3 {top3:.1%}")


if __name__ == "__main__":
    main()
