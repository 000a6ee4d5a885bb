"""Hiro Tanaka, independent strategy consultant in Amsterdam, 2023-01-01 to 2026-10-31.

In the Founders' Circle Dana Whitfield is Hiro's connector: nearly every client he has came
through her introductions. Hiro listens too, and introduces founders to each other
(creating serendipity); one of those introductions later brought him work. He stayed in the
business-school alumni club until 2024-12-31: dues, mixers where he pitched, dull evenings,
nothing back. He runs a monthly webinar for his Mastodon followers; people message him with
questions afterwards and some hire him. Saturday long runs with the Harbour Runners are fun,
and his brothers-in-law help him renovate and read his contracts.
"""

from __future__ import annotations

from tests.personas.blind._story import Story, every, expect, months, plus

NAME = "Hiro Tanaka"
START, END = "2023-01-01", "2026-10-31"
LEFT_ALUMNI = "2024-12-31"

WINDOWS = {
    "last12": ("2025-11-01", "2026-10-31"),
    "all": (START, END),
    "alumni-member": (START, LEFT_ALUMNI),
    "2025": ("2025-01-01", "2025-12-31"),
}

s = Story()
s.network("founders", "Founders' Circle", "association", joined="2021-05-01")
s.network("alumni", "Business School Alumni Club", "association", joined="2016-09-01")
s.network("mastodon", "Mastodon", "social", joined="2022-11-20")
s.network("runners", "Harbour Runners", "other", joined="2020-04-01")
s.network("family", "The Brothers-in-law", "friends", joined="2015-08-01")

# --- Founders' Circle: Dana the connector; Hiro introduces others --------------------------
s.person("Dana Whitfield", "founders", tags=("connector",))
for name in ("Marco Bianchi", "Lisa Chen", "Omar Haddad", "Sven Olsen", "Aiko Mori"):
    s.person(name, "founders")
for year in (2023, 2024, 2025, 2026):
    s.log("founders", "Dana Whitfield", "gave", "dues", f"{year}-02-01", money=600,
          note="annual dues")
for i, on in enumerate(months(START, END, step=1, on=26)):
    s.log("founders", ["Dana Whitfield", "Lisa Chen"], "shared", "event", on, minutes=180,
          fun=3 if i % 2 else 4, note="founders' dinner")
for i, on in enumerate(months("2023-03-01", END, step=4, on=7)):
    ceo = f"Dana's Intro CEO {i}"
    s.person(ceo, "founders")
    s.log("founders", "Dana Whitfield", "received", "introduction", on, favours=1,
          note=f"Dana introduced me to {ceo}")
    s.log("founders", ceo, "received", "client", plus(on, 40), money=9000 + 1000 * (i % 4),
          invited=True, note="strategy engagement")
s.log("founders", "Omar Haddad", "received", "client", "2024-05-20", money=3000,
      note="Omar hired me directly")
s.hear("Marco Bianchi", "2023-09-26", "founders", need="a fractional CFO for his startup")
s.hear("Lisa Chen", "2023-09-26", "founders", offer="fractional CFO work")
s.intro("Marco Bianchi", "Lisa Chen", "founders", "2023-10-02",
        "Marco needs a fractional CFO; Lisa does exactly that", label="marco_lisa")
s.outcome("marco_lisa", "Lisa took Marco on; Marco then hired me for his board strategy",
          for_me=True, money=4000)
s.intro("Sven Olsen", "Aiko Mori", "founders", "2024-11-12",
        "both building climate hardware; Sven needs a supplier in Japan")
s.intro("Omar Haddad", "Sven Olsen", "founders", "2025-06-03",
        "Omar is raising; Sven invests in seed rounds")
s.intro("Aiko Mori", "Lisa Chen", "founders", "2026-04-21", "Aiko needs a CFO")

# --- Alumni Club: dues, pitches, dull evenings; left 2024-12-31 ---------------------------
s.person("Alumni Office", "alumni")
for year in (2023, 2024):
    s.log("alumni", "Alumni Office", "gave", "dues", f"{year}-01-10", money=400,
          note="alumni club dues")
for i, on in enumerate(months(START, LEFT_ALUMNI, step=2, on=19)):
    s.log("alumni", "Alumni Office", "shared", "event", on, minutes=180, fun=1,
          note="alumni mixer")
    prospect = f"Alumni Prospect {i}"
    s.person(prospect, "alumni")
    s.log("alumni", prospect, "gave", "message", plus(on, 1), minutes=20, pitched=True,
          note="followed up with my consulting offer")
s.left("alumni", LEFT_ALUMNI)

# --- Mastodon: webinars, invited questions, some clients ----------------------------------
s.person("Webinar Audience", "mastodon")
for i, on in enumerate(months("2023-01-12", END, step=1)):
    s.log("mastodon", "Webinar Audience", "gave", "workshop", on, minutes=150,
          note="monthly strategy webinar")
    asker = f"Webinar Asker {i}"
    s.person(asker, "mastodon")
    s.log("mastodon", asker, "received", "conversation", plus(on, 2), minutes=30,
          invited=True, note="DM'd me with a question after the webinar")
    if i % 6 == 3 and plus(on, 30) <= END:
        s.log("mastodon", asker, "received", "client", plus(on, 30), money=2500,
              invited=True, note="short engagement")

# --- Harbour Runners: twice a month, fun ---------------------------------------------------
s.person("Femke de Vries", "runners")
for i, on in enumerate(every("2023-01-07", END, days=14)):
    s.log("runners", "Femke de Vries", "shared", "event", on, minutes=120,
          fun=4 if i % 4 else 5, note="Saturday long run")

# --- Brothers-in-law: help with the house and contracts ------------------------------------
for name in ("Kenji Sato", "Pieter Jansen"):
    s.person(name, "family")
for i, on in enumerate(months("2023-02-18", END, step=2)):
    if i % 3 == 2:
        s.log("family", "Kenji Sato", "gave", "help", on, minutes=120, favours=1,
              note="helped Kenji with his business plan")
    else:
        s.log("family", "Pieter Jansen" if i % 2 else "Kenji Sato", "received", "help", on,
              minutes=240, favours=1, note="renovation weekend / read my client contract")

STORY = s.commands

EXPECT = [
    expect("founders", "last12", "worth-it", why="introductions from Dana keep turning into "
           "clients; the network pays through its connector"),
    expect("founders", "all", "worth-it", why="most of his money came through Dana; his own "
           "introductions for others are serendipity and paying it forward",
           must_not=("fewer introductions",)),
    expect("founders", "2025", "worth-it", why="three engagements via Dana and fun dinners"),
    expect("alumni", "alumni-member", "leave", "out-of-balance", why="dues, mixers rated 1 "
           "and pitches that nobody answered: it makes neither money nor fun"),
    expect("alumni", "all", "leave", "out-of-balance", why="judged on his membership until "
           "2024-12-31: nothing back in any form"),
    expect("mastodon", "last12", "worth-it", why="after each webinar people come to him "
           "with questions and some hire him: invited conversations pay"),
    expect("mastodon", "all", "worth-it", why="46 webinars, 46 invited conversations and "
           "about eight paid engagements"),
    expect("mastodon", "2025", "worth-it", why="a year of webinars followed by questions "
           "and two engagements"),
    expect("runners", "last12", "worth-it", why="runs rated 4-5 twice a month"),
    expect("runners", "all", "worth-it", why="consistently fun for four years"),
    expect("family", "last12", "worth-it", why="help with the house and his contracts: help "
           "is value without money or fun", must_not=("leave",)),
    expect("family", "all", "worth-it", why="twice as much help received as given",
           must_not=("leave",)),
]
