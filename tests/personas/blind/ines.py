"""Ines Ferreira, freelance data-science trainer in Lisbon, 2023-03-01 to 2026-08-31.

Ines runs workshops at PyData Lisboa; afterwards people come to her with their questions and
some of them hire her (the second post). On X she pitches her courses twice a month and
nothing comes back. The Coro da Graça sings four evenings a year and it is always a joy.
Her university friends help her when she needs it (a move, a contract, a CV) and she never
writes down money or fun for them. At the coworking space Bruno mostly takes (she helps him
every month), but the space as a whole sends her referrals, a client a year and good lunches.
"""

from __future__ import annotations

from tests.personas.blind._story import Story, expect, months, plus

NAME = "Ines Ferreira"
START, END = "2023-03-01", "2026-08-31"

WINDOWS = {
    "last12": ("2025-09-01", "2026-08-31"),
    "all": (START, END),
    "2024": ("2024-01-01", "2024-12-31"),
}

s = Story()
s.network("pydata", "PyData Lisboa", "association", joined="2021-04-01")
s.network("x", "X", "social", joined="2015-06-01")
s.network("choir", "Coro da Graca", "other", joined="2020-09-01")
s.network("unifriends", "University friends", "friends", joined="2012-10-01")
s.network("cowork", "Cowork Intendente", "other", joined="2022-01-10")

# --- PyData: workshops, then invited conversations, some of which become clients ----------
s.person("Rui Matos", "pydata", tags=("organiser",))
for i, on in enumerate(months("2023-03-01", END, step=2, on=12)):
    s.log("pydata", "Rui Matos", "gave", "workshop", on, minutes=300,
          note=f"hands-on workshop on forecasting #{i + 1}")
    for j in range(2):
        asker = f"PyData Attendee {i}-{j}"
        s.person(asker, "pydata")
        s.log("pydata", asker, "received", "conversation", plus(on, 1 + 3 * j), minutes=45,
              invited=True, note="came up after the workshop with a question about their data")
        if (i + j) % 3 == 0:
            s.log("pydata", asker, "received", "client", plus(on, 28 + j), money=2400,
                  invited=True, note="booked an in-house training after our chat")

# --- X: pitching, nothing back ------------------------------------------------------------
for i, on in enumerate(months(START, END, on=4) + months(START, END, on=18)):
    prospect = f"X Prospect {i}"
    s.person(prospect, "x")
    s.log("x", prospect, "gave", "message", on, minutes=20, pitched=True,
          note="DM offering my Python for analysts course")

# --- Choir: few evenings, always fun ------------------------------------------------------
s.person("Marta Lopes", "choir")
s.person("Joao Pires", "choir")
for i, on in enumerate(months(START, END, step=3, on=20)):
    s.log("choir", ["Marta Lopes", "Joao Pires"], "shared", "event", on, minutes=180,
          fun=5 if i % 3 else 4, note="concert evening and dinner after")
for on in months("2023-09-01", END, step=12, on=15):
    s.log("choir", "Marta Lopes", "gave", "dues", on, money=60, note="yearly choir dues")

# --- University friends: help when needed, no money or fun recorded ------------------------
s.person("Sofia Reis", "unifriends")
s.person("Tiago Nunes", "unifriends")
s.person("Ana Costa", "unifriends")
helps = [
    ("Tiago Nunes", "2023-05-06", "help", 2, "helped me move flat with his van"),
    ("Sofia Reis", "2023-11-14", "advice", 1, "read my first freelance contract"),
    ("Ana Costa", "2024-03-02", "help", 1, "looked after my cat for two weeks"),
    ("Sofia Reis", "2024-09-21", "advice", 1, "checked my tax filing questions"),
    ("Tiago Nunes", "2025-02-08", "help", 2, "fixed my laptop the night before a workshop"),
    ("Ana Costa", "2025-10-11", "advice", 1, "reviewed my new course website"),
    ("Tiago Nunes", "2026-04-18", "help", 2, "drove me to the hospital and waited"),
]
for who, on, kind, favours, note in helps:
    s.log("unifriends", who, "received", kind, on, favours=favours, note=note)
for on in ["2023-08-12", "2024-06-15", "2025-06-07", "2026-02-21"]:
    s.log("unifriends", "Ana Costa", "gave", "help", on, minutes=120, favours=1,
          note="helped Ana with her statistics homework for her master")

# --- Coworking: Bruno mostly takes, the space gives back ----------------------------------
s.person("Bruno Alves", "cowork", tags=("taker",))
s.person("Clara Dias", "cowork")
s.person("Pedro Sousa", "cowork")
for on in months(START, END, on=9):
    s.log("cowork", "Bruno Alves", "gave", "help", on, minutes=60, favours=1,
          note="Bruno asked me to fix his spreadsheet again")
for on in months(START, END, step=2, on=26):
    s.log("cowork", ["Clara Dias", "Pedro Sousa"], "shared", "event", on, minutes=90, fun=4,
          note="Friday lunch on the terrace")
for i, on in enumerate(months("2023-06-01", END, step=6, on=3)):
    s.log("cowork", "Clara Dias", "received", "referral", on, favours=1,
          note="Clara passed my name to a company needing a data audit")
    if i % 2 == 0:
        s.log("cowork", "Clara Dias", "received", "client", plus(on, 21), money=1800,
              invited=True, note="data audit via Clara")

STORY = s.commands

EXPECT = [
    expect("pydata", "last12", "worth-it", why="invited conversations after her workshops turn "
           "into paid trainings: the conversations that pay", must_not=("leave",)),
    expect("pydata", "all", "worth-it", why="three and a half years of workshops followed by "
           "people coming to her and hiring her", must_not=("leave",)),
    expect("pydata", "2024", "worth-it", why="a year of workshops with clients coming from the "
           "invited chats"),
    expect("x", "last12", "leave", "out-of-balance", why="self-promotion with nothing back: no "
           "money, no fun, no help; get out", must=("leave",)),
    expect("x", "all", "leave", "out-of-balance", why="years of cold pitching that never paid"),
    expect("choir", "last12", "worth-it", why="if it doesn't make you money it should be fun; "
           "every evening rated 4-5", must_not=("leave",)),
    expect("choir", "all", "worth-it", why="consistently fun for years; small dues against "
           "companionship"),
    expect("unifriends", "last12", "worth-it", "ask", why="help when she needs it is value, "
           "even with no money or fun written down"),
    expect("unifriends", "all", "worth-it", "ask", why="friends who helped her move, with "
           "contracts and at the hospital: the network gives more than she puts in"),
    expect("cowork", "last12", "worth-it", "out-of-balance", why="Bruno takes more than he "
           "gives, but on the whole the space pays her in clients and fun"),
    expect("cowork", "all", "worth-it", "out-of-balance", why="there will always be those who "
           "take; the network as a whole returns more than she puts in"),
]
