"""``kith source``: sources configured once, in the configuration file, never a password."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from tests.conftest import snapshot_db


def config(home: Path) -> dict:
    return tomllib.loads(Path(os.environ["KITH_CONFIG"]).read_text())


def test_add_list_remove_keep_the_users_own_lines(friends: Callable[..., Result],
                                                  tmp_path: Path, kith_home: Path) -> None:
    path = Path(os.environ["KITH_CONFIG"])
    path.write_text("# my settings\n[kith]\ncurrency = \"EUR\"\n")
    (tmp_path / "cards").mkdir()
    assert friends("source", "add", "phone", "--kind", "vdir-contacts", "--path",
                   tmp_path / "cards", "--network", "Friends").exit_code == 0
    result = friends("source", "add", "home", "--kind", "carddav", "--url",
                     "https://dav.example.org/ann/contacts/", "--username", "ann",
                     "--password-command", "pass show dav", "--network", "Friends")
    assert result.exit_code == 0, result.output
    assert config(kith_home)["sources"]["home"] == {
        "kind": "carddav", "url": "https://dav.example.org/ann/contacts/",
        "username": "ann", "password_command": "pass show dav", "network": "Friends"}
    listed = friends("source", "list").output
    assert "phone  vdir-contacts" in listed and "home  carddav" in listed
    assert friends("source", "remove", "phone").exit_code == 0
    text = path.read_text()
    assert text.startswith("# my settings\n[kith]\n") and "[sources.phone]" not in text
    assert list(config(kith_home)["sources"]) == ["home"]
    assert "password =" not in text


def test_a_source_missing_what_it_needs_is_refused_and_nothing_is_written(
        friends: Callable[..., Result]) -> None:
    for args, words in ((["--kind", "carddav"], "needs --url"),
                        (["--kind", "vdir-contacts", "--path", "."], "need --network"),
                        (["--kind", "imap", "--url", "imaps://mail.example.org"], "--me"),
                        (["--kind", "caldav", "--url", "ftp://x"], "must start with")):
        result = friends("source", "add", "bad", *args)
        assert result.exit_code == 2 and words in result.stderr, result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    assert not Path(os.environ["KITH_CONFIG"]).exists()
    result = friends("source", "add", "Bad Name", "--kind", "vdir-calendar", "--path", ".")
    assert result.exit_code == 2 and "source name" in result.stderr


def test_a_failing_password_command_is_one_line_and_the_database_is_unchanged(
        friends: Callable[..., Result], kith_home: Path) -> None:
    assert friends("source", "add", "home", "--kind", "caldav", "--url",
                   "http://127.0.0.1:9/ann/calendar/", "--username", "ann",
                   "--password-command", "false").exit_code == 0
    before = snapshot_db(kith_home)
    result = friends("pull")
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "kith pull: connecting to http://127.0.0.1:9/ann/calendar/ (home)",
        "kith: error: source home: password_command failed (exit 1); nothing was read"]
    assert snapshot_db(kith_home) == before
    friends("source", "remove", "home")
    friends("source", "add", "home", "--kind", "caldav", "--url",
            "http://127.0.0.1:9/ann/calendar/", "--password-command", "no-such-command-kith")
    result = friends("pull", "home")
    assert result.exit_code == 2 and "not found" in result.stderr
    assert snapshot_db(kith_home) == before


def test_pull_names_an_unknown_source(friends: Callable[..., Result]) -> None:
    result = friends("pull", "nothere")
    assert result.exit_code == 2 and "no source 'nothere'" in result.stderr


def test_a_password_put_in_a_url_is_never_shown(friends: Callable[..., Result]) -> None:
    from tests.live.servers import free_port

    url = f"http://ann:hunter2@127.0.0.1:{free_port()}/ann/book/"
    friends("source", "add", "book", "--kind", "carddav", "--url", url, "--network",
            "Friends")
    for result in (friends("source", "list"), friends("pull")):
        assert "hunter2" not in result.output and "ann@127.0.0.1" in result.output
