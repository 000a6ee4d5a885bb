"""Bridget O'Rourke, secondary-school teacher in Galway, 2022-09-01 to 2026-10-31.

At St Columba's parish she is on the flower and soup-run rota every month; it is good
company, and when she had her knee operation in 2025 parishioners drove her to every
appointment. Her hillwalking friends are fun on every walk, carried her boxes when she
moved house in June 2024 and one of them wrote the reference that got her the deputy
principal post in 2025; she helps them back. As secretary of the residents' association she
writes minutes every month for committee meetings she rates as a chore, and nothing ever
comes back: no money, no fun, no help. Her Facebook account went quiet in March 2023.
"""

from __future__ import annotations

from tests.personas.blind._story import Story, every, expect, months, plus

NAME = "Bridget O'Rourke"
START, END = "2022-09-01", "2026-10-31"

WINDOWS = {
    "last12": ("2025-11-01", "2026-10-31"),
    "all": (START, END),
}

s = Story()
s.network("parish", "St Columba's Parish", "church", joined="2015-01-01")
s.network("walkers", "Connemara Hillwalkers", "friends", joined="2019-04-01")
s.network("residents", "Salthill Residents' Association", "association", joined="2022-09-01")
s.network("facebook", "Facebook", "social", joined="2012-06-01")

PARISH = ("Fr Declan Murphy", "Maureen Kelly", "Eamon Flaherty", "Niamh Walsh")
for who in PARISH:
    s.person(who, "parish")
WALKERS = ("Siobhan Joyce", "Padraig Conneely", "Aoife Burke")
for who in WALKERS:
    s.person(who, "walkers", tags=("close",))
COMMITTEE = ("Gerry Lydon", "Carmel Naughton")
for who in COMMITTEE:
    s.person(who, "residents")
for who in ("Orla Keane", "Brendan Folan"):
    s.person(who, "facebook")

# Parish: the monthly rota, with company; help came back when she needed it.
for i, when in enumerate(months("2022-09-04", "2026-10-31")):
    s.log("parish", PARISH[1 + i % 3], "gave", "volunteering", when, minutes=120,
          fun=3 if i % 4 else 4, note="flower rota and soup run")
for when in ("2022-12-18", "2023-12-17", "2024-12-15", "2025-12-14"):
    s.log("parish", ["Maureen Kelly", "Niamh Walsh"], "shared", "event", when, minutes=180,
          fun=5, note="carol service and mince pies")
for when in ("2025-03-10", "2025-03-17", "2025-03-31", "2025-04-14"):
    s.log("parish", "Eamon Flaherty", "received", "help", when, minutes=120, favours=1,
          note="drove me to the physio after the knee operation")
s.log("parish", "Niamh Walsh", "received", "help", "2026-02-09", favours=1,
      note="did my shopping while I had the flu")

# Hillwalkers: fun walks, a house move and a reference.
for i, when in enumerate(months("2022-09-11", "2026-10-31", on=11)):
    s.log("walkers", list(WALKERS[: 2 + i % 2]), "shared", "event", when, minutes=300,
          fun=5 if i % 2 else 4, note="Sunday walk and a pint after")
s.log("walkers", list(WALKERS), "received", "help", "2024-06-08", minutes=480, favours=3,
      note="carried every box into the new house")
s.log("walkers", "Aoife Burke", "received", "help", "2025-04-22", favours=1,
      note="wrote my reference for the deputy principal post")
s.log("walkers", "Siobhan Joyce", "gave", "help", "2023-08-02", minutes=90, favours=1,
      note="lift to Shannon airport")
s.log("walkers", "Padraig Conneely", "gave", "help", "2025-09-20", minutes=240, favours=1,
      note="minded his dog for the weekend")
s.log("walkers", "Aoife Burke", "gave", "help", "2026-05-16", minutes=180, favours=1,
      note="helped her daughter with her Leaving Cert Irish")

# Residents' association: minutes every month, nothing back.
for when in months("2022-09-20", "2026-10-31", on=20):
    s.log("residents", list(COMMITTEE), "gave", "meeting", when, minutes=150,
          fun=1, note="committee meeting")
    s.log("residents", "Gerry Lydon", "gave", "volunteering", plus(when, 2), minutes=120,
          note="typed up the minutes and the newsletter")

# Facebook: posting until March 2023, then nothing.
for i, when in enumerate(every("2022-09-03", "2023-03-25", days=14)):
    s.log("facebook", ("Orla Keane", "Brendan Folan")[i % 2], "gave", "post", when,
          minutes=15, note="photos from the walk")
    s.log("facebook", ("Orla Keane", "Brendan Folan")[(i + 1) % 2], "received", "like",
          plus(when, 1))

STORY = s.commands

EXPECT = [
    expect("parish", "last12", "worth-it", why="a monthly rota she enjoys, and help came back "
           "when she was ill", must_not=("leave",)),
    expect("parish", "all", "worth-it", why="companionship and help: the church gives back "
           "lifts and shopping for the time she gives", must_not=("leave",)),
    expect("walkers", "last12", "worth-it", why="every walk rated 4 or 5: friends who are fun",
           must_not=("leave",)),
    expect("walkers", "all", "worth-it", why="fun walks, a house move and a job reference from "
           "friends she also helps", must_not=("leave",)),
    expect("residents", "last12", "leave", "out-of-balance", why="four and a half hours a "
           "month of chores rated 1 of 5 and nothing back: not money, not fun",
           must_not=("keep",)),
    expect("residents", "all", "leave", "out-of-balance", why="four years as secretary with "
           "nothing back in any form: if it's not fun, why do it?", must_not=("keep",)),
    expect("facebook", "last12", "dormant", "not-enough-records", why="nothing posted since "
           "March 2023", must_not=("keep",)),
    expect("facebook", "all", "dormant", "ask", "leave", why="seven months of posts and likes, "
           "then silence for over three years", must_not=("keep",)),
]
