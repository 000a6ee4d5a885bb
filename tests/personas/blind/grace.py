"""Grace Mensah, nurse and educator in Manchester, 2023-01-01 to 2026-10-31.

Grace runs the welcome team at Grace Chapel: she helps each new family settle in (paying it
forward) and loves the potlucks and her small group; when she had surgery the church fed
her for weeks. At the Nurses' Association she runs two wound-care workshops a year; nurses
come to her with questions afterwards and hospitals then hire her to teach. She sings with
the City Gospel Choir. Her Facebook account went silent in May 2024. Her school friends
lean on her (she organises, lends, babysits) and seldom give back.
"""

from __future__ import annotations

from tests.personas.blind._story import Story, every, expect, months, plus

NAME = "Grace Mensah"
START, END = "2023-01-01", "2026-10-31"

WINDOWS = {
    "last12": ("2025-11-01", "2026-10-31"),
    "all": (START, END),
    "2024": ("2024-01-01", "2024-12-31"),
}

s = Story()
s.network("chapel", "Grace Chapel", "church", joined="2010-05-01")
s.network("nurses", "Nurses' Association", "association", joined="2014-01-01")
s.network("gospel", "City Gospel Choir", "other", joined="2019-09-01")
s.network("facebook", "Facebook", "social", joined="2011-01-01")
s.network("school", "School Friends", "friends", joined="2001-09-01")

# --- Grace Chapel: welcome team, newcomers, companionship ---------------------------------
s.person("Pastor Ade", "chapel")
s.person("Efua Boateng", "chapel")
s.person("Linda Marsh", "chapel")
for on in months(START, END, step=1, on=1):
    s.log("chapel", "Pastor Ade", "gave", "volunteering", on, minutes=150,
          note="welcome team rota")
for i, on in enumerate(months(START, END, step=1, on=10)):
    s.log("chapel", ["Efua Boateng", "Linda Marsh"], "shared", "meeting", on, minutes=120,
          fun=4, note="small group evening")
    if i % 2 == 0:
        s.log("chapel", ["Efua Boateng", "Linda Marsh"], "shared", "event", plus(on, 12),
              minutes=180, fun=5, note="potluck after the service")
for i, on in enumerate(months("2023-02-05", END, step=2)):
    family = f"Chapel Newcomer {i}"
    s.person(family, "chapel")
    s.log("chapel", family, "shared", "event", on, minutes=20, note="first visit")
    s.log("chapel", family, "gave", "help", plus(on, 4), minutes=90, favours=1,
          note="helped them find a school and a GP")
s.log("chapel", ["Efua Boateng", "Linda Marsh"], "received", "help", "2024-09-09",
      minutes=600, favours=5, note="meal rota for three weeks after my surgery")
s.log("chapel", "Pastor Ade", "received", "help", "2026-02-15", minutes=60, favours=1,
      note="wrote a reference for my course")

# --- Nurses' Association: workshops, invited questions, paid teaching ----------------------
s.person("Association Office", "nurses")
for year in (2023, 2024, 2025, 2026):
    s.log("nurses", "Association Office", "gave", "dues", f"{year}-01-15", money=220,
          note="annual membership")
for i, on in enumerate(months("2023-03-10", END, step=6)):
    s.log("nurses", "Association Office", "gave", "workshop", on, minutes=360,
          note="wound-care workshop")
    for k in range(3):
        nurse = f"Workshop Nurse {i}-{k}"
        s.person(nurse, "nurses")
        s.log("nurses", nurse, "received", "conversation", plus(on, 1 + k), minutes=30,
              invited=True, note="came to me with questions after the workshop")
        if k == 0:
            s.log("nurses", nurse, "received", "client", plus(on, 45), money=900 + 100 * i,
                  invited=True, note="her hospital booked me to teach a day")
for on in months("2023-05-20", END, step=4):
    s.log("nurses", "Association Office", "shared", "event", on, minutes=180, fun=3,
          note="branch evening")

# --- City Gospel Choir: fortnightly rehearsals --------------------------------------------
s.person("Marcus Bell", "gospel")
for i, on in enumerate(every("2023-01-08", END, days=14)):
    s.log("gospel", "Marcus Bell", "shared", "rehearsal", on, minutes=150,
          fun=5 if i % 3 else 4, note="rehearsal")

# --- Facebook: mild in 2023, silent since May 2024 ----------------------------------------
s.person("Facebook Friends", "facebook")
for i, on in enumerate(months(START, "2024-04-30", step=1, on=18)):
    s.log("facebook", "Facebook Friends", "gave", "post", on, minutes=20,
          note="shared photos")
    if i % 3 == 0:
        s.log("facebook", "Facebook Friends", "received", "like", plus(on, 1), fun=2,
              note="a few comments")

# --- School Friends: she gives much more than she gets back -------------------------------
for name in ("Ruth Adjei", "Nana Owusu", "Joy Clarke"):
    s.person(name, "school")
for i, on in enumerate(months(START, END, step=1, on=24)):
    friend = ("Ruth Adjei", "Nana Owusu", "Joy Clarke")[i % 3]
    what = ("babysat her kids", "helped her move", "drove her to the airport")[i % 3]
    s.log("school", friend, "gave", "help", on, minutes=180, favours=1, note=what)
for on in ("2023-06-17", "2024-06-15", "2025-06-14", "2026-06-13"):
    s.log("school", ["Ruth Adjei", "Nana Owusu", "Joy Clarke"], "gave", "event", on,
          minutes=480, money=150, fun=2, note="organised the reunion, paid the deposit")
s.log("school", "Ruth Adjei", "gave", "help", "2024-03-01", money=500, favours=1,
      note="lent Ruth money for her rent")
s.log("school", "Nana Owusu", "received", "help", "2025-03-08", minutes=60, favours=1,
      note="Nana fed my cat")

STORY = s.commands

EXPECT = [
    expect("chapel", "last12", "worth-it", why="small group and potlucks rated 4-5: "
           "companionship is value; the newcomers she helps are paying it forward",
           must_not=("fewer favours", "taker")),
    expect("chapel", "all", "worth-it", why="years of companionship and the meal rota after "
           "her surgery; newcomers are no debt", must_not=("fewer favours", "taker")),
    expect("chapel", "2024", "worth-it", why="the year the church fed her for weeks",
           must_not=("fewer favours", "taker")),
    expect("nurses", "last12", "worth-it", why="after each workshop nurses come to her with "
           "questions; hospitals then pay her to teach: invited conversations pay"),
    expect("nurses", "all", "worth-it", why="eight workshops, 24 invited conversations and "
           "eight paid teaching days against modest dues"),
    expect("gospel", "last12", "worth-it", why="fortnightly rehearsals rated 4-5"),
    expect("gospel", "all", "worth-it", why="consistently fun for four years"),
    expect("facebook", "last12", "dormant", "not-enough-records", why="not a single record "
           "since April 2024"),
    expect("facebook", "all", "dormant", "leave", "out-of-balance", why="sixteen months of "
           "posts with a little fun, then two and a half years of silence"),
    expect("school", "last12", "out-of-balance", "leave", why="she gives help every month and the "
           "reunion is only mildly fun; almost nothing comes back: rebalance"),
    expect("school", "all", "out-of-balance", "leave", why="four years of favours, a loan and "
           "reunions she pays for, one favour back"),
    expect("school", "2024", "out-of-balance", "leave", why="twelve favours and a loan given, "
           "nothing received, one evening rated 2"),
]
