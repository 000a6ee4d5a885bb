"""Make the README's screenshots with the app's own screenshot support, from the demo data.

Usage: ``python docs/screenshots.py`` (or ``make screenshots``); writes SVGs into
docs/screenshots/. The demo is built in a throwaway folder with a fixed date so the
pictures only change when the app does.
"""

from __future__ import annotations

import asyncio
import tempfile
from datetime import date
from pathlib import Path

from kith.persistence.store import Store
from kith.plugins.manager import load_plugins
from kith.services.context import KithApp
from kith.services.demo import build
from kith.tui import make_app

OUT = Path(__file__).parent / "screenshots"
SHOTS = [("dashboard", []), ("people", ["p", *"st mary"]), ("introductions", ["o"]),
         ("reminders", ["r"]), ("log", ["l"])]


async def shoot(home: Path, name: str, keys: list[str]) -> None:
    app = make_app(KithApp(home), today=date(2026, 6, 15), blink=False)
    async with app.run_test(size=(100, 32)) as pilot:
        app.sub_title = "demo"
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause(0.2)
        app.save_screenshot(str(OUT / f"{name}.svg"))


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder) / "demo"
        build(Store(home, plugins=load_plugins()), today=date(2026, 6, 15))
        for name, keys in SHOTS:
            asyncio.run(shoot(home, name, keys))
            print(OUT / f"{name}.svg")


if __name__ == "__main__":
    main()
