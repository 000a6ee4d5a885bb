"""Whom an offer serves (``audience``): a landlords' service is no help to a tenant, an
employer's advert none to a need that looks for no work, a realtor for first-time buyers
none to someone after a room; and the other side's offer loses to the right helper in
kith's ranking, with the sentence model and without it.

The stories are the ones the blind sets kept failing on (fresh10, fresh18, fresh21,
fresh24): the right helper came second, behind an offer about the same things for the
other side.
"""

from __future__ import annotations

import importlib.util
from datetime import UTC, datetime

import pytest

from kith.domain.serendipity import lexicon, meaning
from kith.domain.serendipity.audience import (
    BUYS,
    EMPLOYEE,
    FOR_BUYERS,
    FOR_EMPLOYERS,
    FOR_LANDLORDS,
    FOR_TENANTS,
    HIRING,
    LANDLORD,
    SEEKS_WORK,
    TENANT,
    against,
)
from tests.serendipityhelp import first_suggestion

MODEL = importlib.util.find_spec("numpy") is not None and meaning.model_dir() is not None
needs_model = pytest.mark.skipif(not MODEL, reason="the meaning extra is not installed")
WHEN = datetime(2026, 3, 2, 10, tzinfo=UTC)


@pytest.mark.parametrize(("text", "side"), [
    ("Landlords: protect your investment. Tenant screening and credit checks", FOR_LANDLORDS),
    ("Landlords!! Tired of bad tenants? I do credit checks before you sign", FOR_LANDLORDS),
    ("Property manager, 12 years in Wyndham: inspections, bond lodgement", FOR_LANDLORDS),
    ("I arrange landlord insurance and rent guarantee cover. Free quotes.", FOR_LANDLORDS),
    ("Attention landlords: we collect rent on your behalf", FOR_LANDLORDS),
    ("Tired of renting? Realtor here. I help first-time buyers get pre-approved",
     FOR_BUYERS),
    ("Mortgage broker, whole of market, free first chat", FOR_BUYERS),
    ("We're hiring! Our Detroit hospital is recruiting RNs. #NursingJobs", HIRING),
    ("Now hiring: healthcare assistants for night shifts, start next week", HIRING),
    ("NHS trust recruiting overseas-qualified doctors. Email me for the job pack.", HIRING),
    ("Au pair agency: we place au pairs with families in the USA. Apply now!", HIRING),
    ("Hiring: in-house graphic designer, full-time in our Plymouth office", HIRING),
    ("Senior structural engineer wanted at our consultancy on Princes St", HIRING),
    ("Estamos contratando atendentes para o turno da noite", HIRING),
    ("CDL-A drivers wanted, regional routes, clean MVR", HIRING),
    ("Our care wing is recruiting Registered Nurses for day and night rotations", HIRING),
    ("Letting agent: deposits, inventories and HMO licensing for landlords", FOR_LANDLORDS),
    ("Landlord-side eviction and collections: we represent property owners", FOR_LANDLORDS),
    ("Paralegal: I represent tenants only at the Landlord and Tenant Board", FOR_TENANTS),
    ("I volunteer on a tenants' union advice line, deposits and repairs", FOR_TENANTS),
    ("HR consultant for SMEs: payroll and compliance so your company stays legal",
     FOR_EMPLOYERS),
    ("Employment solicitor: we act for employers on disciplinaries and tribunals",
     FOR_EMPLOYERS),
    ("Outsourced HR and payroll bureau, contracts and handbooks for your staff",
     FOR_EMPLOYERS),
])
def test_an_offer_says_whom_it_serves(text: str, side: str) -> None:
    assert side in lexicon.read(text).intent


@pytest.mark.parametrize("text", [
    "Retired housing solicitor: I help tenants write to landlords, free",
    "I sat on the appeals panel for six years. Glad to explain how to apply.",
    "Army Cadets are recruiting adult volunteer instructors, full training given",
    "Recruiting for our 5-a-side, Thursdays 7pm, all levels",
    "15 years in recruitment: happy to look over a CV, no charge",
    "Babysitter, first aid certified, can start next week",
    "Odd jobs done: shelves, flat-pack, curtain rails",
    "Handyman, shelves and curtain rails put up #oddjobs #handyman",
    "Hiring out my Luton van at weekends, with or without a driver",
    "Home care agency: we place experienced carers with families across the city",
    "Ofsted-registered nursery, vacancies available for under-fives from January",
    "Electrician: safety checks and certificates for tenants and landlords alike",
    "NICEIC electrician: fault finding, rewires, EICR certificates for landlords too",
    "Our community choir is recruiting! Tuesday nights, hymns to show tunes, no auditions",
    "Beginners' pottery, no experience required, all welcome",
    "I never wanted to retire; now I fix bikes for free on Thursdays",
    "I manage flats in Yaba for owners abroad, with tenant screening. Two units free from "
    "January, you deal with me directly",
    "Employment lawyer: I act for employees on unfair dismissal and unpaid wages",
    "Retired HR manager, happy to read your contract before you sign it",
])
def test_a_helper_is_not_read_as_the_other_side(text: str) -> None:
    assert lexicon.read(text).intent.isdisjoint(
        {FOR_LANDLORDS, FOR_TENANTS, FOR_BUYERS, HIRING, FOR_EMPLOYERS})


@pytest.mark.parametrize(("text", "sides", "not_sides"), [
    ("Landlord's son says we have to be out by Feb 28", {TENANT}, {LANDLORD}),
    ("The agent is keeping the whole $2,100 bond for 'cleaning'", {TENANT}, set()),
    ("o senhorio não devolveu a caução", {TENANT}, set()),
    ("My tenants left the flat in a state and stopped paying", {LANDLORD}, {TENANT}),
    ("No landlord to blame (I own it), the ceiling stain keeps growing", {LANDLORD},
     {TENANT}),
    ("Got laid off after 19 years, never wrote a resume", {SEEKS_WORK}, set()),
    ("my 15yo is desperate for a weekend job", {SEEKS_WORK}, set()),
    ("preciso de trampo urgente, falo PT e inglês", {SEEKS_WORK}, set()),
    ("Nurse here, my OET writing is stuck at C+ and I need a B", set(), {SEEKS_WORK}),
    ("We want to buy our first home next year", {BUYS}, set()),
    ("Need a room to rent near the hospital from January", set(), {BUYS}),
    ("Just landed a real job at the fab and orientation was all 401k and HSA", set(),
     {SEEKS_WORK}),
    ("Going back to work at the hospital in January doing shifts; who does school runs?",
     set(), {SEEKS_WORK}),
    ("Started a new job last month and now I'm looking for contract work on the side too",
     {SEEKS_WORK}, set()),
    ("Lost my job at the plant in March, any leads round Bolton?", {SEEKS_WORK}, set()),
    ("My company has been taking pension off my payslip and never paid it in",
     {EMPLOYEE}, set()),
    ("my boss at the cafe says I don't get holiday pay on zero hours", {EMPLOYEE}, set()),
    ("My boss asked me to find a payroll provider for our staff of twelve", set(),
     {EMPLOYEE}),
])
def test_a_need_says_its_side(text: str, sides: set[str], not_sides: set[str]) -> None:
    found = lexicon.read(text).intent
    assert sides <= found and not not_sides & found


def test_the_other_side_is_the_offers_audience_against_the_needs_side() -> None:
    def other_side(offer: frozenset[str], need: frozenset[str]) -> bool:
        return bool(against(offer, need))

    assert other_side(frozenset({FOR_LANDLORDS}), frozenset({TENANT}))
    assert not other_side(frozenset({FOR_LANDLORDS}), frozenset({LANDLORD}))
    assert not other_side(frozenset({FOR_LANDLORDS}), frozenset())  # no side named
    assert other_side(frozenset({FOR_BUYERS}), frozenset({TENANT}))
    assert not other_side(frozenset({FOR_BUYERS}), frozenset({BUYS}))
    assert other_side(frozenset({HIRING}), frozenset())
    assert not other_side(frozenset({HIRING}), frozenset({SEEKS_WORK}))
    assert not other_side(frozenset(), frozenset({TENANT}))
    assert other_side(frozenset({FOR_TENANTS}), frozenset({LANDLORD}))
    assert not other_side(frozenset({FOR_TENANTS}), frozenset({TENANT}))
    assert other_side(frozenset({FOR_EMPLOYERS}), frozenset({EMPLOYEE}))
    assert not other_side(frozenset({FOR_EMPLOYERS}), frozenset())


def _first(need: str, *offers: str, model: bool) -> str:
    """The text of kith's first suggestion for ``need`` among ``offers``."""
    return first_suggestion(need, *offers, model=model)[0]


DEPOSIT = ("We moved out of our rental 6 weeks ago and the agent is keeping the whole bond "
           "for 'cleaning', even though we have receipts and photos. What are our options?")
MANAGER = ("Property manager, 12 years in Wyndham. Landlords: we handle inspections, bond "
           "lodgement, end-of-lease claims and tenant disputes on your behalf.")
ADVISER = ("I volunteer with a renters' advice service. We help tenants contest deductions "
           "from their deposit and write to agents; free and confidential.")
TAX = ("ok who understands taxes when you live in Canada but your paycheque comes from a "
       "US hospital?? first year nursing in Detroit and I'm terrified of filing wrong")
JOB_AD = ("We're hiring! Our Detroit hospital is recruiting RNs for med-surg and ICU. "
          "Sign-on bonus for Canadian nurses. #NursingJobs")
CPA = ("CPA here. Most of my clients are cross-border commuters: foreign tax credits, "
       "1040-NR, T1 with US income, every spring.")
LAID_OFF = ("Got laid off from the hospital laundry after 19 years. I'm 52 and never wrote a "
            "resume in my life. Any advice welcome.")
ROOM = ("Coming down for a 6-month contract at the hospital in January. Need a room to rent "
        "close enough to walk, quiet during the day.")
REALTOR = ("Tired of renting? Realtor here. I help first-time buyers near the hospital get "
           "pre-approved and find the right place.")
LODGER = ("Widower with a big old house ten minutes' walk from the hospital; the third floor "
          "has its own bathroom. Would take a quiet lodger, short term is fine.")
BASEMENT = ("We're thinking of renting out our basement to help with the mortgage; it has "
            "its own entrance. Do we need permits from the city before a tenant moves in?")
PARALEGAL = ("Paralegal: I represent tenants only at the Landlord and Tenant Board, "
             "evictions and rent increases. Free consult.")
PAYSLIP = ("My company has been taking NSSF off my payslip for 14 months and none of it was "
           "remitted. HR keeps saying 'cash flow'. What are my options?")
HR_FIRM = ("HR consultant for SMEs: I set up payroll, NSSF registration and statutory "
           "compliance so your company stays on the right side of the law.")
LABOUR = ("Employment lawyer. I act for employees on unfair termination, unremitted "
          "deductions and unpaid dues. First consultation free.")
SUITES = ("Architectural technologist: plans for legal second suites and the building "
          "permit with the city, fire separation and egress windows.")
STORIES = [
    pytest.param(DEPOSIT, ADVISER, MANAGER, id="tenant's deposit: the renters' adviser"),
    pytest.param(TAX, CPA, JOB_AD, id="a nurse's tax: the accountant, not the job advert"),
    pytest.param(ROOM, LODGER, REALTOR, id="a room to rent: the lodging, not the realtor"),
    pytest.param(BASEMENT, SUITES, PARALEGAL,
                 id="a landlord's basement: the permits, not the tenants' paralegal"),
    pytest.param(PAYSLIP, LABOUR, HR_FIRM,
                 id="an employee's unpaid dues: the labour lawyer, not the firms' HR"),
]


@pytest.mark.parametrize(("need", "right", "other"), [STORIES[0], STORIES[2]])
def test_the_other_sides_offer_loses_to_the_helper_by_the_words(
        need: str, right: str, other: str) -> None:
    """(By the words alone the nurse's tax question still meets the job advert: it
    shares "Detroit", "hospital" and "nursing" with it and only "taxes" with the CPA;
    the landlord's basement shares renting, tenants and a landlord with the paralegal and
    only permits with the technologist; the employee's unpaid dues share NSSF, payroll
    and the company with the firms' HR and only the deductions with the labour lawyer;
    the sentence model reads the difference.)"""
    assert _first(need, other, right, model=False) == right


@pytest.mark.meaning
@needs_model
@pytest.mark.parametrize(("need", "right", "other"), STORIES)
def test_the_other_sides_offer_loses_to_the_helper_by_meaning(
        need: str, right: str, other: str) -> None:
    assert _first(need, other, right, model=True) == right


@pytest.mark.meaning
@needs_model
def test_an_advert_still_meets_a_need_that_looks_for_work() -> None:
    assert _first(LAID_OFF, CPA, JOB_AD, model=True) == JOB_AD
    assert _first(LAID_OFF, CPA, JOB_AD, model=False) == JOB_AD


def test_the_side_codes_say_what_against_says() -> None:
    """The matcher reads an offer's audiences once as side codes (``against_codes``) and
    a need's sides as one (``side_code``): for every audience an offer may name and every
    side a need may be on, the bit says what ``against`` says."""
    from itertools import chain, combinations

    from kith.domain.serendipity.audience import NEED_SIDES, against_codes, side_code

    def subsets(items: tuple[str, ...]) -> list[frozenset[str]]:
        return [frozenset(c) for c in chain.from_iterable(
            combinations(items, n) for n in range(len(items) + 1))]

    for offer in subsets((FOR_LANDLORDS, FOR_TENANTS, FOR_BUYERS, HIRING, FOR_EMPLOYERS)):
        codes = against_codes(offer)
        for need in subsets(NEED_SIDES):
            assert bool(codes >> side_code(need) & 1) == bool(against(offer, need)), \
                (offer, need)
