"""Samuel Osei, retired civil engineer in Leeds, 2024-01-01 to 2026-10-31.

At St Chad's Samuel volunteers every month and welcomes newcomers (paying it forward); the
fellowship lunches are warm and, when he was ill, the church brought him meals. At the Rotary
club he only ever logged his dues and never said whether the evenings are fun. The golf
society cost him a lot for dull rounds and he left it on 2025-06-30. His Facebook account was
lively in 2024 and he has not touched it since January 2025. The allotment society is
seasonal: work days from April to September and the summer show in August, nothing in winter.
"""

from __future__ import annotations

from tests.personas.blind._story import Story, expect, months, plus

NAME = "Samuel Osei"
START, END = "2024-01-01", "2026-10-31"

WINDOWS = {
    "last12": ("2025-11-01", "2026-10-31"),
    "all": (START, END),
    "2024": ("2024-01-01", "2024-12-31"),
    "winter": ("2025-11-01", "2026-03-31"),
}

s = Story()
s.network("church", "St Chad's", "church", joined="2009-05-01")
s.network("rotary", "Rotary Club Leeds North", "association", joined="2022-02-01")
s.network("golf", "Headingley Golf Society", "other", joined="2019-04-01")
s.network("facebook", "Facebook", "social", joined="2011-01-01")
s.network("allotment", "Meanwood Allotment Society", "other", joined="2018-03-01")

# --- Church: volunteering, newcomers helped, fellowship, help when ill ---------------------
s.person("Rev Helen Marsh", "church", tags=("vicar",))
s.person("Grace Adjei", "church")
for on in months(START, END, on=6):
    s.log("church", "Rev Helen Marsh", "gave", "volunteering", on, minutes=180,
          note="food bank shift")
for on in months(START, END, on=13):
    s.log("church", ["Grace Adjei", "Rev Helen Marsh"], "shared", "event", on, minutes=120,
          fun=4, note="fellowship lunch after the service")
for i, on in enumerate(months(START, END, step=2, on=20)):
    newcomer = f"Newcomer {i}"
    s.person(newcomer, "church", tags=("newcomer",))
    s.log("church", newcomer, "gave", "help", on, minutes=90, favours=1,
          note="welcomed a newcomer and helped them find a GP and a school")
s.log("church", "Grace Adjei", "received", "help", "2025-02-10", favours=3,
      note="meals brought round for two weeks after my operation")
s.log("church", "Rev Helen Marsh", "received", "help", "2026-05-04", favours=1,
      note="Helen drove me to the hospital check-up")

# --- Rotary: only dues logged, fun never rated ---------------------------------------------
s.person("Club Treasurer", "rotary")
for on in months(START, END, step=3, on=2):
    s.log("rotary", "Club Treasurer", "gave", "dues", on, money=45, note="quarterly dues")

# --- Golf: costly and dull, left on 2025-06-30 ---------------------------------------------
s.person("Colin Barker", "golf")
for on in months(START, "2025-06-30", on=16):
    s.log("golf", "Colin Barker", "shared", "event", on, minutes=300, fun=1,
          note="monthly medal round, mostly waiting on the tee")
for on in ["2024-03-01", "2025-03-01"]:
    s.log("golf", "Colin Barker", "gave", "dues", on, money=650, note="annual subscription")
s.left("golf", "2025-06-30")

# --- Facebook: lively in 2024, abandoned from February 2025 --------------------------------
s.person("Kwame Osei", "facebook")
s.person("Linda Hart", "facebook")
for i, on in enumerate(months(START, "2025-01-20", on=8)):
    s.log("facebook", "Kwame Osei", "gave", "post", on, minutes=20,
          note="photos from the allotment")
    s.log("facebook", "Linda Hart" if i % 2 else "Kwame Osei", "received", "reply", plus(on, 1),
          fun=3, note="chatty replies from family and old colleagues")

# --- Allotment: seasonal ------------------------------------------------------------------
s.person("Maggie Flynn", "allotment")
s.person("Tariq Khan", "allotment")
for year in ("2024", "2025", "2026"):
    for month in ("04", "05", "06", "07", "09"):
        s.log("allotment", ["Maggie Flynn", "Tariq Khan"], "shared", "event",
              f"{year}-{month}-14", minutes=240, fun=4, note="society work day")
    s.log("allotment", ["Maggie Flynn", "Tariq Khan"], "shared", "event", f"{year}-08-17",
          minutes=360, fun=5, note="summer show: my onions placed second")
    s.log("allotment", "Tariq Khan", "received", "help", f"{year}-04-20", favours=1,
          note="Tariq gave me seedlings and watered while I was away")
    s.log("allotment", "Maggie Flynn", "gave", "dues", f"{year}-04-01", money=35,
          note="plot rent")

STORY = s.commands

EXPECT = [
    expect("church", "last12", "worth-it", why="fellowship rated 4 every month and help when he "
           "needed it; newcomers helped are paying it forward, not a debt",
           must_not=("leave",)),
    expect("church", "all", "worth-it", why="years of volunteering returned as companionship "
           "and care; the newcomer help is not owed back", must_not=("leave",)),
    expect("rotary", "last12", "ask", "not-enough-records", why="only dues written down; "
           "kith cannot know whether the evenings are fun, so it should ask",
           must=("fun",)),
    expect("rotary", "all", "ask", "not-enough-records", why="three years of dues and never a "
           "fun rating: value may be companionship, but it was never recorded", must=("fun",)),
    expect("golf", "2024", "leave", "out-of-balance", why="650 a year and rounds rated 1: no "
           "money, no fun, why is he doing it?"),
    expect("golf", "last12", "dormant", "not-enough-records", "leave", why="he left on "
           "2025-06-30; nothing recorded since"),
    expect("facebook", "last12", "dormant", "not-enough-records", why="not a single record "
           "since January 2025: an abandoned account"),
    expect("facebook", "2024", "worth-it", why="cheap posts with fun replies every month"),
    expect("allotment", "2024", "worth-it", why="work days and the summer show all rated 4-5 "
           "and help from Tariq, for a small plot rent"),
    expect("allotment", "all", "worth-it", why="a seasonal network that is fun every summer"),
    expect("allotment", "winter", "not-enough-records", "dormant", why="nothing happens on the "
           "allotment in winter; a five-month window says little"),
]
