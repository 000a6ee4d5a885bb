"""Tomás Rivera, retired civil engineer, 2023-03-01 to 2026-10-31.

Tomás volunteers at St Brigid's every other week, welcomes the new families (paying it
forward) and enjoys the coffee after Mass. He sings with the Riverside Singers. His old
workmates help him when he needs it (they moved his house when he downsized, drove him to
hospital) and nobody ever thinks of money or fun there. He gave the Lions Club many hours
and dues for little back and left it on 2025-06-30. In the neighbourhood Facebook group he
answers questions and nothing ever comes back.
"""

from __future__ import annotations

from tests.personas.blind._story import Story, every, expect, months, plus

NAME = "Tomás Rivera"
START, END = "2023-03-01", "2026-10-31"
LEFT_LIONS = "2025-06-30"

WINDOWS = {
    "last12": ("2025-11-01", "2026-10-31"),
    "all": (START, END),
    "lions-member": (START, LEFT_LIONS),
    "2024": ("2024-01-01", "2024-12-31"),
}

s = Story()
s.network("stbrigid", "St Brigid's", "church", joined="2015-09-01")
s.network("choir", "Riverside Singers", "other", joined="2018-01-10")
s.network("workmates", "Old Workmates", "friends", joined="2012-01-01")
s.network("lions", "Lions Club", "association", joined="2019-01-01")
s.network("facebook", "Facebook", "social", joined="2014-06-01")

# --- St Brigid's: volunteering, newcomers, companionship ----------------------------------
s.person("Fr. Declan", "stbrigid")
s.person("Maureen Kelly", "stbrigid")
for on in every(START, END, days=14):
    s.log("stbrigid", "Fr. Declan", "gave", "volunteering", on, minutes=180,
          note="food bank shift and setting up the hall")
for i, on in enumerate(months(START, END, step=1, on=8)):
    s.log("stbrigid", ["Maureen Kelly", "Fr. Declan"], "shared", "event", on, minutes=90,
          fun=4 if i % 3 else 5, note="coffee after Mass")
for i, on in enumerate(months("2023-04-01", END, step=3, on=16)):
    family = f"Newcomer Family {i}"
    s.person(family, "stbrigid")
    s.log("stbrigid", family, "shared", "event", on, minutes=30, note="first Sunday with us")
    s.log("stbrigid", family, "gave", "help", plus(on, 6), minutes=120, favours=1,
          note="showed them around, helped with the school forms")
    if i % 2 == 0 and plus(on, 20) <= END:
        s.log("stbrigid", family, "gave", "advice", plus(on, 20), minutes=60, favours=1,
              note="found them a GP and a plumber")
s.log("stbrigid", "Maureen Kelly", "received", "help", "2025-02-10", favours=3, minutes=300,
      note="parish rota brought meals after my operation")
s.log("stbrigid", "Fr. Declan", "received", "help", "2025-02-18", favours=1, minutes=60,
      note="visited me at home")

# --- Riverside Singers: rehearsals and concerts, always fun --------------------------------
s.person("Clara Duarte", "choir")
for i, on in enumerate(every("2023-03-07", END, days=14)):
    s.log("choir", "Clara Duarte", "shared", "rehearsal", on, minutes=120,
          fun=5 if i % 2 else 4, note="Tuesday rehearsal")
for on in ["2023-06-17", "2023-12-16", "2024-06-15", "2024-12-14", "2025-06-14",
           "2025-12-13", "2026-06-13"]:
    s.log("choir", "Clara Duarte", "shared", "event", on, minutes=240, fun=5, note="concert")

# --- Old Workmates: help, no money, no fun recorded ---------------------------------------
for name in ("Bill Hart", "Sunil Rao", "Greta Moss"):
    s.person(name, "workmates")
s.log("workmates", ["Bill Hart", "Sunil Rao", "Greta Moss"], "received", "help", "2024-05-11",
      minutes=480, favours=4, note="moved my house when I downsized")
s.log("workmates", "Sunil Rao", "received", "help", "2025-02-03", minutes=120, favours=1,
      note="drove me to the hospital")
s.log("workmates", "Bill Hart", "received", "help", "2025-02-12", minutes=90, favours=1,
      note="picked me up after the operation")
help_dates = months(START, END, step=2, on=22)
for i, on in enumerate(help_dates):
    friend = ("Bill Hart", "Sunil Rao", "Greta Moss")[i % 3]
    if i % 2 == 0:
        s.log("workmates", friend, "received", "help", on, minutes=90, favours=1,
              note="fixed my gutter / lent the trailer / sorted my laptop")
    else:
        s.log("workmates", friend, "gave", "advice", on, minutes=60, favours=1,
              note="looked at the cracks in their extension")

# --- Lions Club: many hours and dues, little back; left 2025-06-30 ------------------------
s.person("Gordon Pyle", "lions")
for i, on in enumerate(months(START, LEFT_LIONS, step=1, on=5)):
    s.log("lions", "Gordon Pyle", "gave", "volunteering", on, minutes=240,
          note="monthly meeting and fundraiser stall")
    if i % 6 == 0:
        s.log("lions", "Gordon Pyle", "gave", "dues", plus(on, 1), money=180, note="dues")
    if i % 5 == 2:
        s.log("lions", "Gordon Pyle", "shared", "event", plus(on, 10), minutes=120, fun=2,
              note="club dinner")
s.left("lions", LEFT_LIONS)

# --- Facebook: answers questions, nothing back --------------------------------------------
for i, on in enumerate(months(START, END, step=1, on=27)):
    neighbour = f"FB Neighbour {i % 9}"
    if i < 9:
        s.person(neighbour, "facebook")
    s.log("facebook", neighbour, "gave", "advice", on, minutes=25,
          note="answered a question in the neighbourhood group")

STORY = s.commands

EXPECT = [
    expect("stbrigid", "last12", "worth-it", why="value can be companionship: coffee after "
           "Mass rated 4-5 every month; helping newcomers is paying it forward",
           must_not=("fewer favours", "taker")),
    expect("stbrigid", "all", "worth-it", why="years of companionship and help when he was "
           "ill; the newcomers he helped are no debt", must_not=("fewer favours", "taker")),
    expect("stbrigid", "2024", "worth-it", why="a year of fun evenings and welcoming "
           "families", must_not=("fewer favours", "taker")),
    expect("choir", "last12", "worth-it", why="it doesn't make money, it is fun: every "
           "rehearsal rated 4-5"),
    expect("choir", "all", "worth-it", why="consistently fun for almost four years"),
    expect("workmates", "last12", "worth-it", why="friends who help when needed: help is "
           "value even with no money or fun recorded", must_not=("leave",)),
    expect("workmates", "all", "worth-it", why="they moved his house and drove him to "
           "hospital; the network gives back at least what he puts in",
           must_not=("leave",)),
    expect("workmates", "2024", "worth-it", why="the house move alone outweighs the advice "
           "he gave", must_not=("leave",)),
    expect("lions", "lions-member", "out-of-balance", "leave", why="four hours a month "
           "and dues, a mediocre dinner now and then: much more put in than got back"),
    expect("lions", "all", "out-of-balance", "leave", why="judged on the time he was there "
           "(until 2025-06-30): much more given than received"),
    expect("lions", "2024", "out-of-balance", "leave", why="a year of meetings, stalls and "
           "dues; two dinners rated 2"),
    expect("facebook", "last12", "leave", "out-of-balance", why="no money, no fun, no help "
           "back: why are you doing it?"),
    expect("facebook", "all", "leave", "out-of-balance", why="three and a half years of "
           "answers and nothing in return"),
]
