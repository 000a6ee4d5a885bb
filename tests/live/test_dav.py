"""CardDAV and CalDAV against a real Radicale on 127.0.0.1, driven as a phone would."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import Result

from kith.persistence.store import Store
from tests.conftest import snapshot_db
from tests.live.conftest import written
from tests.live.servers import PASSWORD, USER, Radicale, card, event, free_port, radicale


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Radicale]:
    with radicale(tmp_path_factory.mktemp("radicale")) as running:
        yield running


@pytest.fixture
def dav(server: Radicale, friends: Callable[..., Result], request: pytest.FixtureRequest,
        tmp_path: Path) -> tuple[str, str]:
    """A fresh address book and calendar for each test, configured as sources."""
    suffix = request.node.name[-20:].replace("[", "").replace("]", "").lower()
    book, calendar = f"book-{suffix}", f"cal-{suffix}"
    server.make_collection(book, contacts=True)
    server.make_collection(calendar, contacts=False)
    secret = tmp_path / "secret"
    secret.write_text(PASSWORD + "\n")
    for name, collection, kind in (("phone", book, "carddav"), ("cal", calendar, "caldav")):
        result = friends("source", "add", name, "--kind", kind, "--url",
                         server.url(collection), "--username", USER, "--password-command",
                         f"cat {secret}", "--network", "Friends", "--me", "me@example.org")
        assert result.exit_code == 0, result.output
    return book, calendar


def names(home: Path) -> list[str]:
    return sorted(d["name"] for i, d in Store(home, create=False).people_docs().items()
                  if i != "me")


def test_first_pull_incremental_pull_and_a_change_on_the_phone(
        server: Radicale, dav: tuple[str, str], friends: Callable[..., Result],
        kith_home: Path) -> None:
    book, calendar = dav
    server.put(book, "ann.vcf", card("ann-1", "Ann Lee", "ann@example.org"))
    server.put(book, "bob.vcf", card("bob-1", "Bob Stone", "bob@example.org"))
    server.put(calendar, "lunch.ics", event("lunch-1", "20260610T120000Z", "Lunch",
                                            ("ann@example.org", "me@example.org")))
    result = friends("pull")
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(f"kith pull: connecting to {server.url(book)} (phone)")
    assert result.stdout.splitlines() == ["phone: read 2; 2 people added, 0 matched, "
                                          "0 changed", "cal: read 1; 1 suggestions, 0 updated"]
    assert names(kith_home) == ["Ann Lee", "Bob Stone"]
    before = written(kith_home)
    assert friends("pull").stdout == "phone: nothing new\ncal: nothing new\n"
    assert written(kith_home) == before
    server.put(book, "cyd%20moss.vcf", card("cyd-1", "Cyd Moss", "cyd@example.org"))
    server.put(calendar, "lunch.ics", event("lunch-1", "20260610T123000Z", "Long lunch",
                                            ("ann@example.org",), minutes=90))
    result = friends("pull")
    assert result.stdout.splitlines() == ["phone: read 1; 1 people added, 0 matched, "
                                          "0 changed", "cal: read 1; 1 suggestions, 0 updated"]
    assert names(kith_home) == ["Ann Lee", "Bob Stone", "Cyd Moss"]
    waiting = json.loads(friends("inbox", "--json").output)
    assert sorted((s["title"], s["minutes"]) for s in waiting) == [
        ("Long lunch", 90), ("Lunch", 60)]  # the moved event is a new occurrence
    server.delete(book, "bob.vcf")
    result = friends("pull", "phone")
    assert "deleted in the source, kept in kith: Bob Stone" in result.output
    assert "Bob Stone" in names(kith_home)


def test_a_card_kith_cannot_read_is_skipped_with_its_name(
        server: Radicale, dav: tuple[str, str], friends: Callable[..., Result],
        kith_home: Path) -> None:
    book, _ = dav
    server.put(book, "ann.vcf", card("ann-1", "Ann Lee", "ann@example.org"))
    server.put(book, "odd.vcf", card("odd-1", "Odd One", "odd@example.org",
                                     bday="not a date"))
    server.put(book, "long.vcf", card("long-1", "Long " + "x" * 300, "long@example.org"))
    result = friends("pull", "phone")
    assert result.exit_code == 0
    assert "skipped: phone/long.vcf: unreadable card: the card's name is longer " \
        "than 200 characters" in result.stdout
    assert names(kith_home) == ["Ann Lee", "Odd One"]  # an odd birthday costs the birthday
    assert friends("pull", "phone").stdout == "phone: nothing new\n"


def test_wrong_password_down_server_and_server_error_are_one_line_exit_2(
        server: Radicale, dav: tuple[str, str], friends: Callable[..., Result],
        kith_home: Path, tmp_path: Path) -> None:
    book, calendar = dav
    server.put(book, "ann.vcf", card("ann-1", "Ann Lee", "ann@example.org"))
    before = snapshot_db(kith_home)
    friends("source", "remove", "phone")
    friends("source", "add", "phone", "--kind", "carddav", "--url", server.url(book),
            "--username", USER, "--password-command", "echo wrong", "--network", "Friends")
    result = friends("pull", "phone")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        f"kith: error: {server.url(book)}: the server refused the credentials (HTTP 401); "
        "check username and password_command")
    down = f"http://127.0.0.1:{free_port()}/ann/contacts/"
    friends("source", "remove", "phone")
    friends("source", "add", "phone", "--kind", "carddav", "--url", down, "--network",
            "Friends")
    result = friends("pull", "phone")
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 2
    assert result.stderr.splitlines()[-1].startswith(
        f"kith: error: {down}: cannot reach the server")
    props = server.root / "storage" / "collection-root" / USER / calendar / ".Radicale.props"
    props.write_text("{not json")  # the server can no longer read its own collection
    result = friends("pull", "cal")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        f"kith: error: {server.url(calendar)}: the server answered HTTP 500 to PROPFIND")
    assert snapshot_db(kith_home) == before
