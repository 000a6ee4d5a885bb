"""Lena Fischer, freelance translator in Leipzig, 2023-06-01 to 2026-11-30.

Every autumn (September to November) Lena goes to the Autumn Translation Days. For three
seasons she paid the fee, pitched to agencies and got nothing; in 2026 she gave a talk,
people came to her with questions, and three became clients. Her university friends help her
(Jonas checks her VAT return every quarter, all of them moved her flat) and she records no
money or fun there. She pitches her services on Instagram every week to no one. Her X account
went quiet at the end of January 2024. She boulders with the Boulder Crew most weeks.
"""

from __future__ import annotations

from tests.personas.blind._story import Story, every, expect, months, plus

NAME = "Lena Fischer"
START, END = "2023-06-01", "2026-11-30"

WINDOWS = {
    "last12": ("2025-12-01", "2026-11-30"),
    "all": (START, END),
    "season2026": ("2026-09-01", "2026-11-30"),
    "2025": ("2025-01-01", "2025-12-31"),
    "2024": ("2024-01-01", "2024-12-31"),
}

s = Story()
s.network("autumn", "Autumn Translation Days", "association", joined="2021-09-01")
s.network("unifriends", "Uni Friends", "friends", joined="2010-10-01")
s.network("instagram", "Instagram", "social", joined="2022-01-01")
s.network("x", "X", "social", joined="2015-04-01")
s.network("crew", "Boulder Crew", "friends", joined="2022-03-01")

# --- Autumn Translation Days: Sep-Nov every year ------------------------------------------
s.person("Ines Moreau", "autumn", tags=("organiser",))
for year in (2023, 2024, 2025):
    s.log("autumn", "Ines Moreau", "gave", "dues", f"{year}-09-02", money=350,
          note="conference fee")
    for k, d in enumerate((f"{year}-09-21", f"{year}-10-19", f"{year}-11-16")):
        s.log("autumn", "Ines Moreau", "shared", "event", d, minutes=420,
              fun=2 if year == 2025 else 3, note="conference day")
        agency = f"Agency {year}-{k}"
        s.person(agency, "autumn")
        s.log("autumn", agency, "gave", "message", plus(d, 1), minutes=30, pitched=True,
              note="handed my card, offered my rates")
s.person("Autumn Asker 2024", "autumn")
s.log("autumn", "Autumn Asker 2024", "received", "conversation", "2024-10-20", minutes=20,
      invited=True, note="asked about legal glossaries; nothing came of it")
s.log("autumn", "Ines Moreau", "gave", "dues", "2026-09-02", money=350, note="conference fee")
s.log("autumn", "Ines Moreau", "gave", "talk", "2026-09-18", minutes=360,
      note="talk: terminology management for small agencies")
for k, (paid_on, fee) in enumerate((("2026-10-02", 2800), ("2026-10-20", 4500),
                              ("2026-11-12", 1900), (None, 0))):
    asker = f"Talk Asker {k}"
    s.person(asker, "autumn")
    s.log("autumn", asker, "received", "conversation", plus("2026-09-18", 1 + k), minutes=45,
          invited=True, note="came up after my talk with a question")
    if paid_on:
        s.log("autumn", asker, "received", "client", paid_on, money=fee, invited=True,
              note="translation job after the talk")
for d in ("2026-09-19", "2026-10-17", "2026-11-14"):
    s.log("autumn", "Ines Moreau", "shared", "event", d, minutes=420, fun=4,
          note="conference day")

# --- Uni Friends: VAT returns and a house move, no money or fun recorded -------------------
for name in ("Jonas Albrecht", "Mia Kranz", "Karl Ebert"):
    s.person(name, "unifriends")
for on in months("2023-07-05", END, step=3):
    s.log("unifriends", "Jonas Albrecht", "received", "help", on, minutes=90, favours=1,
          note="checked my VAT return")
s.log("unifriends", ["Jonas Albrecht", "Mia Kranz", "Karl Ebert"], "received", "help",
      "2024-04-13", minutes=600, favours=3, note="moved my flat")
s.log("unifriends", "Karl Ebert", "received", "help", "2024-04-20", minutes=240, favours=1,
      note="assembled the kitchen")
for on in months("2023-09-10", END, step=4):
    s.log("unifriends", "Mia Kranz", "gave", "help", on, minutes=180, favours=1,
          note="proofread Mia's grant application")

# --- Instagram: weekly pitching, nothing back ---------------------------------------------
s.person("Instagram Followers", "instagram")
for on in every("2023-06-05", END, days=7):
    s.log("instagram", "Instagram Followers", "gave", "post", on, minutes=45, pitched=True,
          note="post advertising my translation services")

# --- X: some replies in 2023, silent since February 2024 ----------------------------------
s.person("Tereza Novak", "x")
for i, on in enumerate(months("2023-06-08", "2024-01-31", step=1)):
    s.log("x", "Tereza Novak", "gave", "post", on, minutes=20, note="thread on CAT tools")
    if i % 2 == 0:
        s.log("x", "Tereza Novak", "received", "reply", plus(on, 1), note="a reply")

# --- Boulder Crew: most weeks, fun ---------------------------------------------------------
s.person("Ben Ortlieb", "crew")
s.person("Sofia Lange", "crew")
for i, on in enumerate(every("2023-06-06", END, days=10)):
    s.log("crew", ["Ben Ortlieb", "Sofia Lange"], "shared", "event", on, minutes=150,
          fun=4 if i % 4 else 5, note="bouldering and a beer")

STORY = s.commands

EXPECT = [
    expect("autumn", "season2026", "worth-it", why="after her talk people came to her with "
           "questions; three paid jobs, 9,200 EUR, in one season", must_not=("dormant",)),
    expect("autumn", "last12", "worth-it", why="a conference that meets only in the autumn "
           "and paid well this year; quiet months are its season, not neglect",
           must_not=("dormant",)),
    expect("autumn", "all", "worth-it", why="four fees and pitches, but the 2026 season "
           "returned far more than everything she put in", must_not=("dormant",)),
    expect("autumn", "2025", "out-of-balance", "leave", why="fee, three long days rated 2 "
           "and pitches that led nowhere: more put in than came back",
           must=("pitch",)),
    expect("autumn", "2024", "out-of-balance", "leave", "worth-it", why="fee and pitches, "
           "days rated 3 and one invited question without money: at best modestly fun"),
    expect("unifriends", "last12", "worth-it", why="Jonas checks her VAT return every "
           "quarter: help is value even without money or fun", must_not=("leave",)),
    expect("unifriends", "all", "worth-it", why="they moved her flat and do her VAT checks; "
           "she gives some proofreading back", must_not=("leave",)),
    expect("unifriends", "2024", "worth-it", why="the year of the move: far more help "
           "received than given", must_not=("leave",)),
    expect("instagram", "last12", "leave", "out-of-balance", why="a pitch every week and no "
           "one ever comes to her: self-promotion does not pay", must=("pitch",)),
    expect("instagram", "all", "leave", "out-of-balance", why="three and a half years of "
           "pitching, nothing back in any form", must=("pitch",)),
    expect("x", "last12", "dormant", "not-enough-records", why="no record since January "
           "2024"),
    expect("x", "all", "dormant", "leave", "not-enough-records", why="eight months of posts "
           "with a few unrated replies, then almost three years of silence"),
    expect("crew", "last12", "worth-it", why="bouldering every ten days, rated 4-5"),
    expect("crew", "all", "worth-it", why="consistently fun for three and a half years"),
]
