"""Make the README's screenshots with the app's own screenshot support, from the demo data.

Usage: ``python docs/screenshots.py`` (or ``make screenshots``); writes SVGs into
docs/screenshots/. The demo is built in a throwaway folder with a fixed date (and zone,
UTC) so the pictures only change when the app does. A calendar of a few events with demo
people is pulled as a live source (``kith source add``, ``kith pull``, the clock set to
the same day), so the Inbox tab (key 0) has suggestions to show.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from unittest import mock

from click.testing import CliRunner

from kith.cli.main import build_cli
from kith.core import clock
from kith.persistence.store import Store
from kith.plugins.manager import load_plugins
from kith.services.context import KithApp
from kith.services.demo import build
from kith.tui import make_app

OUT = Path(__file__).parent / "screenshots"
TODAY = date(2026, 6, 15)
SHOTS = [("dashboard", []), ("people", ["p", *"st mary"]), ("introductions", ["o"]),
         ("reminders", ["r"]), ("inbox", ["0"]), ("log", ["l"])]
EVENTS = [  # uid, start (UTC), minutes, summary, attendees
    ("coffee", "20260609T083000Z", 45, "Coffee with Dana", ["dana@haddad.co"]),
    ("crit", "20260611T170000Z", 90, "Portfolio crit", ["ana@okafor.studio", "chen@wei.dev"]),
    ("talk", "20260613T180000Z", 120, "Guild talk rehearsal",
     ["ben@carter.io", "eli@talentbridge.com"]),
]


def calendar(folder: Path) -> Path:
    """A vdir calendar (one ``.ics`` file per event) of ``EVENTS``."""
    folder.mkdir()
    for uid, start, minutes, summary, attendees in EVENTS:
        begins = datetime.strptime(start, "%Y%m%dT%H%M%SZ")
        ends = (begins + timedelta(minutes=minutes)).strftime("%Y%m%dT%H%M%SZ")
        lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//kith screenshots//EN",
                 "BEGIN:VEVENT", f"UID:{uid}", f"DTSTAMP:{start}", f"DTSTART:{start}",
                 f"DTEND:{ends}", f"SUMMARY:{summary}",
                 *(f"ATTENDEE;CN={a.split('@')[0]}:mailto:{a}" for a in attendees),
                 "END:VEVENT", "END:VCALENDAR", ""]
        (folder / f"{uid}.ics").write_text("\r\n".join(lines), encoding="utf-8")
    return folder


def pull_calendar(home: Path, config: Path, folder: Path) -> None:
    """``kith source add`` and ``kith pull`` as of ``TODAY``: suggestions for the Inbox."""
    env = {"KITH_HOME": str(home), "KITH_CONFIG": str(config)}
    noon = datetime(TODAY.year, TODAY.month, TODAY.day, 12, tzinfo=UTC)
    with mock.patch.object(clock, "now", lambda: noon):
        for args in (["source", "add", "calendar", "--kind", "vdir-calendar", "--path",
                      str(calendar(folder)), "--network", "design-guild"], ["pull"]):
            result = CliRunner().invoke(build_cli(), args, env=env)
            if result.exit_code != 0:
                raise SystemExit(f"kith {' '.join(args)}: {result.output}")


async def shoot(home: Path, name: str, keys: list[str]) -> None:
    app = make_app(KithApp(home), today=TODAY, blink=False)
    async with app.run_test(size=(100, 32)) as pilot:
        app.sub_title = "demo"
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause(0.2)
        app.save_screenshot(str(OUT / f"{name}.svg"))


def main() -> None:
    os.environ["TZ"] = "UTC"  # times are shown in the local zone: the same on every machine
    time.tzset()
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder) / "demo"
        config = Path(folder) / "config.toml"
        build(Store(home, plugins=load_plugins()), today=TODAY)
        pull_calendar(home, config, Path(folder) / "calendar")
        os.environ["KITH_CONFIG"] = str(config)  # the app reads the source from it
        for name, keys in SHOTS:
            asyncio.run(shoot(home, name, keys))
            print(OUT / f"{name}.svg")


if __name__ == "__main__":
    main()
