"""Sofia Lindqvist, freelance UX researcher in Stockholm, 2022-04-01 to 2026-08-31.

The Nordic UX conference circuit is a season: from April to June she speaks at two
conferences, people come up with their questions after her talks, and a client or two
follows in the summer; from July to March nothing happens there, year after year. That is
the rhythm of the network, not a lack of records. She posted sketches on Instagram every
week until August 2024 and then stopped. Her Södermalm book club meets only every two
months, and every evening is a delight.
"""

from __future__ import annotations

from tests.personas.blind._story import Story, every, expect, plus

NAME = "Sofia Lindqvist"
START, END = "2022-04-01", "2026-08-31"

WINDOWS = {
    "last12": ("2025-09-01", "2026-08-31"),
    "all": (START, END),
    "2023": ("2023-01-01", "2023-12-31"),
}

s = Story()
s.network("uxconf", "Nordic UX conference circuit", "association", joined="2022-04-01",
          note="active April to June: the conference season")
s.network("instagram", "Instagram", "social", joined="2022-04-01")
s.network("bokklubb", "Södermalm book club", "friends", joined="2022-09-01")

ORGANISERS = ("Henrik Dahl", "Maja Virtanen")
for who in ORGANISERS:
    s.person(who, "uxconf")
LISTENERS = ("Oskar Berg", "Liv Hansen", "Eero Laine", "Frida Nyström", "Jonas Holm",
             "Karin Åberg", "Mikkel Sørensen", "Anni Koskinen", "Tove Ek", "Rasmus Lund")
for who in LISTENERS:
    s.person(who, "uxconf")
for who in ("Ebba Lund", "Nils Forsberg"):
    s.person(who, "instagram")
READERS = ("Greta Wallin", "Amira Haddad", "Linnea Sjöberg", "Petra Nordin")
for who in READERS:
    s.person(who, "bokklubb", tags=("close",))

# The conference season, every year from 2022 to 2026.
n = 0
for year in range(2022, 2027):
    for month_day, organiser in (("04-20", "Maja Virtanen"), ("05-12", "Henrik Dahl"),
                                 ("06-04", "Maja Virtanen")):
        when = f"{year}-{month_day}"
        s.log("uxconf", organiser, "gave", "talk", when, minutes=240,
              note="talk on research with few participants")
        s.log("uxconf", organiser, "shared", "event", plus(when, 0), minutes=180, fun=4,
              note="speakers' dinner")
        first, second = LISTENERS[n % 10], LISTENERS[(n + 1) % 10]
        n += 2
        s.log("uxconf", first, "gave", "advice", plus(when, 1), minutes=40, invited=True,
              note="came to me after the talk with a question about their study")
        s.log("uxconf", second, "gave", "advice", plus(when, 2), minutes=30, invited=True,
              note="asked about recruiting participants")
        if month_day == "05-12":
            s.log("uxconf", first, "received", "client", plus(when, 45),
                  money=3500 + 500 * (year - 2022), note="a research project")

# Instagram: weekly sketches until August 2024, then nothing.
for i, when in enumerate(every("2022-04-04", "2024-08-26", days=14)):
    s.log("instagram", ("Ebba Lund", "Nils Forsberg")[i % 2], "gave", "post", when,
          minutes=45, note="a sketch from the week")
    s.log("instagram", ("Nils Forsberg", "Ebba Lund")[i % 2], "received", "like",
          plus(when, 1))

# Book club: every two months, always a delight.
for i, when in enumerate(every("2022-09-15", "2026-08-31", days=61)):
    s.log("bokklubb", [READERS[i % 4], READERS[(i + 2) % 4]], "shared", "event", when,
          minutes=180, fun=5 if i % 2 else 4, note="book club evening")

STORY = s.commands

EXPECT = [
    expect("uxconf", "last12", "worth-it", "not-enough-records", why="a conference season: "
           "three talks in spring, invited questions and a paying client; the quiet months "
           "are the rhythm of the network", must_not=("leave",)),
    expect("uxconf", "all", "worth-it", why="five seasons, each with talks, invitations and a "
           "client: talk, invitation, client", must_not=("leave",)),
    expect("uxconf", "2023", "worth-it", why="a season that paid, with fun speakers' dinners",
           must_not=("leave",)),
    expect("instagram", "last12", "dormant", "not-enough-records", why="nothing since "
           "August 2024", must_not=("keep",)),
    expect("instagram", "all", "dormant", "ask", "leave", why="two years of posting for likes, "
           "then two years of silence", must_not=("keep",)),
    expect("instagram", "2023", "ask", "leave", why="a year of posts and likes, no fun rated, "
           "no money, no help: kith cannot know if it was worth it", must_not=("keep",)),
    expect("bokklubb", "last12", "worth-it", why="six evenings, every one rated 4 or 5: sparse "
           "but consistently fun", must_not=("leave",)),
    expect("bokklubb", "all", "worth-it", why="four years of fun evenings", must_not=("leave",)),
]
