"""The TUI under writes by other processes at any moment (issue 31).

Another process records interactions as fast as it can while the app polls the disk
every 50 ms and the user switches tabs and opens a person's page. The app must stay up
(two overlapping refreshes once mounted the same widget twice and it died of
``DuplicateIds``), and once the writer stops it must show what is on disk. The quick
profile writes for a few seconds; ``KITH_FULL_TESTS=1`` for two minutes.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from kith.domain.ledger import assess
from kith.persistence.store import Store
from kith.tui.dashboard import Dashboard, NetworkCard
from tests.tui.test_tui import TODAY, drive, tui

pytestmark = pytest.mark.usefixtures("first_party_plugins_only")

SECONDS = 120.0 if os.environ.get("KITH_FULL_TESTS") == "1" else 4.0

WRITER = """
import sys, time
from datetime import datetime
from kith.core.model import Interaction, Value
from kith.persistence.store import Store
store = Store(sys.argv[1])
people = [p.id for p in store.people() if p.id != "me"][:5]
until = time.monotonic() + float(sys.argv[2])
count = 0
while time.monotonic() < until:
    with store.transaction():
        store.record(Interaction.create(
            when=datetime(2026, 5, 1 + count % 28, 9, 0).astimezone(), network="linkedin",
            people=[people[count % len(people)]], direction="received", kind="message",
            value=Value(money=100)))
    count += 1
print(count)
"""


def test_the_app_survives_another_process_writing_non_stop(demo_home: Path) -> None:
    app = tui(demo_home)
    app.poll_seconds = 0.05
    written: list[int] = []

    async def steps(pilot: Any) -> None:
        writer = subprocess.Popen([sys.executable, "-c", WRITER, str(demo_home), str(SECONDS)],
                                  stdout=subprocess.PIPE, text=True)
        keys = ["p", "d", "r", "d", "i", "d"]
        turn = 0
        while writer.poll() is None:
            await pilot.press(keys[turn % len(keys)])
            await pilot.pause(0.05)
            turn += 1
        out, _ = writer.communicate()
        written.append(int(out))
        await pilot.press("d")
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        await app.query_one(Dashboard).refresh_data()  # what the next poll would do
        await pilot.pause()
        linkedin = next(c for c in app.query(NetworkCard)
                        if c.assessment.network.name == "LinkedIn")
        on_disk = next(a for a in assess(Store(demo_home), today=TODAY,
                                         window=app.query_one(Dashboard).window)
                       if a.network.name == "LinkedIn")
        assert linkedin.assessment.received.money == on_disk.received.money
        assert app.is_running

    drive(app, steps)
    assert written and written[0] > 5  # the writer really wrote meanwhile


def test_the_assessment_is_computed_off_the_event_loop(demo_home: Path) -> None:
    """A key press is handled while the dashboard assesses: the assessment waits in its
    thread until the key press has been handled (on the event loop it would wait for
    ever: the key press could not be handled, and the wait times out)."""
    app = tui(demo_home)
    order: list[str] = []
    key_handled = threading.Event()
    real = Dashboard._assess

    def waiting_assess(self: Dashboard) -> Any:
        order.append("assessing in " + threading.current_thread().name)
        key_handled.wait(30)
        order.append("assessed")
        return real(self)

    async def steps(pilot: Any) -> None:
        dashboard = app.query_one(Dashboard)
        Dashboard._assess = waiting_assess  # type: ignore[method-assign]
        try:
            refresh = asyncio.create_task(dashboard.refresh_data())
            await pilot.pause(0.05)
            await pilot.press("p")
            order.append(f"key handled: {app.query_one('#tabs').active}")
            key_handled.set()
            await refresh
        finally:
            Dashboard._assess = real  # type: ignore[method-assign]

    drive(app, steps)
    assert order[0].startswith("assessing in ") and "MainThread" not in order[0]
    assert order[1:] == ["key handled: people", "assessed"]


def test_refreshes_asked_for_at_once_do_not_overlap(demo_home: Path) -> None:
    app = tui(demo_home)

    async def steps(pilot: Any) -> None:
        dashboard = app.query_one(Dashboard)
        await asyncio.gather(*(dashboard.refresh_data() for _ in range(5)))
        await pilot.pause()
        assert len(dashboard.query("#glance")) == 1
        assert len(list(dashboard.query(NetworkCard))) == len(dashboard.assessments)

    drive(app, steps)
