"""Femi Adeyemi, independent data-visualisation consultant in London, 2022-03-01 to 2026-09-30.

At the Data Visualization Society's London chapter Femi gives a talk or two a year; after
each one people come to her with their questions, and some of them later hire her (talk,
invitation, client: the network pays). On LinkedIn she pitches herself every month with
cold messages and nothing ever comes back (the clearest case for leaving). Her supper club
meets only every seven weeks or so, but every evening is a good one: sparse, consistently
fun, worth it without a penny.
"""

from __future__ import annotations

from tests.personas.blind._story import Story, every, expect, months, plus

NAME = "Femi Adeyemi"
START, END = "2022-03-01", "2026-09-30"

WINDOWS = {
    "last12": ("2025-10-01", "2026-09-30"),
    "all": (START, END),
    "2024": ("2024-01-01", "2024-12-31"),
}

s = Story()
s.network("dvs", "Data Visualization Society London", "association", joined="2022-03-01")
s.network("linkedin", "LinkedIn", "social", joined="2022-03-01")
s.network("supper", "Supper Club", "friends", joined="2022-05-01")

for who in ("Owen Price", "Priyanka Shah", "Tom Okafor", "Lise Moreau", "Daniel Hughes",
            "Greta Sundberg", "Kofi Mensah"):
    s.person(who, "dvs")
PROSPECTS = ("Chris Baxter", "Mei Lin", "Jordan Ellis", "Hannah Weber", "Rob Tierney")
for who in PROSPECTS:
    s.person(who, "linkedin")
FRIENDS = ("Ada Eze", "Noah Grant", "Ruth Kim", "Tunde Bakare")
for who in FRIENDS:
    s.person(who, "supper", tags=("close",))

# Data Visualization Society: talks, the questions that follow, and the clients that follow those.
TALKS = [
    ("2022-06-15", "Kofi Mensah", None),
    ("2022-11-10", "Tom Okafor", 2800),
    ("2023-04-20", "Greta Sundberg", None),
    ("2023-10-12", "Lise Moreau", 4200),
    ("2024-03-14", "Kofi Mensah", None),
    ("2024-09-19", "Daniel Hughes", 3500),
    ("2025-02-13", "Lise Moreau", None),
    ("2025-06-12", "Greta Sundberg", 5000),
    ("2025-11-13", "Priyanka Shah", 3200),
    ("2026-04-16", "Tom Okafor", 2600),
]
for when, listener, fee in TALKS:
    s.log("dvs", "Owen Price", "gave", "talk", when, minutes=150,
          note="chapter talk on charts for annual reports")
    s.log("dvs", listener, "gave", "advice", plus(when, 3), minutes=45, invited=True,
          note="came up after the talk with a question about their dashboards")
    if fee:
        s.log("dvs", listener, "received", "client", plus(when, 40), money=fee,
              note="hired me for a dashboard project")
for when in months("2022-03-20", "2026-09-30", step=2):
    s.log("dvs", "Owen Price", "shared", "event", when, minutes=120, fun=3,
          note="chapter meetup")
for year in range(2022, 2027):
    s.log("dvs", "Owen Price", "gave", "dues", f"{year}-03-05", money=90)

# LinkedIn: a cold pitch every month, never an answer.
for i, when in enumerate(months("2022-03-08", "2026-09-30")):
    s.log("linkedin", PROSPECTS[i % len(PROSPECTS)], "gave", "message", when, minutes=20,
          pitched=True, note="cold message offering my dashboard audit")

# Supper club: an evening every seven weeks, always good.
for i, when in enumerate(every("2022-05-14", "2026-09-30", days=49)):
    s.log("supper", [FRIENDS[i % 4], FRIENDS[(i + 1) % 4]], "shared", "event", when,
          minutes=210, fun=5 if i % 3 else 4, note="supper at someone's flat")

STORY = s.commands

EXPECT = [
    expect("dvs", "last12", "worth-it", why="two talks, each followed by a question and then a "
           "paying client: the network pays (talk, invitation, client)", must_not=("leave",)),
    expect("dvs", "all", "worth-it", why="four and a half years of talks that keep bringing "
           "invited conversations and clients", must_not=("leave",)),
    expect("dvs", "2024", "worth-it", why="a client of 3,500 after the September talk, against "
           "90 of dues", must_not=("leave",)),
    expect("linkedin", "last12", "leave", why="a year of cold pitching and nothing back in "
           "any form: no money, no fun, no help", must=("leave",)),
    expect("linkedin", "all", "leave", why="55 pitches, not one answer: self-promotion that "
           "only puts people off", must=("leave",)),
    expect("supper", "last12", "worth-it", why="sparse but every evening rated 4 or 5: if it "
           "doesn't make money it should be fun, and it is", must_not=("leave",)),
    expect("supper", "all", "worth-it", why="years of consistently fun evenings with close "
           "friends", must_not=("leave",)),
    expect("supper", "2024", "worth-it", why="seven or eight fun suppers in the year",
           must_not=("leave",)),
]
