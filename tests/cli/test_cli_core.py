"""The core commands on a real database: --help, success, and bad input for each."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import click
import orjson
import pytest

from kith.cli.main import build_cli
from kith.persistence.store.migrations import SCHEMA_VERSION

CORE = ["init", "network add", "network list", "network show", "network edit",
        "network remove", "person add", "person list", "person show", "person edit",
        "person merge", "log", "history", "interaction show", "interaction edit",
        "interaction delete", "import", "plugins"]


def all_command_paths(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    ctx = click.Context(group)
    paths = []
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None
        paths.append((*prefix, name))
        if isinstance(command, click.Group):
            paths.extend(all_command_paths(command, (*prefix, name)))
    return paths


def test_every_command_has_help(run: Callable[..., object], kith_home: Path) -> None:
    paths = all_command_paths(build_cli())
    assert {" ".join(p) for p in paths} >= set(CORE)
    for path in [(), *paths]:
        result = run(*path, "--help")
        assert result.exit_code == 0, (path, result.stderr)
        assert "Usage:" in result.stdout
    assert not (kith_home / "kith.json").exists(), "--help must not create a database"


@pytest.fixture
def church(ok: Callable[..., object]) -> None:
    ok("network", "add", "St Mary's", "--kind", "church", "--joined", "2020-02-01")
    ok("network", "add", "Design Guild", "--kind", "association")
    ok("person", "add", "Ann Lee", "--network", "st-marys", "--email", "ann@x.org",
       "--tag", "close", "--birthday", "--04-15")
    ok("person", "add", "Bob Ray", "--network", "Design Guild", "--phone", "+1 555 0100",
       "--handle", "mastodon=@bob@social.example")


def test_init_creates_private_database(ok: Callable[..., object], kith_home: Path) -> None:
    result = ok("init", "--currency", "usd")
    assert "Created kith database" in result.stdout
    assert stat.S_IMODE(kith_home.stat().st_mode) == 0o700
    again = orjson.loads(ok("init", "--json").stdout)
    assert again == {"path": str(kith_home), "created": False, "currency": "USD",
                     "schema": SCHEMA_VERSION}


def test_init_refuses_a_foreign_folder(fails: Callable[..., object], tmp_path: Path) -> None:
    foreign = tmp_path / "photos"
    foreign.mkdir()
    (foreign / "cat.jpg").write_bytes(b"meow")
    fails("--db", str(foreign), "init", match="not empty and holds no kith database")


def test_network_commands(ok: Callable[..., object], ok_json: Callable[..., object],
                          fails: Callable[..., object], church: None) -> None:
    networks = ok_json("network", "list")
    assert [n["id"] for n in networks] == ["design-guild", "st-marys"]
    assert set(networks[0]) == {"id", "name", "kind", "joined", "left", "notes"}
    shown = ok_json("network", "show", "st marys")
    assert shown["members"] == 1 and shown["joined"] == "2020-02-01"
    ok("network", "edit", "design-guild", "--left", "2024-06-30")
    assert ok_json("network", "show", "design-guild")["left"] == "2024-06-30"
    fails("network", "add", "Golf", "--kind", "sportz", match="unknown network kind")
    fails("network", "add", "St Mary's", "--kind", "church", match="already exists")
    fails("network", "add", "X", "--joined", "someday", match="cannot read")
    fails("network", "show", "nowhere", match="no network 'nowhere'")
    ok("network", "edit", "st-marys", "--joined", "2020-02-01")
    fails("network", "edit", "st-marys", "--left", "2019-01-01", match="before it was joined")
    ok("log", "st-marys", "--with", "Ann Lee", "--gave", "--kind", "help")
    fails("network", "remove", "st-marys", match="--force")
    removed = ok_json("network", "remove", "st-marys", "--force")
    assert removed == {"removed": "st-marys", "interactions_removed": 1}


def test_person_commands(ok: Callable[..., object], ok_json: Callable[..., object],
                         fails: Callable[..., object], church: None) -> None:
    people = ok_json("person", "list")
    assert [p["name"] for p in people] == ["Me", "Ann Lee", "Bob Ray"]
    assert people[1]["handles"] == {"email": ["ann@x.org"]}
    assert people[1]["last_contact"] is None
    assert [p["name"] for p in ok_json("person", "list", "--network", "design-guild")] == [
        "Bob Ray"]
    assert [p["name"] for p in ok_json("person", "list", "--search", "social.example")] == [
        "Bob Ray"]
    table = ok("person", "list").stdout
    assert "Ann Lee" in table and "3 people" in table
    ok("person", "edit", "ann", "--add-tag", "choir", "--cadence", "30", "--alias", "Annie",
       "--add-handle", "x=@annlee")
    ann = ok_json("person", "show", "Annie")
    assert ann["tags"] == ["close", "choir"] and ann["cadence_days"] == 30
    assert ann["handles"]["x"] == ["annlee"]
    assert "Ann Lee" in ok("person", "show", "x=annlee").stdout
    fails("person", "add", "Cy", "--email", "not-an-email", match="not an email")
    fails("person", "add", "Cy", "--network", "nowhere", match="no network")
    fails("person", "add", "Cy", "--handle", "novalue", match="KIND=VALUE")
    fails("person", "add", "Cy", "--birthday", "soon", match="birthday")
    fails("person", "show", "Zed", match="no person 'Zed'")
    fails("person", "edit", "ann", "--remove-handle", "x=nobody", match="has no x handle")
    ok("person", "add", "Ann Lee")
    fails("person", "show", "Ann Lee", match="ambiguous")


def test_person_merge(ok: Callable[..., object], ok_json: Callable[..., object],
                      fails: Callable[..., object], church: None) -> None:
    ok("log", "design-guild", "--with", "Bob Ray", "--received", "--kind", "referral",
       "--money", "250")
    merged = ok_json("person", "merge", "Ann Lee", "Bob Ray")
    assert "Bob Ray" in merged["aliases"]
    assert set(merged["networks"]) == {"st-marys", "design-guild"}
    history = ok_json("history", "--person", "Ann Lee")
    assert len(history) == 1 and history[0]["people"] == [merged["id"]]
    fails("person", "merge", "Ann Lee", "Ann Lee", match="same person")
    fails("person", "merge", "Ann Lee", "Nobody", match="no person")


def test_log_and_history(ok: Callable[..., object], ok_json: Callable[..., object],
                         fails: Callable[..., object], church: None) -> None:
    logged = ok_json("log", "church", "--with", "ann@x.org", "--with", "Bob Ray", "--gave",
                     "--kind", "volunteering", "--minutes", "90", "--note", "fair",
                     "--on", "2024-05-04T10:00", "--invited")
    assert logged["value"] == {"money": 0, "minutes": 90, "favours": 0, "fun": 0}
    assert logged["invited"] is True and len(logged["people"]) == 2
    text = ok("log", "design", "--with", "Bob", "--received", "--kind", "client",
              "--money", "1,200.50", "--on", "2024-06-01").stdout
    assert text.startswith("Recorded 2024-06-01") and "1,200.50 EUR" in text
    estimated = ok_json("log", "church", "--with", "Ann", "--shared", "--kind", "service",
                        "--on", "2024-06-02")
    assert estimated["meta"]["estimated"] is True and estimated["value"]["minutes"] > 0
    assert len(ok_json("history")) == 3
    assert len(ok_json("history", "--network", "church")) == 2
    assert len(ok_json("history", "--person", "Bob Ray", "--kind", "client")) == 1
    assert len(ok_json("history", "--since", "2024-06-01", "--until", "2024-06-01")) == 1
    assert len(ok_json("history", "--direction", "shared")) == 1
    assert "volunteering (they asked) with Ann Lee, Bob Ray" in ok("history").stdout
    fails("log", "church", "--with", "Ann", match="--gave, --received or --shared")
    fails("log", "church", "--with", "Nobody", "--gave", match="no person")
    fails("log", "golf", "--with", "Ann", "--gave", match="no network")
    fails("log", "church", "--with", "Ann", "--gave", "--minutes", "-5", match="negative")
    fails("log", "church", "--with", "Ann", "--gave", "--fun", "7")
    fails("log", "church", "--with", "Ann", "--gave", "--money", "12.345", match="decimals")
    fails("log", "church", "--with", "Ann", "--gave", "--money", "lots", match="money")
    fails("log", "church", "--with", "Ann", "--gave", "--on", "tomorrowish", match="ISO date")
    fails("log", "church", "--with", "me", "--gave", match="not with yourself")
    fails("history", "--since", "2024-07-01", "--until", "2024-06-01", match="before")
    fails("history", "--person", "Nobody", match="no person")


def test_interaction_commands(ok: Callable[..., object], ok_json: Callable[..., object],
                              fails: Callable[..., object], church: None) -> None:
    logged = ok_json("log", "church", "--with", "Ann", "--gave", "--kind", "help",
                     "--on", "2024-05-04")
    assert ok_json("interaction", "show", logged["id"])["id"] == logged["id"]
    edited = ok_json("interaction", "edit", logged["id"], "--money", "-30", "--on",
                     "2023-01-01", "--not-invited")
    assert edited["value"]["money"] == -3000 and edited["when"].startswith("2023-01-01")
    assert "estimated" not in edited["meta"]
    assert ok_json("history", "--since", "2023-01-01", "--until", "2023-01-31")[0]["id"] == \
        logged["id"]
    fails("interaction", "edit", logged["id"], "--minutes", "-1", match="negative")
    fails("interaction", "show", "01nonexistent0000000000000", match="no interaction")
    assert ok_json("interaction", "delete", "--yes", logged["id"])["deleted"] == logged["id"]
    assert ok_json("history") == []
    fails("interaction", "delete", "--yes", logged["id"], match="no interaction")


def test_import_list_and_unknown_source(ok: Callable[..., object],
                                        fails: Callable[..., object]) -> None:
    listed = orjson.loads(ok("import", "--list", "--json").stdout)
    assert all({"name", "plugin", "help", "reads"} <= set(s) for s in listed)
    fails("import", "no-such-source", "x", match="unknown source")


def test_plugins_command(ok: Callable[..., object], ok_json: Callable[..., object]) -> None:
    listed = ok_json("plugins")
    names = {p["name"] for p in listed}
    assert {"kith", "social", "church", "association", "friends"} <= names
    assert all(set(p) == {"name", "version", "origin", "hooks", "error", "problems"}
               for p in listed)
    assert "register_network_kinds" in ok("plugins").stdout


def test_global_db_option_and_errors(ok: Callable[..., object], fails: Callable[..., object],
                                     tmp_path: Path) -> None:
    other = tmp_path / "other-db"
    fails("--db", str(other), "network", "add", "Chess", match="no database folder")
    ok("--db", str(other), "init")
    ok("--db", str(other), "network", "add", "Chess", "--kind", "other")
    assert (other / "kith.json").exists()
    file_db = tmp_path / "a-file"
    file_db.write_text("hello")
    fails("--db", str(file_db), "network", "list", match="is a file")
    garbage = tmp_path / "garbage"
    garbage.mkdir()
    (garbage / "kith.json").write_text("{not json")
    fails("--db", str(garbage), "person", "list", match="not valid JSON")


def test_help_does_not_import_textual_or_rich() -> None:
    code = ("import sys\n"
            "from kith.cli.main import build_cli\n"
            "cli = build_cli()\n"
            "try:\n"
            "    cli(['--help'], prog_name='kith')\n"
            "except SystemExit:\n"
            "    pass\n"
            "heavy = [m for m in ('textual', 'vobject', 'icalendar', 'openpyxl', 'rapidfuzz')\n"
            "         if m in sys.modules]\n"
            "print('HEAVY', heavy)\n")
    env = {**os.environ, "KITH_HOME": "/nonexistent/kith-test"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env=env, check=True)
    assert "HEAVY []" in result.stdout, result.stdout


def test_reading_and_failing_commands_create_no_database(ok: Callable[..., object],
                                                          fails: Callable[..., object],
                                                          kith_home: Path) -> None:
    ok("person", "list")
    ok("network", "list")
    ok("history")
    fails("log", "church", "--with", "Ann", "--gave", match="no network")
    assert not (kith_home / "kith.json").exists()  # no database in the folder it names
    ok("init")
    assert (kith_home / "kith.json").exists()
