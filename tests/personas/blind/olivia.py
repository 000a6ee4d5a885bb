"""Olivia Brandt, semi-retired architect in Zurich, 2022-11-01 to 2026-10-31.

Every autumn Olivia enjoys the Autumn Architecture Forum (September to November); in 2026
she spoke there, people came to her afterwards and two of them commissioned her. She sails
at the Lakeside Sailing Club from May to September and pays yearly dues. As a board member of
the Architects' Chapter she gives some fifteen hours a month for a little fun and a rare
favour. Her LinkedIn has been silent since May 2023. Four evenings a year at the Close
Reading Circle are a delight. In the Sunday Brunch WhatsApp group she proposes brunches that
nobody ever comes to.
"""

from __future__ import annotations

from tests.personas.blind._story import Story, expect, months, plus

NAME = "Olivia Brandt"
START, END = "2022-11-01", "2026-10-31"

WINDOWS = {
    "last12": ("2025-11-01", "2026-10-31"),
    "all": (START, END),
    "2024": ("2024-01-01", "2024-12-31"),
    "season2026": ("2026-09-01", "2026-10-31"),
}

s = Story()
s.network("forum", "Autumn Architecture Forum", "association", joined="2019-09-01")
s.network("sailing", "Lakeside Sailing Club", "other", joined="2012-03-01")
s.network("chapter", "Architects' Chapter", "association", joined="2008-01-01")
s.network("linkedin", "LinkedIn", "social", joined="2011-05-01")
s.network("reading", "Close Reading Circle", "other", joined="2020-01-01")
s.network("brunch", "Sunday Brunch WhatsApp", "friends", joined="2021-06-01")

# --- Autumn Architecture Forum: Sep-Nov, fun; paid in 2026 ---------------------------------
s.person("Forum Desk", "forum")
s.log("forum", "Forum Desk", "shared", "event", "2022-11-10", minutes=360, fun=4,
      note="forum day")
for year in (2023, 2024, 2025, 2026):
    s.log("forum", "Forum Desk", "gave", "dues", f"{year}-09-01", money=300, note="forum pass")
    days = (f"{year}-09-22", f"{year}-10-13", f"{year}-11-10")
    for d in days if year < 2026 else days[:2]:
        s.log("forum", "Forum Desk", "shared", "event", d, minutes=360, fun=4,
              note="forum day")
s.log("forum", "Forum Desk", "gave", "talk", "2026-09-25", minutes=300,
      note="talk: retrofitting post-war housing")
for k, fee in enumerate((6000, 3500, 0)):
    asker = f"Forum Asker {k}"
    s.person(asker, "forum")
    s.log("forum", asker, "received", "conversation", plus("2026-09-25", k), minutes=40,
          invited=True, note="came to me after my talk")
    if fee:
        s.log("forum", asker, "received", "client", plus("2026-10-05", 10 * k), money=fee,
              invited=True, note="retrofit commission")

# --- Lakeside Sailing: dues and regattas, fun rated ----------------------------------------
s.person("Sailing Secretary", "sailing")
s.person("Urs Meier", "sailing")
for year in (2023, 2024, 2025, 2026):
    s.log("sailing", "Sailing Secretary", "gave", "dues", f"{year}-03-01", money=900,
          note="club dues")
    for month in (5, 6, 7, 8, 9):
        s.log("sailing", "Urs Meier", "shared", "event", f"{year}-{month:02d}-14", minutes=300,
              fun=5, note="regatta")

# --- Architects' Chapter: board work, modest fun -------------------------------------------
s.person("Chapter Board", "chapter")
for i, on in enumerate(months(START, END, step=1, on=3)):
    s.log("chapter", "Chapter Board", "gave", "volunteering", on, minutes=900,
          note="board meeting, minutes, planning committee")
    if i % 4 == 0:
        s.log("chapter", "Chapter Board", "shared", "event", plus(on, 14), minutes=120, fun=2,
              note="chapter evening")
for on in ("2023-05-09", "2024-06-11", "2025-05-13", "2026-05-12"):
    s.log("chapter", "Chapter Board", "received", "help", on, minutes=60, favours=1,
          note="a colleague reviewed my planning application")

# --- LinkedIn: silent since May 2023 -------------------------------------------------------
s.person("LinkedIn Contacts", "linkedin")
for i, on in enumerate(months("2022-11-08", "2023-05-31", step=1)):
    s.log("linkedin", "LinkedIn Contacts", "gave", "post", on, minutes=30,
          note="project photos")
    if i % 2:
        s.log("linkedin", "LinkedIn Contacts", "received", "like", plus(on, 1),
              note="a few likes")

# --- Close Reading Circle: four evenings a year --------------------------------------------
s.person("Beatrice Roth", "reading")
for on in months("2022-12-06", END, step=3):
    s.log("reading", "Beatrice Roth", "shared", "event", on, minutes=180, fun=5,
          note="reading evening")

# --- Sunday Brunch WhatsApp: nobody comes ----------------------------------------------------
s.person("Brunch Group", "brunch")
for on in months(START, END, step=1, on=20):
    s.log("brunch", "Brunch Group", "gave", "message", on, minutes=20,
          note="proposed a brunch; no one answered")

STORY = s.commands

EXPECT = [
    expect("forum", "season2026", "worth-it", why="after her talk people came to her; two "
           "commissions in the same season", must_not=("dormant",)),
    expect("forum", "last12", "worth-it", why="a seasonal forum that paid well this year; "
           "its quiet months are not neglect", must_not=("dormant",)),
    expect("forum", "all", "worth-it", why="fun every autumn and well paid in 2026",
           must_not=("dormant",)),
    expect("forum", "2024", "worth-it", "out-of-balance", why="three forum days rated 4 for "
           "a 300 pass: it doesn't make money, it is fun (if only in autumn)",
           must_not=("dormant",)),
    expect("sailing", "last12", "worth-it", why="regattas rated 5 all summer are worth the "
           "dues: fun is value"),
    expect("sailing", "all", "worth-it", why="four summers of regattas rated 5"),
    expect("chapter", "last12", "out-of-balance", why="fifteen unpaid hours a month for an "
           "evening rated 2 now and then and one favour a year: rebalance"),
    expect("chapter", "all", "out-of-balance", why="four years of board work far beyond "
           "what comes back"),
    expect("chapter", "2024", "out-of-balance", why="180 hours given; three evenings rated "
           "2 and one favour back"),
    expect("linkedin", "last12", "dormant", "not-enough-records", why="nothing recorded "
           "since May 2023"),
    expect("linkedin", "all", "dormant", "leave", "not-enough-records", why="seven months "
           "of posts and a few unrated likes, then three and a half years of silence"),
    expect("reading", "last12", "worth-it", why="only four evenings a year, each rated 5: "
           "if it doesn't make money it should be fun, and it is", must_not=("leave",)),
    expect("reading", "all", "worth-it", why="consistently fun for four years",
           must_not=("leave",)),
    expect("brunch", "last12", "leave", "out-of-balance", why="a proposal every month and "
           "nobody comes: it gives nothing back in any form"),
    expect("brunch", "all", "leave", "out-of-balance", why="four years of unanswered "
           "invitations: get out"),
]
