"""kith-mbox's own tests: run them with the package installed (``pip install .``).

They use kith's real CLI and a real database in a temporary folder, as kith's own tests do,
through ``kith.api.testing``: a ``Sandbox`` with this plugin registered beside kith's defaults.
"""

from __future__ import annotations

import asyncio
import tracemalloc
from datetime import UTC, datetime, timedelta
from pathlib import Path

import kith_mbox
import pytest
from kith_mbox.panel import EmailPanel
from kith_mbox.reader import read_mbox
from kith_mbox.source import parse

from kith.api import ImportContext
from kith.api.testing import Sandbox

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def kith(tmp_path: Path) -> Sandbox:
    """A temporary kith (database in ``tmp_path/db``) with this plugin registered."""
    return Sandbox(tmp_path, ("mbox", kith_mbox))


def test_reader_splits_messages_and_keeps_escaped_from_lines() -> None:
    mails = list(read_mbox(FIXTURES / "personal.mbox"))
    assert [m.number for m in mails] == [1, 2, 3, 4, 5, 6]
    first = mails[0]
    assert first.sender == ("Ana Okafór", "ana@example.org")  # RFC 2047 name decoded
    assert "From the look of it" in first.body  # not a new message: no blank line before
    assert "From what you said" in mails[1].body  # ">From " unescaped
    assert mails[1].sender[1] == "sam@example.com"  # addresses lower-cased
    assert {a for _, a in mails[1].recipients} == {"ana@example.org", "ben@example.net",
                                                   "chen@example.com"}
    assert mails[0].thread == mails[1].thread == mails[2].thread == "a1@mail.example.org"
    assert mails[4].when is None and mails[5].when is None


def test_list_archive_addresses_are_deobfuscated_and_the_list_is_not_a_person() -> None:
    mails = list(read_mbox(FIXTURES / "list-archive.mbox"))
    assert [m.sender for m in mails] == [("Alice Liddell", "alice@example.org"),
                                         ("Bob Marley", "bob@example.net"),
                                         ("Sam Doe", "sam@example.com")]
    assert "pydata@lists.example.org" in mails[0].list_addresses
    batch = parse(FIXTURES / "list-archive.mbox", ImportContext(options={
        "me": ["sam@example.com"]}))
    assert sorted(p.ref for p in batch.people) == ["alice@example.org", "bob@example.net"]


def test_thread_days_with_direction_from_who_wrote_first() -> None:
    batch = parse(FIXTURES / "personal.mbox", ImportContext())  # me inferred: sam
    days = {(r.meta["conversation"], r.when.date().isoformat()): r for r in batch.interactions}
    asked = days[("a1@mail.example.org", "2024-03-05")]
    # Ana asked for help and Sam answered: help given, invited
    assert (asked.direction, asked.kind, asked.invited) == ("gave", "help", True)
    assert set(asked.people) == {"ana@example.org", "ben@example.net", "chen@example.com"}
    later = days[("a1@mail.example.org", "2024-03-06")]
    assert later.direction == "received" and later.meta["messages"] == 1
    dinner = days[("b1@example.com", "2024-03-08")]
    assert (dinner.direction, dinner.people) == ("gave", ["dana@example.org"])
    assert len(batch.interactions) == 3
    assert len(batch.skipped) == 2 and "line 48" in batch.skipped[0]


def test_import_and_reimport_through_kith(kith: Sandbox) -> None:
    mbox = FIXTURES / "personal.mbox"
    summary = kith.json("import", "mbox", mbox, "--create-network", "other")
    assert (summary["interactions_added"], summary["people_added"]) == (3, 4)
    again = kith.json("import", "mbox", mbox, "--create-network", "other")
    assert again["interactions_added"] == 0
    store = kith.open_store()
    ana = store.find_person("ana@example.org")
    assert ana.name == "Ana Okafór"
    assert len(list(store.interactions(person=ana.id))) == 2
    assert kith.problems == []


def test_bad_files_are_one_clear_line_and_change_nothing(kith: Sandbox) -> None:
    # exit code 2, one line, no traceback, the database as before (here: still none)
    err = kith.fails("import", "mbox", FIXTURES / "not-mbox.txt", match="not-mbox.txt").stderr
    assert "line 1" in err and not kith.home.exists()
    kith.fails("import", "mbox", FIXTURES / "list-archive.mbox", match="--me")
    # nobody is in most messages of a list archive


def test_stats_command(kith: Sandbox) -> None:
    data = kith.json("mbox", "stats", FIXTURES / "personal.mbox")
    assert (data["messages"], data["threads"], data["thread_days"]) == (6, 4, 3)
    assert data["top_senders"][0] == {"address": "sam@example.com", "name": "Sam Doe",
                                      "messages": 2}
    out = kith.ok("mbox", "stats", FIXTURES / "personal.mbox").stdout
    assert out.startswith("6 messages in 4 threads")
    kith.ok("mbox", "stats", "--help")
    kith.fails("mbox", "stats", FIXTURES / "missing.mbox", match="missing.mbox")
    kith.fails("mbox", "stats", FIXTURES / "not-mbox.txt", match="not an mbox")
    assert not kith.home.exists()  # stats writes nothing


def test_the_panel_counts_imported_mail(kith: Sandbox) -> None:
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    kith.ok("import", "mbox", FIXTURES / "personal.mbox", "--create-network", "other")
    context = kith.panel_context()

    class Host(App[None]):
        def compose(self) -> ComposeResult:
            yield EmailPanel(context)

    async def drive() -> str:
        app = Host()
        async with app.run_test() as pilot:
            await pilot.pause()
            return str(app.query_one("#email-summary", Static).render())

    assert asyncio.run(drive()) == "3 email thread-days imported"


def test_a_large_mbox_is_read_in_constant_memory(tmp_path: Path) -> None:
    path = tmp_path / "big.mbox"
    start = datetime(2020, 1, 1, tzinfo=UTC)
    with path.open("w") as out:
        for n in range(5_000):
            when = start + timedelta(hours=n)
            out.write(f"From x@example.org {when:%a %b %d %H:%M:%S %Y}\n"
                      f"From: Person {n % 50} <p{n % 50}@example.org>\n"
                      f"To: me@example.com\nDate: {when:%a, %d %b %Y %H:%M:%S +0000}\n"
                      f"Message-ID: <{n}@example.org>\nSubject: note {n}\n\n"
                      + "body line\n" * 50 + "\n")
    tracemalloc.start()
    count = sum(1 for _ in read_mbox(path))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count == 5_000
    assert peak < 2_000_000, f"peak {peak} bytes for a {path.stat().st_size} byte file"
