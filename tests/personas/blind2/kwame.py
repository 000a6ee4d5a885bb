"""Kwame Boateng, backend developer in Leeds, 2022-01-01 to 2025-12-31.

At Python Leeds he enjoys the monthly meetups and spends time with people who have just
joined (a first CV, a first pull request): paying it forward. He listens for needs and
offers and introduces people who should meet; most introductions are simply for others,
and one of them (a founder he put in touch with an investor) later hires him. On Mastodon
he posts every fortnight and gets replies, but never says whether any of it is fun, and no money or
help comes of it: kith cannot know. He left his former employer's alumni network at the end
of March 2025 after moving on; while he was there it was good company and one alumna's
referral brought him a large contract.
"""

from __future__ import annotations

from tests.personas.blind._story import Story, every, expect, months, plus

NAME = "Kwame Boateng"
START, END = "2022-01-01", "2025-12-31"

WINDOWS = {
    "last12": ("2025-01-01", "2025-12-31"),
    "all": (START, END),
    "2023": ("2023-01-01", "2023-12-31"),
}

s = Story()
s.network("pyleeds", "Python Leeds", "association", joined="2021-06-01")
s.network("mastodon", "Mastodon", "social", joined="2022-11-01")
s.network("alumni", "Skybet Alumni", "association", joined="2019-01-01")

REGULARS = ("Helen Aspinall", "Raj Patel", "Fiona Grey", "Matt Lister")
for who in REGULARS:
    s.person(who, "pyleeds")
NEWCOMERS = [
    ("Zainab Ali", "2022-04-21", "went through her first CV as a developer"),
    ("Liam Doyle", "2022-10-20", "paired on his first pull request to an open-source library"),
    ("Chloe Fraser", "2023-05-18", "explained how to price her first freelance job"),
    ("Ben Asante", "2024-02-15", "mock technical interview"),
    ("Marta Kowal", "2024-11-21", "helped her set up testing for her first Django app"),
    ("Sam Whitfield", "2025-06-19", "reviewed his portfolio before his bootcamp finished"),
]
for who, _, _ in NEWCOMERS:
    s.person(who, "pyleeds")
for who in ("Nadia Brooks", "Oskar Lind", "Yemi Cole"):
    s.person(who, "mastodon")
for who in ("Gemma Hartley", "Phil Roper", "Anita Desai"):
    s.person(who, "alumni")

# Python Leeds: monthly meetups, fun.
for i, when in enumerate(months("2022-01-20", "2025-12-31", on=20)):
    s.log("pyleeds", [REGULARS[i % 4], REGULARS[(i + 1) % 4]], "shared", "event", when,
          minutes=150, fun=4 if i % 3 else 3, note="monthly meetup, pizza and talks")
for year in range(2022, 2026):
    s.log("pyleeds", "Helen Aspinall", "gave", "dues", f"{year}-01-10", money=30)
# Newcomers: help in their first weeks, nothing expected back from them.
for who, when, what in NEWCOMERS:
    s.log("pyleeds", who, "gave", "advice", plus(when, 1), minutes=60, note=what)
    s.log("pyleeds", who, "gave", "advice", plus(when, 30), minutes=45,
          note="follow-up coffee")

# Listening for needs and offers, introducing people.
s.hear("Zainab Ali", "2022-05-19", "pyleeds", need="a first junior developer job in Leeds")
s.hear("Raj Patel", "2022-05-19", "pyleeds",
       offer="hiring a junior Python developer at his startup")
s.intro("Zainab Ali", "Raj Patel", "pyleeds", "2022-05-23",
        "Raj is hiring juniors; Zainab is ready", label="i_zainab")
s.commands.append(["intro", "outcome", "{i_zainab}", "--led-to", "Raj hired Zainab",
                   "--on", "2022-07-01"])
s.hear("Raj Patel", "2023-02-16", "pyleeds", need="a seed investor who understands dev tools")
s.hear("Fiona Grey", "2023-02-16", "pyleeds", offer="angel investor looking at developer tools")
s.intro("Raj Patel", "Fiona Grey", "pyleeds", "2023-02-20",
        "Fiona invests in dev tools; Raj is raising", label="i_raj")
s.commands.append(["intro", "outcome", "{i_raj}", "--led-to",
                   "Raj raised his round and hired me to build the billing API", "--for-me",
                   "--money", "4800", "--from", "Raj Patel", "--on", "2023-06-30"])
s.hear("Liam Doyle", "2023-03-16", "pyleeds", need="someone to review his Django code")
s.hear("Matt Lister", "2023-03-16", "pyleeds", offer="happy to mentor someone on Django")
s.intro("Liam Doyle", "Matt Lister", "pyleeds", "2023-03-20", "Django mentoring")
s.hear("Chloe Fraser", "2024-01-18", "pyleeds", need="an accountant who knows freelancers")
s.hear("Helen Aspinall", "2024-01-18", "pyleeds",
       offer="her sister is an accountant for freelancers")
s.intro("Chloe Fraser", "Helen Aspinall", "pyleeds", "2024-01-22", "accountant for Chloe")
s.hear("Marta Kowal", "2025-03-20", "pyleeds", need="a speaking slot to practise her first talk")
s.hear("Helen Aspinall", "2025-03-20", "pyleeds", offer="lightning talk slots at the meetup")
s.intro("Marta Kowal", "Helen Aspinall", "pyleeds", "2025-03-24", "first lightning talk")
s.hear("Sam Whitfield", "2025-07-17", "pyleeds", need="an internship over the autumn")
s.hear("Matt Lister", "2025-07-17", "pyleeds", offer="his team takes interns each autumn")
s.intro("Sam Whitfield", "Matt Lister", "pyleeds", "2025-07-21", "internship at Matt's team")

# Mastodon: fortnightly posts, replies; fun never rated, nothing else back.
for i, when in enumerate(every("2022-11-07", "2025-12-31", days=14)):
    s.log("mastodon", ("Nadia Brooks", "Oskar Lind", "Yemi Cole")[i % 3], "gave", "post", when,
          minutes=20, note="post about Python packaging")
    if i % 2 == 0:
        s.log("mastodon", ("Oskar Lind", "Yemi Cole", "Nadia Brooks")[i % 3], "received",
              "reply", plus(when, 1))

# Alumni: quarterly drinks, one referral that paid; he left at the end of March 2025.
for when in months("2022-02-24", "2025-02-28", step=3):
    s.log("alumni", ["Gemma Hartley", "Phil Roper"], "shared", "event", when, minutes=180,
          fun=4, note="alumni drinks")
s.log("alumni", "Gemma Hartley", "received", "referral", "2023-08-14", favours=1,
      note="put my name forward for a contract at her new company")
s.log("alumni", "Gemma Hartley", "received", "client", "2023-10-02", money=9600,
      note="three-month contract")
s.log("alumni", "Anita Desai", "gave", "advice", "2024-05-08", minutes=60, favours=1,
      note="advice on negotiating her salary")
s.left("alumni", "2025-03-31")

STORY = s.commands

EXPECT = [
    expect("pyleeds", "last12", "worth-it", why="fun meetups every month; help to newcomers and "
           "introductions are paying it forward, not a cost",
           must_not=("leave", "fewer")),
    expect("pyleeds", "all", "worth-it", why="fun throughout, and one introduction came back as "
           "4,800 of work: the network returns as a whole", must_not=("leave", "fewer")),
    expect("pyleeds", "2023", "worth-it", why="the year an introduction paid, with fun meetups",
           must_not=("leave", "fewer")),
    expect("mastodon", "last12", "ask", "leave", why="posts and replies but no fun rated, no "
           "money and no help: is it fun? kith cannot tell", must_not=("keep",)),
    expect("mastodon", "all", "ask", "leave", why="three years of posting with nothing recorded "
           "that says it is worth it or not", must_not=("keep",)),
    expect("alumni", "all", "worth-it", why="fun drinks and a 9,600 contract from a referral "
           "while he was a member; he has left", must_not=("leave",)),
    expect("alumni", "2023", "worth-it", why="the referral and the contract came this year, "
           "with fun drinks", must_not=("leave",)),
]
