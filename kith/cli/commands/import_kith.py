"""``kith import kith-json PATH``: read back a ``kith export json`` into an empty database."""

from __future__ import annotations

from pathlib import Path

import click

from kith.cli.commands import emit_json, pass_app
from kith.core.safeoutput import echo
from kith.export.full import load_document, read_document
from kith.services.context import KithApp


@click.command("kith-json")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@pass_app
def import_kith_json(app: KithApp, path: Path, as_json: bool) -> None:
    """Everything from a kith export (`kith export json`), into an empty database.

    Every record is checked first (one bad record names itself and nothing is written);
    records are kept exactly as exported and the aggregates are recomputed.
    """

    data = read_document(path)
    counts = load_document(app.store, data, path=str(path))
    if as_json:
        emit_json({"path": str(path), "imported": counts})
        return
    shown = ", ".join(f"{n} {name}" for name, n in sorted(counts.items()) if n)
    echo(f"Imported from {path}: {shown or 'nothing'}")
