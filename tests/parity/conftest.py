"""Parity harness for the people use cases (add / edit / merge a person, add / edit a
network, hear, note, follow up): the same input through the CLI and through the TUI gives
the same database and the same refusal.

The helpers are named ``face_*`` so that they sit beside the log helpers' harness (branch
svc-log) without a clash until the two are merged:

- ``face_homes``: two byte-identical demo databases, one per face;
- ``face_cli`` runs ``kith --db HOME ...`` through the real command tree, ``face_cli_refusal``
  takes the one line a refused command printed;
- ``face_tui_form`` drives the TUI with Pilot (opening a form, filling its fields, Ctrl+S)
  and returns the form's refusal, or None when it saved;
- ``face_records`` / ``assert_faces_agree`` compare the databases record by record once
  what legitimately differs between two runs is normalised: merge stamps, the ids made
  during the run (numbered ``<new-1>``... in time order) and the moments they were made;
- ``same_words`` compares two refusals as the message alone: the CLI names options
  (``--on``), the TUI fields (``on``) and drops pointers to CLI commands, and each face
  prefixes its own way.
"""

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
from tests.conftest import snapshot_db
from tests.tui.test_tui import fill, text, tui

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
    ids = frozenset(_ids(_documents(demo_home)))
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
    return face_keys("p", "f", *name, "enter", "enter", key)


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
        return re.sub(r"(?<![\w-])--(?=[a-z])", "", " ".join(plain(message).split()))

    return tui_message is not None and words(cli) == words(tui_message)


# the databases --------------------------------------------------------------------------

def _documents(home: Path) -> dict[str, Any]:
    return {name: orjson.loads(data) for name, data in snapshot_db(home).items()}


def _ids(documents: dict[str, Any]) -> set[str]:
    return {ident for tables in documents.values() if isinstance(tables, dict)
            for table in tables.values() if isinstance(table, dict) for ident in table}


def face_records(home: Path, base_ids: frozenset[str]) -> dict[str, Any]:
    """Every file's records without merge stamps; ids made in the run numbered, and the
    moments records made in the run were written blanked."""
    documents = _documents(home)
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
