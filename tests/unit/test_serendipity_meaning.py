"""Issue 28: the matcher relates needs and offers by meaning, keeps unlike things apart,
ranks fairly, never suggests the user or a pair twice, and says why in the person's own
words. Every case is a small story a person would judge: would I introduce these two?
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kith.core.model import ME, Opportunity, Person
from kith.domain.serendipity import Matcher, Suggestion, merge
from kith.domain.serendipity.evidence import shorten
from kith.domain.serendipity.lexicon import read
from kith.domain.serendipity.ranking import CROSS_NETWORK_BONUS
from kith.persistence.store import Store

Ok = Callable[..., Any]
WHEN = datetime(2026, 3, 2, 10, tzinfo=UTC)


def _person(name: str, network: str = "street") -> Person:
    return Person.create(name, networks={network: None})


def _opp(person: Person, kind: str, text: str) -> Opportunity:
    return Opportunity.create(person=person.id, type=kind, text=text, when=WHEN)


def _best(need: str, *offers: str) -> tuple[str | None, list[Suggestion]]:
    """The offer text kith ranks first for ``need`` among ``offers`` (None: no match)."""
    asker = _person("Asker")
    givers = [_person(f"Giver {i}") for i in range(len(offers))]
    opportunities = [_opp(asker, "need", need)] + [
        _opp(g, "offer", text) for g, text in zip(givers, offers, strict=True)]
    found = merge(Matcher([asker, *givers], opportunities).suggest())
    texts = {g.id: t for g, t in zip(givers, offers, strict=True)}
    return (texts[found[0].people[1]] if found else None), found


@pytest.mark.parametrize(("need", "right", "decoy"), [
    ("Leaking tap in the kitchen, water everywhere", "Retired plumber, happy to help",
     "Tap dance classes for beginners"),
    ("Starting a podcast, need advice on recording gear",
     "Audio engineer with a home studio", "Selling a second-hand podcast microphone stand"),
    ("Looking for a co-founder with a technical background",
     "Senior software engineer keen to join an early startup",
     "Technical drawing classes for architects"),
    ("Room to rent near the university from October", "Spare bedroom, £500 a month",
     "Whole flat in Berlin to let"),
])
def test_words_that_differ_still_meet_by_meaning(need: str, right: str, decoy: str) -> None:
    best, _ = _best(need, decoy, right)
    assert best == right


@pytest.mark.parametrize(("need", "unlike"), [
    ("Need a plumber for a leaking pipe", "Qualified electrician, rewiring and fuse boxes"),
    ("Spring Boot developer wanted for our backend", "Help in the garden this spring"),
    ("I want to learn to play the guitar", "Cellist, I play in an orchestra"),
    ("A venue for my 40th birthday party", "Babysitter free most evenings"),
])
def test_unlike_things_are_kept_apart(need: str, unlike: str) -> None:
    best, found = _best(need, unlike)
    assert best is None, found[0].evidence


def test_evidence_quotes_the_words_as_written_and_the_networks() -> None:
    priya = _person("Priya", "hollybank-road")
    gerald = _person("Gerald", "st-brendans")
    need = _opp(priya, "need", "Our kitchen tap has been dripping for a week")
    offer = _opp(gerald, "offer", "Retired plumber here, forty years on the tools")
    (found,) = Matcher([priya, gerald], [need, offer]).suggest()
    assert found.evidence == [
        "matched: tap, dripping → plumber (plumbing)",
        "Priya needs: “Our kitchen tap has been dripping for a week”",
        "Gerald offers: “Retired plumber here, forty years on the tools”",
        "networks: Priya in hollybank-road, Gerald in st-brendans — they share none of "
        "your networks"]
    assert found.apart is True
    data = found.to_dict()
    assert data["need"]["text"] == need.text and data["offer"]["text"] == offer.text
    assert data["matched"][0] == {"need_words": ["tap", "dripping"],
                                  "offer_words": ["plumber"], "concept": "plumbing",
                                  "related_to": None}


def test_long_texts_are_shortened_at_a_word() -> None:
    text = "We are looking for someone who can help us redesign the whole garden " * 3
    short = shorten(text)
    assert len(short) <= 70 and short.endswith("…") and text.startswith(short[:-1])


def test_a_clearly_better_match_beats_the_cross_network_bonus() -> None:
    """The issue's case: 0.23 against 0.21 * 1.1. The bonus only breaks near ties."""
    ana = Person.create("Ana", networks={"church": None})
    near = Person.create("Near", networks={"church": None})
    far = Person.create("Far", networks={"pydata": None})
    opportunities = [_opp(ana, "need", "Python developer for our data dashboard"),
                     _opp(near, "offer", "Python developer, dashboards and data work"),
                     _opp(far, "offer", "Software engineer")]
    ranked = merge(Matcher([ana, near, far], opportunities).suggest())
    assert ranked[0].people == (ana.id, near.id)
    assert ranked[0].score > ranked[1].score + CROSS_NETWORK_BONUS


@given(st.lists(st.tuples(st.floats(0.0, 1.0), st.booleans()), min_size=2, max_size=12))
def test_the_bonus_never_outweighs_a_clearly_better_score(rows: list[tuple[float, bool]]
                                                          ) -> None:
    ranked = merge(Suggestion((f"a{i}", f"b{i}"), (), score, apart=apart)
                   for i, (score, apart) in enumerate(rows))
    for i, first in enumerate(ranked):
        for second in ranked[i + 1:]:
            assert first.score > second.score - CROSS_NETWORK_BONUS - 1e-9


WORDS = ["plumber", "leaking tap", "flat to rent", "spare room", "python developer",
         "logo design", "babysitter", "piano lessons", "guitar", "wedding photographer",
         "venue", "accountant", "tax return", "dog walker", "in Leeds", "near the station",
         "spring", "play", "evenings"]


@given(st.lists(st.tuples(st.integers(0, 4), st.sampled_from(["need", "offer"]),
                          st.lists(st.sampled_from(WORDS), min_size=1, max_size=3)),
                min_size=1, max_size=14))
@settings(max_examples=60, deadline=None)
def test_the_user_is_never_suggested_and_no_pair_twice(
        rows: list[tuple[int, str, list[str]]]) -> None:
    me = Person(id=ME, name="Me")
    people = [me] + [Person(id=f"p{i}", name=f"P{i}", networks={f"n{i % 2}": None})
                     for i in range(1, 5)]
    opportunities = [Opportunity(id=f"o{j}", person=people[who].id, type=kind,
                                 text=" ".join(words), when=WHEN)
                     for j, (who, kind, words) in enumerate(rows)]
    ranked = merge(Matcher(people, opportunities).suggest())
    assert all(ME not in s.people and s.people[0] != s.people[1] for s in ranked)
    keys = [s.key() for s in ranked]
    assert len(keys) == len(set(keys))


@given(st.text(max_size=200))
@settings(max_examples=150, deadline=None)
def test_every_matched_word_is_a_word_of_the_text(text: str) -> None:
    reading = read(text)
    lowered = text.lower()
    for words in reading.concepts.values():  # a phrase is shown with spaces ("A:E": "a e")
        assert all(part in lowered for w in words for part in w.split())
    assert all(w in lowered for w in reading.words.values())


# the CLI and the use cases, on a real database ----------------------------------------------

@pytest.fixture
def story(ok: Ok, ok_json: Callable[..., Any]) -> dict[str, str]:
    """Ana (church) needs a flat; Ben (PyData) offers one; Me offers one too."""
    ok("network", "add", "Church", "--kind", "church", "--joined", "2020-01-01")
    ok("network", "add", "PyData", "--kind", "association", "--joined", "2020-01-01")
    ids = {name: ok_json("person", "add", name, "--network", net)["id"]
           for name, net in (("Ana", "Church"), ("Ben", "PyData"))}
    ok_json("hear", "Ana", "--need", "looking for a flat to rent near the station",
            "--on", "2026-02-20")
    ok_json("hear", "Ben", "--offer", "my flat near the station is free from March",
            "--on", "2026-02-21")
    return ids


def test_suggest_shows_the_need_the_offer_and_the_networks(
        story: dict[str, str], ok: Ok, ok_json: Callable[..., Any], kith_home: Path) -> None:
    store = Store(kith_home)
    store.save_opportunity(Opportunity.create(person=ME, type="offer", when=WHEN,
                                              text="I have a flat to rent near the station"))
    text = ok("intro", "suggest").stdout
    assert "Ana <-> Ben" in text and "Me" not in text.replace("March", "")
    assert "Ana needs: “looking for a flat to rent near the station”" in text
    assert "Ben offers: “my flat near the station is free from March”" in text
    assert "networks: Ana in church, Ben in pydata — they share none of your networks" in text
    (data,) = ok_json("intro", "suggest")
    assert data["cross_network"] is True and data["need"]["text"].startswith("looking")
    assert {"need_words": ["flat", "rent"], "offer_words": ["flat"], "concept": "housing",
            "related_to": None} in data["matched"]


def test_a_late_outcome_is_dated_and_recorded_where_the_value_came_from(
        story: dict[str, str], ok_json: Callable[..., Any], kith_home: Path) -> None:
    """2 March: Ana meets Ben through you. 10 April: Ben's sister hires you (300). You
    record it on 20 April: it is PyData's return, from Ben, dated 10 April; Ana's last
    contact stays 2 March, in the church."""
    made = ok_json("intro", "make", "Ana", "Ben", "--on", "2026-03-02")
    back = ok_json("intro", "outcome", made["id"], "--led-to", "Ben's sister hired me",
                   "--for-me", "--money", "300", "--from", "Ben", "--on", "2026-04-10")
    received = back["received"]
    assert (received["network"], received["people"], received["when"][:10],
            received["value"]["money"]) == ("pydata", [story["Ben"]], "2026-04-10", 30000)
    stats = Store(kith_home).person_stats()
    assert stats[story["Ana"]]["church"]["last"][:10] == "2026-03-02"
    assert "pydata" not in stats[story["Ana"]]
    assert stats[story["Ben"]]["pydata"]["last"][:10] == "2026-04-10"


def test_outcome_refusals(story: dict[str, str], ok_json: Callable[..., Any],
                          fails: Ok) -> None:
    made = ok_json("intro", "make", "Ana", "Ben", "--on", "2026-03-02")
    fails("intro", "outcome", made["id"], "--led-to", "x", "--on", "2026-02-01",
          match="cannot come before the introduction (2026-03-02)")
    fails("intro", "outcome", made["id"], "--led-to", "x", "--from", "Ben",
          match="add --for-me")
    fails("intro", "outcome", made["id"], "--led-to", "x", "--for-me", "--from", "me",
          match="not you")
    fails("intro", "outcome", made["id"], "--led-to", "x", "--on", "someday",
          match="--on")


def test_kith_help_does_not_load_the_lexicon() -> None:
    import subprocess
    import sys

    code = ("import sys\nfrom click.testing import CliRunner\nfrom kith.cli.main import build_cli\n"
            "CliRunner().invoke(build_cli(), ['--help'])\n"
            "print(sorted(m for m in sys.modules if 'serendipity' in m))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"
