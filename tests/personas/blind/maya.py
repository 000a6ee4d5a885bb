"""Maya Okafor, independent UX consultant in Cologne, 2023-01-01 to 2026-10-31.

Maya lives the second post: she speaks and runs workshops at the UX Guild, people come to her
with questions afterwards, and some of them hire her. On LinkedIn she pitches herself twice a
month and nothing ever comes back. Six evenings a year at the Tuesday Readers are always a
joy. Her Mastodon account was lively in 2023 and abandoned at the end of that year. Among her
Acme alumni, Priya is the connector who sends her most clients, and Maya introduces others
there (creating serendipity).
"""

from __future__ import annotations

from tests.personas.blind._story import Story, expect, months, plus

NAME = "Maya Okafor"
START, END = "2023-01-01", "2026-10-31"

WINDOWS = {
    "last12": ("2025-11-01", "2026-10-31"),
    "all": (START, END),
    "2023": ("2023-01-01", "2023-12-31"),
    "2024": ("2024-01-01", "2024-12-31"),
}

s = Story()
s.network("ux-guild", "UX Guild Rhein", "association", joined="2019-05-01")
s.network("linkedin", "LinkedIn", "social", joined="2016-03-01")
s.network("readers", "Tuesday Readers", "other", joined="2021-02-01")
s.network("mastodon", "Mastodon", "social", joined="2022-11-15")
s.network("acme", "Acme Alumni", "other", joined="2020-01-01")

# --- UX Guild: talks and workshops, then people come to her -------------------------------
s.person("Jan Berger", "ux-guild", tags=("organiser",))
for on in months(START, END, step=1, on=14):
    s.log("ux-guild", "Jan Berger", "shared", "meeting", on, minutes=120, fun=3,
          note="monthly guild meetup")
talks = months("2023-02-01", END, step=3, on=9)
for i, on in enumerate(talks):
    kind = "talk" if i % 2 == 0 else "workshop"
    s.log("ux-guild", "Jan Berger", "gave", kind, on, minutes=240,
          note=f"{kind} on research ops #{i + 1}")
    for j in range(1 + i % 2):
        asker = f"Guild Asker {i}-{j}"
        s.person(asker, "ux-guild")
        s.log("ux-guild", asker, "received", "conversation", plus(on, 1 + 2 * j), minutes=40,
              invited=True, note="came to me after the session with a question")
        if (i + j) % 3 == 0:
            s.log("ux-guild", asker, "received", "client", plus(on, 35 + j), money=3200 + 400 * j,
                  invited=True, note="hired me for a usability study")

# --- LinkedIn: cold pitching, nothing back ------------------------------------------------
for i, on in enumerate(months(START, END, step=1, on=3) + months(START, END, step=1, on=19)):
    prospect = f"LinkedIn Prospect {i}"
    s.person(prospect, "linkedin")
    s.log("linkedin", prospect, "gave", "message", on, minutes=20, pitched=True,
          note="cold message offering my UX audit package")

# --- Tuesday Readers: few evenings, always fun --------------------------------------------
s.person("Hanne Vogel", "readers")
s.person("Chidi Obi", "readers")
for i, on in enumerate(months(START, END, step=2, on=21)):
    s.log("readers", ["Hanne Vogel", "Chidi Obi"], "shared", "event", on, minutes=150,
          fun=5 if i % 2 == 0 else 4, note="book evening")

# --- Mastodon: lively in 2023, then abandoned ---------------------------------------------
s.person("Ravi Menon", "mastodon")
s.person("Ola Nowak", "mastodon")
for i, on in enumerate(months("2023-01-05", "2023-11-30", step=1)):
    s.log("mastodon", "Ravi Menon", "gave", "post", on, minutes=30, note="thread on UX methods")
    s.log("mastodon", "Ola Nowak" if i % 2 else "Ravi Menon", "received", "reply", plus(on, 2),
          fun=3, note="good discussion in the replies")
s.log("mastodon", "Ola Nowak", "received", "conversation", "2023-06-10", invited=True,
      minutes=30, note="asked about my accessibility checklist")
s.log("mastodon", "Ola Nowak", "received", "client", "2023-07-20", money=800,
      note="small review gig")

# --- Acme Alumni: Priya the connector; Maya introduces others ------------------------------
s.person("Priya Shah", "acme", tags=("connector",))
s.person("Tom Keller", "acme")
s.person("Eva Lind", "acme")
s.person("Jonas Roth", "acme")
for on in months(START, END, step=3, on=25):
    s.log("acme", ["Priya Shah", "Tom Keller"], "shared", "event", on, minutes=180, fun=3,
          note="alumni drinks")
for i, on in enumerate(months("2023-04-01", END, step=4, on=11)):
    client = f"Acme Referral Client {i}"
    s.person(client, "acme")
    s.log("acme", "Priya Shah", "received", "referral", on, favours=1,
          note=f"Priya put me in touch with {client}")
    s.log("acme", client, "received", "client", plus(on, 30), money=5500 + 500 * (i % 3),
          invited=True, note="engagement via Priya")
s.hear("Eva Lind", "2024-02-20", "acme", need="a freelance front-end developer")
s.hear("Jonas Roth", "2024-02-20", "acme", offer="front-end development, available from March")
s.intro("Eva Lind", "Jonas Roth", "acme", "2024-02-27", "Eva needs a front-end dev; Jonas is free")
s.intro("Tom Keller", "Priya Shah", "acme", "2025-05-12", "Tom is hiring a product lead",
        label="tom_priya")
s.outcome("tom_priya", "Priya hired Tom's team lead; Tom later asked me for a research plan",
          for_me=True, money=2500)
s.intro("Jonas Roth", "Tom Keller", "acme", "2026-03-03", "Jonas wants a mentor in product")

STORY = s.commands

EXPECT = [
    expect("ux-guild", "last12", "worth-it", why="talks and workshops led to invited "
           "conversations and paid work: the conversations people start are the ones that pay"),
    expect("ux-guild", "all", "worth-it", why="four years of talks followed by invited "
           "questions and clients; the network returns far more than she puts in"),
    expect("ux-guild", "2024", "worth-it", why="a year of talks with clients coming from "
           "the people who approached her"),
    expect("linkedin", "last12", "leave", "out-of-balance", why="self-promotion comes across "
           "as desperate: 24 pitches, nothing back in any form", must=("pitch",)),
    expect("linkedin", "all", "leave", "out-of-balance", why="four years of pitching with "
           "no invitation, no money, no fun: get out", must=("pitch",)),
    expect("linkedin", "2024", "leave", "out-of-balance", why="a year of cold messages "
           "and nothing came back", must=("pitch",)),
    expect("readers", "last12", "worth-it", why="if it doesn't make you money it should be "
           "fun: six evenings a year, each rated 4 or 5", must_not=("leave",)),
    expect("readers", "all", "worth-it", why="consistently fun for four years; fun is value",
           must_not=("leave",)),
    expect("mastodon", "last12", "dormant", "not-enough-records", why="no record at all "
           "since November 2023: nothing to judge in this year but the silence"),
    expect("mastodon", "all", "dormant", "worth-it", why="lively and a little paying in 2023, "
           "then almost three years without a record"),
    expect("mastodon", "2023", "worth-it", why="replies rated 3 every month and one small "
           "gig from an invited conversation"),
    expect("acme", "last12", "worth-it", why="referrals from Priya turned into clients: "
           "the network as a whole pays, through its connector"),
    expect("acme", "all", "worth-it", why="most of her money came through Priya; her own "
           "introductions for others are paying it forward, not a cost",
           must_not=("fewer introductions",)),
]
