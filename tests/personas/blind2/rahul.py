"""Rahul Menon, freelance translator (Malayalam, English, German) in Munich, 2023-01-01 to
2026-06-30.

In the translators' guild he has only ever logged money: the dues he pays each January and
the referral fees of the jobs colleagues pass on to him. No hours, no fun, no favours; the
money back is many times the dues, so it pays. At the golf club too he has only logged
money, the yearly fee and tournament entries, and never said whether a round is fun or
brought anything: kith cannot know. The Kerala Samajam is companionship: he cooks for Onam
and helps at the monthly gatherings, and he rates them well.
"""

from __future__ import annotations

from tests.personas.blind._story import Story, expect, months

NAME = "Rahul Menon"
START, END = "2023-01-01", "2026-06-30"

WINDOWS = {
    "last12": ("2025-07-01", "2026-06-30"),
    "all": (START, END),
    "2024": ("2024-01-01", "2024-12-31"),
}

s = Story()
s.network("guild", "Translators' Guild Bavaria", "association", joined="2021-03-01")
s.network("golf", "Golfclub Isartal", "other", joined="2023-01-01")
s.network("samajam", "Kerala Samajam München", "other", joined="2020-09-01")

for who in ("Anke Vogel", "Jens Brückner", "Petra Lindner", "Guild office"):
    s.person(who, "guild")
for who in ("Golf office", "Florian Maier"):
    s.person(who, "golf")
SAMAJAM = ("Lakshmi Nair", "Joseph Varghese", "Divya Pillai", "Arun Kurian")
for who in SAMAJAM:
    s.person(who, "samajam", tags=("close",))

# Guild: money only.
for year in range(2023, 2027):
    s.log("guild", "Guild office", "gave", "dues", f"{year}-01-15", money=240,
          note="annual membership")
for when, who, fee in (("2023-05-09", "Anke Vogel", 1800), ("2023-11-21", "Jens Brückner", 2400),
                       ("2024-06-04", "Anke Vogel", 3100), ("2025-02-18", "Petra Lindner", 1500),
                       ("2025-09-23", "Jens Brückner", 2750),
                       ("2026-03-10", "Petra Lindner", 2200)):
    s.log("guild", who, "received", "referral", when, money=fee,
          note="a translation job passed on by a colleague")

# Golf: money only, and never anything back.
for year in range(2023, 2027):
    s.log("golf", "Golf office", "gave", "dues", f"{year}-01-05", money=1400,
          note="annual playing fee")
for when in ("2023-06-17", "2023-09-09", "2024-06-15", "2024-09-14", "2025-06-14",
             "2025-09-13", "2026-06-13"):
    s.log("golf", "Florian Maier", "gave", "event", when, money=80,
          note="club tournament entry fee")

# Samajam: monthly gatherings and Onam, companionship rated.
for i, when in enumerate(months("2023-01-22", "2026-06-30", on=22)):
    s.log("samajam", [SAMAJAM[i % 4], SAMAJAM[(i + 1) % 4]], "shared", "event", when,
          minutes=180, fun=4, note="monthly gathering")
for when in ("2023-08-27", "2024-09-14", "2025-09-05"):
    s.log("samajam", list(SAMAJAM), "gave", "volunteering", when, minutes=420, fun=5,
          note="cooked the Onam sadya with the others")

STORY = s.commands

EXPECT = [
    expect("guild", "last12", "worth-it", why="4,950 of referrals against 240 of dues: a "
           "network that pays, even if only money was ever logged", must_not=("leave",)),
    expect("guild", "all", "worth-it", why="referral fees far above the dues every year",
           must_not=("leave",)),
    expect("guild", "2024", "worth-it", "not-enough-records", why="one referral of 3,100 "
           "against 240 of dues; only two records in the year", must_not=("leave",)),
    expect("golf", "last12", "ask", "leave", "not-enough-records", why="only fees paid; "
           "whether the rounds are fun was never recorded, so kith should ask",
           must_not=("keep",)),
    expect("golf", "all", "ask", "leave", why="three and a half years of fees and nothing "
           "recorded back; fun never rated: ask before judging", must_not=("keep",)),
    expect("samajam", "last12", "worth-it", why="monthly gatherings rated 4 and an Onam "
           "rated 5: companionship is the return", must_not=("leave",)),
    expect("samajam", "all", "worth-it", why="consistently fun, and the time given is "
           "modest for it", must_not=("leave",)),
]
