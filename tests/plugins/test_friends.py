"""The friends plugin (vCards, chats, export), keep-in-touch reminders and duplicates."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kith.api.testing import panel_context
from kith.core.model import Interaction, Network, Person
from kith.domain.keepintouch import cadence_for, reminders
from kith.persistence.store import Store
from kith.services.interactions import record
from tests.conftest import FIXTURES, creating_network, snapshot_db

VCARDS = FIXTURES / "vcard"


def imported(ok: Callable[..., object], *args: str) -> dict:
    return orjson.loads(ok("import", *creating_network(*args, "--json")).stdout)  # type: ignore[attr-defined]


def people_by_name(ok_json: Callable[..., object]) -> dict[str, dict]:
    return {p["name"]: p for p in ok_json("person", "list")}  # type: ignore[attr-defined]


# vCards ----------------------------------------------------------------------------------
def test_every_vcard_fixture(ok: Callable[..., object], ok_json: Callable[..., object],
                             tmp_path: Path) -> None:
    folder = tmp_path / "cards"
    shutil.copytree(VCARDS, folder)
    (folder / "unparsable.vcf").unlink()
    result = imported(ok, "vcard", str(folder))
    assert result["people_added"] == 15
    people = people_by_name(ok_json)
    assert people["second contact"]["birthday"] == "2018-01-20"
    assert people["second contact"]["handles"] == {"email": ["user@example.com"],
                                                   "phone": ["0123456789"]}
    assert people["second contact"]["sources"] == ["vcard:testuid1"]
    assert people["Wile E. Coyote"]["extra"]["organisation"] == "ACME Inc."
    assert people["ACME Inc."]["extra"] == {"organisation": "ACME Inc.", "kind": "org"}
    assert "최유림" in people  # non-Latin names
    assert people["Michael Smith"]["aliases"] == ["Mike"]  # N only, plus a nickname
    assert people["Michael Smith"]["handles"]["email"] == ["ms@example.org"]
    assert people["contact with category"]["tags"] == ["bar"]
    assert people["text birthday"]["birthday"] is None
    assert people["text birthday"]["extra"]["birthday_text"] == "circa 1800"
    assert people["bug 195"]["handles"]["phone"] == ["67545678"]  # TEL;VALUE=uri
    assert people["labeled guy"]["extra"]["organisation"] == "Test Inc"  # item1.ORG
    assert "esentations" in people["altid"]["notes"]  # folded NOTE line
    again = imported(ok, "vcard", str(folder))
    assert (again["people_added"], again["people_matched"]) == (0, 15)


def test_unparsable_card_is_a_clear_error_or_skipped(ok: Callable[..., object],
                                                     fails: Callable[..., object],
                                                     kith_home: Path) -> None:
    result = fails("import", "vcard", str(VCARDS), "--strict", "--create-network", "friends")
    assert "unparsable.vcf, record card 1" in result.stderr  # type: ignore[attr-defined]
    assert not (kith_home / "kith.json").exists()
    skipped = imported(ok, "vcard", str(VCARDS))
    assert skipped["people_added"] == 15
    assert len(skipped["skipped"]) == 1 and "card 1" in skipped["skipped"][0]
    assert "vobject" not in skipped["skipped"][0] and "Error" not in skipped["skipped"][0]


def test_vcard_2_1_quoted_printable_and_birthdays(ok: Callable[..., object],
                                                  ok_json: Callable[..., object],
                                                  tmp_path: Path) -> None:
    path = tmp_path / "old-phone.vcf"
    path.write_bytes(
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:"
        b"M=C3=BCller;J=C3=BCrgen;;;\r\nFN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:"
        b"J=C3=BCrgen M=C3=BCller\r\nTEL;CELL:+49 170 1234567\r\nBDAY:--0415\r\n"
        b"NOTE;ENCODING=QUOTED-PRINTABLE:first line=0D=0Asecond =\r\nline\r\n"
        b"END:VCARD\r\n"
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nitem1.EMAIL;type=INTERNET:ann@x.org\r\n"
        b"item1.X-ABLabel:_$!<Other>!$_\r\nBDAY:1990-02-28\r\nEND:VCARD\r\n")
    imported(ok, "vcard", str(path))
    people = people_by_name(ok_json)
    jurgen = people["Jürgen Müller"]
    assert jurgen["birthday"] == "--04-15" and jurgen["handles"]["phone"] == ["+491701234567"]
    assert jurgen["notes"].startswith("first line")
    assert people["Ann Lee"]["handles"]["email"] == ["ann@x.org"]


def test_reimport_matches_uid_then_email_or_phone(ok: Callable[..., object],
                                                  ok_json: Callable[..., object],
                                                  tmp_path: Path) -> None:
    first = tmp_path / "a.vcf"
    first.write_text("BEGIN:VCARD\nVERSION:4.0\nUID:u-1\nFN:Ann Lee\nEMAIL:ann@x.org\n"
                     "END:VCARD\n")
    imported(ok, "vcard", str(first))
    renamed = tmp_path / "b.vcf"
    renamed.write_text("BEGIN:VCARD\nVERSION:4.0\nUID:u-1\nFN:Ann Lee-Park\nEND:VCARD\n")
    result = imported(ok, "vcard", str(renamed))
    other_phone = tmp_path / "c.vcf"  # another app's export: another UID, her email
    other_phone.write_text("BEGIN:VCARD\nVERSION:4.0\nUID:other\nFN:A. Lee\n"
                           "EMAIL:ANN@x.org\nEND:VCARD\n")
    result = imported(ok, "vcard", str(other_phone))
    assert (result["people_added"], result["people_matched"]) == (0, 1)
    [ann] = [p for p in ok_json("person", "list") if p["id"] != "me"]
    assert set(ann["aliases"]) == {"Ann Lee-Park", "A. Lee"}


def test_two_uids_in_one_export_are_two_people_even_with_one_email(
        ok: Callable[..., object], tmp_path: Path) -> None:
    """The export keeps them apart (two cards, two UIDs): a possible duplicate, never
    merged by kith."""
    both = tmp_path / "both.vcf"
    both.write_text("BEGIN:VCARD\nVERSION:4.0\nUID:u-1\nFN:Ann Lee\nEMAIL:ann@x.org\n"
                    "END:VCARD\nBEGIN:VCARD\nVERSION:4.0\nUID:u-2\nFN:A. Lee\n"
                    "EMAIL:ann@x.org\nEND:VCARD\n")
    result = imported(ok, "vcard", str(both))
    assert result["people_added"] == 2
    [duplicate] = result["possible_duplicates"]
    assert duplicate["name"] == "A. Lee" and "same email ann@x.org" in duplicate["why"]


def test_export_round_trips(ok: Callable[..., object], ok_json: Callable[..., object],
                            fails: Callable[..., object], tmp_path: Path) -> None:
    folder = tmp_path / "cards"
    shutil.copytree(VCARDS, folder)
    (folder / "unparsable.vcf").unlink()
    imported(ok, "vcard", str(folder))
    ok("person", "add", "Zoë O'Neil", "--email", "zoe@x.org", "--phone", "+1 555 0199",
       "--tag", "close", "--birthday", "--02-29", "--note", "line one\nline two; three, four")
    out = tmp_path / "export.vcf"
    summary = orjson.loads(ok("export", "vcard", str(out), "--json").stdout)  # type: ignore[attr-defined]
    assert summary["people"] == 16 and (out.stat().st_mode & 0o777) == 0o600
    assert out.read_text().count("VERSION:4.0") == 16

    def shape(person: dict) -> tuple:
        return (person["name"], sorted(person["aliases"]), person["handles"],
                person["birthday"], person["tags"], person["notes"],
                person["extra"].get("organisation"))

    before = sorted(shape(p) for p in ok_json("person", "list") if p["id"] != "me")
    other = tmp_path / "other-db"
    ok("--db", str(other), "init")
    ok("--db", str(other), "import", "vcard", str(out), "--create-network", "friends")
    after = sorted(shape(p) for p in ok_json("--db", str(other), "person", "list")
                   if p["id"] != "me")
    assert after == before
    fails("export", "vcard", str(tmp_path), match="is a folder")
    fails("export", "vcard", str(out), "--network", "nowhere", match="no network")


# chats -------------------------------------------------------------------------------
@pytest.mark.parametrize(("name", "order"), [
    ("test_ddmmyy_24hrs.txt", "dmy"), ("test_mmddyy_24hrs.txt", "mdy"),
    ("test_mmddyyyy_12hrs.txt", "mdy"), ("test_yyyymmdd_24hrs.txt", "ymd")])
def test_whatsapp_locales(ok: Callable[..., object], ok_json: Callable[..., object],
                          name: str, order: str) -> None:
    result = imported(ok, "whatsapp", str(FIXTURES / "whatsapp" / name), "--me", "John Doe")
    # a group chat: each day links who wrote that day, never a member who joined later;
    # John's first two days, before anyone else wrote, involve no one
    assert (result["people_added"], result["interactions_added"]) == (4, 5)
    history = ok_json("history")
    days = [h["when"][:10] for h in history]
    assert days == ["2019-01-30", "2020-06-10", "2021-12-10", "2021-12-20", "2021-12-30"]
    assert history[0]["when"][11:16] == "20:49"
    assert [h["direction"] for h in history] == ["received", "received", "received",
                                                 "received", "gave"]
    names = {p["id"]: p["name"] for p in ok_json("person", "list")}
    assert [[names[i] for i in h["people"]] for h in history[:4]] == [
        ["Jahn Doe"], ["John-John Doe"], ["John Doe 🤓"], ["🤓"]]
    assert len(history[4]["people"]) == 4  # John wrote alone: the group as it was then
    assert not any(h["invited"] for h in history)
    assert history[0]["meta"]["chat_order"] == order
    assert {p["name"] for p in ok_json("person", "list")} == {
        "Me", "Jahn Doe", "John-John Doe", "John Doe 🤓", "🤓"}


def test_signal_and_continuation_lines(ok: Callable[..., object],
                                       ok_json: Callable[..., object]) -> None:
    result = imported(ok, "signal", str(FIXTURES / "signal" / "test_export.txt"), "--me",
                      "John Doe")
    assert (result["people_added"], result["interactions_added"]) == (1, 2)
    first, second = ok_json("history")
    assert (first["direction"], second["direction"]) == ("received", "gave")
    assert first["when"].startswith("2019-12-24T12:23")


def test_ios_12_hour_with_narrow_spaces(ok: Callable[..., object],
                                        ok_json: Callable[..., object],
                                        tmp_path: Path) -> None:
    chat = tmp_path / "chat.txt"
    chat.write_text("\u200e[24/10/24, 9:18:35\u202fPM] Ann: Could you help me move on "
                    "Saturday?\n[24/10/24, 9:20:01\u202fPM] Sam: Of course!\n"
                    "[25/10/24, 12:05:00\u202fAM] Sam: See you then\n"
                    "\u200e[25/10/24, 12:06:00\u202fAM] Messages are end-to-end encrypted.\n")
    result = imported(ok, "whatsapp", str(chat), "--me", "Sam")
    assert result["interactions_added"] == 2
    first, second = ok_json("history")
    assert first["when"][11:16] == "21:18" and (first["kind"], first["invited"]) == (
        "help", True)
    assert second["when"][11:16] == "00:05" and second["direction"] == "gave"


def test_chat_errors(fails: Callable[..., object], tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("Shopping list\nmilk\n")
    fails("import", "whatsapp", str(notes), match="line 1")
    impossible = tmp_path / "chat.txt"
    impossible.write_text("31/02/20, 10:00 - Ann: hi\n")
    fails("import", "whatsapp", str(impossible), match="not a real date")
    fails("import", "whatsapp", str(impossible), "--date-order", "xyz")


@settings(max_examples=60, deadline=None)
@given(days=st.lists(st.dates(min_value=date(2001, 1, 1), max_value=date(2029, 12, 31)),
                     min_size=1, max_size=12),
       style=st.sampled_from(["dmy", "mdy"]))
def test_date_order_is_inferred_from_the_whole_file(days: list[date], style: str) -> None:
    from kith_friends.chats import Line, date_order

    from kith.importing.toolkit.records import ImportContext

    lines = [Line(i, *((d.day, d.month) if style == "dmy" else (d.month, d.day)), d.year % 100,
                  10, 0, 0, "x: y", str(d.day)) for i, d in enumerate(days)]
    inferred = date_order(lines, None)
    ambiguous = all(d.day <= 12 for d in days)
    assert inferred == style or (ambiguous and inferred == "dmy")
    assert ImportContext  # the module imports cleanly


# keeping in touch ----------------------------------------------------------------------
def test_cadence_rules() -> None:
    config = {"keep_in_touch": {"default_days": 180, "by_tag": {"close": 30, "family": 14},
                                "by_network": {"climbing": 60}}}
    assert cadence_for({"cadence_days": 7, "tags": ["close"], "networks": {}}, config) == 7
    assert cadence_for({"tags": ["close", "family"], "networks": {}}, config) == 14
    assert cadence_for({"tags": [], "networks": {"climbing": None}}, config) == 60
    assert cadence_for({"tags": [], "networks": {}}, config) == 180
    assert cadence_for({"tags": [], "networks": {}}, {"keep_in_touch": {}}) is None


def test_any_interaction_resets_the_reminder(store: Store) -> None:
    store.save_network(Network.create("Climbing", kind="friends"))
    store.save_network(Network.create("Work", kind="association"))
    fatima = store.save_person(Person.create("Fatima", cadence_days=21, birthday="--12-01",
                                             networks={"climbing": None}))
    today = date(2026, 11, 22)
    when = datetime(2026, 10, 1, 18, tzinfo=UTC)
    record(store, Interaction.create(when=when, network="climbing", people=[fatima.id],
                                     direction="shared", kind="event"))
    result = reminders(store, {}, today)
    [overdue] = result.overdue
    assert (overdue.name, overdue.days_since, overdue.days_overdue) == ("Fatima", 52, 31)
    assert overdue.last_network == "climbing"
    assert [(b.name, b.days_until) for b in result.birthdays] == [("Fatima", 9)]
    # contact in another network, logged any way, resets the clock
    record(store, Interaction.create(when=datetime(2026, 11, 20, 9, tzinfo=UTC),
                                     network="work", people=[fatima.id], direction="gave",
                                     kind="help"))
    assert reminders(store, {}, today).overdue == []
    # Fatima is not in Work: helping her there makes her no newcomer of it (issue 16)
    assert [n.network for n in reminders(store, {}, today).newcomers] == []
    store.save_person(fatima.with_changes(networks={"climbing": None, "work": "2026-11-01"}))
    assert [n.network for n in reminders(store, {}, today).newcomers] == ["work"]


def test_remind_command(ok: Callable[..., object], ok_json: Callable[..., object],
                        fails: Callable[..., object]) -> None:
    assert "Nothing to remind you of" in ok("remind").stdout  # type: ignore[attr-defined]
    ok("network", "add", "Friends", "--kind", "friends")
    ok("person", "add", "Hana", "--network", "friends", "--cadence", "14")
    ok("log", "friends", "--with", "Hana", "--shared", "--kind", "meal", "--on",
       (date.today() - timedelta(days=40)).isoformat())
    data = ok_json("remind")
    assert data["overdue"][0]["name"] == "Hana" and data["overdue"][0]["days_overdue"] >= 25
    assert "Overdue" in ok("remind").stdout  # type: ignore[attr-defined]
    ok("log", "friends", "--with", "Hana", "--gave", "--kind", "call")
    assert ok_json("remind")["overdue"] == []
    fails("remind", "--days", "-3")


# duplicates and merging ---------------------------------------------------------------
def test_duplicates_and_merge_survive_reimport(ok: Callable[..., object],
                                               ok_json: Callable[..., object],
                                               fails: Callable[..., object],
                                               tmp_path: Path, kith_home: Path) -> None:
    cards = tmp_path / "cards.vcf"
    cards.write_text("BEGIN:VCARD\nVERSION:4.0\nUID:c1\nFN:Ann Lee\nEMAIL:ann@x.org\n"
                     "END:VCARD\nBEGIN:VCARD\nVERSION:4.0\nUID:c2\nFN:Bob Ray\n"
                     "TEL:+1 555 0100\nEND:VCARD\n")
    imported(ok, "vcard", str(cards))
    chat = tmp_path / "chat.txt"
    chat.write_text("01/02/24, 10:00 - Lee, Ann: hello\n01/02/24, 10:05 - Sam: hi!\n"
                    "14/02/24, 09:00 - Robert Ray: lunch?\n")
    imported(ok, "whatsapp", str(chat), "--me", "Sam", "--network", "friends")
    ok("person", "add", "Robert Ray", "--phone", "+15550100")
    pairs = ok_json("person", "duplicates")
    described = [p["evidence"] for p in pairs]  # two Robert Rays: names repeat
    assert any("same phone +15550100" in " ".join(e) for e in described)
    assert any("Lee, Ann" in " ".join(e) and "Ann Lee" in " ".join(e) for e in described)
    assert "score" in ok("person", "duplicates").stdout  # type: ignore[attr-defined]
    ann_ids = [p["id"] for p in ok_json("person", "list") if "Ann" in p["name"]]
    merged = ok_json("person", "merge", *ann_ids)
    assert ok_json("history", "--person", merged["id"])
    before = snapshot_db(kith_home)
    again = imported(ok, "whatsapp", str(chat), "--me", "Sam", "--network", "friends")
    assert (again["people_added"], again["interactions_added"]) == (0, 0)
    again_cards = imported(ok, "vcard", str(cards))
    assert again_cards["people_added"] == 0
    assert len([p for p in ok_json("person", "list") if "Ann" in p["name"]]) == 1
    assert {k: v for k, v in snapshot_db(kith_home).items() if "interactions" in k} == {
        k: v for k, v in before.items() if "interactions" in k}
    fails("person", "duplicates", "--limit", "-1")


def test_friends_panel(store: Store) -> None:
    from kith_friends.panel import FriendsPanel
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    store.save_network(Network.create("Friends", kind="friends"))
    soon = date.today() + timedelta(days=1)
    person = store.save_person(Person.create("Rosa", cadence_days=10,
                                             birthday=f"--{soon.month:02d}-{soon.day:02d}"))
    store.record(Interaction.create(when=datetime.now(UTC) - timedelta(days=30),
                                    network="friends", people=[person.id],
                                    direction="shared", kind="meal"))

    class Host(App[None]):
        def compose(self) -> ComposeResult:
            yield FriendsPanel(panel_context(store, config={}, today=date.today()))

    async def drive() -> str:
        app = Host()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            return " ".join(str(w.render()) for w in app.query(Static))

    text = asyncio.run(drive())
    assert "Rosa: 20 days overdue" in text
    if soon.month == date.today().month:
        assert "Rosa:" in text.split("Birthdays this month")[1]
