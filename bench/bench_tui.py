"""Benchmark for issue 8: the TUI over 10k people and 100k interactions (bench/generate.py).

- first paint: from creating the app (``make_app``) to the dashboard's cards on screen,
  driven by Pilot in a fresh process each run (so imports count, as they do for a user);
  target at most 1 s;
- a write by another process: from another store adding a person to the people table
  showing them (wall time, including the poll interval; and the CPU the refresh costs);
- a keystroke in the people filter: the CPU time from the key press to the table showing
  the new matches and the screen repainted (Pilot ``press`` + ``pause``). CPU time, not
  wall time, because Pilot's ``pause`` also sleeps waiting for Textual's refresh timer,
  which is not work a user waits for beyond one frame. Target at most 50 ms. Median over
  every keystroke of a few words, scale printed.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

# What an installed kith costs: pip compiles kith's bytecode at install, so a shell that
# sets PYTHONDONTWRITEBYTECODE would make every run compile kith anew and time that
# instead (about 100 ms a command on this machine). The first run writes the bytecode.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

sys.path.insert(0, str(Path(__file__).resolve().parent))

RUNS = 5
CHILD = """
import asyncio, sys, time
started = time.perf_counter()
from kith.tui import make_app
from kith.services.context import KithApp
from pathlib import Path

async def main():
    app = make_app(KithApp(Path(sys.argv[1])), blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.query("NetworkCard")
        print(time.perf_counter() - started)

asyncio.run(main())
"""


def first_paint(home: Path) -> float:
    samples = []
    for _ in range(RUNS):
        out = subprocess.run([sys.executable, "-c", CHILD, str(home)], check=True,
                             capture_output=True, text=True).stdout
        samples.append(float(out.strip().splitlines()[-1]))
    return statistics.median(samples)


def keystrokes(home: Path) -> tuple[float, float, int]:
    from kith.services.context import KithApp
    from kith.tui import make_app

    timings: list[float] = []
    rows = 0

    async def main() -> None:
        nonlocal rows
        app = make_app(KithApp(home), blink=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("p", "f")
            await pilot.pause()
            for word in ("rosa ad", "design", "mast"):
                for key in word:
                    started = time.process_time()
                    await pilot.press(key if key != " " else "space")
                    await pilot.pause()
                    timings.append(time.process_time() - started)
                for _ in word:
                    await pilot.press("backspace")
                await pilot.pause()
            rows = len(app.query_one("PeoplePane").rows)

    asyncio.run(main())
    return statistics.median(timings), max(timings), rows


def external_write(home: Path) -> tuple[float, float]:
    """A person added by another store (as another ``kith`` process would) until the
    people table shows them: wall time including the poll interval, and the CPU time of
    the refresh itself. Runs on a copy, so the cached data set stays as generated."""
    import shutil
    import tempfile

    from kith.core.model import Person
    from kith.persistence.store import Store
    from kith.services.context import KithApp
    from kith.tui import make_app

    result: list[float] = []

    async def main(copy: Path) -> None:
        app = make_app(KithApp(copy), blink=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("p")
            await pilot.pause()
            pane = app.query_one("PeoplePane")
            cpu = time.process_time()
            started = time.perf_counter()
            Store(copy).add_person(Person.create("Zed External"))
            while not any(r.name == "Zed External" for r in pane.rows):
                await pilot.pause(0.02)
            result.extend([time.perf_counter() - started, time.process_time() - cpu])

    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "db"
        shutil.copytree(home, copy)
        asyncio.run(main(copy))
    return result[0], result[1]


def main() -> None:
    from generate import dataset

    home = dataset(100_000)
    paint = first_paint(home)
    median, worst, people = keystrokes(home)
    wall, cpu = external_write(home)
    print(f"TUI, {people:,} people, 100,000 interactions")
    print(f"  first paint (fresh process, imports included)  {paint * 1000:6.0f} ms  "
          f"target <= 1000 ms  (median of {RUNS})")
    print(f"  people filter keystroke                        {median * 1000:6.1f} ms  "
          f"target <= 50 ms  (CPU, median; worst {worst * 1000:.1f} ms)")
    print(f"  write by another process, until shown           {wall * 1000:6.0f} ms  "
          f"(wall, polled every 1.5 s; CPU {cpu * 1000:.0f} ms)")


if __name__ == "__main__":
    main()
