"""Imports a person can trust with real exports (issue 17): tolerant reading with a
``--strict`` way out, no network created unasked, people matched by folded name without
silent duplicates, no double counting of what was recorded by hand, dates and amounts
read the same way everywhere, group chats that link who actually wrote.

Files under ``fixtures/trust/`` are small, in the shape of the real exports that failed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest

from tests.conftest import FIXTURES, snapshot_db

TRUST = FIXTURES / "trust"


def imported(ok: Callable[..., Any], *args: str) -> dict[str, Any]:
    return orjson.loads(ok("import", *args, "--json").stdout)  # type: ignore[no-any-return]


def names(ok_json: Callable[..., Any]) -> dict[str, dict[str, Any]]:
    return {p["name"]: p for p in ok_json("person", "list")}


# 1. tolerant reading, strict writing -------------------------------------------------------

def test_linkedin_2018_with_a_member_urn_imports_whole(ok: Callable[..., Any],
                                                       ok_json: Callable[..., Any]) -> None:
    result = imported(ok, "linkedin", str(TRUST / "linkedin-2018"), "--create-network",
                      "social")
    assert result["people_added"] == 4 and result["interactions_added"] == 2
    people = names(ok_json)
    # the URN LinkedIn writes for a hidden email is the member's LinkedIn handle
    assert people["Dara Quinn"]["handles"] == {"linkedin": ["urn:li:member:664293716"]}
    assert people["Ann Lee"]["handles"] == {"email": ["ann@example.org"]}
    # an unreadable "Connected On" keeps the connection, without a date, and says so
    assert people["Eve Stone"]["networks"] == {"linkedin": None}
    [warning] = result["warnings"]
    assert "Connections.csv, record line 5" in warning and "Eve Stone" in warning
    # a message with an unreadable date is skipped and listed with file and line
    [skipped] = result["skipped"]
    assert skipped.endswith("Messages.csv, record line 4: unrecognised date 'the day after'")
    again = imported(ok, "linkedin", str(TRUST / "linkedin-2018"))
    assert (again["people_added"], again["interactions_added"]) == (0, 0)


def test_calendar_with_odd_events_keeps_the_others(ok: Callable[..., Any],
                                                   ok_json: Callable[..., Any]) -> None:
    result = imported(ok, "church-calendar", str(TRUST / "calendar-odd.ics"),
                      "--create-network", "church", "--since", "2025-01-01",
                      "--until", "2025-01-31")
    # two services (first DTSTART; RDATE;VALUE=TIME dropped), choir once at its DTSTART
    # (its RRULE cannot be read), two house groups; the event without DTSTART skipped
    assert result["interactions_added"] == 5
    warnings = " | ".join(result["warnings"])
    assert "dup-start@stmary) has 2 DTSTART lines; the first is used" in warnings
    assert "rdate-time@stmary): RDATE is not a list of dates" in warnings
    assert "bad-rule@stmary): its RRULE cannot be read; the event is kept once" in warnings
    [skipped] = result["skipped"]
    assert "record event 5 (no-start@stmary): event has no DTSTART" in skipped
    history = ok_json("history")
    assert [h["when"][:10] for h in history] == ["2025-01-05", "2025-01-12", "2025-01-14",
                                                 "2025-01-15", "2025-01-22"]
    assert history[0]["when"][11:16] == "10:00"  # the first DTSTART, in Dublin's winter
    for text in (warnings, skipped):
        assert "object has no attribute" not in text and "not supported" not in text


def test_strict_stops_at_the_first_bad_record_and_writes_nothing(
        ok: Callable[..., Any], fails: Callable[..., Any], kith_home: Path) -> None:
    ok("network", "add", "LinkedIn", "--kind", "social")
    before = snapshot_db(kith_home)
    result = fails("import", "linkedin", str(TRUST / "linkedin-2018"), "--strict")
    assert "Messages.csv, record line 4: unrecognised date" in result.stderr
    assert snapshot_db(kith_home) == before


def _bad_x(tmp_path: Path) -> Path:
    import shutil

    folder = tmp_path / "x"
    shutil.copytree(FIXTURES / "x", folder)
    part = folder / "data" / "tweets-part1.js"
    part.write_text(part.read_text().replace("Tue Aug 15 12:30:00 +0000 2023", "soon"))
    return folder


def _bad_mastodon(tmp_path: Path) -> Path:
    folder = tmp_path / "mastodon"
    folder.mkdir()
    (folder / "actor.json").write_bytes((FIXTURES / "mastodon" / "actor.json").read_bytes())
    outbox = orjson.loads((FIXTURES / "mastodon" / "outbox.json").read_bytes())
    outbox["orderedItems"][0]["published"] = "last tuesday"
    (folder / "outbox.json").write_bytes(orjson.dumps(outbox))
    return folder


def _bad_facebook(tmp_path: Path) -> Path:
    import shutil

    folder = tmp_path / "facebook"
    shutil.copytree(FIXTURES / "facebook" / "json_simple", folder)
    thread = next(folder.rglob("message_1.json"))
    data = orjson.loads(thread.read_bytes())
    del data["messages"][0]["timestamp_ms"]
    thread.write_bytes(orjson.dumps(data))
    return folder


def _write(name: str, text: str) -> Callable[[Path], Path]:
    def make(tmp_path: Path) -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return make


def _bad_breeze(tmp_path: Path) -> Path:
    import zipfile
    from datetime import date

    from tests.plugins.test_church_association import _xlsx

    path = tmp_path / "breeze.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("giving.xlsx", _xlsx({"Giving": [
            ["Person ID", "Date", "Batch", "Fund", "Amount", "Method", "Note"],
            [7, "2025-01-05", 1, "General", 40, "card", ""],
            [7, "someday", 1, "General", 10, "card", ""]]}))
        archive.writestr("people.xlsx", _xlsx({"People": [
            ["Breeze ID", "First Name", "Last Name", "Email", "Mobile", "Birthdate"],
            [7, "Ann", "Lee", "ann@example.org", "555 0100", date(1988, 3, 14)]]}))
    return path


BAD_RECORDS: dict[str, tuple[Callable[[Path], Path], list[str], str]] = {
    # source: (a file with one bad record, extra options, what the error names)
    "x-archive": (_bad_x, [], "record 2"),
    "mastodon-archive": (_bad_mastodon, [], "outbox item 1"),
    "facebook": (_bad_facebook, [], "record 1"),
    "linkedin": (lambda _: TRUST / "linkedin-2018", [], "line 4"),
    "vcard": (lambda _: FIXTURES / "vcard", [], "card 1"),
    "whatsapp": (_write("chat.txt", "01/02/24, 10:00 - Ann: hi\n"
                                    "31/02/24, 10:00 - Ann: hello?\n"), [], "line 2"),
    "signal": (_write("signal.txt", "[2024-01-02, 10:00] Ann: hi\n"
                                    "[2024-13-02, 10:00] Ann: hello?\n"), [], "line 2"),
    "church-calendar": (lambda _: TRUST / "calendar-odd.ics",
                        ["--since", "2025-01-01", "--until", "2025-01-31"], "event 5"),
    "association-calendar": (lambda _: FIXTURES / "ics" / "broken_ical.ics", [], "line 4"),
    "giving": (lambda _: TRUST / "giving-ddmm.csv", [], "line 5"),
    "dues": (_write("dues.csv", "Date,Amount\n2025-01-05,180.00\n2025-02-05,lots\n"), [],
             "line 3"),
    "planning-center": (_write("pco.csv", "Person ID,First Name,Last Name\n1,Ann,Lee\n"
                                          "2,,\n"), [], "line 3"),
    "wild-apricot": (_write("wa.csv", "User ID,First name,Last name,Member since\n"
                                      "1,Ann,Lee,2021-04-01\n2,Bo,Park,in the spring\n"),
                     [], "line 3"),
    "meetup": (_write("meetup.csv", "Name,User ID,RSVPed on\nAnn Lee,1,2025-11-01\n"
                                    "Bo Park,2,tomorrow\n"), [], "line 3"),
    "breeze": (_bad_breeze, ["--me", "7"], "line 3"),
}


@pytest.mark.parametrize("source", sorted(BAD_RECORDS))
def test_every_source_skips_a_bad_record_or_stops_with_strict(
        source: str, ok: Callable[..., Any], fails: Callable[..., Any], kith_home: Path,
        tmp_path: Path) -> None:
    from tests.conftest import SOURCE_KINDS

    make, extra, where = BAD_RECORDS[source]
    path = make(tmp_path)
    ok("network", "add", "Target", "--kind", SOURCE_KINDS[source])
    before = snapshot_db(kith_home)
    result = fails("import", source, str(path), "--strict", *extra)
    assert where in result.stderr, result.stderr
    assert snapshot_db(kith_home) == before
    summary = imported(ok, source, str(path), *extra)
    assert summary["network"] == "target"
    assert any(where in item for item in summary["skipped"]), summary["skipped"]
    for item in summary["skipped"]:
        assert "Error" not in item and "Traceback" not in item  # no library internals


@pytest.mark.parametrize(("source", "content", "match"), [
    ("vcard", "Dear Ann,\nthanks for dinner.\n", "not a vCard file"),
    ("church-calendar", "Sunday: service at 10\n", "not a valid iCalendar file"),
    ("whatsapp", "Shopping list\nmilk\n", "does not start like a chat export"),
    ("giving", "", "the file is empty"),
])
def test_a_file_that_is_not_the_format_is_one_line_exit_2(
        source: str, content: str, match: str, fails: Callable[..., Any],
        tmp_path: Path) -> None:
    path = tmp_path / "export.txt"
    path.write_text(content)
    fails("import", source, str(path), match=match)


# 2. no silent networks ----------------------------------------------------------------------

def test_a_mistyped_network_is_refused_and_nothing_is_created(
        ok: Callable[..., Any], fails: Callable[..., Any], ok_json: Callable[..., Any],
        kith_home: Path) -> None:
    ok("network", "add", "Friends", "--kind", "friends")
    before = snapshot_db(kith_home)
    fails("import", "vcard", str(FIXTURES / "vcard" / "contact1.vcf"), "--network", "Frends",
          match="no network 'Frends'")
    assert snapshot_db(kith_home) == before
    created = imported(ok, "vcard", str(FIXTURES / "vcard" / "contact1.vcf"), "--network",
                       "Frends", "--create-network", "friends")
    assert created["networks_created"] == ["Frends"] and created["network"] == "frends"
    fails("import", "vcard", str(FIXTURES / "vcard" / "contact1.vcf"), "--network", "Other",
          "--create-network", "nonsense", match="unknown network kind 'nonsense'")


def test_without_network_the_one_of_the_sources_kind_is_used(
        ok: Callable[..., Any], fails: Callable[..., Any], ok_json: Callable[..., Any],
        tmp_path: Path) -> None:
    following = tmp_path / "following_accounts.csv"
    following.write_text("Account address,Show boosts,Notify on new posts,Languages\n"
                         "ann@mastodon.social,true,false,\nbo@fosstodon.org,true,false,\n")
    fails("import", "mastodon-archive", str(following),
          match="no social network to import mastodon-archive")
    ok("network", "add", "Mastodon", "--kind", "social")
    result = imported(ok, "mastodon-archive", str(following))
    assert result["network"] == "mastodon" and result["people_added"] == 2
    assert result["networks_created"] == []
    assert [n["id"] for n in ok_json("network", "list")] == ["mastodon"]
    ok("network", "add", "LinkedIn", "--kind", "social")
    ok("network", "add", "Bluesky", "--kind", "social")
    x_result = fails("import", "x-archive", str(FIXTURES / "x"))
    message = x_result.stderr
    assert "--network" in message and "LinkedIn (linkedin)" in message
    assert "Mastodon (mastodon)" in message and "--create-network social" in message
    # the source's own network, found by name, needs no --network
    again = imported(ok, "mastodon-archive", str(following))
    assert again["network"] == "mastodon" and again["people_matched"] == 2


def test_dry_run_lists_networks_and_people(ok: Callable[..., Any], ok_json: Callable[..., Any],
                                           kith_home: Path) -> None:
    ok("person", "add", "Ann Lee", "--handle", "email=ann@example.org")
    before = snapshot_db(kith_home)
    text = ok("import", "linkedin", str(TRUST / "linkedin-2018"), "--create-network",
              "social", "--dry-run").stdout
    assert "Would import" in text and "would create network LinkedIn" in text
    assert "would add 3: Frank Ode, Dara Quinn, Eve Stone" in text
    assert "would match 1: Ann Lee" in text
    result = imported(ok, "linkedin", str(TRUST / "linkedin-2018"), "--create-network",
                      "social", "--dry-run")
    assert result["dry_run"] is True and result["networks_created"] == ["LinkedIn"]
    assert result["people_added_names"] == ["Frank Ode", "Dara Quinn", "Eve Stone"]
    assert result["people_matched_names"] == ["Ann Lee"]
    assert snapshot_db(kith_home) == before


# 3. people matching -------------------------------------------------------------------------

def test_vcard_matches_by_folded_name_unless_contradicted(
        ok: Callable[..., Any], ok_json: Callable[..., Any], tmp_path: Path) -> None:
    ok("network", "add", "Friends", "--kind", "friends")
    ok("person", "add", "Dan O'Neill", "--handle", "email=dan@example.org")
    ok("person", "add", "Zoë Kowalski")
    cards = tmp_path / "contacts.vcf"
    cards.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:dan o'neill\r\nTEL;TYPE=CELL:+353 87 111 2222\r\n"
        "END:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:ZOE KOWALSKI\r\nEMAIL:zoe@example.org\r\n"
        "END:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dan O'Neill\r\nEMAIL:daniel@work.example\r\n"
        "UID:dan-work\r\nEND:VCARD\r\n")
    result = imported(ok, "vcard", str(cards))
    # the phone-only Dan is the Dan with an email; Zoe is Zoë; a Dan with another email
    # is someone else: created, and said to be a possible duplicate
    assert (result["people_added"], result["people_matched"]) == (1, 2)
    [duplicate] = result["possible_duplicates"]
    assert duplicate["name"] == "Dan O'Neill" and "a different email" in duplicate["why"]
    people = [p for p in ok_json("person", "list") if p["name"].lower() == "dan o'neill"]
    assert len(people) == 2
    first = next(p for p in people if "email" in p["handles"]
                 and p["handles"]["email"] == ["dan@example.org"])
    assert first["handles"]["phone"] == ["+353871112222"]
    zoe = names(ok_json)["Zoë Kowalski"]
    assert zoe["handles"] == {"email": ["zoe@example.org"]}
    pairs = ok_json("person", "duplicates")
    assert any({p["a"]["name"], p["b"]["name"]} == {"Dan O'Neill"} for p in pairs)
    text = ok("import", "vcard", str(cards)).stdout
    assert "people 0 added, 3 matched" in text


def test_phone_number_senders_are_phone_handles(ok: Callable[..., Any],
                                                 ok_json: Callable[..., Any]) -> None:
    ok("network", "add", "Friends", "--kind", "friends")
    ok("person", "add", "Cian Murphy", "--handle", "phone=+353 87 444 5555")
    result = imported(ok, "whatsapp", str(TRUST / "group-chat.txt"), "--me", "Sam")
    assert result["people_added"] == 2 and result["people_matched_names"] == ["Cian Murphy"]
    people = names(ok_json)
    assert "+353 87 444 5555" not in people
    assert people["Cian Murphy"]["aliases"] == []


# 4. no double counting ----------------------------------------------------------------------

def test_dues_logged_by_hand_then_imported_count_once(
        ok: Callable[..., Any], ok_json: Callable[..., Any], tmp_path: Path) -> None:
    ok("network", "add", "Design Guild", "--kind", "association")
    ok("person", "add", "Mara Treasurer", "--network", "Design Guild")
    ok("log", "Design Guild", "--with", "Mara", "--gave", "--kind", "dues", "--money",
       "180", "--on", "2025-01-05")
    dues = tmp_path / "dues.csv"
    dues.write_text("Date,Amount,Description\n2025-01-05,180.00,Annual dues\n"
                    "2026-01-05,190.00,Annual dues\n")
    result = imported(ok, "dues", str(dues))
    assert (result["interactions_added"], result["already_recorded"]) == (1, 1)
    text = ok("import", "dues", str(dues)).stdout
    assert "0 added" in text and "1 already recorded by hand" in text
    [assessment] = ok_json("assess", "--network", "design-guild", "--window", "2025")
    assert assessment["given"]["money"] == 18000  # not 36000
    history = ok_json("history", "--network", "design-guild")
    assert len(history) == 2
    hand = next(h for h in history if h["source"] is None)
    assert hand["meta"]["linked_sources"] == ["dues:2025-01-05:18000:Annual dues:1"]


def test_an_event_logged_by_hand_then_imported_counts_once(
        ok: Callable[..., Any], ok_json: Callable[..., Any]) -> None:
    ok("network", "add", "St Mary's", "--kind", "church")
    ok("person", "add", "Ann Lee")
    ok("log", "St Mary's", "--with", "Ann", "--shared", "--kind", "service", "--on",
       "2025-01-05T10:00")
    result = imported(ok, "church-calendar", str(TRUST / "calendar-odd.ics"), "--since",
                      "2025-01-01", "--until", "2025-01-31")
    assert (result["interactions_added"], result["already_recorded"]) == (4, 1)
    again = imported(ok, "church-calendar", str(TRUST / "calendar-odd.ics"), "--since",
                     "2025-01-01", "--until", "2025-01-31")
    assert (again["interactions_added"], again["already_recorded"]) == (0, 1)
    assert again["duplicates_skipped"] == 4
    services = ok_json("history", "--kind", "service")
    assert len(services) == 2  # 5 January once (by hand), 12 January imported


# 5. dates and amounts -----------------------------------------------------------------------

def test_giving_csv_reads_the_files_day_month_order(ok: Callable[..., Any],
                                                    ok_json: Callable[..., Any],
                                                    fails: Callable[..., Any]) -> None:
    ok("network", "add", "Church", "--kind", "church")
    result = imported(ok, "giving", str(TRUST / "giving-ddmm.csv"))
    assert result["interactions_added"] == 3
    gifts = [(h["when"][:10], h["value"]["money"]) for h in ok_json("history")]
    # 25/05 says day first, so 03/04 is 3 April; "€20,00", "1.200,00", "40 EUR"
    assert gifts == [("2025-04-03", 2000), ("2025-05-25", 120000), ("2025-06-07", 4000)]
    ambiguous = fails("import", "giving", str(TRUST / "giving-ambiguous.csv"),
                      match="--date-order dmy")
    assert "'03/04/2025'" in ambiguous.stderr
    forced = imported(ok, "giving", str(TRUST / "giving-ambiguous.csv"), "--date-order",
                      "mdy")
    assert forced["interactions_added"] == 2
    assert "2025-03-04" in [h["when"][:10] for h in ok_json("history")]


def test_mixed_orders_and_foreign_currency_are_errors(
        ok: Callable[..., Any], fails: Callable[..., Any], tmp_path: Path) -> None:
    ok("network", "add", "Church", "--kind", "church")
    mixed = tmp_path / "mixed.csv"
    mixed.write_text("Date,Amount\n25/05/2025,10\n05/25/2025,10\n")
    fails("import", "giving", str(mixed), match="both day-first and month-first")
    dollars = tmp_path / "dollars.csv"
    dollars.write_text("Date,Amount\n2025-05-25,$10.00\n")
    fails("import", "giving", str(dollars), "--strict",
          match="this database keeps EUR")


@pytest.mark.parametrize(("typed", "minor"), [
    ("€40", 4000), ("40 EUR", 4000), ("40,50", 4050), ("1.200,00", 120000), ("(30)", -3000),
])
def test_kith_log_reads_amounts_like_the_importers(typed: str, minor: int,
                                                   ok: Callable[..., Any],
                                                   ok_json: Callable[..., Any]) -> None:
    ok("network", "add", "Church", "--kind", "church")
    ok("person", "add", "Ann Lee")
    logged = ok_json("log", "Church", "--with", "Ann", "--gave", "--money", typed)
    assert logged["value"]["money"] == minor


def test_kith_log_refuses_another_currency(ok: Callable[..., Any],
                                           fails: Callable[..., Any]) -> None:
    ok("network", "add", "Church", "--kind", "church")
    ok("person", "add", "Ann Lee")
    fails("log", "Church", "--with", "Ann", "--gave", "--money", "$40", match="USD")


# 6. group chats -----------------------------------------------------------------------------

def test_group_chat_days_link_who_wrote_and_invited_only_when_asked(
        ok: Callable[..., Any], ok_json: Callable[..., Any]) -> None:
    result = imported(ok, "whatsapp", str(TRUST / "group-chat.txt"), "--me", "Sam",
                      "--create-network", "friends")
    assert (result["people_added"], result["interactions_added"]) == (3, 5)
    people = names(ok_json)
    assert people["+353 87 444 5555"]["handles"] == {"phone": ["+353874445555"]}
    ids = {p["id"]: name for name, p in people.items()}
    days = [(h["when"][:10], sorted(ids[i] for i in h["people"]), h["invited"])
            for h in ok_json("history")]
    assert days == [
        ("2024-01-12", ["+353 87 444 5555", "Nora Byrne"], False),
        ("2024-01-15", ["+353 87 444 5555", "Nora Byrne"], False),  # Sam alone: the group
        ("2024-01-20", ["Nora Byrne"], False),  # small talk answered: shared, not invited
        ("2024-01-28", ["Nora Byrne"], True),  # she asked for a favour: invited
        ("2024-04-03", ["Liam Walsh"], False),  # Liam joined in April, not before
    ]


def test_the_tui_log_form_reads_amounts_like_kith_log(kith_home: Path) -> None:
    """The TUI's log form, driven by keys, takes "€40,50" and refuses "$40"."""
    from textual.widgets import Input

    from kith.persistence.store import Store
    from kith.plugins.manager import load_plugins
    from kith.services.demo import build
    from kith.tui.log_form import LogScreen
    from tests.tui.test_tui import TODAY, drive, text, tui

    build(Store(kith_home, plugins=load_plugins()), today=TODAY)
    home = kith_home
    app = tui(home)

    async def steps(pilot: Any) -> None:
        await pilot.press("l")
        screen = app.screen
        for name, value in (("network", "LinkedIn"), ("people", "Nils"),
                            ("direction", "gave"), ("money", "$40")):
            screen.query_one(f"#{name}").value = value
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, LogScreen)
        assert "keeps EUR" in text(screen.query_one("#log-error"))
        screen.query_one("#money", Input).value = "€40,50"
        screen.query_one("#note", Input).value = "euro amount"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, LogScreen)

    drive(app, steps)
    [logged] = [i for i in Store(home).interactions() if i.note == "euro amount"]
    assert logged.value.money == 4050


# every real export in the shared fixtures ---------------------------------------------------

VCARD_NAMES = {"ACME Inc.", "Michael Smith", "Wile E. Coyote", "With post address", "altid",
               "bug 195", "contact with category", "labeled guy", "minimal contact",
               "second contact", "text birthday", "third contact", "with photo v3",
               "with photo v4", "최유림"}
CHAT_NAMES = {"Jahn Doe", "John Doe 🤓", "John-John Doe", "🤓"}
CHAT_DAYS = [("2019-01-30", "received", 1), ("2020-06-10", "received", 1),
             ("2021-12-10", "received", 1), ("2021-12-20", "received", 1),
             ("2021-12-30", "gave", 4)]
REAL_EXPORTS: list[tuple[str, str, list[str], set[str] | None, Any, int]] = [
    # source, path under fixtures/, options, people (None: no one), interactions (count or
    # (day, direction, people) per interaction), records skipped
    ("vcard", "vcard", [], VCARD_NAMES, 0, 1),  # unparsable.vcf is meant to be broken
    *[("vcard", f"vcard/{name}.vcf", [], None, 0, 0) for name in (
        "altid", "category", "contact1", "contact2", "individual", "korean-c", "labels",
        "minimal", "nickname", "org", "photov3", "photov4", "post", "tel-value-uri",
        "text-bday")],
    ("vcard", "vcard/unparsable.vcf", [], set(), 0, 1),
    *[("whatsapp", f"whatsapp/{name}", ["--me", "John Doe"], CHAT_NAMES, CHAT_DAYS, 0)
      for name in ("test_ddmmyy_24hrs.txt", "test_mmddyy_24hrs.txt",
                   "test_mmddyyyy_12hrs.txt", "test_yyyymmdd_24hrs.txt")],
    ("signal", "signal/test_export.txt", ["--me", "John Doe"], {"Jane Doe"},
     [("2019-12-24", "received", 1), ("2020-01-17", "gave", 1)], 0),
    ("facebook", "facebook/json_simple", [], {"Alice Example", "Zoe Archive"},
     [("2017-07-14", "received", 1), ("2020-09-13", "gave", 1)], 0),
    ("facebook", "facebook/json_group", ["--me", "Test User"],
     {"Alice Example", "Bob Example"}, [("2020-09-13", "gave", 2)], 0),
    ("facebook", "facebook/e2ee_simple", [], {"Alice Example", "Bob Builder"}, 2, 0),
    ("mastodon-archive", "mastodon", [], set(), 0, 0),  # public posts that mention no one
    *[("church-calendar", f"ics/{name}", ["--since", "2000-01-01", "--until", "2030-12-31"],
       set(), count, skipped) for name, count, skipped in (
        ("america_new_york.ics", 1, 0), ("bom_calendar.ics", 0, 0),
        ("broken_ical.ics", 0, 1), ("calendar_with_unicode.ics", 0, 0),
        ("example.ics", 3, 0), ("issue_1081_event_with_rrule.ics", 10, 0),
        ("rfc_7986_conferences.ics", 0, 1), ("x_location.ics", 3698, 0))],
]


def test_every_real_export_is_in_the_table() -> None:
    listed = {path for _, path, *_ in REAL_EXPORTS}
    for folder in ("vcard", "whatsapp", "signal", "ics"):
        for path in (FIXTURES / folder).iterdir():
            assert f"{folder}/{path.name}" in listed or path.suffix == ".md", path
    for path in (FIXTURES / "facebook").iterdir():
        assert f"facebook/{path.name}" in listed, path


@pytest.mark.parametrize(("source", "path", "options", "people", "interactions", "skipped"),
                         REAL_EXPORTS, ids=[f"{s}:{p}" for s, p, *_ in REAL_EXPORTS])
def test_every_real_export_imports_with_the_right_people_and_interactions(
        source: str, path: str, options: list[str], people: set[str] | None,
        interactions: Any, skipped: int, ok: Callable[..., Any],
        ok_json: Callable[..., Any]) -> None:
    from tests.conftest import SOURCE_KINDS

    result = imported(ok, source, str(FIXTURES / path), *options, "--create-network",
                      SOURCE_KINDS[source])
    assert len(result["skipped"]) == skipped, result["skipped"]
    stored = {p["name"] for p in ok_json("person", "list") if p["id"] != "me"}
    if people is None:
        assert len(stored) == result["people_added"] == 1
    else:
        assert stored == people
    history = ok_json("history")
    if isinstance(interactions, int):
        assert len(history) == result["interactions_added"] == interactions
    else:
        assert [(h["when"][:10], h["direction"], len(h["people"])) for h in history] == \
            interactions
    again = imported(ok, source, str(FIXTURES / path), *options)
    assert (again["people_added"], again["interactions_added"]) == (0, 0)


def _broken_outbox(tmp_path: Path) -> Path:
    folder = tmp_path / "mastodon"
    folder.mkdir()
    (folder / "actor.json").write_bytes((FIXTURES / "mastodon" / "actor.json").read_bytes())
    (folder / "outbox.json").write_text('{"orderedItems": [{"type": "Create",')
    return folder


def _broken_mapping(tmp_path: Path) -> Path:
    (tmp_path / "columns.toml").write_text("[columns\ndate = \n")
    path = tmp_path / "giving.csv"
    path.write_text("Date,Amount\n2025-01-05,10\n")
    return path


@pytest.mark.parametrize(("source", "make", "extra"), [
    ("x-archive", _write("x.zip", "PK\x03\x04 cut off"), []),
    ("mastodon-archive", _write("archive.tar.gz", "\x1f\x8b\x08\x00broken"), []),
    ("mastodon-archive", _broken_outbox, []),
    ("giving", _broken_mapping, ["--columns", "columns.toml"]),
    ("giving", _write("huge.csv", 'Date,Amount\n2025-01-05,"' + "9" * 200_000 + '"\n'), []),
    ("church-calendar", _write("cal.ics", "BEGIN:VCALENDAR\nBEGIN:VEVENT\nEND:VCALENDAR\n"),
     []),
    ("vcard", _write("cards.vcf", "BEGIN:VCARD\nVERSION:3.0\nFN;;;:x\nEND:VCARD\n"),
     ["--strict"]),
])
def test_messages_never_show_a_librarys_internal_text(
        source: str, make: Callable[[Path], Path], extra: list[str], run: Callable[..., Any],
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("import", source, str(make(tmp_path)), *extra, "--create-network", "other")
    assert result.exit_code == 2, result.output
    [line] = result.stderr.strip().splitlines()
    for internal in ("Error", "Exception", "Traceback", "object", "unpack", "got ",
                     "Expecting", "not supported between", "char "):
        assert internal not in line, line


def test_an_odd_birthday_keeps_the_person_and_a_refused_record_is_skipped(
        ok: Callable[..., Any], ok_json: Callable[..., Any], kith_home: Path,
        tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from kith.core.errors import ImportFormatError
    from kith.importing.engine import apply_batch
    from kith.importing.toolkit import (
        ImportBatch,
        InteractionRecord,
        NetworkHint,
        PersonRecord,
        SourceSpec,
    )
    from kith.persistence.store import Store
    from kith.plugins.manager import load_plugins

    cards = tmp_path / "odd.vcf"
    cards.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Odd Birthday\r\nBDAY:--1345\r\n"
                     "END:VCARD\r\n")
    result = imported(ok, "vcard", str(cards), "--create-network", "friends", "--strict")
    assert result["people_added"] == 1 and "birthday '--13-45' kept as text" in \
        result["warnings"][0]
    person = names(ok_json)["Odd Birthday"]
    assert person["birthday"] is None and person["extra"]["birthday_text"] == "--13-45"

    store = Store(kith_home, plugins=load_plugins())
    spec = SourceSpec("test-source", "test", "test", lambda path, context: ImportBatch(),
                      network_kind="friends")
    when = datetime(2025, 1, 5, 12, tzinfo=UTC)
    batch = ImportBatch(
        people=[PersonRecord(ref="a", name="Ada Quill")],
        interactions=[InteractionRecord("ok", when, ["a"], "gave", kind="message"),
                      InteractionRecord("odd", when, ["a"], "sideways"),
                      InteractionRecord("ghost", when, ["nobody"], "gave")],
        network=NetworkHint("Friends", "friends"))
    summary = apply_batch(store, spec, batch, path=tmp_path / "x")
    assert summary.interactions_added == 1 and len(summary.skipped) == 2
    assert any("(odd)" in s and "direction" in s for s in summary.skipped)
    assert any("unknown or skipped person 'nobody'" in s for s in summary.skipped)
    with pytest.raises(ImportFormatError):
        apply_batch(store, spec, batch, path=tmp_path / "x", strict=True)
