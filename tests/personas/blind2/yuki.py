"""Yuki Tanaka, indie game developer in Lisbon, 2023-03-01 to 2026-09-30.

At Indie Game Devs Lisbon the monthly meetups are fun; she spends time with first-timers
(paying it forward) and introduces people who should meet. Most introductions are for
others; one, a studio she put in touch with a composer, later contracts her for a port.
For the open-source engine plugin she maintains on Discord she reviews pull requests for
about 25 unpaid hours a month; the evenings are only so-so and help comes back once a
year at most: she gives far more than she gets. The parents' group in Campo de Ourique
swaps childcare both ways and has picnics. Her Facebook account went quiet in August 2023.
"""

from __future__ import annotations

from tests.personas.blind._story import Story, every, expect, months, plus

NAME = "Yuki Tanaka"
START, END = "2023-03-01", "2026-09-30"

WINDOWS = {
    "last12": ("2025-10-01", "2026-09-30"),
    "all": (START, END),
}

s = Story()
s.network("indie", "Indie Game Devs Lisbon", "association", joined="2023-03-01")
s.network("oss", "Godot plugin Discord", "other", joined="2023-03-01")
s.network("parents", "Campo de Ourique parents", "friends", joined="2023-09-01")
s.network("facebook", "Facebook", "social", joined="2010-05-01")

REGULARS = ("Bruno Matos", "Catarina Reis", "Tiago Sousa", "Leonor Vaz")
for who in REGULARS:
    s.person(who, "indie")
NEWCOMERS = [
    ("Rui Pinheiro", "2023-05-11", "showed him how to cut his demo for a publisher"),
    ("Aiko Mori", "2023-11-09", "walked her through Steam store setup"),
    ("Diogo Lemos", "2024-06-13", "playtested his prototype and wrote notes"),
    ("Beatriz Moura", "2025-01-09", "advice on pricing her first commission"),
    ("Kenji Alves", "2025-09-11", "explained game jam scoping"),
    ("Marta Quintela", "2026-04-09", "reviewed her pitch deck for a grant"),
]
for who, _, _ in NEWCOMERS:
    s.person(who, "indie")
CONTRIBUTORS = ("Piotr Zielinski", "Ana Ferreira", "Sven Olafsson")
for who in CONTRIBUTORS:
    s.person(who, "oss")
PARENTS = ("Joana Cardoso", "Miguel Rocha", "Sara Lopes")
for who in PARENTS:
    s.person(who, "parents", tags=("close",))
for who in ("Hana Sato", "Carlos Mendes"):
    s.person(who, "facebook")

# Indie Game Devs: monthly meetups, newcomers, introductions.
for i, when in enumerate(months("2023-03-09", "2026-09-30", on=9)):
    s.log("indie", [REGULARS[i % 4], REGULARS[(i + 1) % 4]], "shared", "event", when,
          minutes=180, fun=4 if i % 4 else 5, note="meetup and playtesting")
for who, when, what in NEWCOMERS:
    s.log("indie", who, "gave", "advice", plus(when, 2), minutes=60, note=what)
s.hear("Bruno Matos", "2023-06-08", "indie", need="a composer for his studio's next game")
s.hear("Catarina Reis", "2023-06-08", "indie", offer="composes chiptune soundtracks")
s.intro("Bruno Matos", "Catarina Reis", "indie", "2023-06-12", "composer for Bruno's studio",
        label="i_bruno")
s.commands.append(["intro", "outcome", "{i_bruno}", "--led-to",
                   "Bruno's studio contracted me to port their game to Switch", "--for-me",
                   "--money", "3200", "--from", "Bruno Matos", "--on", "2024-02-20"])
s.hear("Rui Pinheiro", "2023-09-14", "indie", need="a publisher for his puzzle game")
s.hear("Tiago Sousa", "2023-09-14", "indie", offer="scouts games for a small publisher")
s.intro("Rui Pinheiro", "Tiago Sousa", "indie", "2023-09-18", "publisher scout", label="i_rui")
s.commands.append(["intro", "outcome", "{i_rui}", "--led-to", "Rui signed with the publisher",
                   "--on", "2024-01-15"])
s.hear("Aiko Mori", "2024-03-14", "indie", need="a pixel artist for a jam")
s.hear("Leonor Vaz", "2024-03-14", "indie", offer="pixel art, free for jams")
s.intro("Aiko Mori", "Leonor Vaz", "indie", "2024-03-18", "pixel art for Aiko's jam")
s.hear("Diogo Lemos", "2024-10-10", "indie", need="a Portuguese-to-English translator")
s.hear("Catarina Reis", "2024-10-10", "indie", offer="her partner translates games")
s.intro("Diogo Lemos", "Catarina Reis", "indie", "2024-10-14", "translation for Diogo")
s.hear("Beatriz Moura", "2025-11-13", "indie", need="a studio space to share")
s.hear("Tiago Sousa", "2025-11-13", "indie", offer="a free desk at his co-working space")
s.intro("Beatriz Moura", "Tiago Sousa", "indie", "2025-11-17", "desk for Beatriz")
s.hear("Kenji Alves", "2026-05-14", "indie", need="a mentor for his first commercial release")
s.hear("Bruno Matos", "2026-05-14", "indie", offer="mentors first releases")
s.intro("Kenji Alves", "Bruno Matos", "indie", "2026-05-18", "release mentoring")

# Open-source Discord: many unpaid review hours, modest fun, almost nothing back.
for i, when in enumerate(every("2023-03-06", "2026-09-30", days=14)):
    s.log("oss", CONTRIBUTORS[i % 3], "gave", "help", when, minutes=720, fun=2, favours=3,
          note="a fortnight of pull-request reviews")
for when in ("2024-05-20", "2025-07-02", "2026-06-15"):
    s.log("oss", "Sven Olafsson", "received", "help", when, favours=1,
          note="fixed my CI pipeline")

# Parents' group: childcare both ways, picnics.
for i, when in enumerate(months("2023-09-16", "2026-09-30", on=16)):
    s.log("parents", PARENTS[i % 3], "gave" if i % 2 == 0 else "received", "help", when,
          minutes=180, favours=1, note="had the kids for the afternoon")
for when in months("2023-10-01", "2026-09-30", step=3, on=1):
    s.log("parents", list(PARENTS), "shared", "event", when, minutes=240, fun=4,
          note="picnic in the Jardim da Estrela")

# Facebook: a few posts, then nothing since August 2023.
for i, when in enumerate(every("2023-03-05", "2023-08-27", days=14)):
    s.log("facebook", ("Hana Sato", "Carlos Mendes")[i % 2], "gave", "post", when,
          minutes=15, note="photos for family in Japan")
    s.log("facebook", ("Carlos Mendes", "Hana Sato")[i % 2], "received", "like",
          plus(when, 1))

STORY = s.commands

EXPECT = [
    expect("indie", "last12", "worth-it", why="fun meetups; help to newcomers and introductions "
           "are paid forward, not a cost", must_not=("leave", "fewer")),
    expect("indie", "all", "worth-it", why="fun every month and one introduction came back as "
           "3,200 of work: the network returns as a whole", must_not=("leave", "fewer")),
    expect("oss", "last12", "out-of-balance", "leave", why="about 26 unpaid hours a month for "
           "fun of 2 and one favour back: far more put in than taken out",
           must_not=("keep",)),
    expect("oss", "all", "out-of-balance", "leave", why="three and a half years of heavy "
           "unpaid reviewing with little back", must_not=("keep",)),
    expect("parents", "last12", "worth-it", why="childcare swapped both ways and fun picnics",
           must_not=("leave",)),
    expect("parents", "all", "worth-it", why="help comes back in the same measure, with fun",
           must_not=("leave",)),
    expect("facebook", "last12", "dormant", "not-enough-records", why="nothing since August "
           "2023", must_not=("keep",)),
    expect("facebook", "all", "dormant", "ask", "not-enough-records", why="six months of "
           "posts for likes, then three years of silence", must_not=("keep",)),
]
