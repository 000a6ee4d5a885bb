"""The shared calendar importer on real iCalendar files: expansion over fixed ranges,
time zones, all-day events, byte-order marks, broken files, roles, people."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import orjson
import pytest

from tests.conftest import FIXTURES, creating_network, snapshot_db

ICS = FIXTURES / "ics"


def imported(ok: Callable[..., object], source: str, name: str | Path, *args: str) -> dict:
    path = name if isinstance(name, Path) else ICS / name
    return orjson.loads(ok("import", *creating_network(source, str(path), "--json", *args)).stdout)  # type: ignore[attr-defined]


@pytest.mark.parametrize(("name", "since", "until", "count"), [
    ("example.ics", "2022-01-01", "2022-12-31", 3),
    ("example.ics", "2022-01-02", "2022-12-31", 2),
    ("issue_1081_event_with_rrule.ics", "2025-01-01", "2025-01-31", 10),
    ("issue_1081_event_with_rrule.ics", "2025-01-03", "2025-01-05", 3),
    ("x_location.ics", "2016-10-01", "2016-11-30", 24),
    ("america_new_york.ics", "2014-01-01", "2014-12-31", 1),
    ("bom_calendar.ics", "2000-01-01", "2030-12-31", 0),
    ("calendar_with_unicode.ics", "2000-01-01", "2030-12-31", 0),
    ("rfc_7986_conferences.ics", "2000-01-01", "2030-12-31", 0),
])
def test_event_counts_over_fixed_ranges(ok: Callable[..., object], name: str, since: str,
                                        until: str, count: int) -> None:
    result = imported(ok, "church-calendar", name, "--since", since, "--until", until)
    assert result["interactions_added"] == count
    again = imported(ok, "church-calendar", name, "--since", since, "--until", until)
    assert (again["interactions_added"], again["duplicates_skipped"]) == (0, count)


def test_time_zones_are_right(ok: Callable[..., object], ok_json: Callable[..., object]) -> None:
    imported(ok, "association-calendar", "x_location.ics", "--since", "2016-10-28",
             "--until", "2016-10-31")
    whens = [datetime.fromisoformat(h["when"]).astimezone(UTC) for h in ok_json("history")]
    # 14:00 in Zurich: summer time on Friday 28 October, winter time from the 30th
    assert [w.strftime("%d %H:%M") for w in whens] == ["28 12:00", "31 13:00"]
    imported(ok, "association-calendar", "america_new_york.ics", "--since", "2014-08-01",
             "--until", "2014-08-31")
    event = ok_json("history", "--since", "2014-08-01", "--until", "2014-08-31")[0]
    assert datetime.fromisoformat(event["when"]).astimezone(UTC).hour == 12  # 08:00 EDT
    assert event["meta"]["minutes"] == 120


def test_all_day_events_and_warnings(ok: Callable[..., object],
                                     ok_json: Callable[..., object]) -> None:
    result = imported(ok, "church-calendar", "example.ics", "--since", "2022-01-01",
                      "--until", "2022-12-31")
    assert result["network"] == "church"
    first = ok_json("history")[0]
    assert first["when"].startswith("2022-01-01T00:00") and first["meta"]["all_day"] is True
    assert first["direction"] == "shared" and first["value"]["minutes"] == 90
    skipped = imported(ok, "church-calendar", "rfc_7986_conferences.ics")
    assert "has no DTSTART" in skipped["skipped"][0]


def test_broken_event_is_skipped_and_named_or_strict_stops(
        ok: Callable[..., object], fails: Callable[..., object], kith_home: Path) -> None:
    ok("network", "add", "Church", "--kind", "church")
    result = imported(ok, "church-calendar", "broken_ical.ics")
    assert result["skipped"] == [f"{ICS / 'broken_ical.ics'}, record line 4: broken "
                                 "calendar line (not NAME:VALUE)"]
    before = snapshot_db(kith_home)
    failed = fails("import", "church-calendar", str(ICS / "broken_ical.ics"), "--strict")
    assert "broken_ical.ics, record line 4" in failed.stderr  # type: ignore[attr-defined]
    assert snapshot_db(kith_home) == before


def test_roles_keywords_and_people(ok: Callable[..., object], ok_json: Callable[..., object],
                                   tmp_path: Path) -> None:
    calendar = tmp_path / "rota.ics"
    calendar.write_text(
        "\ufeffBEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:test\r\n"
        "BEGIN:VEVENT\r\nUID:shift-1\r\nDTSTART:20240106T090000Z\r\nDTEND:20240106T120000Z\r\n"
        "RRULE:FREQ=WEEKLY;COUNT=4\r\nEXDATE:20240113T090000Z\r\n"
        "SUMMARY:Food bank volunteer shift\r\n"
        "ORGANIZER;CN=Kemal Park:mailto:kemal@example.org\r\n"
        "ATTENDEE;CN=\"Jo Meyer\":mailto:JO@example.org\r\n"
        "ATTENDEE;CN=Sam:mailto:sam@example.org\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:svc\r\nDTSTART:20240107T100000\r\nDURATION:PT1H30M\r\n"
        "SUMMARY:Sunday service\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    imported(ok, "church-calendar", calendar, "--since", "2024-01-01", "--until",
             "2024-02-29", "--me", "sam@example.org")
    history = ok_json("history")
    shifts = [h for h in history if h["kind"] == "volunteering"]
    assert len(shifts) == 3  # four weeks minus the excluded date
    assert all(h["direction"] == "gave" and h["value"]["minutes"] == 180 for h in shifts)
    assert len(shifts[0]["people"]) == 2  # the organiser and Jo, not Sam
    service = [h for h in history if h["kind"] == "service"]
    assert service[0]["direction"] == "shared" and service[0]["value"]["minutes"] == 90
    names = {p["name"]: p for p in ok_json("person", "list")}
    assert names["Jo Meyer"]["handles"] == {"email": ["jo@example.org"]}
    ok("network", "add", "Choir", "--kind", "church")
    attended = imported(ok, "church-calendar", calendar, "--network", "choir", "--role",
                        "attended", "--since", "2024-01-01", "--until", "2024-02-29")
    assert attended["network"] == "choir"
    assert {h["direction"] for h in ok_json("history", "--network", "choir")} == {"shared"}


def test_bad_calendar_options(fails: Callable[..., object]) -> None:
    fails("import", "church-calendar", str(ICS / "example.ics"), "--since", "2022-05-01",
          "--until", "2022-01-01", match="before")
    fails("import", "church-calendar", str(ICS / "example.ics"), "--since", "soon",
          match="ISO date")
    fails("import", "church-calendar", str(ICS / "missing.ics"), match="no such file")


def test_an_event_the_expander_cannot_expand_is_kept_once_at_its_start(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import recurring_ical_events

    from kith.importing.toolkit.calendar import parse_calendar
    from kith.importing.toolkit.records import ImportContext, NetworkHint

    def refuses(*args: object, **kwargs: object) -> object:
        raise ValueError("an odd rule")

    monkeypatch.setattr(recurring_ical_events, "of", refuses)
    path = tmp_path / "odd.ics"
    path.write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:test\r\n"
                    "BEGIN:VEVENT\r\nUID:timed\r\nDTSTART:20250101T100000Z\r\n"
                    "RRULE:FREQ=DAILY;COUNT=10\r\nSUMMARY:Choir\r\nEND:VEVENT\r\n"
                    "BEGIN:VEVENT\r\nUID:all-day\r\nDTSTART;VALUE=DATE:20250102\r\n"
                    "SUMMARY:Fair\r\nEND:VEVENT\r\n"
                    "BEGIN:VEVENT\r\nUID:outside\r\nDTSTART:20240101T100000Z\r\n"
                    "SUMMARY:Old\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    context = ImportContext(options={"since": "2025-01-01", "until": "2025-01-31"})
    batch = parse_calendar(path, context, kinds=[], default_kind="event",
                           network=NetworkHint("Church", "church"))
    starts = {r.source_id.split(":", 1)[0]: r.when for r in batch.interactions}
    assert set(starts) == {"timed", "all-day"}
    assert starts["timed"] == datetime(2025, 1, 1, 10, tzinfo=UTC)
    assert (starts["all-day"].date(), starts["all-day"].hour) == (datetime(2025, 1, 2).date(), 0)
    assert sum("kept once, at its DTSTART" in w for w in context.warnings) == 3
