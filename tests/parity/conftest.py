"""The parity harness: the same input through the CLI and through the TUI gives the same
database and the same refusal.

``twins`` makes two databases with the same bytes (the demo's, copied): the CLI runs on
one through the real command tree (``cli_run``), the TUI is driven with Pilot on the other
(``tui_submit``). ``assert_same_databases`` then compares them record by record, after
``comparable`` has normalised what legitimately differs between two runs: the merge
stamps (``modified``, ``device``, ``_base``, ``_fields``, the tombstones' stamps) and the
ids made during the run (a new interaction's random id), which become ``<new-1>``,
``<new-2>``... in the order of the ids (time-ordered ULIDs). Refusals are compared as the
message alone (``assert_same_refusal``): the CLI's ``kith: error: `` prefix, the TUI's
``field: `` prefix and its dropping of a pointer to a CLI command (``kith.tui.widgets.plain``)
are each face's presentation, not the use case's answer.
"""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
import pytest
from click.testing import CliRunner, Result

from kith.cli.main import build_cli
from kith.persistence.stamps import STAMP_KEYS, TOMBSTONES
from kith.tui.widgets import plain
from tests.conftest import snapshot_db
from tests.tui.test_tui import fill, text, tui

CLI_ERROR = "kith: error: "


@dataclass(frozen=True)
class Twins:
    """Two databases built identically: one for each face."""

    cli_home: Path
    tui_home: Path
    base_ids: frozenset[str]
    """Every record id of the database as built (the ids not made during the run)."""


@pytest.fixture
def twins(demo_home: Path, tmp_path: Path, first_party_plugins_only: None) -> Twins:
    """The demo database twice (the second a byte-for-byte copy of the first)."""
    tui_home = tmp_path / "tui-db"
    shutil.copytree(demo_home, tui_home)
    return Twins(demo_home, tui_home, frozenset(record_ids(demo_home)))


# the faces ------------------------------------------------------------------------------

def cli_run(home: Path, *args: str) -> Result:
    """``kith --db HOME ARGS...`` through the real command tree; never a traceback."""
    result = CliRunner().invoke(build_cli(), ["--db", str(home), *map(str, args)])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def cli_refusal(result: Result) -> str:
    """The one line a refused command printed (exit code 2), without ``kith: error: ``."""
    assert result.exit_code == 2, (result.exit_code, result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(CLI_ERROR), result.stderr
    return lines[0].removeprefix(CLI_ERROR)


def assert_same_refusal(cli: str, tui: str | None) -> None:
    """The TUI said what the CLI said (as the TUI presents any message: ``plain``)."""
    assert tui is not None, "the TUI saved what the CLI refused"
    assert tui == plain(cli)


def tui_drive(home: Path, steps: Callable[[Any, Any], Awaitable[None]]) -> None:
    """Run the TUI on ``home`` (as ``kith tui`` builds it) and ``await steps(app, pilot)``."""
    app = tui(home)

    async def main() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await steps(app, pilot)

    asyncio.run(main())


def tui_submit(home: Path, key: str, form: type, fields: dict[str, Any],
               error_id: str = "form-error") -> str | None:
    """Open a form with ``key``, fill ``fields`` (by widget id), press Ctrl+S. Returns
    None when the form saved and closed, else its refusal without the ``field: ``
    prefix (the form is then cancelled)."""
    refusal: list[str] = []

    async def steps(app: Any, pilot: Any) -> None:
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, form)
        fill(app.screen, **fields)
        await pilot.press("ctrl+s")
        await pilot.pause()
        if isinstance(app.screen, form):
            refusal.append(text(app.screen.query_one(f"#{error_id}")))
            await pilot.press("escape")
            await pilot.pause()

    tui_drive(home, steps)
    if not refusal:
        return None
    field, _, message = refusal[0].partition(": ")
    return message if field.isidentifier() else refusal[0]


# the databases --------------------------------------------------------------------------

def _documents(home: Path) -> dict[str, Any]:
    return {name: orjson.loads(data) for name, data in snapshot_db(home).items()}


def record_ids(home: Path) -> set[str]:
    """Every id of a record (the keys of every table of every file)."""
    return {ident for tables in _documents(home).values() if isinstance(tables, dict)
            for table in tables.values() if isinstance(table, dict) for ident in table}


def comparable(home: Path, base_ids: frozenset[str]) -> dict[str, Any]:
    """Every file's records, without merge stamps, with ids made in the run numbered."""
    new = sorted(record_ids(home) - base_ids)
    names = {ident: f"<new-{n}>" for n, ident in enumerate(new, 1)}

    def clean(value: Any, table: str = "") -> Any:
        if isinstance(value, dict):
            return {names.get(k, k): "<stamp>" if table == TOMBSTONES else clean(v)
                    for k, v in value.items() if k not in STAMP_KEYS}
        if isinstance(value, list):
            return [clean(v) for v in value]
        if isinstance(value, str):
            return names.get(value, value)
        return value

    result: dict[str, Any] = {}
    for name, tables in _documents(home).items():
        result[names.get(name, name)] = {table: clean(docs, table)
                                         for table, docs in tables.items()} \
            if isinstance(tables, dict) else tables
    return result


def assert_same_databases(twins: Twins) -> None:
    """Both faces left the same records (stamps and ids made in the run aside)."""
    cli, tui_side = (comparable(h, twins.base_ids) for h in (twins.cli_home, twins.tui_home))
    assert cli.keys() == tui_side.keys()
    for name in cli:
        assert cli[name] == tui_side[name], name


def assert_unchanged(twins: Twins, before: dict[str, bytes]) -> None:
    """Both databases are byte for byte as built (``before`` = ``snapshot_db`` of one)."""
    assert snapshot_db(twins.cli_home) == before
    assert snapshot_db(twins.tui_home) == before
