"""Pulling vdirs (vdirsyncer's folders of .vcf and .ics): contacts become people, events
with people become suggestions in the inbox, nothing changed means nothing written."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from kith.persistence.store import Store
from tests.conftest import snapshot_db
from tests.live.conftest import written
from tests.live.servers import card, event


@pytest.fixture
def book(friends: Callable[..., Result], tmp_path: Path) -> Path:
    folder = tmp_path / "contacts"
    folder.mkdir()
    (folder / "ann.vcf").write_text(card("ann-1", "Ann Lee", "ann@example.org",
                                         bday="1990-04-02"))
    (folder / "bob.vcf").write_text(card("bob-1", "Bob Stone", "bob@example.org"))
    assert friends("source", "add", "phone", "--kind", "vdir-contacts", "--path", folder,
                   "--network", "Friends").exit_code == 0
    return folder


def people(home: Path) -> dict[str, dict]:
    store = Store(home, create=False)
    return {d["name"]: d for i, d in store.people_docs().items() if i != "me"}


def touch(path: Path, text: str) -> None:
    path.write_text(text)
    stat = path.stat()  # a new mtime even within the file system's time resolution
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def test_first_pull_then_nothing_new_writes_nothing(book: Path, friends: Callable[..., Result],
                                                    kith_home: Path) -> None:
    result = friends("pull")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == (
        "phone: read 2; 2 people added, 0 matched, 0 changed")
    found = people(kith_home)
    assert set(found) == {"Ann Lee", "Bob Stone"}
    assert found["Ann Lee"]["birthday"] == "1990-04-02"
    assert found["Ann Lee"]["sources"] == ["vcard:ann-1"]
    before = written(kith_home)
    again = friends("pull")
    assert again.output == "phone: nothing new\n"
    assert written(kith_home) == before


def test_a_contact_changed_on_both_sides_keeps_both_where_it_can(
        book: Path, friends: Callable[..., Result], kith_home: Path) -> None:
    friends("pull")
    assert friends("person", "edit", "Ann Lee", "--birthday", "1990-04-03").exit_code == 0
    touch(book / "ann.vcf", card("ann-1", "Ann Lee-Park", "ann@work.example",
                                 bday="1990-04-05"))
    result = friends("pull")
    assert result.exit_code == 0, result.output
    ann = people(kith_home)["Ann Lee-Park"]  # renamed only in the address book: taken
    assert sorted(ann["handles"]["email"]) == ["ann@example.org", "ann@work.example"]
    assert ann["birthday"] == "1990-04-03"  # changed on both sides: kith's kept, and said
    assert "birthday changed in kith and in the address book; kept kith's" in result.output
    assert "1 changed" in result.output.splitlines()[0]


def test_a_deleted_contact_is_kept_and_named(book: Path, friends: Callable[..., Result],
                                             kith_home: Path) -> None:
    friends("pull")
    (book / "bob.vcf").unlink()
    result = friends("pull")
    assert "deleted in the source, kept in kith: Bob Stone" in result.output
    assert "Bob Stone" in people(kith_home)
    assert friends("pull").output == "phone: nothing new\n"


def test_a_malformed_card_is_skipped_by_name_and_costs_nothing_else(
        book: Path, friends: Callable[..., Result], kith_home: Path) -> None:
    (book / "broken.vcf").write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN\r\nEND:VCARD\r\n")
    result = friends("pull")
    assert result.exit_code == 0
    assert "skipped: phone/broken.vcf: unreadable card" in result.output
    assert set(people(kith_home)) == {"Ann Lee", "Bob Stone"}
    assert friends("pull").output == "phone: nothing new\n"  # said once, not every pull


def test_a_pull_killed_midway_is_completed_by_the_next(book: Path, kith_home: Path,
                                                       friends: Callable[..., Result],
                                                       monkeypatch: pytest.MonkeyPatch
                                                       ) -> None:
    from kith.persistence.store.live import Live

    def killed(self: Live, source: str, state: dict) -> None:
        raise KeyboardInterrupt  # the people are saved, the state is next: killed here

    real = Live.save_state
    monkeypatch.setattr(Live, "save_state", killed)
    before = snapshot_db(kith_home)
    assert friends("pull").exit_code != 0
    assert snapshot_db(kith_home) == before
    monkeypatch.setattr(Live, "save_state", real)
    result = friends("pull")
    assert result.output.startswith("phone: read 2; 2 people added")
    assert friends("pull").output == "phone: nothing new\n"
    assert len(people(kith_home)) == 2


def test_two_synced_devices_pulling_the_same_book_make_one_person_and_one_suggestion(
        book: Path, friends: Callable[..., Result], kith_home: Path, tmp_path: Path) -> None:
    calendar = tmp_path / "calendar"
    calendar.mkdir()
    (calendar / "lunch.ics").write_text(event("lunch-1", "20260610T120000Z",
                                              "Lunch", ("ann@example.org",)))
    friends("source", "add", "cal", "--kind", "vdir-calendar", "--path", calendar,
            "--network", "Friends")
    other = tmp_path / "laptop"
    for home in (kith_home, other):
        if home == other:
            assert friends("--db", other, "init").exit_code == 0
            assert friends("--db", other, "network", "add", "Friends", "--kind",
                           "friends").exit_code == 0
        result = friends("--db", home, "pull")
        assert result.exit_code == 0, result.output
        assert "1 suggestions" in result.output
    for home in (kith_home, other):  # accepted on both devices before they synced
        [lunch] = json.loads(friends("--db", home, "inbox", "--json").output)
        assert friends("--db", home, "inbox", "accept", lunch["id"], "--fun",
                       "3").exit_code == 0
    merged = friends("merge", other)
    assert merged.exit_code == 0, merged.output
    assert sorted(people(kith_home)) == ["Ann Lee", "Bob Stone"]
    everything = json.loads(friends("inbox", "--all", "--json").output)
    assert [(s["title"], s["state"]) for s in everything] == [("Lunch", "accepted")]
    assert len(friends("history").output.splitlines()) == 1


# calendars and the inbox ---------------------------------------------------------------

@pytest.fixture
def calendar(book: Path, friends: Callable[..., Result], tmp_path: Path) -> Path:
    friends("pull")
    folder = tmp_path / "calendar"
    folder.mkdir()
    (folder / "coffee.ics").write_text(event("coffee-1", "20260601T090000Z",
                                             "Coffee", ("ann@example.org", "x@unknown.org")))
    (folder / "talk.ics").write_text(event("talk-1", "20260603T180000Z",
                                           "Drinks with Bob Stone", minutes=120))
    (folder / "dentist.ics").write_text(event("dentist", "20260604T080000Z", "Dentist"))
    (folder / "later.ics").write_text(event("later-1", "20260620T090000Z", "Tea",
                                            ("ann@example.org",)))
    friends("source", "add", "cal", "--kind", "vdir-calendar", "--path", folder,
            "--network", "Friends")
    return folder


def waiting(run: Callable[..., Result]) -> list[dict]:
    return json.loads(run("inbox", "--json").output)


def test_events_with_people_wait_in_the_inbox_and_count_for_nothing_until_accepted(
        calendar: Path, friends: Callable[..., Result], kith_home: Path) -> None:
    assessed = friends("assess", "--json").output
    result = friends("pull", "cal")
    assert result.output.splitlines()[0] == "cal: read 4; 2 suggestions, 0 updated"
    found = waiting(friends)
    assert [(s["title"], s["minutes"], s["unknown"]) for s in found] == [
        ("Coffee", 60, ["x@unknown.org"]), ("Drinks with Bob Stone", 120, [])]
    names = {d["id"]: n for n, d in people(kith_home).items()}
    assert [[names[p] for p in s["people"]] for s in found] == [["Ann Lee"], ["Bob Stone"]]
    assert friends("history").output == "No interactions match.\n"
    assert friends("assess", "--json").output == assessed
    accepted = friends("inbox", "accept", found[0]["id"][:8], "--fun", "4", "--direction",
                       "shared")
    assert accepted.exit_code == 0, accepted.output
    history = friends("history").output
    assert "shared event with Ann Lee in friends" in history and "fun 4/5" in history
    assert friends("inbox", "dismiss", found[1]["id"]).exit_code == 0
    assert waiting(friends) == []
    touch(calendar / "talk.ics", event("talk-1", "20260603T180000Z", "Drinks with Bob "
                                       "Stone!", minutes=120))
    friends("pull", "cal")
    assert waiting(friends) == []  # dismissed ones never return


def test_an_event_in_the_future_is_suggested_once_it_has_happened(
        calendar: Path, friends: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
        ) -> None:
    from datetime import timedelta

    from kith.core import clock
    from tests.live.conftest import NOW

    friends("pull", "cal")
    assert "Tea" not in [s["title"] for s in waiting(friends)]
    monkeypatch.setattr(clock, "now", lambda: NOW + timedelta(days=7))
    result = friends("pull", "cal")
    assert result.output.splitlines()[0] == "cal: read 1; 1 suggestions, 0 updated"
    assert "Tea" in [s["title"] for s in waiting(friends)]


def test_a_rule_accepts_the_obvious_ones(calendar: Path, friends: Callable[..., Result],
                                         tmp_path: Path) -> None:
    assert friends("network", "add", "St Mary's", "--kind", "church").exit_code == 0
    church = tmp_path / "church"
    church.mkdir()
    (church / "mass.ics").write_text(event("mass", "20260531T090000Z", "Sunday service",
                                           minutes=60, rrule="FREQ=WEEKLY;COUNT=3"))
    friends("source", "add", "church", "--kind", "vdir-calendar", "--path", church,
            "--calendar-name", "Church")
    added = friends("inbox", "rule", "add", "sunday", "--calendar", "Church", "--network",
                    "St Mary's", "--direction", "shared", "--minutes", "90")
    assert added.exit_code == 0, added.output
    result = friends("pull", "church")
    # 31 May, 7 and 14 June have happened; 21 June has not
    assert "3 suggestions, 0 updated, 3 accepted by rules" in result.output
    history = friends("history", "--network", "St Mary's").output.splitlines()
    assert len(history) == 3 and all("[1h30]" in line for line in history)
    assert waiting(friends) == []
    assert friends("pull", "church").output == "church: nothing new\n"


def test_a_malformed_event_is_skipped_by_name(calendar: Path, friends: Callable[..., Result]
                                              ) -> None:
    (calendar / "bad.ics").write_text("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\n"
                                      "SUMMARY:no start\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    result = friends("pull", "cal")
    assert "skipped: cal/bad.ics: unreadable event: event x has no DTSTART" in result.output
    assert len(waiting(friends)) == 2


def test_an_edit_survives_the_next_pull_and_the_rest_is_refreshed(
        calendar: Path, friends: Callable[..., Result]) -> None:
    """The user's edits to a waiting suggestion are theirs: a pull that reads the event
    again (changed in the calendar) refreshes what the user did not edit and keeps what
    they did."""
    friends("pull", "cal")
    coffee = waiting(friends)[0]
    assert coffee["title"] == "Coffee"
    edited = friends("inbox", "edit", coffee["id"], "--title", "Coffee with Ann, planning",
                     "--kind", "meeting")
    assert edited.exit_code == 0, edited.output
    touch(calendar / "coffee.ics", event("coffee-1", "20260601T090000Z", "Coffee?",
                                         ("ann@example.org", "x@unknown.org"), minutes=45))
    assert friends("pull", "cal").output.splitlines()[0] == \
        "cal: read 1; 0 suggestions, 1 updated"
    again = next(s for s in waiting(friends) if s["id"] == coffee["id"])
    assert (again["title"], again["kind"], again["minutes"]) == \
        ("Coffee with Ann, planning", "meeting", 45)
    assert sorted(again["meta"]["edited"]) == ["kind", "title"]
    refused = friends("inbox", "edit", coffee["id"], "--kind", "meetnig")
    assert refused.exit_code == 2 and "did you mean meeting?" in refused.stderr
