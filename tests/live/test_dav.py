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


def test_sync_collection_names_only_what_changed_since_the_token(
        server: Radicale, dav: tuple[str, str]) -> None:
    """RFC 6578 against Radicale: a first sync lists every item with the token to give
    next time; the next names only the changed and the deleted; a token the server does
    not know gets the whole collection again (marked complete), never an error."""
    from kith.live.dav import DavCollection

    book, _ = dav
    server.put(book, "ann.vcf", card("ann-1", "Ann Lee", "ann@example.org"))
    server.put(book, "bob.vcf", card("bob-1", "Bob Stone", "bob@example.org"))
    collection = DavCollection(server.url(book), username=USER, password=PASSWORD,
                               contacts=True)
    first = collection.changes(None)
    assert first is not None and first.complete and first.token
    assert {name.rsplit("/", 1)[-1] for name in first.versions} == {"ann.vcf", "bob.vcf"}
    assert first.versions == collection.listing()
    assert collection.changes(first.token) == type(first)(first.token, {}, [], False)
    server.put(book, "ann.vcf", card("ann-1", "Ann Lee-Moss", "ann@example.org"))
    server.delete(book, "bob.vcf")
    second = collection.changes(first.token)
    assert second is not None and not second.complete and second.token != first.token
    assert [name.rsplit("/", 1)[-1] for name in second.versions] == ["ann.vcf"]
    assert second.versions == collection.listing()
    assert [name.rsplit("/", 1)[-1] for name in second.deleted] == ["bob.vcf"]
    forgotten = collection.changes("http://radicale.org/ns/sync/" + "0" * 64)
    assert forgotten is not None and forgotten.complete
    assert forgotten.versions == collection.listing()


def test_a_pull_keeps_the_sync_token_and_reads_only_the_changed_card(
        server: Radicale, dav: tuple[str, str], friends: Callable[..., Result],
        kith_home: Path) -> None:
    book, _ = dav
    for n in range(5):
        server.put(book, f"p{n}.vcf", card(f"p-{n}", f"Person{n} Family", f"p{n}@x.org"))
    assert "read 5" in friends("pull", "phone").stdout
    state = Store(kith_home, create=False).live.state("phone")
    assert str(state["sync"]).startswith("http://radicale.org/ns/sync/")
    server.put(book, "p3.vcf", card("p-3", "Person3 Changed", "p3@x.org"))
    result = friends("pull", "phone")
    assert result.stdout.startswith("phone: read 1;"), result.output
    assert "Person3 Changed" in names(kith_home)
    assert Store(kith_home, create=False).live.state("phone")["sync"] != state["sync"]
