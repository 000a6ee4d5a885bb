"""Serendipity: needs and offers, suggested introductions, outcomes credited in the ledger.

Matching is tested on small hand-made cases: a need and an offer in other words still
match, unrelated ones do not. Every command runs against a real database on disk.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kith import hookimpl
from kith.core.model import Opportunity, Person
from kith.domain.serendipity import Matcher, Suggestion, merge, suggest, terms
from kith.persistence.store import Store
from kith.plugins.manager import Plugins
from kith.services.introductions import make_introduction

Ok = Callable[..., Any]


def _people(*names: str, tags: dict[str, tuple[str, ...]] | None = None) -> list[Person]:
    return [Person.create(name, tags=(tags or {}).get(name, ())) for name in names]


def _opp(person: Person, kind: str, text: str, **kw: Any) -> Opportunity:
    return Opportunity.create(person=person.id, type=kind, text=text,
                              when=datetime(2026, 1, 5, tzinfo=UTC), **kw)


PARAPHRASES = [
    ("looking for an apartment to rent near the station", "has a flat to let from March"),
    ("we need a python developer for our data dashboards",
     "freelance django programmer, analytics too"),
    ("anyone know a good accountant? tax return is due", "I do bookkeeping and taxes"),
    ("our startup is hiring a designer for the new logo", "graphic designer, branding work"),
    ("need someone to take headshots", "portrait photographer, happy to do a shoot"),
    ("my son needs a maths tutor", "I give maths lessons to teenagers"),
]


@pytest.mark.parametrize(("need", "offer"), PARAPHRASES)
def test_a_need_and_an_offer_in_other_words_match(need: str, offer: str) -> None:
    ana, ben, cat = _people("Ana", "Ben", "Cat")
    opportunities = [_opp(ana, "need", need), _opp(ben, "offer", offer),
                     _opp(cat, "offer", "selling concert tickets for saturday")]
    found = Matcher([ana, ben, cat], opportunities).suggest()
    assert found, f"{need!r} found nothing"
    best = max(found, key=lambda s: s.score)
    assert set(best.people) == {ana.id, ben.id}
    assert best.evidence[0].startswith("matched: ")


@pytest.mark.parametrize(("need", "offer"), [
    ("looking for an apartment to rent", "graphic designer, branding work"),
    ("need a plumber for the kitchen", "I give piano lessons"),
    ("our choir needs a venue for the concert", "selling a used bicycle"),
])
def test_unrelated_needs_and_offers_do_not_match(need: str, offer: str) -> None:
    ana, ben = _people("Ana", "Ben")
    assert Matcher([ana, ben], [_opp(ana, "need", need), _opp(ben, "offer", offer)]
                   ).suggest() == []


def test_a_need_matches_someone_whose_tags_say_they_can_help() -> None:
    ana, cat = _people("Ana", "Cat", tags={"Cat": ("photographer",)})
    found = Matcher([ana, cat], [_opp(ana, "need", "someone to take headshots")]).suggest()
    assert [(s.people, s.evidence[:3]) for s in found] == [
        ((ana.id, cat.id), ["matched: headshots → photographer (photography)",
                            "Ana needs: “someone to take headshots”",
                            "Cat's tags or skills: photographer"])]


def test_people_in_different_networks_rank_higher() -> None:
    ana = Person.create("Ana", networks={"church": None})
    near = Person.create("Near", networks={"church": None})
    far = Person.create("Far", networks={"pydata": None})
    opportunities = [_opp(ana, "need", "a flat to rent for my family"),
                     _opp(near, "offer", "flat to rent in town"),
                     _opp(far, "offer", "flat to rent in town")]
    first, second = merge(Matcher([ana, near, far], opportunities).suggest())
    assert first.score == second.score  # the same match: the bonus breaks the tie
    assert first.people == (ana.id, far.id) and second.people == (ana.id, near.id)
    assert first.evidence[-1].endswith("they share none of your networks")
    assert second.evidence[-1].endswith("they already share a network")


@given(st.text(max_size=200))
@settings(max_examples=200, deadline=None)
def test_any_text_gives_terms_without_error(text: str) -> None:
    found = terms(text)
    assert all(isinstance(t, str) and t for t in found)


def test_merge_keeps_one_suggestion_per_pair_with_all_evidence() -> None:
    merged = merge([Suggestion(("a", "b"), ("o1",), 0.4, ["terms"]),
                    Suggestion(("b", "a"), ("o2",), 0.7, ["tags"], matcher="other"),
                    Suggestion(("a", "c"), ("o3",), 0.5, ["x"])])
    assert [(s.people, s.opportunities, s.score, s.evidence, s.matcher) for s in merged] == [
        (("a", "b"), ("o1", "o2"), 0.7, ["terms", "tags"], "other"),
        (("a", "c"), ("o3",), 0.5, ["x"], "kith")]


# the CLI, on a real database --------------------------------------------------------------

@pytest.fixture
def heard(ok: Ok, ok_json: Callable[..., Any]) -> dict[str, str]:
    """Ana (church) needs a flat; Ben (PyData) offers one; Cat is a photographer."""
    ok("network", "add", "Church", "--kind", "church", "--joined", "2020-01-01")
    ok("network", "add", "PyData", "--kind", "association", "--joined", "2020-01-01")
    ids = {name: ok_json("person", "add", name, "--network", net)["id"]
           for name, net in (("Ana", "Church"), ("Ben", "PyData"), ("Cat", "PyData"))}
    ids["need"] = ok_json("hear", "Ana", "--need", "looking for an apartment to rent",
                          "--tag", "housing")["id"]
    ids["offer"] = ok_json("hear", "Ben", "--offer", "has a flat to let from March")["id"]
    ids["other"] = ok_json("hear", "Ben", "--need", "someone to fix my bike")["id"]
    return ids


def test_hear_records_needs_and_offers(heard: dict[str, str], ok_json: Callable[..., Any],
                                       ok: Ok) -> None:
    items = {o["id"]: o for o in ok_json("opportunities", "--open")}
    need = items[heard["need"]]
    assert (need["person"], need["type"], need["tags"], need["network"], need["status"]) == (
        heard["Ana"], "need", ["housing"], "church", "open")
    assert "Ana needs: looking for an apartment to rent [housing]" in ok("opportunities").stdout
    assert [o["id"] for o in ok_json("opportunities", "--person", "Ben", "--type", "offer")
            ] == [heard["offer"]]


def test_hear_on_takes_a_relative_date(heard: dict[str, str],
                                       ok_json: Callable[..., Any]) -> None:
    from datetime import date, timedelta

    saved = ok_json("hear", "Cat", "--offer", "portrait sessions", "--on", "yesterday")
    assert saved["when"][:10] == (date.today() - timedelta(days=1)).isoformat()


def test_hear_bad_input(heard: dict[str, str], fails: Ok) -> None:
    fails("hear", "Nobody", "--need", "x", match="no person")
    fails("hear", "Ana", match="exactly one of --need")
    fails("hear", "Ana", "--need", "x", "--offer", "y", match="exactly one of --need")
    fails("hear", "Ana", "--need", "x", "--network", "Nowhere", match="no network")
    fails("hear", "Ana", "--need", "x", "--on", "yesterdayish", match="--on")


def test_opportunity_close_reopen_edit(heard: dict[str, str], ok_json: Callable[..., Any],
                                       fails: Ok) -> None:
    assert ok_json("opportunity", "close", heard["other"])["status"] == "closed"
    assert heard["other"] not in {o["id"] for o in ok_json("opportunities", "--open")}
    assert ok_json("opportunity", "reopen", heard["other"])["status"] == "open"
    edited = ok_json("opportunity", "edit", heard["other"], "--text", "bike repair",
                     "--add-tag", "cycling", "--network", "PyData")
    assert (edited["text"], edited["tags"], edited["network"]) == (
        "bike repair", ["cycling"], "pydata")
    fails("opportunity", "close", "01nope", match="no opportunity")
    fails("opportunity", "edit", heard["other"], "--network", "Nowhere", match="no network")
    fails("opportunities", "--type", "wish")


def test_suggest_introductions(heard: dict[str, str], ok_json: Callable[..., Any], ok: Ok,
                               kith_home: Path) -> None:
    """The hook: a plugin's matcher is merged with kith's (one entry per pair), a plugin
    that raises is reported by name and the rest still works."""
    from kith.plugins.manager import load_plugins

    class Matchmaker:
        @hookimpl
        def suggest_introductions(self, people: list[Person],
                                  opportunities: list[Opportunity]) -> list[Suggestion]:
            by_name = {p.name: p.id for p in people}
            return [Suggestion((by_name["Ben"], by_name["Ana"]), (), 0.99, ["both love jazz"]),
                    Suggestion((by_name["Ana"], by_name["Cat"]), (), 0.5, ["same school"])]

    class Broken:
        @hookimpl
        def suggest_introductions(self, people: list[Person]) -> list[Suggestion]:
            raise RuntimeError("matcher bug")

    plugins = load_plugins()
    plugins.register_module(Matchmaker(), "matchmaker")
    plugins.register_module(Broken(), "broken")
    store = Store(kith_home, plugins=plugins)
    found = suggest(store)
    assert [frozenset(s.people) for s in found] == [
        frozenset((heard["Ana"], heard["Ben"])), frozenset((heard["Ana"], heard["Cat"]))]
    top = found[0]
    assert top.score == 0.99 and top.matcher == "matchmaker"
    assert "both love jazz" in top.evidence and any("(housing)" in e for e in top.evidence)
    assert set(top.opportunities) == {heard["need"], heard["offer"]}
    assert [p.plugin for p in plugins.problems] == ["broken"]

    # the CLI, with only the installed plugins
    data = ok_json("intro", "suggest")
    assert data[0]["people"] == [{"id": heard["Ana"], "name": "Ana"},
                                 {"id": heard["Ben"], "name": "Ben"}]
    assert data[0]["opportunities"] == [heard["need"], heard["offer"]]
    assert 0 < data[0]["score"] <= 1 and data[0]["evidence"]
    text = ok("intro", "suggest", "--person", "Ana", "--limit", "1").stdout
    assert "Ana <-> Ben" in text and "apartment, rent → flat, to let (housing)" in text
    assert "Ana needs: “looking for an apartment to rent”" in text


def test_suggest_leaves_out_introduced_pairs_and_closed_opportunities(
        heard: dict[str, str], ok_json: Callable[..., Any], ok: Ok) -> None:
    ok("opportunity", "close", heard["offer"])
    assert ok_json("intro", "suggest") == []
    ok("opportunity", "reopen", heard["offer"])
    assert len(ok_json("intro", "suggest")) == 1
    ok("intro", "make", "Ana", "Ben")
    assert ok_json("intro", "suggest") == []
    ok_json("hear", "Ana", "--need", "a flat for my sister")  # new need, same pair
    assert ok_json("intro", "suggest") == []


def test_intro_make_records_a_favour_given(heard: dict[str, str], ok_json: Callable[..., Any],
                                           kith_home: Path) -> None:
    made = ok_json("intro", "make", "Ana", "Ben", "--note", "over coffee")
    assert (made["kind"], made["direction"], made["network"], made["note"]) == (
        "introduction", "gave", "church", "over coffee")  # where the need was heard
    assert made["people"] == [heard["Ana"], heard["Ben"]]
    status = {o["id"]: o["status"] for o in ok_json("opportunities")}
    # only the opportunities that matched: Ben's own need stays open
    assert status == {heard["need"]: "introduced", heard["offer"]: "introduced",
                      heard["other"]: "open"}
    timeline = ok_json("history", "--person", "Ben")
    assert [i["id"] for i in timeline] == [made["id"]]


def test_intro_make_fires_interaction_recorded(heard: dict[str, str], kith_home: Path) -> None:
    seen: list[str] = []

    class Listens:
        @hookimpl
        def interaction_recorded(self, interaction: Any) -> None:
            seen.append(interaction.kind)

    plugins = Plugins().load(entry_points_enabled=False)
    plugins.register_module(Listens(), "listens")
    made = make_introduction(Store(kith_home, plugins=plugins), "Ana", "Cat",
                             network="PyData")
    assert seen == ["introduction"] and made.network == "pydata"


def test_intro_make_bad_input(heard: dict[str, str], fails: Ok, ok: Ok) -> None:
    fails("intro", "make", "Ana", "Nobody", match="no person")
    fails("intro", "make", "Ana", "Ana", match="two different people")
    fails("intro", "make", "Ana", "Ben", "--opportunity", "01nope", match="no opportunity")
    fails("intro", "make", "Ana", "Ben", "--network", "Nowhere", match="no network")
    ok("opportunity", "close", heard["offer"])
    fails("intro", "make", "Ana", "Ben", "--opportunity", heard["offer"], match="is closed")


def test_intro_outcome_credited_in_assess(heard: dict[str, str], ok_json: Callable[..., Any],
                                          ok: Ok) -> None:
    made = ok_json("intro", "make", "Ana", "Ben")
    assert ok_json("intro", "outcome", made["id"], "--led-to", "Ana rented the flat")[
        "received"] is None
    back = ok_json("intro", "outcome", made["id"], "--led-to", "Ben's landlord hired me",
                   "--for-me", "--money", "300")["received"]
    assert (back["direction"], back["network"], back["value"]["money"],
            back["meta"]["introduction"]) == ("received", "church", 30000, made["id"])
    church = next(a for a in ok_json("assess", "--window", "all") if a["id"] == "church")
    assert church["via_introductions"]["money"] == 30000
    assert any(r.startswith("through introductions: 300.00") and "100% of the money" in r
               for r in church["reasons"])
    summary = ok_json("intro", "list")
    assert (summary["introductions"], summary["led_to_something"],
            summary["came_back"]["money"]) == (1, 1, 30000)
    assert [o["led_to"] for o in summary["items"][0]["outcomes"]] == [
        "Ana rented the flat", "Ben's landlord hired me"]
    text = ok("intro", "list").stdout
    assert "1 introduction, 1 led to something" in text and "(for you)" in text
    # both people's timelines show what it led to
    ana = ok_json("history", "--person", "Ana")
    assert any("led to: Ana rented the flat" in i["note"] for i in ana)


def test_intro_outcome_bad_input(heard: dict[str, str], ok_json: Callable[..., Any],
                                 fails: Ok) -> None:
    made = ok_json("intro", "make", "Ana", "Ben")
    fails("intro", "outcome", "01nope", "--led-to", "x", match="no interaction")
    fails("intro", "outcome", made["id"], match="--led-to")
    fails("intro", "outcome", made["id"], "--led-to", "  ", match="say what it led to")
    fails("intro", "outcome", made["id"], "--led-to", "x", "--money", "10",
          match="add --for-me")
    fails("intro", "outcome", made["id"], "--led-to", "x", "--for-me", "--money", "ten",
          match="money")
    other = ok_json("log", "Church", "--with", "Ana", "--kind", "help", "--gave")
    fails("intro", "outcome", other["id"], "--led-to", "x", match="not an introduction")


def test_intro_suggest_bad_input(heard: dict[str, str], fails: Ok) -> None:
    fails("intro", "suggest", "--person", "Nobody", match="no person")
    fails("intro", "suggest", "--limit", "0")


def test_empty_database_says_what_to_do(ok: Ok) -> None:
    assert "kith hear" in ok("intro", "suggest").stdout
    assert "kith hear" in ok("opportunities").stdout
    assert "0 introductions" in ok("intro", "list").stdout


@pytest.mark.parametrize("command", [["hear"], ["opportunities"], ["opportunity"],
                                     ["opportunity", "close"], ["opportunity", "edit"],
                                     ["intro"], ["intro", "suggest"], ["intro", "make"],
                                     ["intro", "outcome"], ["intro", "list"]])
def test_help(ok: Ok, command: list[str]) -> None:
    assert f" {' '.join(command)} [OPTIONS]" in ok(*command, "--help").stdout


def test_strength_past_the_cap_orders_the_strongest_first() -> None:
    """Words and meaning can add up past 1; the score shown stops at 1, the order does
    not: two capped matches are not left tied."""
    weaker = Suggestion(("a", "b"), ("n", "o1"), 1.0, strength=1.2)
    stronger = Suggestion(("a", "c"), ("n", "o2"), 1.0, strength=1.5)
    plugin = Suggestion(("a", "d"), ("n", "o3"), 0.9, matcher="other")
    assert [s.people[1] for s in merge([weaker, plugin, stronger])] == ["c", "b", "d"]
    again = merge([Suggestion(("b", "a"), ("n", "o1"), 0.95, strength=0.95), weaker])
    assert again[0].score == 1.0 and again[0].rank() == 1.2


def test_a_word_both_wrote_is_said_once() -> None:
    asker, giver = _people("Asker", "Giver")
    found = Matcher([asker, giver], [
        _opp(asker, "need", "need a new brand for my bakery"),
        _opp(giver, "offer", "I do brand design and logos for bakeries")]).suggest()
    matched = found[0].evidence[0]
    assert matched.count("brand") == 1, matched


@pytest.mark.parametrize("text", ["Starting as a junior doctor in January",
                                  "junior developer looking for a mentor"])
def test_a_grade_is_no_sport(text: str) -> None:
    assert "@sport" not in terms(text)
    assert "@sport" in terms("coach wanted for our juniors on Saturday")
