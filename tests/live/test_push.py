"""Contacts both ways: what changed in kith is written back as a valid vCard that keeps
the phone's own properties; a card changed on both sides is never overwritten."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import vobject
from click.testing import Result

from tests.live.servers import PASSWORD, USER, Radicale, card, radicale

PHONE_CARD = card("ann-1", "Ann Lee", "ann@example.org", adr=";;1 Main St;Lyon;;;FR",
                  **{"x-phonetic-first-name": "An"})


def parsed(text: bytes | str) -> object:
    return vobject.readOne(text.decode() if isinstance(text, bytes) else text)


@pytest.fixture
def book(friends: Callable[..., Result], tmp_path: Path) -> Path:
    folder = tmp_path / "contacts"
    folder.mkdir()
    (folder / "ann.vcf").write_text(PHONE_CARD)
    friends("source", "add", "phone", "--kind", "vdir-contacts", "--path", folder,
            "--network", "Friends")
    assert friends("pull").exit_code == 0
    return folder


def test_a_change_in_kith_is_written_back_keeping_the_phones_properties(
        book: Path, friends: Callable[..., Result]) -> None:
    assert friends("push").stdout == "phone: nothing to write back\n"
    assert friends("person", "edit", "Ann Lee", "--add-email", "ann@work.example",
                   "--birthday", "1990-04-02").exit_code == 0
    result = friends("push")
    assert result.stdout == "phone: wrote back 1: Ann Lee\n", result.output
    written = parsed((book / "ann.vcf").read_bytes())
    contents = written.contents  # type: ignore[attr-defined]
    assert sorted(e.value for e in contents["email"]) == ["ann@example.org",
                                                           "ann@work.example"]
    assert contents["bday"][0].value == "1990-04-02"
    assert contents["uid"][0].value == "ann-1"
    assert "1 Main St" in str(contents["adr"][0].value)
    assert contents["x-phonetic-first-name"][0].value == "An"
    assert friends("pull").stdout == "phone: nothing new\n"
    assert friends("push").stdout == "phone: nothing to write back\n"


def test_a_card_changed_on_both_sides_is_not_overwritten_and_two_way_settles_it(
        book: Path, friends: Callable[..., Result]) -> None:
    friends("person", "edit", "Ann Lee", "--add-email", "ann@work.example")
    path = book / "ann.vcf"
    path.write_text(PHONE_CARD.replace("FN:Ann Lee", "FN:Ann Lee-Park"))
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    result = friends("push")
    assert "not written: Ann Lee: changed in the address book since the last pull; run " \
        "`kith pull` first" in result.stdout
    assert "ann@work.example" not in path.read_text()
    result = friends("pull", "--two-way")
    assert result.exit_code == 0, result.output
    assert "phone: wrote back 1: Ann Lee-Park" in result.stdout
    text = path.read_text()
    assert "FN:Ann Lee-Park" in text and "ann@work.example" in text


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Radicale]:
    with radicale(tmp_path_factory.mktemp("radicale-push")) as running:
        yield running


def test_push_to_carddav_uses_if_match(server: Radicale, friends: Callable[..., Result],
                                       tmp_path: Path) -> None:
    server.make_collection("book", contacts=True)
    server.put("book", "ann.vcf", PHONE_CARD)
    secret = tmp_path / "secret"
    secret.write_text(PASSWORD)
    friends("source", "add", "phone", "--kind", "carddav", "--url", server.url("book"),
            "--username", USER, "--password-command", f"cat {secret}", "--network",
            "Friends")
    assert friends("pull").exit_code == 0
    friends("person", "edit", "Ann Lee", "--add-email", "ann@work.example")
    result = friends("push")
    assert result.stdout == "phone: wrote back 1: Ann Lee\n", result.output
    assert result.stderr == f"kith push: connecting to {server.url('book')} (phone)\n"
    on_server = parsed(server.get("book", "ann.vcf")).contents  # type: ignore[attr-defined]
    assert sorted(e.value for e in on_server["email"]) == ["ann@example.org",
                                                            "ann@work.example"]
    assert friends("pull").stdout == "phone: nothing new\n"
    friends("person", "edit", "Ann Lee", "--birthday", "1990-04-02")
    server.put("book", "ann.vcf", PHONE_CARD.replace("FN:Ann Lee", "FN:Ann L."))
    result = friends("push")
    assert "changed in the address book since the last pull" in result.stdout
    assert b"BDAY" not in server.get("book", "ann.vcf")
