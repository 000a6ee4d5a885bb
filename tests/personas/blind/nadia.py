"""Nadia Petrova, junior developer in Berlin, 2024-01-01 to 2026-10-31.

Nadia arrived in Berlin in January 2024. At PyLadies Berlin she was the newcomer: a mentor
helped her and a member's referral got her a job; from 2025 she mentors the newcomers
herself and gives a lightning talk. She joined the Rust Guild in mid-September 2026 (too
early to say). In the Indie Game Devs Discord she posts her devlog and answers threads
every week and nobody ever answers her or makes it fun. Her flatmates cook for her and moved
her in; she mostly takes. Meeple Monday board games are the best evening of the month.
"""

from __future__ import annotations

from tests.personas.blind._story import Story, every, expect, months, plus

NAME = "Nadia Petrova"
START, END = "2024-01-01", "2026-10-31"

WINDOWS = {
    "last12": ("2025-11-01", "2026-10-31"),
    "all": (START, END),
    "2024": ("2024-01-01", "2024-12-31"),
    "since-rust": ("2026-09-01", "2026-10-31"),
}

s = Story()
s.network("pyladies", "PyLadies Berlin", "association", joined="2024-01-10")
s.network("rust", "Rust Guild", "association", joined="2026-09-15")
s.network("indiedev", "Indie Game Devs Discord", "social", joined="2024-02-01")
s.network("flat", "Flat 3B and friends", "friends", joined="2024-01-02")
s.network("meeple", "Meeple Monday", "other", joined="2024-03-01")

# --- PyLadies: helped as a newcomer, then helps newcomers ----------------------------------
s.person("Ute Brandl", "pyladies", tags=("mentor",))
s.person("Kemi Ade", "pyladies")
for on in months("2024-01-17", "2024-12-31", step=1):
    s.log("pyladies", "Ute Brandl", "received", "advice", on, minutes=60, favours=1,
          note="mentoring session")
s.log("pyladies", "Kemi Ade", "received", "referral", "2024-06-03", favours=2,
      note="referred me for the job I now have")
for i, on in enumerate(months("2024-01-24", END, step=1)):
    s.log("pyladies", ["Kemi Ade", "Ute Brandl"], "shared", "meeting", on, minutes=150,
          fun=4 if i % 2 else 3, note="monthly meetup")
for i, on in enumerate(months("2025-02-10", END, step=2)):
    mentee = f"PyLadies Newcomer {i}"
    s.person(mentee, "pyladies")
    s.log("pyladies", mentee, "shared", "meeting", on, minutes=30, note="her first meetup")
    s.log("pyladies", mentee, "gave", "advice", plus(on, 7), minutes=60, favours=1,
          note="code review and job-search tips for a newcomer")
s.log("pyladies", "Ute Brandl", "gave", "talk", "2025-10-22", minutes=240,
      note="lightning talk: my first year as a developer")
s.person("Lightning Asker", "pyladies")
s.log("pyladies", "Lightning Asker", "received", "conversation", "2025-10-23", minutes=30,
      invited=True, fun=4, note="asked me about bootcamps after the talk")

# --- Rust Guild: joined weeks ago -----------------------------------------------------------
s.person("Ferris Fan", "rust")
s.log("rust", "Ferris Fan", "shared", "meeting", "2026-09-20", minutes=150, fun=3,
      note="first meetup")
s.log("rust", "Ferris Fan", "shared", "meeting", "2026-10-18", minutes=150, fun=4,
      note="second meetup")

# --- Indie Game Devs Discord: gives nothing back --------------------------------------------
s.person("Discord Channel", "indiedev")
for i, on in enumerate(every("2024-02-05", END, days=7)):
    if i % 2 == 0:
        s.log("indiedev", "Discord Channel", "gave", "post", on, minutes=60,
              note="devlog post, no replies")
    else:
        s.log("indiedev", "Discord Channel", "gave", "reply", on, minutes=40,
              note="answered threads in #help")

# --- Flat 3B: she mostly takes --------------------------------------------------------------
for name in ("Lukas Brandt", "Aylin Demir"):
    s.person(name, "flat")
s.log("flat", ["Lukas Brandt", "Aylin Demir"], "received", "help", "2024-01-06",
      minutes=300, favours=3, note="helped me move in and carried the wardrobe")
for i, on in enumerate(months("2024-01-20", END, step=1)):
    s.log("flat", "Aylin Demir" if i % 2 else "Lukas Brandt", "received", "help", on,
          minutes=60, favours=1, note="cooked for me / fixed my bike")
    if i % 3 == 0:
        s.log("flat", ["Lukas Brandt", "Aylin Demir"], "shared", "event", plus(on, 5),
              minutes=180, fun=4, note="flat dinner")
for on in ("2024-09-14", "2025-09-13", "2026-09-12"):
    s.log("flat", "Lukas Brandt", "gave", "help", on, minutes=90, favours=1,
          note="set up Lukas's new laptop")

# --- Meeple Monday: monthly board games -----------------------------------------------------
s.person("Jo Kessler", "meeple")
for i, on in enumerate(months("2024-03-04", END, step=1)):
    s.log("meeple", "Jo Kessler", "shared", "event", on, minutes=200,
          fun=5 if i % 2 else 4, note="board games")

STORY = s.commands

EXPECT = [
    expect("pyladies", "2024", "worth-it", why="as a newcomer she got mentoring every month "
           "and the referral to her job: help received, companionship too"),
    expect("pyladies", "last12", "worth-it", why="fun meetups every month; the newcomers she "
           "mentors are paying it forward, not a debt", must_not=("fewer favours", "taker")),
    expect("pyladies", "all", "worth-it", why="she received first and pays it forward now; "
           "the network as a whole returned more than she gave",
           must_not=("fewer favours", "taker")),
    expect("rust", "since-rust", "too-early", "not-enough-records", why="a member for six "
           "weeks with two meetups: too little to judge"),
    expect("rust", "last12", "too-early", "not-enough-records", why="joined in mid-September "
           "2026: too early"),
    expect("rust", "all", "too-early", "not-enough-records", why="the whole story holds six "
           "weeks of membership: too early"),
    expect("indiedev", "last12", "leave", "out-of-balance", why="weekly devlogs and answers, "
           "no reply, no fun, no help, no money: it gives nothing back"),
    expect("indiedev", "all", "leave", "out-of-balance", why="almost three years of giving "
           "and nothing in return in any form: get out"),
    expect("indiedev", "2024", "leave", "out-of-balance", why="already in its first year it "
           "returned nothing"),
    expect("flat", "last12", "worth-it", why="she takes more than she gives; from her side "
           "the network is well worth it", must_not=("leave",)),
    expect("flat", "all", "worth-it", why="help every month, dinners rated 4; little given",
           must_not=("leave",)),
    expect("meeple", "last12", "worth-it", why="monthly games rated 4-5: fun is value"),
    expect("meeple", "all", "worth-it", why="consistently fun since March 2024"),
]
