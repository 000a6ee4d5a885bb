"""Dieter Brandt, cabinet-maker in Freiburg, 2022-11-01 to 2025-10-31.

Dieter teaches a weekend workshop at the woodworkers' guild every quarter; afterwards people
come to him with questions and some commission furniture. On Instagram he pitches his tables
every week and nothing comes back. His neighbours lend tools and help him move a workbench,
and he never records money or fun for them. Every March he pays for a stand at the spring
craft fair, a seasonal event that brings commissions each April. The architects' lunch circle
sent him one big job in early 2023 and nothing since, while he still gives it a lunch a month
(my own case: a return that came once and stopped).
"""

from __future__ import annotations

from tests.personas.blind._story import Story, expect, months, plus

NAME = "Dieter Brandt"
START, END = "2022-11-01", "2025-10-31"

WINDOWS = {
    "last12": ("2024-11-01", "2025-10-31"),
    "all": (START, END),
    "2023": ("2023-01-01", "2023-12-31"),
}

s = Story()
s.network("guild", "Holzwerker Gilde Freiburg", "association", joined="2015-01-01")
s.network("instagram", "Instagram", "social", joined="2018-05-01")
s.network("neighbours", "Nachbarn Wiehre", "friends", joined="2016-07-01")
s.network("fair", "Fruehjahrs-Handwerksmesse", "other", joined="2019-03-01")
s.network("architects", "Architects' lunch circle", "other", joined="2022-06-01")

# --- Guild: workshops, then invited conversations and commissions ---------------------------
s.person("Ulrike Sommer", "guild", tags=("organiser",))
for i, on in enumerate(months("2022-11-01", END, step=3, on=19)):
    s.log("guild", "Ulrike Sommer", "gave", "workshop", on, minutes=720,
          note=f"weekend workshop on joinery #{i + 1}")
    for j in range(2):
        asker = f"Guild Student {i}-{j}"
        s.person(asker, "guild")
        s.log("guild", asker, "received", "conversation", plus(on, 2 + j), minutes=30,
              invited=True, note="asked me about their own project after the workshop")
        if (i + j) % 2 == 0:
            s.log("guild", asker, "received", "client", plus(on, 30 + j), money=2200 + 300 * j,
                  invited=True, note="commissioned a piece after our talk")

# --- Instagram: pitching, nothing back ------------------------------------------------------
s.person("Instagram Followers", "instagram")
for on in months(START, END, on=2) + months(START, END, on=16):
    s.log("instagram", "Instagram Followers", "gave", "post", on, minutes=45, pitched=True,
          note="sales post: oak table, prices in DM")

# --- Neighbours: help received, no money or fun recorded ------------------------------------
s.person("Hans Keller", "neighbours")
s.person("Birgit Ott", "neighbours")
helps = [
    ("Hans Keller", "2022-12-03", 1, "lent me his trailer"),
    ("Birgit Ott", "2023-04-15", 2, "helped carry a workbench into the cellar"),
    ("Hans Keller", "2023-09-09", 1, "took in a lumber delivery while I was away"),
    ("Birgit Ott", "2024-02-24", 1, "watered the garden for three weeks"),
    ("Hans Keller", "2024-08-17", 2, "helped me fix the workshop roof after the storm"),
    ("Birgit Ott", "2025-03-08", 1, "picked up my kids when the van broke down"),
    ("Hans Keller", "2025-07-12", 1, "lent me his scaffold"),
]
for who, on, favours, note in helps:
    s.log("neighbours", who, "received", "help", on, favours=favours, note=note)
for on in ["2023-06-10", "2024-05-11", "2025-05-17"]:
    s.log("neighbours", "Birgit Ott", "gave", "help", on, minutes=180, favours=1,
          note="repaired Birgit's garden gate")

# --- Spring fair: a seasonal event ----------------------------------------------------------
s.person("Fair Office", "fair")
for year in ("2023", "2024", "2025"):
    s.log("fair", "Fair Office", "gave", "event", f"{year}-03-10", minutes=1800, money=900,
          fun=3, note="three days on my stand at the spring fair")
    for k in range(2):
        buyer = f"Fair Buyer {year}-{k}"
        s.person(buyer, "fair")
        s.log("fair", buyer, "received", "client", f"{year}-04-{12 + 7 * k}", money=1900,
              invited=True, note="came to the stand, then ordered a cabinet")

# --- Architects' circle: one big job early, then nothing -----------------------------------
s.person("Katrin Wolf", "architects")
s.person("Moritz Hahn", "architects")
for on in months(START, END, on=24):
    s.log("architects", ["Katrin Wolf", "Moritz Hahn"], "shared", "meeting", on, minutes=120,
          money=30, fun=2, note="monthly lunch, I pay my share")
s.log("architects", "Katrin Wolf", "received", "referral", "2023-02-06", favours=1,
      note="Katrin recommended me for a library fit-out")
s.log("architects", "Katrin Wolf", "received", "client", "2023-03-20", money=12000,
      invited=True, note="library shelving for Katrin's client")

STORY = s.commands

EXPECT = [
    expect("guild", "last12", "worth-it", why="people come to him after his workshops and "
           "some commission pieces: the conversations that pay", must_not=("leave",)),
    expect("guild", "all", "worth-it", why="three years of workshops returning commissions "
           "through invited conversations"),
    expect("instagram", "last12", "leave", "out-of-balance", why="weekly self-promotion and "
           "nothing back in money, fun or help", must=("leave",)),
    expect("instagram", "all", "leave", "out-of-balance", why="three years of sales posts "
           "with no return"),
    expect("neighbours", "last12", "worth-it", "ask", why="help when he needs it is value; "
           "he receives more help than he gives"),
    expect("neighbours", "all", "worth-it", "ask", why="trailer, roof, kids picked up: the "
           "network gives more than he puts in, even with no money or fun recorded"),
    expect("fair", "2023", "worth-it", why="a 900 stand each March returns two commissions "
           "each April"),
    expect("fair", "all", "worth-it", why="a seasonal event that pays every spring"),
    expect("fair", "last12", "worth-it", why="the 2025 fair paid again"),
    expect("architects", "2023", "worth-it", why="one 12000 job against a lunch a month"),
    expect("architects", "last12", "out-of-balance", "leave", why="lunches rated 2 and "
           "nothing back for two years: what he puts in is no longer returned"),
    expect("architects", "all", "worth-it", "out-of-balance", why="over time the network "
           "returned more than he put in, though the return has stopped"),
]
