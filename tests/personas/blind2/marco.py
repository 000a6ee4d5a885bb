"""Marco Bellini, structural engineer with his own practice in London, 2022-01-01 to 2026-11-30.

At the Institution of Structural Engineers' London branch he runs two CPD workshops a
year; afterwards people come to him with their own projects, and several become clients.
He joined the Italian Chamber of Commerce's monthly aperitivi in January 2022, paid for
each one, pitched his practice, rated the evenings poorly and never got anything back; he
left at the end of June 2025. His Sunday riding group is his fun, every other week. He
stopped using X in November 2023.
"""

from __future__ import annotations

from tests.personas.blind._story import Story, every, expect, months, plus

NAME = "Marco Bellini"
START, END = "2022-01-01", "2026-11-30"

WINDOWS = {
    "last12": ("2025-12-01", "2026-11-30"),
    "all": (START, END),
    "2023": ("2023-01-01", "2023-12-31"),
}

s = Story()
s.network("istruct", "IStructE London branch", "association", joined="2018-05-01")
s.network("italcham", "Italian Chamber of Commerce London", "association", joined="2022-01-01")
s.network("riders", "Regent's Park Sunday riders", "friends", joined="2021-04-01")
s.network("x", "X", "social", joined="2015-03-01")

s.person("Alison Reeve", "istruct")
CLIENTS = ("Joe Whitaker", "Sunita Rao", "Gareth Pugh", "Emma Lindley", "Tariq Hussain",
           "Claire Dobson")
for who in CLIENTS:
    s.person(who, "istruct")
CHAMBER = ("Lucia Ferraro", "Paolo Greco", "Silvia Conti")
for who in CHAMBER:
    s.person(who, "italcham")
RIDERS = ("Ian McBride", "Rosa Delgado", "Hugh Bennett")
for who in RIDERS:
    s.person(who, "riders", tags=("close",))
for who in ("Leo Hart", "Dana Moss"):
    s.person(who, "x")

# IStructE: workshops, invited conversations, clients.
WORKSHOPS = ["2022-03-09", "2022-10-12", "2023-03-15", "2023-10-11", "2024-03-13",
             "2024-10-09", "2025-03-12", "2025-10-08", "2026-03-11", "2026-10-14"]
for i, when in enumerate(WORKSHOPS):
    s.log("istruct", "Alison Reeve", "gave", "workshop", when, minutes=240,
          note="CPD workshop on retrofitting timber floors")
    who = CLIENTS[i % len(CLIENTS)]
    s.log("istruct", who, "gave", "advice", plus(when, 4), minutes=60, invited=True,
          note="brought me the drawings of their own project after the workshop")
    if i % 2 == 0 or i == 9:
        s.log("istruct", who, "received", "client", plus(when, 50), money=4000 + 400 * i,
              note="appointed me for the structural design")
for year in range(2022, 2027):
    s.log("istruct", "Alison Reeve", "gave", "dues", f"{year}-01-12", money=420)

# Italian Chamber: monthly aperitivi, paid and pitched, nothing back; left June 2025.
for i, when in enumerate(months("2022-01-26", "2025-06-30", on=26)):
    s.log("italcham", CHAMBER[i % 3], "gave", "event", when, minutes=150, money=35, fun=1,
          pitched=i % 2 == 0, note="aperitivo; handed out cards")
for year in range(2022, 2026):
    s.log("italcham", "Lucia Ferraro", "gave", "dues", f"{year}-01-20", money=350)
s.left("italcham", "2025-06-30")

# Sunday riders: every other week, fun.
for i, when in enumerate(every("2022-01-09", "2026-11-30", days=14)):
    s.log("riders", [RIDERS[i % 3], RIDERS[(i + 1) % 3]], "shared", "event", when,
          minutes=240, fun=4 if i % 5 else 5, note="Sunday ride and coffee")

# X: posts until November 2023, then nothing.
for i, when in enumerate(every("2022-01-04", "2023-11-14", days=14)):
    s.log("x", ("Leo Hart", "Dana Moss")[i % 2], "gave", "post", when, minutes=15,
          note="photo of a site visit")

STORY = s.commands

EXPECT = [
    expect("istruct", "last12", "worth-it", why="two workshops, each followed by someone "
           "bringing their project, and a client: the workshops pay", must_not=("leave",)),
    expect("istruct", "all", "worth-it", why="ten workshops, ten invited conversations, six "
           "clients: talk, invitation, client", must_not=("leave",)),
    expect("istruct", "2023", "worth-it", why="a client after the spring workshop, dues of "
           "420", must_not=("leave",)),
    expect("italcham", "all", "leave", why="three and a half years of paid aperitivi and "
           "pitches, rated 1, nothing back; he got out, rightly", must_not=("keep",)),
    expect("italcham", "2023", "leave", why="a year of pitching and paying with nothing back "
           "in any form", must_not=("keep",)),
    expect("riders", "last12", "worth-it", why="rides every other week rated 4 or 5",
           must_not=("leave",)),
    expect("riders", "all", "worth-it", why="five years of consistently fun Sundays",
           must_not=("leave",)),
    expect("x", "last12", "dormant", "not-enough-records", why="nothing since November 2023",
           must_not=("keep",)),
    expect("x", "all", "dormant", "ask", "leave", why="posting stopped three years ago",
           must_not=("keep",)),
    expect("x", "2023", "ask", "leave", why="posts, nothing back and no fun rated: is it "
           "worth it? kith cannot know", must_not=("keep",)),
]
