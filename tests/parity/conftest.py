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

# The people use cases' harness (face_*) follows the log harness below.

from __future__ import annotations

import asyncio
import re
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


# ---- the people use cases' harness ------------------------------------------
# Parity harness for the people use cases (add / edit / merge a person, add / edit a
# network, hear, note, follow up): the same input through the CLI and through the TUI gives
# the same database and the same refusal.
#
# The helpers are named ``face_*`` so that they sit beside the log helpers' harness (branch
# svc-log) without a clash until the two are merged:
#
# - ``face_homes``: two byte-identical demo databases, one per face;
# - ``face_cli`` runs ``kith --db HOME ...`` through the real command tree, ``face_cli_refusal``
#   takes the one line a refused command printed;
# - ``face_tui_form`` drives the TUI with Pilot (opening a form, filling its fields, Ctrl+S)
#   and returns the form's refusal, or None when it saved;
# - ``face_records`` / ``assert_faces_agree`` compare the databases record by record once
#   what legitimately differs between two runs is normalised: merge stamps, the ids made
#   during the run (numbered ``<new-1>``... in time order) and the moments they were made;
# - ``same_words`` compares two refusals as the message alone: the CLI names options
#   (``--on``), the TUI fields (``on``) and drops pointers to CLI commands, and each face
#   prefixes its own way.

FACE_CLI_ERROR = "kith: error: "
MOMENTS = frozenset({"created", "done"})
"""Fields that hold when a record was written: they differ between two runs."""


@dataclass(frozen=True)
class FaceHomes:
    cli: Path
    tui: Path
    base_ids: frozenset[str]
    base: dict[str, Any]
    """The records as built, before either face ran."""


@pytest.fixture
def face_homes(demo_home: Path, tmp_path: Path, first_party_plugins_only: None) -> FaceHomes:
    """The demo database twice, byte for byte."""
    copy = tmp_path / "tui-db"
    shutil.copytree(demo_home, copy)
    ids = frozenset(_ids(_face_documents(demo_home)))
    return FaceHomes(demo_home, copy, ids, face_records(demo_home, ids))


# the faces ------------------------------------------------------------------------------

def face_cli(home: Path, *args: str) -> Result:
    result = CliRunner().invoke(build_cli(), ["--db", str(home), *map(str, args)])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def face_cli_ok(home: Path, *args: str) -> Result:
    result = face_cli(home, *args)
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result


def face_cli_refusal(home: Path, *args: str) -> str:
    """The refusal of ``kith ARGS``: exit code 2, one line, the database untouched."""
    before = snapshot_db(home)
    result = face_cli(home, *args)
    assert result.exit_code == 2, (result.exit_code, result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(FACE_CLI_ERROR), result.stderr
    assert snapshot_db(home) == before, "a refused command changed the database"
    return lines[0].removeprefix(FACE_CLI_ERROR)


Opener = Callable[[Any, Any], Awaitable[None]]


def face_tui(home: Path, steps: Opener) -> None:
    app = tui(home)

    async def main() -> None:
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.pause()
            await steps(app, pilot)

    asyncio.run(main())


def face_keys(*keys: str) -> Opener:
    """An opener that presses ``keys`` (e.g. open a person's page, then ``j``)."""
    async def open_(app: Any, pilot: Any) -> None:
        await pilot.press(*keys)
        await pilot.pause()
        await pilot.pause()

    return open_


def face_page(name: str, key: str) -> Opener:
    """An opener that finds ``name`` in the people table, opens the page, presses ``key``."""
    return face_keys("p", *name, "enter", "enter", key)  # People opens at its filter


def face_tui_form(home: Path, open_form: Opener, form: type,
                  fields: dict[str, str]) -> str | None:
    """Open a form, fill ``fields`` (by widget id), press Ctrl+S. None when it saved and
    closed; else its refusal without the ``field: `` prefix (the database untouched)."""
    before = snapshot_db(home)
    refusal: list[str] = []

    async def steps(app: Any, pilot: Any) -> None:
        await open_form(app, pilot)
        assert isinstance(app.screen, form), app.screen
        fill(app.screen, **fields)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()
        if isinstance(app.screen, form):
            refusal.append(text(app.screen.query_one("#form-error")))
            await pilot.press("escape")
            await pilot.pause()

    face_tui(home, steps)
    if not refusal:
        return None
    assert snapshot_db(home) == before, "a refused form changed the database"
    field, _, message = refusal[0].partition(": ")
    return message if field.isidentifier() else refusal[0]


def same_words(cli: str, tui_message: str | None) -> bool:
    """The same refusal, whichever face said it: ``--on`` and ``on`` name one input, and
    the TUI leaves out a pointer to a CLI command (``kith.tui.widgets.plain``)."""
    from kith.tui.widgets import plain

    def words(message: str) -> str:
        text = re.sub(r"(?<![\w-])--(?=[a-z])", "", " ".join(plain(message).split()))
        return re.sub(r"^[a-z][\w-]*: ", "", text)  # the field's name, said once or not

    return tui_message is not None and words(cli) == words(tui_message)


# the databases --------------------------------------------------------------------------

def _face_documents(home: Path) -> dict[str, Any]:
    return {name: orjson.loads(data) for name, data in snapshot_db(home).items()}


def _ids(documents: dict[str, Any]) -> set[str]:
    return {ident for tables in documents.values() if isinstance(tables, dict)
            for table in tables.values() if isinstance(table, dict) for ident in table}


def face_records(home: Path, base_ids: frozenset[str]) -> dict[str, Any]:
    """Every file's records without merge stamps; ids made in the run numbered, and the
    moments records made in the run were written blanked."""
    documents = _face_documents(home)
    names = {ident: f"<new-{n}>" for n, ident in enumerate(sorted(_ids(documents) - base_ids),
                                                          1)}

    def clean(value: Any, table: str = "", new: bool = False) -> Any:
        if isinstance(value, dict):
            made = new or value.get("id") in names
            return {names.get(k, k): "<stamp>" if table == TOMBSTONES else
                    "<moment>" if made and k in MOMENTS and v else clean(v, new=made)
                    for k, v in value.items() if k not in STAMP_KEYS}
        if isinstance(value, list):
            return [clean(v) for v in value]
        if isinstance(value, str):
            return names.get(value, value)
        return value

    return {name: {table: clean(docs, table) for table, docs in tables.items()}
            if isinstance(tables, dict) else tables for name, tables in documents.items()}


def assert_faces_agree(homes: FaceHomes) -> None:
    """Both faces wrote, and wrote the same records."""
    cli = face_records(homes.cli, homes.base_ids)
    other = face_records(homes.tui, homes.base_ids)
    assert cli != homes.base, "the CLI wrote nothing"
    assert cli.keys() == other.keys()
    for name in cli:
        assert cli[name] == other[name], name
