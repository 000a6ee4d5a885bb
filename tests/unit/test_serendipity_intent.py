"""What an offer's and a need's words say besides their subject (``intent``): a thing for
sale or to give away, a thing wanted, a request put down as an offer; and what the
matcher does with it (an offer no help to the need keeps ``NOT_HELP_FACTOR`` of its
score, whatever words it shares)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from kith.core.model import Opportunity, Person
from kith.domain.serendipity import Matcher, lexicon
from kith.domain.serendipity.intent import ASKS, GOODS, UNAVAILABLE, WANTS_GOODS


@pytest.mark.parametrize("text", [
    "Free to collector: old white loo and cistern from our bathroom refit",
    "Selling my son's bike, he's outgrown it, £40",
    "FOR SALE: stairlift, straight staircase, buyer to collect",
    "Prom dresses, worn once, £25 each",
    "Moving out, giving away a sofa bed and a cot",
    "Kelpie pups ready for new homes, vet checked",
    "Lemons! Heaps off our tree, free bags on the fence, help yourselves",
    "Cot bed and changing unit, smoke-free home, £150 the lot",
    "Piano free to a good home, needs tuning",
    "Free kittens to a good home! Three of them, litter trained",
    "Anyone want two old cast iron radiators?",
    "Clearing out the loft: box of old VHS tapes",
    "Office chair, good condition, collection only",
    "Retiring my old snowmobile, runs fine, $900 firm",
    "Gas geyser, 150L, wrong size for our house. R3500 neg",
    "BNIB rice cooker, self-collect at Tampines, $50 nego",
    "Retriever puppies, first shots done, ready to go home Dec 20",
    "Solid oak French doors, $200, you haul",
    "Moving sale Saturday 9-3: couch, dining set, deep freeze",
    "Anti-snoring mouth guards: buy two get one free, posted from our warehouse",
    "Se vende food truck 2017, totalmente equipado, $48k o mejor oferta",
    "Vende-se T2 em Paço de Arcos, com varanda, pronto a habitar",
])
def test_a_thing_sold_or_given_away_reads_as_goods(text: str) -> None:
    assert GOODS in lexicon.read(text).intent


@pytest.mark.parametrize("text", [
    "Retired plumber, happy to fix washers, ballcocks and dripping taps",
    "Free bike MOTs on the market square this Saturday",
    "Free quotes, fully insured roofer, slipped tiles and flashing",
    "Babysitter, £12 an hour, paediatric first aid",
    "Tenant rights clinic, free, no appointment needed",
    "Man with a van: pianos, dressers, American fridges, the lot",
    "Patient computer help: clearing out scams and malware",
    "Shopify expert: product pages, shipping rates, payment setup, the lot",
    "Happy to share my spreadsheet template, though HMRC baffles me too",
    "Maths tuition for Sec 3 and 4, $40 an hour, my place or yours",
    "Snow clearing for seniors on our street, $20 a driveway, cash or e-transfer",
    "Lawn mowing and edging, $30 a yard, cash only",
    "I was in the same boat five years ago; happy to share what worked for us",
    "Following this week's storm I'm clearing fallen trees for free",
    "Bump: still offering free maths tutoring on Saturdays",
    "Happy to share the contact of a great plumber",
    "Mobile mechanic, common parts in stock, same-day repairs",
    "Plumber, 20 years: boilers and taps, trade prices on parts passed on to you",
    "Watch repairs by post, free postage back to you",
    "Dog walker: booked up on Saturdays, but weekdays I have room for two more",
    "Caterer for weddings and parties: order now for December",
    "Estou vendo que muita gente precisa: faço pequenos reparos elétricos",
])
def test_help_offered_is_not_goods_nor_a_request(text: str) -> None:
    assert lexicon.read(text).intent.isdisjoint({GOODS, WANTS_GOODS, ASKS})


@pytest.mark.parametrize("text", [
    "anyone selling a cot?",
    "Looking for a second-hand bike for my son",
    "Baby is growing like a weed. Anyone got 6-12 month clothes to pass on?",
    "Wanted: a chest freezer, cheap or free",
    "A family has just been housed by the council and they have no beds and no table",
])
def test_a_need_for_a_thing_reads_as_wanting_goods(text: str) -> None:
    assert WANTS_GOODS in lexicon.read(text).intent


@pytest.mark.parametrize("text", [
    "Someone to fix my sofa, the springs have gone",
    "Need help assembling flat-pack furniture on Saturday",
    "our loo keeps running and the cistern hisses all night",
    # a thing in passing in a need about something else (fresh25, fresh27)
    "Black mould every winter in the back bedroom, behind the wardrobe; the landlord "
    "just says open a window",
    "One of the slates has slipped off over the back bedroom and there is a brown stain "
    "spreading on the ceiling above the bed",
])
def test_a_need_for_a_service_does_not_want_goods(text: str) -> None:
    assert WANTS_GOODS not in lexicon.read(text).intent


@pytest.mark.parametrize("text", [
    "+1, also hunting for a room near campus from January if anyone hears of one!",
    "Got crates of tinned food for the food bank, where's the drop-off these days?",
    "Still looking for a reliable cleaner myself, does anyone know one?",
    "Following! Same boat here: looking for a house to rent by summer, 3 bed",
    "We're in the same boat, also need a sitter for the 23rd",
    "Same situation here. If anyone finds a good tutor, please share the contact with me also",
    "Looking for a bedsitter near Strathmore myself - if you hear of two, share!",
])
def test_a_request_put_down_as_an_offer_reads_as_asking(text: str) -> None:
    assert ASKS in lexicon.read(text).intent


@pytest.mark.parametrize("text", [
    "Web developer here, but fully booked until September and not taking new projects",
    "Experienced nanny, CPR certified. Currently full until next summer, sorry!",
    "Registered childminder, sorry, no spaces left until 2027",
    "Childminder in Heaton Chapel: completely full and not taking waiting-list names",
    "Wedding photographer, now fully booked for 2027; enquiries for 2028 only",
    "Please come sign the petition in the lobby against the rent increase",
    # fresh36: a trade leaving for another city
    "Heads up, I'm moving my mobile mechanic business back to Perth in January",
])
def test_an_offer_full_for_now_reads_as_unavailable(text: str) -> None:
    assert UNAVAILABLE in lexicon.read(text).intent


@pytest.mark.parametrize("text", [
    "Need cash fast?? Personal loans $500 to $15,000, bad credit OK, approval in 60 minutes!",
    "No credit check, instant approval, money in your account today",
])
def test_a_lenders_advert_sells_credit(text: str) -> None:
    assert GOODS in lexicon.read(text).intent


def test_a_debt_counsellor_and_a_need_for_one_sell_nothing() -> None:
    for text in ("Buy now pay later got away from me and I'm NOT after another loan",
                 "Financial counsellor: free hardship arrangements with lenders"):
        assert GOODS not in lexicon.read(text).intent


def _ranked(need: str, offers: list[str]) -> list[str]:
    """The offers' texts for ``need``, best first, by the lexicon alone."""
    people = [Person.create(f"P{n}") for n in range(len(offers) + 1)]
    when = datetime(2026, 1, 5, tzinfo=UTC)
    opportunities = [Opportunity.create(person=people[0].id, type="need", text=need,
                                        when=when)]
    opportunities += [Opportunity.create(person=people[n + 1].id, type="offer", text=text,
                                         when=when) for n, text in enumerate(offers)]
    texts = {o.id: o.text for o in opportunities}
    found = sorted(Matcher(people, opportunities).suggest(), key=lambda s: -s.rank())
    return [texts[s.opportunities[1]] for s in found if len(s.opportunities) == 2]


LOO = "our downstairs loo keeps running and the cistern hisses all night"
PLUMBER = "Retired plumber: cisterns, ballcocks and washers fixed, no charge"
FREE_LOO = "Free to collector: old loo and cistern, both working, from our bathroom refit"


def test_the_helper_comes_before_the_same_things_given_away() -> None:
    assert _ranked(LOO, [FREE_LOO, PLUMBER])[0] == PLUMBER


def test_a_need_for_the_thing_is_met_by_the_thing_given_away() -> None:
    wanted = "Wanted: an old loo and cistern for our allotment shed"
    assert _ranked(wanted, [PLUMBER, FREE_LOO])[0] == FREE_LOO


def test_an_offer_full_for_now_comes_after_one_that_can_help() -> None:
    need = "Does anyone build websites? Our club needs fixtures, sign-up and online fees"
    booked = "Web developer, websites for clubs, but fully booked and not taking new projects"
    free = "Freelance web developer: websites for sports clubs, WordPress and Stripe"
    assert _ranked(need, [booked, free])[0] == free


def test_a_request_put_down_as_an_offer_comes_after_the_offer() -> None:
    need = "need a room to rent near campus from January, quiet postgrad"
    room = "room to rent near campus, quiet house, from January"
    also = "+1, also hunting for a room near campus from January if anyone hears of one"
    assert _ranked(need, [also, room])[0] == room
