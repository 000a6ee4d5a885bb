"""Personas of issue 25: the value model judged as a reader of the two posts would.

Each case the issue reports is a small story of its own, dated absolutely, ending on a
fixed day and judged over an explicit ``--since/--until`` window, so the answer never
depends on today. Values kith would have estimated carry ``meta.estimated`` (as an
import's estimates do), so the stories say exactly what was recorded and what was not.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from kith.core.model import Value
from kith.domain import ledger
from tests.personas.test_personas import Life, Persona

UNTIL = "2026-11-15"
ESTIMATED = {"estimated": True}


def judge(life: Life, network: str, since: str, until: str = UNTIL,
          config: dict[str, Any] | None = None) -> ledger.Assessment:
    life.store.upsert_interactions(life.items)
    life.items = []
    window = ledger.parse_window(since=since, until=until, today=date(2026, 11, 15))
    [result] = ledger.assess(life.store, window=window, networks=[network],
                             config=config or {}, today=date(2026, 11, 15))
    return result


# 1. fun is a quality of the time given -------------------------------------------------
def book_club(life: Life) -> ledger.Assessment:
    """Seven evenings rated 4-5 in five months: sparse, but consistently fun."""
    life.network("Book club", "friends", "2026-01-10")
    for on, fun in (("2026-07-02", 5), ("2026-07-30", 4), ("2026-08-27", 5),
                    ("2026-09-10", 4), ("2026-09-24", 5), ("2026-10-22", 4),
                    ("2026-11-05", 5)):
        life.log("book-club", on, "shared", "meeting", Value(minutes=45, fun=fun),
                 ("Mia", "Noor"))
    return judge(life, "book-club", "2025-12-01")


def book_club_with_chat(life: Life) -> ledger.Assessment:
    """The same club after importing its WhatsApp chat: 60 estimated chat days."""
    life.network("Book club", "friends", "2026-01-10")
    for on, fun in (("2026-07-02", 5), ("2026-07-30", 4), ("2026-08-27", 5),
                    ("2026-09-10", 4), ("2026-09-24", 5), ("2026-10-22", 4),
                    ("2026-11-05", 5)):
        life.log("book-club", on, "shared", "meeting", Value(minutes=45, fun=fun),
                 ("Mia", "Noor"))
    life.monthly("book-club", "2026-01-03", 10, "shared", "conversation",
                 Value(minutes=10, fun=2), ("Mia",), meta=ESTIMATED)
    for n in range(50):
        life.log("book-club", f"2026-{n % 10 + 1:02d}-{n % 27 + 1:02d}", "shared",
                 "conversation", Value(minutes=4, fun=2), ("Noor",), meta=ESTIMATED)
    return judge(life, "book-club", "2025-12-01")


def church_calendar(life: Life) -> ledger.Assessment:
    """522 calendar events imported with an estimated 2/5 each; only giving recorded."""
    life.network("St Luke's", "church", "2020-01-01")
    for n in range(522):
        month, day = n % 12 + 1, n % 28 + 1
        year = 2025 if n % 2 else 2026
        if year == 2026 and month > 10:
            month = 10
        life.log("st-lukes", f"{year}-{month:02d}-{day:02d}", "shared", "service",
                 Value(minutes=90, fun=2), ("Vicar",), meta=ESTIMATED)
    life.monthly("st-lukes", "2024-12-01", 24, "gave", "donation", Value(money=5000),
                 ("Treasurer",))
    return judge(life, "st-lukes", "2024-12-01")


def cold_pitches(life: Life) -> ledger.Assessment:
    """Three cold LinkedIn pitches a month, each estimated at fun 1, nothing back."""
    life.network("LinkedIn", "social", "2019-01-01")
    for month in range(12):
        for day in (3, 13, 23):
            index = 2025 * 12 + 11 + month
            on = f"{index // 12}-{index % 12 + 1:02d}-{day:02d}"
            life.log("linkedin", on, "gave", "message", Value(minutes=10, fun=1),
                     (f"Prospect {month}-{day}",), initiative="pitched", meta=ESTIMATED)
    return judge(life, "linkedin", "2025-12-01")


def golf(life: Life) -> ledger.Assessment:
    """A golf club where only the fees were ever logged."""
    life.network("Golf", "other", "2019-04-01")
    life.monthly("golf", "2025-12-01", 12, "gave", "fees", Value(money=9000), ("Club",))
    return judge(life, "golf", "2025-12-01")


# 2. help received is a return -------------------------------------------------------
def friends_who_help(life: Life) -> ledger.Assessment:
    """Friends moved the house, checked the VAT return, wrote a reference."""
    life.network("Brigid circle", "other", "2015-01-01")
    for on in ("2026-01-10", "2026-04-11", "2026-08-02"):
        life.log("brigid-circle", on, "gave", "help", Value(favours=1, minutes=120),
                 ("Aoife",))
    for on, kind in (("2026-03-20", "moving house"), ("2026-06-01", "VAT return"),
                     ("2026-09-15", "reference")):
        life.log("brigid-circle", on, "received", "help", Value(favours=1),
                 ("Aoife", "Ciaran"), note=kind)
    return judge(life, "brigid-circle", "2025-12-01")


def the_taker(life: Life) -> ledger.Assessment:
    """A friends group where the user takes: gave 1 favour, received 9."""
    life.network("Old crew", "other", "2012-01-01")
    life.log("old-crew", "2026-02-01", "gave", "help", Value(favours=1), ("Dee",))
    life.monthly("old-crew", "2026-01-15", 9, "received", "help", Value(favours=1),
                 ("Dee", "Eli"))
    return judge(life, "old-crew", "2025-12-01")


# 3. paying it forward is not a cost --------------------------------------------------
def church_volunteer(life: Life) -> ledger.Assessment:
    """Volunteering every week (94 shifts, 6 favours back) for the companionship."""
    life.network("St Columba", "church", "2018-01-01")
    for n in range(94):
        on = date.fromordinal(date(2025, 1, 6).toordinal() + 7 * n)
        life.log("st-columba", on.isoformat(), "gave", "volunteering",
                 Value(favours=1, minutes=120), ("Rota",))
    life.monthly("st-columba", "2025-01-12", 22, "shared", "service",
                 Value(minutes=90, fun=4), ("Rota",))
    life.monthly("st-columba", "2025-02-20", 6, "received", "help", Value(favours=1),
                 ("Rota",))
    return judge(life, "st-columba", "2025-01-01")


def newcomers_welcomed(life: Life) -> ledger.Assessment:
    """Helping 13 newcomers settle in, in a network that is fun."""
    life.network("Makers guild", "other", "2016-01-01")
    life.monthly("makers-guild", "2025-12-05", 12, "shared", "event",
                 Value(minutes=120, fun=4), ("Old hand",))
    for n in range(13):
        on = f"2026-{n % 10 + 1:02d}-{n + 2:02d}"
        who = f"Newcomer {n}"
        life.person(who, makers_guild=f"2026-{n % 10 + 1:02d}-01")
        life.log("makers-guild", on, "gave", "help", Value(favours=1, minutes=60), (who,))
        life.log("makers-guild", on, "gave", "advice", Value(favours=1, minutes=30), (who,))
    return judge(life, "makers-guild", "2025-12-01")


def introductions_for_others(life: Life) -> ledger.Assessment:
    """Ten introductions made for other people in a fun network; one led to work."""
    life.network("Design circle", "other", "2016-01-01")
    life.monthly("design-circle", "2025-12-05", 12, "shared", "meetup",
                 Value(minutes=120, fun=4), ("Host",))
    for n in range(10):
        outcomes = [{"when": "2026-10-01", "led_to": "a job", "for_me": False}] \
            if n == 0 else []
        life.log("design-circle", f"2026-{n + 1:02d}-15", "gave", "introduction",
                 Value(favours=1, minutes=15), (f"Ann {n}", f"Bo {n}"),
                 meta={"intro": {"people": [], "opportunities": [], "outcomes": outcomes}})
    return judge(life, "design-circle", "2025-12-01")


# 4. membership and rhythm ------------------------------------------------------------
def left_in_august(life: Life) -> ledger.Assessment:
    """A running club, fun every month, left in August 2026."""
    from kith.core.model import Network

    life.store.save_network(Network.create("Running club", kind="other", joined="2023-01-01",
                                           left="2026-08-20"))
    life.monthly("running-club", "2025-09-06", 12, "shared", "run", Value(minutes=60, fun=4),
                 ("Ray",))
    return judge(life, "running-club", "2025-12-01")


def abandoned_account(life: Life) -> ledger.Assessment:
    """A Mastodon account used in 2023-2024, nothing recorded since."""
    life.network("Mastodon", "social", "2023-01-01")
    life.monthly("mastodon", "2023-02-10", 20, "shared", "reply", Value(minutes=5, fun=2),
                 ("Toot",))
    return judge(life, "mastodon", "2025-12-01")


def seasonal_conference(life: Life) -> ledger.Assessment:
    """A conference season (Sep-Nov) the user enjoys, two years running; judged on 2026."""
    life.network("FinConf", "association", "2024-06-01")
    for year in (2025, 2026):
        for month in (9, 10, 11):
            for day in (5, 6):
                life.log("finconf", f"{year}-{month:02d}-{day:02d}", "shared", "conference",
                         Value(minutes=360, money=-20000, fun=4), ("Organiser",))
    return judge(life, "finconf", "2026-01-01")


def first_season_pays(life: Life) -> ledger.Assessment:
    """The same conference in its first season only: three months on record, it pays."""
    life.network("FinConf", "association", "2025-06-01")
    for month in (9, 10, 11):
        life.log("finconf", f"2026-{month:02d}-05", "shared", "conference",
                 Value(minutes=360, money=-20000), ("Organiser",))
    for month, who in ((9, "Declan"), (10, "Ines")):
        life.log("finconf", f"2026-{month:02d}-20", "received", "client",
                 Value(money=450000), (who,))
    return judge(life, "finconf", "2026-01-01")


# 5. one credit per payment -----------------------------------------------------------
def pitched_then_invited(life: Life) -> ledger.Assessment:
    """Six pitches to Declan, then Declan asks after a talk, then pays 3,500."""
    life.network("Chamber", "association", "2018-01-01")
    life.monthly("chamber", "2025-12-10", 12, "shared", "meeting", Value(minutes=90, fun=3),
                 ("Host",))
    for month in range(1, 7):
        life.log("chamber", f"2026-{month:02d}-02", "gave", "message", Value(minutes=10),
                 ("Declan",), initiative="pitched")
    life.log("chamber", "2026-07-01", "gave", "talk", Value(minutes=120), ("Host",),
             note="cash flow")
    life.log("chamber", "2026-07-03", "received", "conversation", Value(minutes=30),
             ("Declan",), initiative="invited")
    life.log("chamber", "2026-08-01", "received", "client", Value(money=350000), ("Declan",))
    return judge(life, "chamber", "2025-12-01")


# 6. advice that names the lever; caveats as extra lines --------------------------------
def pays_once_a_year_while_pitching(life: Life) -> ledger.Assessment:
    """A network that pays once a year, where the user also pitches with nothing back."""
    life.network("Trade fair", "other", "2018-01-01")
    life.monthly("trade-fair", "2025-12-12", 12, "shared", "meeting", Value(minutes=60, fun=3),
                 ("Stand",))
    for month in range(1, 9):
        life.log("trade-fair", f"2026-{month:02d}-20", "gave", "message", Value(minutes=15),
                 (f"Buyer {month}",), initiative="pitched")
    life.log("trade-fair", "2026-05-05", "received", "client", Value(money=250000),
             ("Repeat client",))
    return judge(life, "trade-fair", "2025-12-01")


def talks_bring_work(life: Life) -> ledger.Assessment:
    """Talks bring invitations, and the invitations bring paid work."""
    life.network("UX guild", "association", "2018-01-01")
    life.monthly("ux-guild", "2025-12-04", 12, "shared", "meeting", Value(minutes=90, fun=3),
                 ("Host",))
    for month, who in ((2, "Ann"), (5, "Bea"), (9, "Cai")):
        life.log("ux-guild", f"2026-{month:02d}-01", "gave", "talk", Value(minutes=180),
                 ("Host",), note=f"talk {month}")
        life.log("ux-guild", f"2026-{month:02d}-04", "received", "conversation",
                 Value(minutes=30), (who,), initiative="invited")
        life.log("ux-guild", f"2026-{month:02d}-25", "received", "client",
                 Value(money=150000), (who,))
    return judge(life, "ux-guild", "2025-12-01")


def one_connector(life: Life) -> ledger.Assessment:
    """All the money came through Declan."""
    life.network("Alumni", "other", "2015-01-01")
    life.monthly("alumni", "2025-12-04", 12, "shared", "drinks", Value(minutes=90, fun=3),
                 ("Host",))
    for month in (2, 6, 10):
        life.log("alumni", f"2026-{month:02d}-10", "received", "referral",
                 Value(money=100000), ("Declan",))
    return judge(life, "alumni", "2025-12-01")


# 7. newcomers and takers -------------------------------------------------------------
def introduced_are_not_newcomers(life: Life) -> ledger.Assessment:
    """Two people new to the network, introduced to each other: not newcomers helped."""
    life.network("Founders", "other", "2016-01-01")
    life.monthly("founders", "2025-12-05", 12, "shared", "meetup", Value(minutes=60, fun=4),
                 ("Host",))
    life.person("Ann New", founders="2026-05-01")
    life.person("Bo New", founders="2026-05-01")
    life.log("founders", "2026-05-10", "gave", "introduction", Value(favours=1),
             ("Ann New", "Bo New"), meta={"intro": {"people": [], "opportunities": [],
                                                    "outcomes": []}})
    return judge(life, "founders", "2025-12-01")


def no_takers_early_or_side_by_side(life: Life) -> ledger.Assessment:
    """Help in the first recorded month and help to a co-volunteer make nobody a taker;
    help well after, with nothing ever back, does (as information)."""
    life.network("Food bank", "other", "2015-01-01")
    life.monthly("food-bank", "2025-01-08", 23, "shared", "shift", Value(minutes=180, fun=4),
                 ("Coordinator",))
    for day in ("2025-01-10", "2025-01-17", "2025-01-24"):
        life.log("food-bank", day, "gave", "help", Value(favours=1), ("Early Ed",))
    for month in range(1, 7):
        life.log("food-bank", f"2026-{month:02d}-12", "gave", "volunteering",
                 Value(favours=1, minutes=120), ("Co Volunteer",))
    life.person("Taking Tim", food_bank="2015-01-01")  # there long before: not new
    for month in (3, 5, 7, 9):
        life.log("food-bank", f"2026-{month:02d}-20", "gave", "help", Value(favours=1),
                 ("Taking Tim",))
    return judge(life, "food-bank", "2025-01-01")


# 8. the evidence is the return, not the number of records; help and time cost -------
def neighbours_help_twice(life: Life) -> ledger.Assessment:
    """Three records in a year: neighbours helped twice, the user once."""
    life.network("Neighbours", "friends", "2016-07-01")
    life.log("neighbours", "2026-03-08", "received", "help", Value(favours=1), ("Birgit",),
             note="picked up the kids")
    life.log("neighbours", "2026-05-17", "gave", "help", Value(favours=1, minutes=180),
             ("Birgit",), note="repaired her gate")
    life.log("neighbours", "2026-07-12", "received", "help", Value(favours=1), ("Hans",),
             note="lent me his scaffold")
    return judge(life, "neighbours", "2025-12-01")


def one_help_back(life: Life) -> ledger.Assessment:
    """The same, with help back in one month only: too little to judge."""
    life.network("Neighbours", "friends", "2016-07-01")
    life.log("neighbours", "2026-05-17", "gave", "help", Value(favours=1, minutes=180),
             ("Birgit",))
    life.log("neighbours", "2026-07-12", "received", "help", Value(favours=2), ("Hans",))
    return judge(life, "neighbours", "2025-12-01")


def fair_stand_pays(life: Life) -> ledger.Assessment:
    """A spring fair: one stand paid in March, two commissions in April; three records."""
    life.network("Spring fair", "other", "2019-03-01")
    life.log("spring-fair", "2026-03-10", "gave", "event",
             Value(minutes=1800, money=90000, fun=3), ("Fair office",))
    for day, who in ((12, "Buyer A"), (19, "Buyer B")):
        life.log("spring-fair", f"2026-04-{day}", "received", "client", Value(money=190000),
                 (who,), initiative="invited")
    return judge(life, "spring-fair", "2025-12-01")


def unpaid_presales(life: Life) -> ledger.Assessment:
    """Ten hours and two favours of unpaid pre-sales help a month, one 500 referral fee."""
    life.network("Partner network", "association", "2023-01-15")
    life.monthly("partner-network", "2025-12-15", 12, "gave", "help",
                 Value(minutes=600, favours=2), ("Partner manager",))
    life.log("partner-network", "2026-11-10", "received", "referral", Value(money=50000),
             ("Partner manager",))
    return judge(life, "partner-network", "2025-12-01")


def paid_presales(life: Life) -> ledger.Assessment:
    """The same help, paid 4,000 in referral fees: it pays for the help."""
    life.network("Partner network", "association", "2023-01-15")
    life.monthly("partner-network", "2025-12-15", 12, "gave", "help",
                 Value(minutes=600, favours=2), ("Partner manager",))
    for month in (3, 7, 11):
        life.log("partner-network", f"2026-{month:02d}-10", "received", "referral",
                 Value(money=140000), ("Partner manager",))
    return judge(life, "partner-network", "2025-12-01")


def lunch_share(life: Life) -> ledger.Assessment:
    """A monthly lunch where the user pays a 30 share (``--shared --money 30``), rated 2,
    after pitching the table twice a quarter: the share is money spent, not a payment."""
    life.network("Lunch circle", "other", "2022-06-01")
    life.monthly("lunch-circle", "2025-12-24", 12, "shared", "meeting",
                 Value(minutes=120, money=3000, fun=2), ("Katrin", "Moritz"))
    for month in (1, 4, 7, 10):
        life.log("lunch-circle", f"2026-{month:02d}-20", "gave", "message", Value(minutes=10),
                 ("Katrin",), initiative="pitched")
    return judge(life, "lunch-circle", "2025-12-01")


def dues_only_this_year(life: Life) -> ledger.Assessment:
    """Quarterly dues, nothing else ever written down: four records in the year."""
    life.network("Rotary", "association", "2022-02-01")
    for month in (1, 4, 7, 10):
        life.log("rotary", f"2026-{month:02d}-05", "gave", "dues", Value(money=4500),
                 ("Treasurer",))
    return judge(life, "rotary", "2025-12-01")


def left_before_the_window(life: Life) -> ledger.Assessment:
    """A golf society left in June 2025, judged on the year after."""
    from kith.core.model import Network

    life.store.save_network(Network.create("Golf society", kind="other", joined="2019-04-01",
                                           left="2025-06-30"))
    life.monthly("golf-society", "2024-07-06", 12, "gave", "round",
                 Value(minutes=240, money=5000, fun=1), ("Captain",))
    return judge(life, "golf-society", "2025-12-01")


def quiet_after_good_years(life: Life) -> ledger.Assessment:
    """Replies rated 3 every month of 2023, then nothing for three years: judged on all
    time, it is dormant, and says it was worth it before."""
    life.network("Mastodon", "social", "2022-06-01")
    life.monthly("mastodon", "2023-01-10", 12, "shared", "reply", Value(minutes=20, fun=4),
                 ("Toot",))
    return judge(life, "mastodon", "2023-01-01")


VALUE_PERSONAS = [
    Persona("sparse but consistently fun evenings make a network fun", book_club, "worth-it",
         "keep", ["worth it: it is fun", "typically 4.6 of 5 over 7 rated occasions"],
         never=["leave", "not enough records"]),
    Persona("importing a chat does not flip the verdict; estimates are shown apart",
         book_club_with_chat, "worth-it", "keep",
         ["typically 4.6 of 5 over 7 rated occasions", "are estimated by kith and never "
          "decide"]),
    Persona("522 estimated calendar events decide nothing: kith asks", church_calendar, "ask",
         "rate-fun", ["of 1,044 fun points, 1,044 are estimated",
                      "no fun recorded in St Luke's: is it fun? rate an evening "
                      "(`kith log st-lukes … --fun 4`)"],
         never=["worth it (fun)", "leave"]),
    Persona("cold pitches with estimated fun are still pitching with nothing back",
         cold_pitches, "leave", "leave", ["stop pitching on LinkedIn", "36 pitches"],
         never=["worth it"]),
    Persona("a network where only money was logged gets a question", golf, "ask", "rate-fun",
         ["no fun recorded in Golf: is it fun? rate an evening (`kith log golf … --fun 4`)"],
         never=["leave", "0.0 fun points a month for no time given"]),
    Persona("friends who help are worth it", friends_who_help, "worth-it", "keep",
         ["help comes back", "favours: gave 3, received 3"],
         never=["gave nothing back", "leave"]),
    Persona("the taker is told so, as information", the_taker, "worth-it", "keep",
         ["you are the taker here", "pay it forward"], never=["leave"]),
    Persona("church volunteering for the companionship is not a debt", church_volunteer,
         "worth-it", "keep", ["worth it: it is fun"], never=["give fewer favours"]),
    Persona("helping newcomers is paying it forward", newcomers_welcomed, "worth-it", "keep",
         ["you helped 13 newcomers", "not a cost"],
         never=["give fewer favours", "out of balance"],
         check=lambda a: a.totals is not None and a.totals.newcomer_help == 26),
    Persona("introductions for others are serendipity, not a debt", introductions_for_others,
         "worth-it", "keep", ["10 introductions for others, 1 led somewhere"],
         never=["give fewer favours", "out of balance", "10 given, 0 back"]),
    Persona("a network left in August is judged while the user was there", left_in_august,
         "worth-it", "none", ["you left in Aug 2026: it was worth it while you were there"],
         never=["record more"],
         check=lambda a: a.to_dict()["left_on"] == "2026-08-20"),
    Persona("an abandoned account is dormant, not short of records", abandoned_account,
         "dormant", "decide", ["dormant since Sep 2024"],
         never=["record more", "more interactions"]),
    Persona("a seasonal conference is judged over its season", seasonal_conference,
         "worth-it", "keep", ["worth it: it is fun", "6 interactions over 3 months"],
         never=["not enough records"]),
    Persona("a network that clearly pays is never short of months", first_season_pays,
         "worth-it", "keep", ["it pays"], never=["not enough records", "record more"]),
    Persona("a payment is credited once, to the nearest earlier conversation",
         pitched_then_invited, "worth-it", "keep", ["6 pitches (you went to them; nothing "
                                                    "back from them",
                                                    "1 invitation (people came to you; "
                                                    "3,500.00 EUR back from them"],
         check=lambda a: (a.conversations["money_after_invited"],
                          a.conversations["money_after_pitched"]) == (350000, 0)),
    Persona("the step names the lever; one payment is a caveat, not the step",
         pays_once_a_year_while_pitching, "worth-it", "keep",
         ["do not count on it paying"],
         check=lambda a: a.next_step.startswith("keep Trade fair, and pitch less there")
         and any(c.startswith("do not count on it paying") for c in a.caveats)),
    Persona("talks that bring invitations: give more of them", talks_bring_work, "worth-it",
         "keep", ["keep giving talks in UX guild: your talks brought 3 invitations"]),
    Persona("reliance on one connector is said", one_connector, "worth-it", "keep",
         ["all the money came through Declan"]),
    Persona("someone you introduced is not a newcomer", introduced_are_not_newcomers,
         "worth-it", "keep", ["1 introduction for others"],
         check=lambda a: a.newcomers_helped == []),
    Persona("nobody is a taker for early help or for volunteering side by side",
         no_takers_early_or_side_by_side, "worth-it", "keep", [],
         check=lambda a: [t["name"] for t in a.takers] == ["Taking Tim"]),
    Persona("help back in two months is a verdict however few the records",
         neighbours_help_twice, "worth-it", "keep", ["help comes back"],
         never=["not enough records", "record more"]),
    Persona("help back once is still too little to judge", one_help_back,
         "not-enough-records", "record-more", ["2 interactions"]),
    Persona("a stand that paid twice is a verdict with three records", fair_stand_pays,
         "worth-it", "keep", ["it pays"], never=["not enough records"]),
    Persona("unpaid help is weighed against the money it brings", unpaid_presales,
         "out-of-balance", "rebalance",
         ["500.00 EUR back for 24 favours given (worth 1,200.00 EUR"],
         never=["worth it", "it pays"]),
    Persona("help that is paid for pays", paid_presales, "worth-it", "keep", ["it pays"]),
    Persona("a shared lunch's money is the user's share, never a payment", lunch_share,
         "out-of-balance", "rebalance", ["a little fun", "money: no money received, gave "
                                         "360.00 EUR"],
         never=["worth it"],
         check=lambda a: a.conversations["money_after_pitched"] == 0
         and a.received.money == 0 and a.given.money == 36000),
    Persona("where only dues were recorded kith asks, however few the records",
         dues_only_this_year, "ask", "rate-fun", ["is it fun? rate an evening"],
         never=["record more", "not enough records"]),
    Persona("a network left before the window has nothing to judge in it",
         left_before_the_window, "dormant", "none",
         ["you left Golf society in Jun 2025, before this window"],
         never=["too little was recorded while you were there", "record more"]),
    Persona("a network quiet for three years is dormant, and says what it was before",
         quiet_after_good_years, "dormant", "decide",
         ["dormant since Dec 2023", "before it went quiet it was worth it"],
         check=lambda a: a.decision is not None and a.decision.before_quiet == "worth-it"),
]


def _words(a: ledger.Assessment) -> str:
    return "\n".join([*a.reasons, a.headline, a.next_step, *a.caveats])


@pytest.mark.parametrize("case", VALUE_PERSONAS, ids=[c.name for c in VALUE_PERSONAS])
def test_value_persona(case: Persona, tmp_path: Path) -> None:
    result = case.story(Life(tmp_path / "db"))
    words = _words(result)
    assert (result.verdict, result.advice) == (case.verdict, case.advice), words
    for expected in case.reasons:
        assert expected in words, (expected, words)
    for wrong in case.never:
        assert wrong not in words, (wrong, words)
    if case.check is not None:
        assert case.check(result), result.to_dict()
    # the same answer in JSON, with the new fields beside the old ones
    data = result.to_dict()
    assert data["verdict"] == case.verdict and data["next_step"] == result.next_step
    assert {"recorded", "estimated", "fun_quality", "paid_forward", "caveats",
            "left_on", "returns"} <= set(data)
