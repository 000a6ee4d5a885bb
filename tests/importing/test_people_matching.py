"""Imports never merge two people an export keeps apart, and say what they suspect.

Each story is a small file in the shape of the real export (``tests/fixtures/matching``,
``tests/fixtures/linkedin/handles``, ``tests/fixtures/matching/whatsapp_first_names.txt``) run
through the real CLI against an on-disk database.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

from tests.conftest import FIXTURES, creating_network

MATCHING = FIXTURES / "matching"


def imported(ok: Callable[..., Any], *args: str) -> dict[str, Any]:
    result: dict[str, Any] = orjson.loads(ok("import", *creating_network(*args, "--json")).stdout)
    return result


def people(ok_json: Callable[..., Any], *db: str) -> dict[str, dict[str, Any]]:
    return {p["name"]: p for p in ok_json(*db, "person", "list") if p["id"] != "me"}


def household_pairs(ok_json: Callable[..., Any], names: dict[str, dict[str, Any]]
                    ) -> set[frozenset[str]]:
    by_id = {p["id"]: n for n, p in names.items()}
    pairs = set()
    for name, person in names.items():
        shown = ok_json("person", "show", person["id"])
        for item in shown["relationships"]:
            if item["kind"] == "household":
                pairs.add(frozenset((name, by_id[item["person"]])))
    return pairs


def test_wild_apricot_household_members_stay_two_people(ok: Callable[..., Any],
                                                        ok_json: Callable[..., Any]) -> None:
    """Maria and Ivan Rossi share a phone and an address, Jo and Sam Park an email and a
    phone, Kate and Sean O'Brien a landline written two ways: seven rows, seven people,
    three households, and the summary says so."""
    path = MATCHING / "wild_apricot_members.csv"
    result = imported(ok, "wild-apricot", str(path))
    assert (result["people_added"], result["people_matched"]) == (7, 0)
    shared = {frozenset(h["people"]): h["shared"] for h in result["households"]}
    assert set(shared) == {frozenset({"Maria Rossi", "Ivan Rossi"}),
                           frozenset({"Jo Park", "Sam Park"}),
                           frozenset({"Kate O'Brien", "Sean O'Brien"})}
    assert "phone" in shared[frozenset({"Kate O'Brien", "Sean O'Brien"})]
    names = people(ok_json)
    assert names["Ivan Rossi"]["handles"]["email"] == ["ivan.rossi@example.org"]
    assert names["Sam Park"]["handles"]["email"] == ["parks@example.org"]
    assert household_pairs(ok_json, names) == set(shared)
    again = imported(ok, "wild-apricot", str(path))
    assert (again["people_added"], again["people_matched"], again["households"]) == (0, 7, [])
    text = ok("import", "wild-apricot", str(path), "--dry-run").stdout
    assert "household kept apart" not in text  # recorded once: a re-import says nothing new


def test_the_summary_names_each_household(ok: Callable[..., Any]) -> None:
    path = MATCHING / "wild_apricot_members.csv"
    text = ok("import", *creating_network("wild-apricot", str(path))).stdout
    assert "household kept apart: Maria Rossi and Ivan Rossi (same phone +390655501001)" \
        in text


def _members(rows: int, shared_phones: int) -> str:
    """A Wild Apricot export of ``rows`` members where ``shared_phones`` pairs share a
    family landline (different User IDs, names and emails), like the issue's 120 rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["User ID", "First name", "Last name", "Email", "Phone",
                     "Membership level", "Member since"])
    given = ["Ann", "Ben", "Cara", "Dev", "Eve", "Finn", "Gia", "Hugo", "Ines", "Jan"]
    for number in range(rows):
        pair = number // 2 if number < 2 * shared_phones else None
        phone = f"+353 1 555 {pair:04d}" if pair is not None else f"+353 87 555 {number:04d}"
        writer.writerow([70000 + number, given[number % 10], f"Surname{number // 2}",
                         f"member{number}@example.org", phone, "Family", "2020-01-01"])
    return buffer.getvalue()


def test_a_120_row_export_with_20_shared_phones_keeps_all_120(
        ok: Callable[..., Any], ok_json: Callable[..., Any], tmp_path: Path) -> None:
    path = tmp_path / "members.csv"
    path.write_text(_members(120, 20), encoding="utf-8")
    result = imported(ok, "wild-apricot", str(path))
    kept = len(people(ok_json))
    print(f"\n120-row Wild Apricot export, 20 shared phones: {kept} members kept, "
          f"{len(result['households'])} households recorded")
    assert (result["people_added"], kept, len(result["households"])) == (120, 120, 20)


def test_planning_center_households(ok: Callable[..., Any], ok_json: Callable[..., Any]
                                    ) -> None:
    """The Murphys share an email, a phone and a Household ID; Liam has neither email nor
    phone; the Okafors share only the household: six people, four household pairs."""
    result = imported(ok, "planning-center", str(MATCHING / "planning_center_people.csv"))
    assert result["people_added"] == 6
    names = people(ok_json)
    assert set(names) == {"Dan Murphy", "Aoife Murphy", "Liam Murphy", "Grace Okafor",
                          "Chidi Okafor", "Peggy Byrne"}
    assert household_pairs(ok_json, names) == {
        frozenset({"Dan Murphy", "Aoife Murphy"}), frozenset({"Dan Murphy", "Liam Murphy"}),
        frozenset({"Aoife Murphy", "Liam Murphy"}), frozenset({"Grace Okafor", "Chidi Okafor"})}


def _xlsx(rows: list[list[object]]) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "People"
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_breeze_families(ok: Callable[..., Any], ok_json: Callable[..., Any],
                         tmp_path: Path) -> None:
    """A Breeze people sheet: the Novaks share a Family ID and a mobile, Ruth and Eli share
    only a street address; Eli's second row under another Breeze ID is a different
    record, never merged into the first."""
    archive = tmp_path / "breeze.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("people.xlsx", _xlsx([
            ["Breeze ID", "First Name", "Last Name", "Email", "Mobile", "Family ID",
             "Street Address"],
            [301, "Petra", "Novak", "petra@novak.example", "555 0301", 9001, ""],
            [302, "Jan", "Novak", "jan@novak.example", "555 0301", 9001, ""],
            [303, "Ruth", "Cohen", "ruth@example.org", "555 0303", "", "4 Elm Row"],
            [304, "Eli", "Cohen", "eli@example.org", "555 0304", "", "4 Elm Row."],
            [305, "Eli", "Cohen", "eli@example.org", "555 0304", "", ""]]))
    result = imported(ok, "breeze", str(archive), "--network", "church")
    assert result["people_added"] == 5
    pairs = {frozenset(h["people"]) for h in result["households"]}
    assert pairs == {frozenset({"Petra Novak", "Jan Novak"}),
                     frozenset({"Ruth Cohen", "Eli Cohen"})}
    [duplicate] = result["possible_duplicates"]
    assert duplicate["name"] == "Eli Cohen" and "another id in the export" in duplicate["why"]


def test_a_typed_member_is_matched_and_the_partner_is_not(
        ok: Callable[..., Any], ok_json: Callable[..., Any]) -> None:
    """Maria was typed by hand with her landline; Ivan, on the same line, is someone
    else: Maria matched, Ivan added, the two related as a household."""
    ok("network", "add", "Association", "--kind", "association")
    ok("person", "add", "Maria Rossi", "--phone", "+39-06-5550-1001")
    path = MATCHING / "wild_apricot_members.csv"
    result = imported(ok, "wild-apricot", str(path), "--network", "Association")
    assert "Maria Rossi" in result["people_matched_names"]
    assert "Ivan Rossi" in result["people_added_names"]
    assert frozenset({"Maria Rossi", "Ivan Rossi"}) in {
        frozenset(h["people"]) for h in result["households"]}


def test_linkedin_export_matches_handles_typed_in_every_form(
        ok: Callable[..., Any], ok_json: Callable[..., Any], tmp_path: Path) -> None:
    """The issue's Hannah Schmidt: typed as ``linkedin=hschmidt`` with a message logged by
    hand; the export's profile URL is her, the message is already recorded, and the vCard
    export writes a real profile URL."""
    ok("network", "add", "LinkedIn", "--kind", "social")
    ok("person", "add", "Hannah Schmidt", "--handle", "linkedin=hschmidt")
    ok("person", "add", "Lars Berg", "--handle", "linkedin=in/larsberg")
    ok("person", "add", "Mei Chen", "--handle", "linkedin=https://www.linkedin.com/in/meichen/")
    ok("person", "add", "Olu Ade", "--handle", "linkedin=linkedin.com/in/oluade")
    ok("log", "LinkedIn", "--with", "Hannah Schmidt", "--received", "--kind", "message",
       "--on", "2025-03-12")
    result = imported(ok, "linkedin", str(FIXTURES / "linkedin" / "handles"))
    assert result["people_added_names"] == ["Tomas Novak"]
    assert result["possible_duplicates"] == []
    assert result["already_recorded"] == 1
    names = people(ok_json)
    assert names["Hannah Schmidt"]["handles"]["linkedin"] == ["linkedin.com/in/hschmidt"]
    assert names["Lars Berg"]["handles"]["linkedin"] == ["linkedin.com/in/larsberg"]
    days = [i for i in ok_json("history", "--person", "Hannah Schmidt")]
    assert len(days) == 2  # 10 and 12 March, each once (the 12th logged by hand)
    card = re.sub(r"\r?\n ", "", ok("export", "vcard", "-").stdout)  # unfolded
    assert ("X-SOCIALPROFILE;TYPE=linkedin;X-USER=hschmidt:"
            "https://www.linkedin.com/in/hschmidt/") in card


def test_chat_first_names_are_flagged_not_merged(ok: Callable[..., Any],
                                                 ok_json: Callable[..., Any]) -> None:
    """"Dan", "Ivan" and "Bob" in a WhatsApp chat beside Dan Murphy, Ivan Rossi and Robert
    Jones: three new people, each a possible duplicate in the summary and in
    ``kith person duplicates``, none merged."""
    ok("network", "add", "Friends", "--kind", "friends")
    for name in ("Dan Murphy", "Ivan Rossi", "Robert Jones"):
        ok("person", "add", name)
    result = imported(ok, "whatsapp", str(MATCHING / "whatsapp_first_names.txt"),
                      "--me", "Sam Designs")
    assert sorted(result["people_added_names"]) == ["Bob", "Dan", "Ivan"]
    why = {d["name"]: d["why"] for d in result["possible_duplicates"]}
    assert why == {"Dan": "first name of Dan Murphy", "Ivan": "first name of Ivan Rossi",
                   "Bob": "nickname of Robert Jones"}
    pairs = ok_json("person", "duplicates")
    found = {frozenset((p["a"]["name"], p["b"]["name"])): p["evidence"] for p in pairs}
    assert frozenset({"Dan", "Dan Murphy"}) in found
    assert frozenset({"Bob", "Robert Jones"}) in found
    assert any("nickname" in e for e in found[frozenset({"Bob", "Robert Jones"})])
    assert len(people(ok_json)) == 6


def test_the_same_export_on_two_devices_gives_one_person_each(
        ok: Callable[..., Any], ok_json: Callable[..., Any], tmp_path: Path) -> None:
    """Issue 26 item 8: a WhatsApp chat (names only) and a vCard file (UIDs) imported on
    two devices, then ``kith merge``: one Dan, one of each card, no duplicates."""
    laptop, desktop = tmp_path / "laptop", tmp_path / "desktop"
    chat = str(MATCHING / "whatsapp_first_names.txt")
    cards = str(FIXTURES / "vcard")
    for db in (laptop, desktop):
        ok("--db", str(db), "init")
        ok("--db", str(db), "import", *creating_network("whatsapp", chat, "--me", "Sam Designs"))
        ok("--db", str(db), "import", *creating_network("vcard", cards))
    before = people(ok_json, "--db", str(laptop))
    ok("--db", str(laptop), "merge", str(desktop))
    after = ok_json("--db", str(laptop), "person", "list")
    assert len([p for p in after if p["id"] != "me"]) == len(before)
    assert {p["id"] for p in after} == {
        p["id"] for p in ok_json("--db", str(desktop), "person", "list")}


def test_a_changed_surname_with_the_same_email_is_suggested_not_merged(
        ok: Callable[..., Any], ok_json: Callable[..., Any], tmp_path: Path) -> None:
    """Ann Lee married: the vCard says Ann Lee-Park with her old email. Kith cannot know
    it is her (a relative may share the address): a new person, a possible duplicate
    with the evidence, and the pair in ``kith person duplicates``."""
    ok("network", "add", "Friends", "--kind", "friends")
    ok("person", "add", "Ann Lee", "--email", "ann@x.org")
    card = tmp_path / "ann.vcf"
    card.write_text("BEGIN:VCARD\nVERSION:4.0\nUID:phone-7\nFN:Ann Lee-Park\n"
                    "EMAIL:ANN@x.org\nEND:VCARD\n")
    result = imported(ok, "vcard", str(card))
    assert result["people_added"] == 1
    [duplicate] = result["possible_duplicates"]
    assert "same email ann@x.org" in duplicate["why"] and "another surname" in duplicate["why"]
    [pair] = ok_json("person", "duplicates")
    assert "same email ann@x.org under another surname" in pair["evidence"]
