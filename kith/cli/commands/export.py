"""``kith export``: the whole database as JSON, spreadsheets as CSV, birthdays as iCalendar.

Plugins add their formats to this group (the friends plugin adds ``vcard``). PATH ``-``
writes to standard output; files are written atomically, readable by their owner only.
"""

from __future__ import annotations

from pathlib import Path

import click

from kith.cli.commands import output, pass_app
from kith.core.errors import ValidationError
from kith.services.context import KithApp


def _deliver(path: Path, text: str | bytes, what: str, count: int, as_json: bool) -> None:
    from kith.export import write_private

    if str(path) == "-":
        # the export itself, exact (like --json): not a message for the terminal
        click.echo(text if isinstance(text, str) else text.decode(), nl=False)
        return
    write_private(path, text)
    output({"path": str(path), "what": what, "records": count},
           f"Wrote {count} {what} to {path}", as_json=as_json)


_path = click.argument("path", type=click.Path(path_type=Path))
_summary = click.option("--json", "as_json", is_flag=True, help="Print a JSON summary.")


@click.group()
def export() -> None:
    """Export to other formats: json (everything), csv, ics (birthdays); plugins add more."""


@export.command("json")
@_path
@_summary
@pass_app
def export_json(app: KithApp, path: Path, as_json: bool) -> None:
    """Everything, as one versioned JSON document (read back by `kith import kith-json`).

    Networks, people, interactions (introductions included), opportunities, notes,
    follow-ups, relationships, merges and plugin data; the format is in the README.
    """
    import orjson

    from kith.export.full import document

    data = document(app.store)
    count = sum(len(t) for t in data["tables"].values()) + len(data["interactions"])
    _deliver(path, orjson.dumps(data, option=orjson.OPT_INDENT_2) + b"\n", "records",
             count, as_json)


@export.command("csv")
@_path
@click.option("--what", type=click.Choice(["interactions", "people"]), required=True,
              help="Which records, one per row.")
@_summary
@pass_app
def export_csv(app: KithApp, path: Path, what: str, as_json: bool) -> None:
    """Interactions or people as CSV for spreadsheets (formula injection neutralised)."""
    from kith.export.spreadsheet import interactions_csv, people_csv

    text, count = (interactions_csv(app.store, exponent=app.exponent)
                   if what == "interactions" else people_csv(app.store))
    _deliver(path, text, what, count, as_json)


@export.command("ics")
@_path
@click.option("--birthdays", is_flag=True, help="A calendar of everyone's birthdays.")
@_summary
@pass_app
def export_ics(app: KithApp, path: Path, birthdays: bool, as_json: bool) -> None:
    """A calendar (iCalendar .ics): --birthdays, a yearly event per birthday."""
    from kith.export.birthdays import birthdays_ics

    if not birthdays:
        raise ValidationError("say which calendar: --birthdays")
    text, count = birthdays_ics(app.store)
    _deliver(path, text, "birthdays", count, as_json)
