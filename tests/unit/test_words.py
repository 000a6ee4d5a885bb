"""Counts in words: one helper, read right on 0, 1 and 2."""

from __future__ import annotations

from datetime import date

import pytest

from kith.core.words import birthday, counted, day, days_ago, in_days, plural


@pytest.mark.parametrize(("number", "expected"), [(0, "0 days"), (1, "1 day"), (2, "2 days"),
                                                  (-1, "-1 day")])
def test_regular_plural(number: int, expected: str) -> None:
    assert counted(number, "day") == expected


@pytest.mark.parametrize(("number", "expected"), [(0, "0 people"), (1, "1 person"),
                                                  (2, "2 people")])
def test_irregular_plural(number: int, expected: str) -> None:
    assert counted(number, "person", "people") == expected


def test_thousands_and_bare_noun() -> None:
    assert counted(10_000, "person", "people", thousands=True) == "10,000 people"
    assert plural(1, "birthday") == "birthday"
    assert plural(0, "birthday") == "birthdays"


@pytest.mark.parametrize(("days", "ago", "ahead"), [
    (0, "today", "today"), (1, "yesterday", "tomorrow"), (2, "2 days ago", "in 2 days")])
def test_day_phrases(days: int, ago: str, ahead: str) -> None:
    assert days_ago(days) == ago
    assert in_days(days) == ahead
    assert days_ago(-2) == "in 2 days" and in_days(-2) == "2 days ago"


@pytest.mark.parametrize(("stored", "shown"), [
    ("--03-14", "14 March"), ("1990-03-14", "14 March 1990"), ("--02-29", "29 February"),
    ("about 1990", "about 1990"), ("1990-13-01", "1990-13-01")])
def test_birthdays_read_as_people_say_them(stored: str, shown: str) -> None:
    assert birthday(stored) == shown


def test_days_drop_the_year_of_today() -> None:
    assert day("2026-12-15") == "Tue 15 Dec 2026"
    assert day(date(2026, 12, 15), today=date(2026, 12, 1)) == "Tue 15 Dec"
    assert day("not a date") == "not a date"
