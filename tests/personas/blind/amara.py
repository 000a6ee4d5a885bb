"""Amara Nwosu, independent software architect in Rotterdam, 2024-05-01 to 2026-10-31.

At the Founders Circle Amara listens for needs and offers and introduces people who should
meet (creating serendipity); one of those introductions later brings her work, and the
dinners are good company. The Chamber of Commerce breakfasts cost her money and mornings and
give nothing in any form. At Women in Tech NL she mentors newcomers and gives talks, after
which people come to her; one of them hires her. In the Cloud Partner Network she gives many
unpaid hours of help for one small referral a year (out of balance, a case of my own). She
joined a bouldering club in September 2026: too early to judge.
"""

from __future__ import annotations

from tests.personas.blind._story import Story, expect, months, plus

NAME = "Amara Nwosu"
START, END = "2024-05-01", "2026-10-31"

WINDOWS = {
    "last12": ("2025-11-01", "2026-10-31"),
    "all": (START, END),
    "2025": ("2025-01-01", "2025-12-31"),
}

s = Story()
s.network("founders", "Founders Circle", "association", joined="2023-09-01")
s.network("chamber", "Chamber breakfasts", "association", joined="2024-05-01")
s.network("wit", "Women in Tech NL", "association", joined="2022-03-01")
s.network("partners", "Cloud Partner Network", "association", joined="2023-01-15")
s.network("boulder", "Boulderhal Kralingen", "other", joined="2026-09-01")

# --- Founders Circle: listening and introductions for others -------------------------------
founders = ["Lotte de Vries", "Sam Bakker", "Yusuf Demir", "Eline Smit", "Noor Visser",
            "Daan Mulder"]
for name in founders:
    s.person(name, "founders")
for on in months(START, END, on=22):
    s.log("founders", ["Lotte de Vries", "Sam Bakker"], "shared", "event", on, minutes=150,
          fun=3, note="monthly founders dinner")
s.hear("Yusuf Demir", "2024-06-22", "founders", need="a designer for his fintech app")
s.hear("Eline Smit", "2024-06-22", "founders", offer="product design, freelance")
s.intro("Yusuf Demir", "Eline Smit", "founders", "2024-06-29",
        "Yusuf needs a designer; Eline is freelancing", label="yusuf_eline")
s.outcome("yusuf_eline", "Eline designed Yusuf's app; Yusuf hired me for the backend",
          for_me=True, money=6000)
s.hear("Noor Visser", "2025-01-22", "founders", need="a co-founder with sales experience")
s.hear("Daan Mulder", "2025-01-22", "founders", offer="looking for a startup to join as sales lead")
s.intro("Noor Visser", "Daan Mulder", "founders", "2025-02-03",
        "Noor needs sales; Daan wants a startup", label="noor_daan")
s.outcome("noor_daan", "Daan joined Noor's company as co-founder")
s.intro("Lotte de Vries", "Yusuf Demir", "founders", "2025-09-10",
        "Lotte invests in fintech; Yusuf is raising")
s.intro("Sam Bakker", "Eline Smit", "founders", "2026-04-14",
        "Sam needs a brand refresh", label="sam_eline")
s.outcome("sam_eline", "Sam passed me a platform review for his company", for_me=True,
          money=3500)
s.log("founders", "Sam Bakker", "received", "referral", "2026-05-02", favours=1,
      note="Sam recommended me to a logistics scale-up")
s.log("founders", "Sam Bakker", "received", "client", "2026-06-01", money=4200, invited=True,
      note="architecture review for the scale-up")

# --- Chamber breakfasts: nothing back in any form ------------------------------------------
s.person("Chamber Host", "chamber")
for on in months(START, END, on=10):
    s.log("chamber", "Chamber Host", "gave", "event", on, minutes=120, money=25, fun=0,
          note="networking breakfast: badges, a sales talk, nobody to talk to")

# --- Women in Tech: mentoring newcomers, talks, invited conversations ----------------------
s.person("Fatima Ouali", "wit", tags=("organiser",))
for i, on in enumerate(months(START, END, on=5)):
    mentee = f"WiT Newcomer {i // 4}"
    if i % 4 == 0:
        s.person(mentee, "wit", tags=("newcomer",))
    s.log("wit", mentee, "gave", "help", on, minutes=60, favours=1,
          note="mentoring session with a junior developer")
for i, on in enumerate(months("2024-06-01", "2026-09-30", step=4, on=18)):
    s.log("wit", "Fatima Ouali", "gave", "talk", on, minutes=180, note=f"talk on architecture #{i}")
    s.log("wit", "Fatima Ouali", "shared", "event", on, minutes=120, fun=4,
          note="drinks after the talk")
    asker = f"WiT Attendee {i}"
    s.person(asker, "wit")
    s.log("wit", asker, "received", "conversation", plus(on, 2), minutes=40, invited=True,
          note="came to me after the talk with a question about their migration")
    if i % 3 == 1:
        s.log("wit", asker, "received", "client", plus(on, 40), money=5000, invited=True,
              note="hired me after our conversation")

# --- Cloud Partner Network: many unpaid hours, little back ---------------------------------
s.person("Partner Manager", "partners")
for on in months(START, END, on=15):
    s.log("partners", "Partner Manager", "gave", "help", on, minutes=600, favours=2,
          note="unpaid pre-sales support for partner deals")
for on in ["2024-11-20", "2025-11-20"]:
    s.log("partners", "Partner Manager", "received", "referral", on, money=500,
          note="small referral fee")

# --- Bouldering: just joined -----------------------------------------------------------------
s.person("Jesse Kok", "boulder")
for on in ["2026-09-08", "2026-09-29", "2026-10-20"]:
    s.log("boulder", "Jesse Kok", "shared", "event", on, minutes=120, fun=4,
          note="evening session")

STORY = s.commands

EXPECT = [
    expect("founders", "last12", "worth-it", why="introductions for others create serendipity, "
           "and in doing so she helps herself: two paid jobs came back", must_not=("leave",)),
    expect("founders", "all", "worth-it", why="good dinners, introductions made, and money "
           "back through the network as a whole"),
    expect("chamber", "last12", "leave", why="no money, no fun (rated 0), no help: if it "
           "doesn't make you money and it's not fun, why are you doing it?", must=("leave",)),
    expect("chamber", "all", "leave", why="two and a half years of breakfasts that gave "
           "nothing in any form", must=("leave",)),
    expect("wit", "last12", "worth-it", why="mentoring newcomers is paying it forward; the "
           "talks bring invited conversations and clients", must_not=("leave",)),
    expect("wit", "2025", "worth-it", why="fun drinks and a client from an invited "
           "conversation; newcomer help is not a debt"),
    expect("partners", "last12", "out-of-balance", "leave", why="60 hours a year of unpaid "
           "help for one 500 referral: she puts in far more than she gets"),
    expect("partners", "all", "out-of-balance", "leave", why="consistently more given than "
           "received, with some money back: rebalance or get out"),
    expect("boulder", "last12", "too-early", "not-enough-records", why="joined two months "
           "ago; three fun evenings are not yet a track record"),
    expect("boulder", "all", "too-early", "not-enough-records", why="a new network cannot "
           "be judged over time yet"),
]
