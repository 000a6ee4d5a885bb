"""Daily use without friction (issue 30), through the real CLI on a real database:
records with the network as a whole, counts and relationships that read right, `kith
kinds`, a missing $KITH_HOME, a delete that asks, removing what was added by mistake."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture
def guild(ok: Callable[..., Any]) -> None:
    ok("init")
    ok("network", "add", "Guild", "--kind", "association")
    ok("network", "add", "St Brigid's", "--kind", "church")
    ok("person", "add", "Priya Nair", "--email", "priya@example.org", "--phone",
       "+49 30 1234567")
    ok("person", "edit", "Priya Nair", "--alias", "Pri")
    ok("person", "add", "Jonas Weber")


def test_dues_are_logged_with_the_network_and_read_well(guild: None, ok: Callable[..., Any],
                                                        ok_json: Callable[..., Any]) -> None:
    said = ok("log", "Guild", "--gave", "--kind", "dues", "--money", "180").stdout
    assert "gave dues to guild" in said and "with  " not in said
    ok("log", "st-brigids", "--gave", "--kind", "donation", "--money", "25")
    ok("log", "guild", "--shared", "--kind", "conference", "--minutes", "480")
    recorded = ok_json("history")
    assert [r["people"] for r in recorded] == [[], [], []]
    lines = ok("history").stdout
    assert "gave donation to st-brigids" in lines
    assert "shared conference with guild" in lines
    assert " with  in " not in lines


def test_a_kind_with_someone_still_needs_someone(guild: None,
                                                 fails: Callable[..., Any]) -> None:
    result = fails("log", "Guild", "--gave", "--kind", "help")
    assert "with whom?" in result.stderr and "dues" in result.stderr


def test_log_help_states_the_rule(ok: Callable[..., Any]) -> None:
    text = " ".join(ok("log", "--help").stdout.split())
    assert "Leave it out for what is with the network as a whole: dues, donation" in text


def test_kinds_lists_every_kind_with_its_origin(guild: None, ok: Callable[..., Any],
                                                ok_json: Callable[..., Any]) -> None:
    ok("log", "guild", "--with", "Priya", "--gave", "--kind", "mentoring", "--new-kind")
    listed = {row["kind"]: row for row in ok_json("kinds")}
    assert listed["help"]["origin"] == "core"
    assert listed["mentoring"]["origin"] == "user"
    assert listed["dues"]["with_network"] and not listed["help"]["with_network"]
    assert len(listed) > 12  # the "unknown kind" error stops after 12; this does not
    assert "mentoring     user" in ok("kinds").stdout


def test_relationships_read_right_both_ways_before_they_are_saved(
        guild: None, ok: Callable[..., Any], ok_json: Callable[..., Any]) -> None:
    dry = ok("person", "relate", "Priya", "Jonas", "--as", "introduced-by", "--dry-run").stdout
    assert "Priya Nair was introduced by Jonas Weber; Jonas Weber introduced Priya Nair" in dry
    assert ok_json("person", "show", "Priya")["relationships"] == []
    done = ok("person", "relate", "Priya", "Jonas", "--as", "introduced-by").stdout
    assert "Recorded: Priya Nair was introduced by Jonas Weber" in done
    assert "introduced of" not in done
    mentor = ok("person", "relate", "Jonas", "Priya", "--as", "mentor", "--dry-run").stdout
    assert "Jonas Weber is mentor of Priya Nair; Priya Nair is mentee of Jonas Weber" in mentor
    shown = ok("person", "show", "Jonas").stdout
    assert "introduced Priya Nair" in shown


def test_counts_read_right(guild: None, ok: Callable[..., Any]) -> None:
    assert ok("person", "list", "--search", "priya").stdout.startswith("1 person\n")
    assert ok("person", "list").stdout.startswith("3 people\n")  # you, Priya and Jonas
    ok("person", "relate", "Priya", "Jonas", "--as", "friend")
    assert "Removed 1 relationship between" in ok("person", "unrelate", "Priya", "Jonas").stdout


def test_a_missing_kith_home_is_the_same_error_as_db(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder"
    env = {**os.environ, "KITH_HOME": str(missing), "KITH_CONFIG": str(tmp_path / "c.toml")}
    for args in (["person", "list"], ["--db", str(missing), "person", "list"]):
        done = subprocess.run([sys.executable, "-m", "kith", *args], env=env,
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 2, done
        assert f"no database folder {missing}" in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1 and done.stdout == ""
    assert not missing.exists()
    assert subprocess.run([sys.executable, "-m", "kith", "init"], env=env,
                          capture_output=True, timeout=60).returncode == 0
    assert (missing / "kith.json").exists()


def test_interaction_delete_shows_what_and_asks(guild: None, run: Callable[..., Any],
                                                ok: Callable[..., Any],
                                                ok_json: Callable[..., Any]) -> None:
    logged = ok_json("log", "guild", "--with", "Priya", "--gave", "--kind", "help",
                     "--note", "CV review")
    declined = run("interaction", "delete", logged["id"], input="n\n")
    assert declined.exit_code == 1
    assert "Delete 20" in declined.stderr
    assert "gave help with Priya Nair in guild" in declined.stderr
    assert "Delete it?" in declined.stderr and "Nothing deleted" in declined.stderr
    no_terminal = run("interaction", "delete", logged["id"])  # a script: no answer is no
    assert no_terminal.exit_code == 1
    assert len(ok_json("history")) == 1
    agreed = ok("interaction", "delete", logged["id"], input="y\n").stdout
    assert f"Deleted {logged['when'][:10]}" in agreed and "CV review" in agreed
    assert ok_json("history") == []
    again = ok_json("log", "guild", "--with", "Priya", "--gave", "--kind", "help")
    assert ok_json("interaction", "delete", again["id"], "--yes")["deleted"] == again["id"]


def test_person_edit_removes_email_phone_and_alias(guild: None, ok_json: Callable[..., Any],
                                                   fails: Callable[..., Any]) -> None:
    edited = ok_json("person", "edit", "Priya", "--remove-email", "PRIYA@example.org",
                     "--remove-phone", "+49 (30) 1234567", "--remove-alias", "pri")
    assert "email" not in edited["handles"] and "phone" not in edited["handles"]
    assert edited["aliases"] == []
    fails("person", "edit", "Priya", "--remove-alias", "Pri", match="has no alias")
    fails("person", "edit", "Priya", "--remove-email", "x@example.org", match="no email")


def test_a_merge_leaves_no_alias_equal_to_the_name(guild: None, ok: Callable[..., Any],
                                                   ok_json: Callable[..., Any]) -> None:
    ok("person", "add", "priya nair", "--email", "p2@example.org")
    people = ok_json("person", "list", "--search", "priya")
    kept, absorbed = sorted(people, key=lambda p: p["name"] != "Priya Nair")
    merged = ok_json("person", "merge", kept["id"], absorbed["id"])
    assert merged["name"] == "Priya Nair"
    assert [a for a in merged["aliases"] if a.casefold() == "priya nair"] == []


def test_assess_fits_80_columns_with_one_window_and_whole_words(tmp_path: Path) -> None:
    target = tmp_path / "demo"
    env = {**os.environ, "COLUMNS": "80", "KITH_CONFIG": str(tmp_path / "c.toml")}
    kith = [sys.executable, "-m", "kith", "--db", str(target)]
    assert subprocess.run([*kith, "demo", "--json"], env=env, capture_output=True,
                          timeout=300).returncode == 0
    done = subprocess.run([*kith, "assess", "--since", "a year ago"], env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    default = subprocess.run([*kith, "assess"], env=env, capture_output=True, text=True,
                             timeout=300).stdout
    assert ", all time" not in default and "last 12 months" in default
    lines = default.splitlines()
    assert max(len(line) for line in lines) <= 80
    table = [line for line in lines if line.startswith(("│", "┃"))]
    assert table and all("Given" not in line for line in table)  # compact at 80
    words = set(" ".join(line.replace("│", " ").replace("┃", " ") for line in table).split())
    assert "interact" not in words and "ions" not in words  # no word broken in a cell
    assert len(lines) < 150
