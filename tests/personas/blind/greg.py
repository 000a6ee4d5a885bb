"""Greg Hollis, sales manager in Leeds, 2023-01-01 to 2026-10-31.

Greg pays his Oakmont Golf Club dues every quarter and has never recorded anything else
there: kith cannot know whether the golf is fun. At the Chamber of Commerce he pitched at
every breakfast for two years with nothing to show for it; from March 2025 he gives talks
instead, and people come to him and buy. His Maple Street neighbours water his plants, lend
him tools and jump-start his car; he rarely returns the favour (he is the one who takes).
Thursday poker is a monthly joy. On LinkedIn he posts articles and buyers message him.
"""

from __future__ import annotations

from tests.personas.blind._story import Story, expect, months, plus

NAME = "Greg Hollis"
START, END = "2023-01-01", "2026-10-31"
TALKS_FROM = "2025-03-01"

WINDOWS = {
    "last12": ("2025-11-01", "2026-10-31"),
    "all": (START, END),
    "pitching-years": ("2023-01-01", "2024-12-31"),
    "2024": ("2024-01-01", "2024-12-31"),
}

s = Story()
s.network("oakmont", "Oakmont Golf Club", "other", joined="2018-04-01")
s.network("chamber", "Chamber of Commerce", "association", joined="2022-10-01")
s.network("maple", "Maple Street Neighbours", "friends", joined="2017-06-01")
s.network("poker", "Thursday Poker", "friends", joined="2019-09-01")
s.network("linkedin", "LinkedIn", "social", joined="2012-02-01")

# --- Oakmont: dues only, fun never rated ---------------------------------------------------
s.person("Oakmont Secretary", "oakmont")
for on in months(START, END, step=3, on=2):
    s.log("oakmont", "Oakmont Secretary", "gave", "dues", on, money=650,
          note="quarterly membership dues")

# --- Chamber: two years of pitching, then talks --------------------------------------------
s.person("Chamber Host", "chamber")
for i, on in enumerate(months(START, "2024-12-31", step=1, on=12)):
    s.log("chamber", "Chamber Host", "gave", "event", on, minutes=120, money=25,
          note="networking breakfast")
    for k in range(1 + i % 2):
        prospect = f"Chamber Prospect {i}-{k}"
        s.person(prospect, "chamber")
        s.log("chamber", prospect, "gave", "message", plus(on, k), minutes=15, pitched=True,
              note="pitched our CRM integration")
for on in months("2025-01-01", END, step=1, on=12):
    s.log("chamber", "Chamber Host", "gave", "event", on, minutes=120, money=25,
          note="networking breakfast")
for i, on in enumerate(months(TALKS_FROM, END, step=3, on=20)):
    s.log("chamber", "Chamber Host", "gave", "talk", on, minutes=180,
          note="talk: what buyers actually ask")
    for k in range(2):
        buyer = f"Chamber Buyer {i}-{k}"
        s.person(buyer, "chamber")
        s.log("chamber", buyer, "received", "conversation", plus(on, 2 + k), minutes=45,
              invited=True, note="asked me about their sales pipeline")
        if k == 0 and i % 2 == 0:
            s.log("chamber", buyer, "received", "client", plus(on, 40), money=3000,
                  invited=True, note="signed a contract (my commission)")

# --- Maple Street: Greg mostly takes ------------------------------------------------------
for name in ("Doreen Platt", "Raj Patel", "Kev Walsh"):
    s.person(name, "maple")
for i, on in enumerate(months(START, END, step=1, on=6)):
    who = ("Doreen Platt", "Raj Patel", "Kev Walsh")[i % 3]
    what = ("watered my plants while I travelled", "lent me the hedge trimmer",
            "jump-started my car")[i % 3]
    s.log("maple", who, "received", "help", on, minutes=45, favours=1, note=what)
for on in ("2023-07-15", "2024-07-13", "2025-07-12", "2026-07-11"):
    s.log("maple", ["Doreen Platt", "Raj Patel", "Kev Walsh"], "gave", "event", on,
          minutes=240, money=120, note="hosted the street barbecue")

# --- Thursday Poker: monthly fun -----------------------------------------------------------
s.person("Mick Dunne", "poker")
s.person("Les Ward", "poker")
for i, on in enumerate(months(START, END, step=1, on=17)):
    s.log("poker", ["Mick Dunne", "Les Ward"], "shared", "event", on, minutes=200,
          fun=4 if i % 3 else 5, note="poker night")

# --- LinkedIn: articles, inbound buyers ----------------------------------------------------
s.person("LinkedIn Readers", "linkedin")
for on in months(START, END, step=1, on=4):
    s.log("linkedin", "LinkedIn Readers", "gave", "post", on, minutes=60,
          note="article on B2B buying")
for i, on in enumerate(months("2023-02-01", END, step=2, on=15)):
    reader = f"Inbound Buyer {i}"
    s.person(reader, "linkedin")
    s.log("linkedin", reader, "received", "conversation", on, minutes=30, invited=True,
          note="messaged me after my article")
    if i % 4 == 1:
        s.log("linkedin", reader, "received", "client", plus(on, 50), money=4000,
              invited=True, note="deal closed (commission)")

STORY = s.commands

EXPECT = [
    expect("oakmont", "last12", "ask", "not-enough-records", why="only dues were recorded "
           "and fun never rated: kith cannot know if golf is fun, so it should ask, not "
           "judge", must_not=("leave oakmont",)),
    expect("oakmont", "all", "ask", "not-enough-records", why="four years of dues and not "
           "one word about the golf: ask whether it is fun", must_not=("leave oakmont",)),
    expect("chamber", "pitching-years", "leave", "out-of-balance", why="two years of "
           "pitching at breakfasts and nothing came back in any form", must=("pitch",)),
    expect("chamber", "2024", "leave", "out-of-balance", why="a year of breakfasts and "
           "pitches, no invitation, no money", must=("pitch",)),
    expect("chamber", "last12", "worth-it", why="since he gives talks people come to him "
           "with questions and some buy: invited conversations pay"),
    expect("chamber", "all", "worth-it", "out-of-balance", why="the talks' clients "
           "outweigh two lost years of breakfasts; a reader might still want rebalancing"),
    expect("maple", "last12", "worth-it", why="neighbours help him every month: from his "
           "side the network gives far more than he puts in", must_not=("leave",)),
    expect("maple", "all", "worth-it", why="there will always be those who take more than "
           "they give; here it is Greg, and the network is worth it to him",
           must_not=("leave",)),
    expect("poker", "last12", "worth-it", why="a monthly evening rated 4-5: fun is value"),
    expect("poker", "all", "worth-it", why="consistently fun for four years"),
    expect("linkedin", "last12", "worth-it", why="articles people ask about bring invited "
           "conversations and deals"),
    expect("linkedin", "all", "worth-it", why="inbound conversations after his posts paid "
           "several commissions"),
    expect("linkedin", "2024", "worth-it", why="a year of articles, six inbound "
           "conversations, one or two deals"),
]
