"""The parity harness: the same input through the CLI and through the TUI gives the same
database and the same refusal.

One harness for every use case:

- ``twins``: two databases with the same bytes (the demo's, or any database built for a
  test, copied by ``twins_of``); the CLI runs on ``cli_home``, the TUI on ``tui_home``;
- ``cli_run`` / ``cli_ok`` run ``kith --db HOME ...`` through the real command tree (never a
  traceback); ``cli_refusal`` takes the one line a refused command printed (exit code 2,
  the database untouched);
- ``tui_drive`` runs the TUI as ``kith tui`` builds it and awaits ``steps(app, pilot)``;
  ``tui_keys`` / ``tui_page`` open what a form needs; ``tui_form`` fills a form by widget
  id, presses Ctrl+S, and returns None when it saved and closed, else its refusal (the
  database untouched);
- ``records`` / ``assert_same_databases`` compare the databases record by record once what
  legitimately differs between two runs is normalised: the merge stamps (``modified``,
  ``device``, ``_base``, ``_fields``, the tombstones' stamps), the ids made during the run
  (numbered ``<new-1>``... in time order: ULIDs) and the moments those records were made;
- ``same_refusal`` compares two refusals as the message alone: each face prefixes its own
  way (``kith: error: ``, ``field: ``), the CLI names options (``--on``) where the TUI names
  fields (``on``), and the TUI drops pointers to CLI commands (``kith.tui.widgets.plain``).
"""

from __future__ import annotations

import asyncio
import re
import shutil
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import orjson
import pytest
from click.testing import CliRunner, Result

from kith.cli.main import build_cli
from kith.persistence.stamps import STAMP_KEYS, TOMBSTONES
from kith.services.context import KithApp
from kith.tui import make_app
from kith.tui.widgets import plain
from tests.conftest import snapshot_db
from tests.tui.test_tui import TODAY, fill, text

CLI_ERROR = "kith: error: "
MOMENTS = frozenset({"created", "done"})
"""Fields that hold when a record was written: they differ between two runs."""


@dataclass(frozen=True)
class Twins:
    """Two databases built identically: one for each face."""

    cli_home: Path
    tui_home: Path
    base_ids: frozenset[str]
    """Every record id of the database as built (the ids not made during the run)."""
    base: dict[str, Any]
    """The records as built, before either face ran."""


def twins_of(home: Path, copy: Path) -> Twins:
    """``home`` as built, and ``copy``, a byte-for-byte copy of it, for the other face."""
    shutil.copytree(home, copy)
    ids = frozenset(_ids(_documents(home)))
    return Twins(home, copy, ids, records(home, ids))


@pytest.fixture
def twins(demo_home: Path, tmp_path: Path, first_party_plugins_only: None) -> Twins:
    """The demo database twice, byte for byte."""
    return twins_of(demo_home, tmp_path / "tui-db")


# the CLI --------------------------------------------------------------------------------

def cli_run(home: Path, *args: str) -> Result:
    """``kith --db HOME ARGS...`` through the real command tree; never a traceback."""
    result = CliRunner().invoke(build_cli(), ["--db", str(home), *map(str, args)])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def cli_ok(home: Path, *args: str) -> Result:
    result = cli_run(home, *args)
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result


def cli_refusal(home: Path, *args: str) -> str:
    """The refusal of ``kith ARGS``: exit code 2, one line, the database untouched."""
    before = snapshot_db(home)
    result = cli_run(home, *args)
    assert result.exit_code == 2, (result.exit_code, result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(CLI_ERROR), result.stderr
    assert snapshot_db(home) == before, "a refused command changed the database"
    return lines[0].removeprefix(CLI_ERROR)


# the TUI --------------------------------------------------------------------------------

Steps = Callable[[Any, Any], Awaitable[None]]


def tui_drive(home: Path, steps: Steps, *, size: tuple[int, int] = (100, 40),
              today: date = TODAY) -> None:
    """Run the TUI on ``home`` (as ``kith tui`` builds it) and ``await steps(app, pilot)``."""
    app = make_app(KithApp(home), today=today, blink=False)

    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await steps(app, pilot)

    asyncio.run(main())


async def settle(pilot: Any) -> None:
    await pilot.pause()
    await pilot.pause()


def tui_keys(*keys: str) -> Steps:
    """Steps that press ``keys`` (e.g. ``l`` opens the log form)."""
    async def press(app: Any, pilot: Any) -> None:
        await pilot.press(*keys)
        await settle(pilot)

    return press


def tui_page(name: str, key: str) -> Steps:
    """Steps that find ``name`` in the people table, open the page and press ``key``."""
    return tui_keys("p", *name, "enter", "enter", key)  # People opens at its filter


def tui_form(home: Path, open_form: Steps, form: type, fields: dict[str, Any], *,
             error_id: str = "form-error", today: date = TODAY) -> str | None:
    """Open a form, fill ``fields`` (by widget id), press Ctrl+S. None when it saved and
    closed; else its refusal without the ``field: `` prefix (the database untouched)."""
    before = snapshot_db(home)
    refusal: list[str] = []

    async def steps(app: Any, pilot: Any) -> None:
        await open_form(app, pilot)
        assert isinstance(app.screen, form), app.screen
        fill(app.screen, **fields)
        await pilot.press("ctrl+s")
        await settle(pilot)
        if isinstance(app.screen, form):
            refusal.append(text(app.screen.query_one(f"#{error_id}")))
            await pilot.press("escape")
            await pilot.pause()

    tui_drive(home, steps, today=today)
    if not refusal:
        return None
    assert snapshot_db(home) == before, "a refused form changed the database"
    field, _, message = refusal[0].partition(": ")
    return message if field.isidentifier() else refusal[0]


def same_refusal(cli: str, tui_message: str | None) -> bool:
    """The same refusal, whichever face said it (see the module)."""

    def words(message: str) -> str:
        text = re.sub(r"(?<![\w-])--(?=[a-z])", "", " ".join(plain(message).split()))
        return re.sub(r"^[a-z][\w-]*: ", "", text)  # the field's name, said once or not

    return tui_message is not None and words(cli) == words(tui_message)


# the databases --------------------------------------------------------------------------

def _documents(home: Path) -> dict[str, Any]:
    return {name: orjson.loads(data) for name, data in snapshot_db(home).items()}


def _ids(documents: dict[str, Any]) -> set[str]:
    return {ident for tables in documents.values() if isinstance(tables, dict)
            for table in tables.values() if isinstance(table, dict) for ident in table}


ULID = re.compile(r"\b[0-9a-hjkmnp-tv-z]{26}\b")


def records(home: Path, base_ids: frozenset[str]) -> dict[str, Any]:
    """Every file's records without merge stamps; ids made in the run numbered (also
    where they appear inside a text, such as a file name), and the moments records made in
    the run were written blanked."""
    documents = _documents(home)
    names = {ident: f"<new-{n}>" for n, ident in enumerate(sorted(_ids(documents) - base_ids),
                                                          1)}

    def rename(value: str) -> str:
        if value in names:
            return names[value]
        return ULID.sub(lambda m: names.get(m.group(), m.group()), value)

    def clean(value: Any, table: str = "", new: bool = False) -> Any:
        if isinstance(value, dict):
            made = new or value.get("id") in names
            return {rename(k): "<stamp>" if table == TOMBSTONES else
                    "<moment>" if made and k in MOMENTS and v else clean(v, new=made)
                    for k, v in value.items() if k not in STAMP_KEYS}
        if isinstance(value, list):
            return [clean(v, new=new) for v in value]
        if isinstance(value, str):
            return rename(value)
        return value

    return {rename(name): {table: clean(docs, table) for table, docs in tables.items()}
            if isinstance(tables, dict) else tables for name, tables in documents.items()}


def assert_same_databases(twins: Twins, *, wrote: bool = True) -> None:
    """Both faces left the same records; with ``wrote``, they changed something."""
    cli = records(twins.cli_home, twins.base_ids)
    other = records(twins.tui_home, twins.base_ids)
    if wrote:
        assert cli != twins.base, "the CLI wrote nothing"
    assert cli.keys() == other.keys()
    for name in cli:
        assert cli[name] == other[name], name


def assert_unchanged(twins: Twins, before: dict[str, bytes]) -> None:
    """Both databases are byte for byte as built (``before`` = ``snapshot_db`` of one)."""
    assert snapshot_db(twins.cli_home) == before
    assert snapshot_db(twins.tui_home) == before
