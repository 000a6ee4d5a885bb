"""Issue 28: reminders that act on the second post. People who came to you and were not
followed up, people drifting away from their usual rhythm, and whom to thank; each line
says why and which command acts on it. Stories are dated absolutely and judged with
``kith remind --as-of``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kith.domain.keepintouch import DRIFT_RULE
from kith.persistence.store import Store

Ok = Callable[..., Any]


@pytest.fixture
def guild(ok: Ok) -> None:
    ok("network", "add", "Design Guild", "--kind", "association", "--joined", "2020-01-01")
    ok("network", "add", "Church", "--kind", "church", "--joined", "2020-01-01")
    for name, net in (("Lea", "Design Guild"), ("Tom", "Design Guild"), ("Sam", "Church"),
                      ("Kim", "Church"), ("Pat", "Church"), ("Ana", "Church"),
                      ("Bo", "Church"), ("Cy", "Church"), ("Dee", "Design Guild")):
        ok("person", "add", name, "--network", net)


def remind(ok_json: Callable[..., Any], day: str) -> dict[str, Any]:
    return ok_json("remind", "--as-of", day)  # type: ignore[no-any-return]


def test_who_came_to_you_after_your_workshop_and_was_not_followed_up(
        guild: None, ok: Ok, ok_json: Callable[..., Any]) -> None:
    """10 March: your workshop at the guild. 11 March: Lea comes to you with a question;
    12 March: Tom does, and you write to him on 20 March. On 25 March only Lea is
    waiting, with the workshop that brought her; a follow-up set for her settles it."""
    ok("log", "Design Guild", "--with", "Dee", "--gave", "--kind", "workshop", "--note",
       "Pricing your design work", "--on", "2026-03-10")
    ok("log", "Design Guild", "--with", "Lea", "--shared", "--kind", "conversation",
       "--invited", "--on", "2026-03-11")
    ok("log", "Design Guild", "--with", "Tom", "--shared", "--kind", "conversation",
       "--invited", "--on", "2026-03-12")
    ok("log", "Design Guild", "--with", "Tom", "--gave", "--kind", "message",
       "--on", "2026-03-20")
    came = remind(ok_json, "2026-03-25")["came_to_you"]
    assert [(c["name"], c["day"]) for c in came] == [("Lea", "2026-03-11")]
    assert came[0]["talk"] == "workshop on 2026-03-10 (Pricing your design work)"
    assert came[0]["why"] == ("came to you in Design Guild on 2026-03-11, after your "
                              "workshop on 2026-03-10 (Pricing your design work); nothing "
                              "since")
    assert came[0]["act"].startswith("kith follow-up add Lea")
    text = ok("remind", "--as-of", "2026-03-25").stdout
    assert "Came to you, not yet followed up (newest first):" in text
    assert "act: kith follow-up add Lea" in text
    ok("follow-up", "add", "Lea", "--in", "3d", "--about", "send the pricing sheet")
    assert remind(ok_json, "2026-03-25")["came_to_you"] == []


def test_an_old_invitation_is_no_longer_news(guild: None, ok: Ok,
                                             ok_json: Callable[..., Any]) -> None:
    ok("log", "Design Guild", "--with", "Lea", "--shared", "--kind", "conversation",
       "--invited", "--on", "2026-01-05")
    assert remind(ok_json, "2026-01-20")["came_to_you"][0]["name"] == "Lea"
    assert remind(ok_json, "2026-06-01")["came_to_you"] == []


def _weekly(ok: Ok, who: str, days: list[str]) -> None:
    for day in days:
        ok("log", "Church", "--with", who, "--shared", "--kind", "conversation", "--on", day)


WEEKLY = ["2026-01-05", "2026-01-12", "2026-01-19", "2026-01-26", "2026-02-02",
          "2026-02-09", "2026-02-16", "2026-02-23", "2026-03-02"]


def test_someone_you_saw_every_week_is_drifting_after_two_months(
        guild: None, ok: Ok, ok_json: Callable[..., Any], fails: Ok) -> None:
    """Sam: every Monday after church from January to 2 March, then nothing. Kim: three
    coffees (not a rhythm yet). Pat: weekly too, but with a cadence (overdue instead)."""
    _weekly(ok, "Sam", WEEKLY)
    _weekly(ok, "Kim", WEEKLY[:3])
    _weekly(ok, "Pat", WEEKLY)
    ok("person", "edit", "Pat", "--cadence", "30")
    assert remind(ok_json, "2026-03-20")["drifting"] == []  # 18 days: not yet
    data = remind(ok_json, "2026-05-01")
    (sam,) = data["drifting"]
    assert (sam["name"], sam["usual_days"], sam["days_since"], sam["contacts"]) == (
        "Sam", 7, 60, 9)
    assert sam["why"] == ("you used to be in touch about every 7 days (9 contacts since "
                          "2026-01-05); none for 60 days, since 2026-03-02 in Church")
    assert "kith remind --silence Sam" in sam["act"]
    assert data["rules"]["drifting"] == DRIFT_RULE
    assert [o["name"] for o in data["overdue"]] == ["Pat"]
    text = ok("remind", "--as-of", "2026-05-01").stdout
    assert "Drifting away" in text and "(rule: drifting: at least 5 contacts" in text
    ok("remind", "--silence", "Sam")
    assert remind(ok_json, "2026-05-01")["drifting"] == []
    ok("remind", "--unsilence", "Sam")
    assert [d["name"] for d in remind(ok_json, "2026-05-01")["drifting"]] == ["Sam"]
    fails("remind", "--silence", "Nobody", match="no person")
    fails("remind", "--silence", "me", match="someone else")
    fails("remind", "--silence", "Sam", "--unsilence", "Sam", match="one at a time")


def test_thank_the_connector_and_the_big_help(guild: None, ok: Ok,
                                              ok_json: Callable[..., Any]) -> None:
    """Church: Ana sent you three clients, Bo and Cy a favour each: Ana is its connector.
    Guild: on 20 April Dee spent an afternoon on your portfolio (three favours)."""
    for day in ("2026-01-10", "2026-02-10", "2026-03-10"):
        ok("log", "Church", "--with", "Ana", "--received", "--kind", "referral",
           "--money", "400", "--on", day)
    ok("log", "Church", "--with", "Bo", "--received", "--kind", "help", "--favours", "1",
       "--on", "2026-02-01")
    ok("log", "Church", "--with", "Cy", "--received", "--kind", "help", "--favours", "1",
       "--on", "2026-02-02")
    ok("log", "Design Guild", "--with", "Dee", "--received", "--kind", "help",
       "--favours", "3", "--note", "portfolio review", "--on", "2026-04-20")
    thank = remind(ok_json, "2026-04-30")["thank"]
    assert [(t["name"], t["reason"]) for t in thank] == [("Ana", "connector"),
                                                          ("Dee", "big help")]
    assert thank[0]["why"].startswith("a connector of Church: ")
    assert thank[1]["why"] == ("big help on 2026-04-20 in Design Guild (portfolio review); "
                               "nothing given back since")
    assert thank[1]["act"].startswith("kith log design-guild --with Dee --gave")
    ok("log", "Design Guild", "--with", "Dee", "--gave", "--kind", "message", "--note",
       "thank you!", "--on", "2026-04-25")
    ok("log", "Church", "--with", "Ana", "--gave", "--kind", "gift", "--on", "2026-04-26")
    assert remind(ok_json, "2026-04-30")["thank"] == []


def test_remind_text_says_why_and_what_to_do_for_every_new_line(
        guild: None, ok: Ok, kith_home: Path) -> None:
    _weekly(ok, "Sam", WEEKLY)
    ok("log", "Design Guild", "--with", "Lea", "--shared", "--kind", "conversation",
       "--invited", "--on", "2026-04-28")
    text = ok("remind", "--as-of", "2026-05-01").stdout.splitlines()
    for i, line in enumerate(text):
        if line.startswith("  Sam:") or line.startswith("  Lea:"):
            assert text[i + 1].strip().startswith("act: kith ")
    assert Store(kith_home).get_person("me") is not None


def test_remind_bad_input(guild: None, fails: Ok) -> None:
    fails("remind", "--as-of", "someday", match="--as-of")


def test_remind_help(ok: Ok) -> None:
    assert "--silence PERSON" in ok("remind", "--help").stdout
