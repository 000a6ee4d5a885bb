"""Mail from headers only: a Maildir (stdlib) and a real Dovecot IMAP server on 127.0.0.1.

The story (clock at 15 June 2026, the source's first pull looks 60 days back): Ann, whom
kith knows, writes first asking for advice and the user answers (invited, shared); the
user writes first to Bob, whom they never wrote to before (pitched); later the user
writes to Ann again, having written to her before (gave, no initiative); a mailing list
and a stranger are no one's conversation; a message from March only teaches kith whom
the user had written to.
"""

from __future__ import annotations

import json
import mailbox
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import Result

from tests.conftest import snapshot_db
from tests.live.conftest import written
from tests.live.servers import Dovecot, dovecot, dovecot_missing, free_port, mail

ME = "me@example.org"
STORY = [
    mail("Cy <cy@example.org>", ME, "Lunch?", "Mon, 02 Mar 2026 09:00:00 +0000", "old@x"),
    mail(f"Me <{ME}>", "Cy <cy@example.org>", "Re: Lunch?", "Mon, 02 Mar 2026 10:00:00 +0000",
         "old2@x", reply_to="old@x"),
    mail("Ann Lee <ann@example.org>", ME, "Could you recommend a plumber?",
         "Mon, 01 Jun 2026 09:00:00 +0000", "a1@x"),
    mail(f"Me <{ME}>", "ann@example.org", "Re: Could you recommend a plumber?",
         "Mon, 01 Jun 2026 11:00:00 +0000", "a2@x", reply_to="a1@x"),
    mail(f"Me <{ME}>", "Bob Stone <bob@example.org>", "My new consulting offer",
         "Tue, 02 Jun 2026 08:00:00 +0000", "b1@x"),
    mail(f"Me <{ME}>", "ann@example.org", "Photos from Sunday",
         "Wed, 03 Jun 2026 08:00:00 +0000", "a3@x"),
    mail("list@lists.example.org", "list@lists.example.org", "Weekly digest",
         "Thu, 04 Jun 2026 08:00:00 +0000", "l1@x"),
    mail("Stranger <x@elsewhere.org>", ME, "Hello?", "Thu, 04 Jun 2026 09:00:00 +0000",
         "s1@x"),
]


@pytest.fixture
def known(friends: Callable[..., Result]) -> Callable[..., Result]:
    for name, address in (("Ann Lee", "ann@example.org"), ("Bob Stone", "bob@example.org"),
                          ("Cy Moss", "cy@example.org")):
        assert friends("person", "add", name, "--email", address, "--network",
                       "Friends").exit_code == 0
    return friends


def conversations(run: Callable[..., Result]) -> list[tuple[str, str, str | None]]:
    return [(s["title"], s["direction"], s["initiative"])
            for s in json.loads(run("inbox", "--json").output)]


EXPECTED = [("Could you recommend a plumber?", "shared", "invited"),
            ("My new consulting offer", "gave", "pitched"),
            ("Photos from Sunday", "gave", None)]


def test_a_maildir_tells_who_started_each_conversation(known: Callable[..., Result],
                                                       tmp_path: Path, kith_home: Path
                                                       ) -> None:
    box = mailbox.Maildir(tmp_path / "Mail", create=True)
    for message in STORY:
        box.add(message)
    assert known("source", "add", "mail", "--kind", "maildir", "--path", tmp_path / "Mail",
                 "--me", ME, "--network", "Friends").exit_code == 0
    result = known("pull", "mail")
    assert result.stdout.splitlines()[0] == "mail: read 8; 3 suggestions, 0 updated"
    assert conversations(known) == EXPECTED
    before = written(kith_home)
    assert known("pull").stdout == "mail: nothing new\n"
    assert written(kith_home) == before
    box.add(mail("Bob Stone <bob@example.org>", ME, "Re: My new consulting offer",
                 "Fri, 05 Jun 2026 08:00:00 +0000", "b2@x", reply_to="b1@x"))
    assert known("pull").stdout.splitlines()[0] == "mail: read 1; 1 suggestions, 0 updated"
    assert conversations(known)[-1] == ("Re: My new consulting offer", "received", None)


@pytest.fixture(scope="module")
def imap() -> Iterator[Dovecot]:
    missing = dovecot_missing()
    if missing:
        pytest.skip(missing)
    with dovecot() as server:
        for message in STORY:
            server.append(message)
        yield server


def test_imap_reads_headers_incrementally_by_uid(imap: Dovecot, known: Callable[..., Result],
                                                 tmp_path: Path, kith_home: Path) -> None:
    secret = tmp_path / "secret"
    secret.write_text("s3cret\n")
    assert known("source", "add", "work", "--kind", "imap", "--url", imap.url, "--username",
                 "ann", "--password-command", f"cat {secret}", "--me", ME, "--network",
                 "Friends").exit_code == 0
    result = known("pull", "work")
    assert result.exit_code == 0, result.output
    assert result.stderr == f"kith pull: connecting to {imap.url} (work)\n"
    assert result.stdout.splitlines()[0] == "work: read 8; 3 suggestions, 0 updated"
    assert conversations(known) == EXPECTED
    before = written(kith_home)
    assert known("pull", "work").stdout == "work: nothing new\n"
    assert written(kith_home) == before
    imap.append(mail("Cy Moss <cy@example.org>", ME, "Can you help me move on Saturday?",
                     "Sat, 06 Jun 2026 08:00:00 +0000", "c9@x"))
    assert known("pull", "work").stdout.splitlines()[0] == (
        "work: read 1; 1 suggestions, 0 updated")
    assert conversations(known)[-1] == ("Can you help me move on Saturday?", "received",
                                        "invited")


def test_imap_refusals_are_one_line_and_change_nothing(imap: Dovecot,
                                                       known: Callable[..., Result],
                                                       kith_home: Path) -> None:
    before = snapshot_db(kith_home)
    known("source", "add", "work", "--kind", "imap", "--url", imap.url, "--username", "ann",
          "--password-command", "echo wrong", "--me", ME)
    result = known("pull", "work")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        f"kith: error: {imap.url}: the server refused the login; check username and "
        "password_command")
    down = f"imap://127.0.0.1:{free_port()}"
    known("source", "add", "down", "--kind", "imap", "--url", down, "--me", ME)
    result = known("pull", "down")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].startswith(f"kith: error: {down}: cannot reach")
    assert snapshot_db(kith_home) == before
