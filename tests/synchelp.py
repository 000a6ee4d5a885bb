"""Helpers shared by the merge and sync tests: a CLI on any folder, and a database's data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
from click.testing import CliRunner, Result

from kith.cli.main import build_cli


def kith(db: Path, *args: Any, code: int = 0) -> Result:
    """Run ``kith --db DB ARGS`` in process; assert the exit code."""
    result = CliRunner().invoke(build_cli(), ["--db", str(db), *[str(a) for a in args]])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code == code, (args, result.exit_code, result.stdout, result.stderr)
    return result


def kith_json(db: Path, *args: Any) -> Any:
    return orjson.loads(kith(db, *args, "--json").stdout)


def data_of(home: Path) -> dict[str, Any]:
    """Every data and derived file, parsed, without empty tables or empty files (two
    databases holding the same records are equal, whatever their history)."""
    found: dict[str, Any] = {}
    for path in sorted(home.rglob("*.json")):
        relative = path.relative_to(home)
        if relative.parts[0] in ("backups", ".git"):
            continue
        content = {table: records for table, records in orjson.loads(path.read_bytes()).items()
                   if records}
        if content:
            found[str(relative)] = content
    return found


def records(home: Path, table: str) -> dict[str, Any]:
    """One table of ``kith.json``, or every interaction when ``table`` is interactions."""
    if table == "interactions":
        result: dict[str, Any] = {}
        for path in sorted((home / "interactions").glob("*.json")):
            result.update(orjson.loads(path.read_bytes()).get("interactions", {}))
        return result
    return orjson.loads((home / "kith.json").read_bytes()).get(table, {})  # type: ignore[no-any-return]


def one_line_error(result: Result) -> str:
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]
