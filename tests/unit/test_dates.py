"""Relative dates (kith.core.dates): every phrase against a fixed "today", and the refusals."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kith.core.dates import parse_duration, parse_user_date, parse_user_when, relative_date
from kith.core.errors import ValidationError

MONDAY = date(2026, 11, 23)
FRIDAY = date(2026, 11, 27)


@pytest.mark.parametrize(("text", "expected"), [
    ("today", MONDAY), ("Yesterday", MONDAY - timedelta(days=1)),
    ("tomorrow", MONDAY + timedelta(days=1)), ("3 days ago", date(2026, 11, 20)),
    ("2 weeks ago", date(2026, 11, 9)), ("a week ago", date(2026, 11, 16)),
    ("last friday", date(2026, 11, 20)), ("last monday", date(2026, 11, 16)),
    ("next monday", date(2026, 11, 30)), ("next fri", date(2026, 11, 27)),
    ("this wednesday", date(2026, 11, 25)), ("in 2 weeks", date(2026, 12, 7)),
    ("  LAST   Friday ", date(2026, 11, 20)), ("2026-01-05", date(2026, 1, 5)),
])
def test_phrases(text: str, expected: date) -> None:
    assert parse_user_date(text, today=MONDAY) == expected


def test_bare_weekday_is_past_for_events_and_future_for_follow_ups() -> None:
    assert relative_date("friday", today=MONDAY) == date(2026, 11, 20)
    assert relative_date("friday", today=MONDAY, prefer="future") == FRIDAY
    assert relative_date("friday", today=FRIDAY) == FRIDAY  # today counts either way
    assert relative_date("friday", today=FRIDAY, prefer="future") == FRIDAY
    assert relative_date("last friday", today=FRIDAY) == date(2026, 11, 20)


@pytest.mark.parametrize("text", ["", "someday", "last blursday", "3 fortnights ago",
                                  "2024-13-01", "in -2 days", "99999 years ago"])
def test_refusals_say_what_is_understood(text: str) -> None:
    with pytest.raises(ValidationError, match="yesterday"):
        parse_user_date(text, "--on", today=MONDAY)


@pytest.mark.parametrize(("text", "days"), [("2w", 14), ("10d", 10), ("3 months", 90),
                                            ("a week", 7), ("1y", 365)])
def test_durations(text: str, days: int) -> None:
    assert parse_duration(text) == timedelta(days=days)


def test_bad_duration() -> None:
    with pytest.raises(ValidationError, match="duration like"):
        parse_duration("soon", "--in")


def test_when_keeps_iso_date_times_and_day_phrases_are_midnight() -> None:
    assert parse_user_when("2024-05-31T18:30").hour == 18
    moment = parse_user_when("yesterday", today=MONDAY)
    assert (moment.date(), moment.hour, moment.tzinfo is not None) == \
        (MONDAY - timedelta(days=1), 0, True)
    assert parse_user_when("yesterday", end_of_day=True, today=MONDAY).hour == 23


@given(st.integers(0, 3000), st.sampled_from(["days", "weeks"]), st.dates(date(1950, 1, 1),
                                                                          date(2100, 1, 1)))
def test_ago_and_in_are_inverse(count: int, unit: str, today: date) -> None:
    back = relative_date(f"{count} {unit} ago", today=today)
    assert back is not None
    assert relative_date(f"in {count} {unit}", today=back) == today


@pytest.mark.parametrize(("text", "day", "hour", "minute"), [
    ("yesterday 19:00", date(2026, 11, 22), 19, 0),
    ("last friday at 8pm", date(2026, 11, 20), 20, 0),
    ("3 days ago 9:30", date(2026, 11, 20), 9, 30),
    ("today 12am", MONDAY, 0, 0), ("tomorrow at 12pm", date(2026, 11, 24), 12, 0),
])
def test_a_day_phrase_with_a_time(text: str, day: date, hour: int, minute: int) -> None:
    moment = parse_user_when(text, "--on", today=MONDAY)
    assert (moment.date(), moment.hour, moment.minute) == (day, hour, minute)


@pytest.mark.parametrize("text", ["yesterday 25:00", "yesterday 13pm", "friday 7",
                                  "someday 19:00"])
def test_a_time_that_is_not_one_is_refused_with_what_is_understood(text: str) -> None:
    with pytest.raises(ValidationError, match="--on"):
        parse_user_when(text, "--on", today=MONDAY)
    with pytest.raises(ValidationError) as refused:
        parse_user_when("someday", "--on", today=MONDAY)
    assert "yesterday 19:00" in str(refused.value)
