"""Helen Marsh, self-employed bookkeeper in Bristol, 2023-02-01 to 2026-10-31.

Every three weeks she pays for a 7 a.m. business breakfast, gives her sixty-second pitch and
goes home with nothing: no client, no referral, no help, and she rates the mornings 1 of 5.
Her university friends meet three times a year for weekends she loves; they painted her new
flat in 2024 and one wrote the reference that made her a school governor in 2025, and she
does their tax returns each January. On her street's WhatsApp group neighbours swap small
favours both ways all year round. She joined a community choir in August 2026.
"""

from __future__ import annotations

from tests.personas.blind._story import Story, every, expect

NAME = "Helen Marsh"
START, END = "2023-02-01", "2026-10-31"

WINDOWS = {
    "last12": ("2025-11-01", "2026-10-31"),
    "all": (START, END),
}

s = Story()
s.network("breakfast", "Bristol Business Breakfast", "association", joined="2023-02-01")
s.network("unifriends", "Exeter Uni friends", "friends", joined="2005-10-01")
s.network("street", "Cotham Road WhatsApp", "other", joined="2023-02-01")
s.network("choir", "Bristol Community Choir", "other", joined="2026-08-15")

ROOM = ("Gavin Lowe", "Sharon Pike", "Dev Chauhan", "Martin Ashby")
for who in ROOM:
    s.person(who, "breakfast")
FRIENDS = ("Kate Rowley", "Dan Fielding", "Sarah Quinn")
for who in FRIENDS:
    s.person(who, "unifriends", tags=("close",))
NEIGHBOURS = ("Jim Cartwright", "Polly Evans", "Ahmed Rahimi")
for who in NEIGHBOURS:
    s.person(who, "street")
for who in ("Beth Turner", "Colin Marsh-Reid"):
    s.person(who, "choir")

# Breakfast: every three weeks a paid breakfast and a pitch; nothing back.
for i, when in enumerate(every("2023-02-02", "2026-10-31", days=21)):
    s.log("breakfast", ROOM[i % 4], "gave", "meeting", when, minutes=90, money=18, fun=1,
          pitched=True, note="breakfast and my sixty-second pitch")
for year in range(2023, 2027):
    s.log("breakfast", "Gavin Lowe", "gave", "dues", f"{year}-02-01", money=480)

# University friends: weekends three times a year, help both ways.
for year in range(2023, 2027):
    for month_day in ("03-18", "07-08", "11-11"):
        when = f"{year}-{month_day}"
        if when > END:
            continue
        s.log("unifriends", list(FRIENDS), "shared", "event", when, minutes=600, fun=5,
              note="weekend together")
    s.log("unifriends", "Dan Fielding", "gave", "help", f"{year}-01-20", minutes=180,
          favours=1, note="did his self-assessment tax return")
s.log("unifriends", ["Kate Rowley", "Sarah Quinn"], "received", "help", "2024-09-14",
      minutes=420, favours=2, note="painted my new flat")
s.log("unifriends", "Kate Rowley", "received", "help", "2025-04-03", favours=1,
      note="wrote my reference for the school governor post")

# Street WhatsApp: small favours both ways, every couple of months.
FAVOURS = [
    ("gave", "watered her plants for a fortnight"), ("received", "fixed my bike chain"),
    ("gave", "lent my ladder"), ("received", "jump-started my car"),
    ("gave", "took in his parcels"), ("received", "put my bins out while I was away"),
    ("gave", "fed the cat"), ("received", "lent me a drill"),
]
for i, when in enumerate(every("2023-03-05", "2026-10-31", days=58)):
    direction, what = FAVOURS[i % len(FAVOURS)]
    s.log("street", NEIGHBOURS[i % 3], direction, "help", when, minutes=30, favours=1,
          note=what)

# Choir: new, weekly, fun.
for when in every("2026-08-19", "2026-10-31", days=7):
    s.log("choir", ["Beth Turner", "Colin Marsh-Reid"], "shared", "event", when, minutes=120,
          fun=4, note="rehearsal")

STORY = s.commands

EXPECT = [
    expect("breakfast", "last12", "leave", why="a year of paid breakfasts and pitches, rated "
           "1 of 5, with nothing back: pitching with nothing back", must=("leave",)),
    expect("breakfast", "all", "leave", why="nearly four years, about 70 pitches and 3,000 "
           "spent, not one client: not money, not fun", must=("leave",)),
    expect("unifriends", "last12", "worth-it", why="three weekends rated 5: friends who are "
           "fun", must_not=("leave",)),
    expect("unifriends", "all", "worth-it", why="fun every time, and they painted her flat and "
           "wrote her reference while she does their tax returns", must_not=("leave",)),
    expect("street", "last12", "worth-it", why="favours come back in the same measure as she "
           "gives them", must_not=("leave",)),
    expect("street", "all", "worth-it", why="help given and help received, both ways, for "
           "years: help is a return", must_not=("leave",)),
    expect("choir", "last12", "too-early", "not-enough-records", why="joined ten weeks ago",
           must_not=("leave",)),
    expect("choir", "all", "too-early", "not-enough-records", why="a new network cannot be "
           "judged over time yet", must_not=("leave",)),
]
