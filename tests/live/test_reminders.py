"""Reminders on the phone: follow-ups, keep-in-touch and birthdays published into a
calendar (a vdir, and a CalDAV collection on a real Radicale), updated in place by UID."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import icalendar
from click.testing import Result

from tests.live.servers import PASSWORD, USER, radicale


def items(folder: Path) -> dict[str, icalendar.Calendar]:
    return {p.name: icalendar.Calendar.from_ical(p.read_bytes())
            for p in sorted(folder.glob("*.ics"))}


def test_reminders_are_published_and_updated_in_place(friends: Callable[..., Result],
                                                     tmp_path: Path) -> None:
    folder = tmp_path / "reminders"
    folder.mkdir()
    friends("person", "add", "Ann Lee", "--network", "Friends", "--birthday", "1990-06-20")
    friends("source", "add", "phone-reminders", "--kind", "vdir-calendar", "--path", folder,
            "--publish")
    made = json.loads(friends("follow-up", "Ann Lee", "--on", "2026-06-18", "--about",
                              "the flat", "--json").output)
    result = friends("push")
    assert result.stdout == "phone-reminders: reminders: 2 written, 0 unchanged\n", \
        result.output
    found = items(folder)
    ann = json.loads(friends("person", "show", "Ann Lee", "--json").output)["id"]
    follow_up = f"kith-reminder-followup-{made['id']}.ics"
    assert sorted(found) == sorted([f"kith-reminder-birthday-{ann}.ics", follow_up])
    [task] = found[follow_up].walk("VTODO")
    assert (str(task["SUMMARY"]), str(task["STATUS"])) == (
        "Follow up with Ann Lee: the flat", "NEEDS-ACTION")
    [party] = found[f"kith-reminder-birthday-{ann}.ics"].walk("VEVENT")
    assert str(party["SUMMARY"]) == "Birthday: Ann Lee" and "RRULE" in party
    assert friends("push").stdout == "phone-reminders: reminders: 0 written, 2 unchanged\n"
    assert friends("follow-up", "done", made["id"]).exit_code == 0
    assert "1 written" in friends("pull").stdout
    [task] = items(folder)[follow_up].walk("VTODO")
    assert str(task["STATUS"]) == "COMPLETED"
    assert json.loads(friends("inbox", "--json").output) == []  # its own items: no news


def test_reminders_into_a_caldav_collection(friends: Callable[..., Result],
                                            tmp_path: Path) -> None:
    with radicale(tmp_path / "radicale") as server:
        url = server.make_collection("reminders", contacts=False)
        secret = tmp_path / "secret"
        secret.write_text(PASSWORD)
        friends("person", "add", "Bob Stone", "--network", "Friends", "--birthday",
                "--07-01")
        friends("source", "add", "phone", "--kind", "caldav", "--url", url, "--username",
                USER, "--password-command", f"cat {secret}", "--publish")
        result = friends("push")
        assert "phone: reminders: 1 written" in result.stdout, result.output
        ann = json.loads(friends("person", "show", "Bob Stone", "--json").output)["id"]
        body = server.get("reminders", f"kith-reminder-birthday-{ann}.ics")
        assert b"SUMMARY:Birthday: Bob Stone" in body
        friends("person", "edit", "Bob Stone", "--name", "Bob Stone-Hill")
        assert "phone: reminders: 1 written" in friends("push").stdout
        body = server.get("reminders", f"kith-reminder-birthday-{ann}.ics")
        assert b"SUMMARY:Birthday: Bob Stone-Hill" in body
