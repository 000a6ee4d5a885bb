"""``kith merge OTHER``: bring another kith database (or an export of one) into this one."""

from __future__ import annotations

from pathlib import Path

import click

from kith.cli.commands import emit_json, json_option, pass_app
from kith.core.errors import ValidationError
from kith.services.context import KithApp
from kith.sync.load import load_other
from kith.sync.write import gc_paused, merge_into


@click.command("merge")
@click.argument("other", type=click.Path(path_type=Path))
@json_option
@pass_app
def merge(app: KithApp, other: Path, as_json: bool) -> None:
    """Merge OTHER (a kith database folder, or a `kith export json` file) into this
    database, losing nothing.

    Records only one side has are kept; a record both sides changed keeps, field by
    field, the newest edit; what one side deleted stays deleted; people merged on one
    side are merged here too. OTHER is only read. Merging again changes nothing.
    """

    store = app.open_existing()
    if other.expanduser().resolve() == app.db.resolve():
        raise ValidationError(f"{other} is this database; pass another one to merge")
    from kith.cli.commands.sync import conflicts_line
    from kith.sync.conflicts import keep
    from kith.sync.merge import collecting

    with gc_paused(), collecting() as found:
        incoming = load_other(other)
        summary = merge_into(store, incoming, where=str(other))
    conflicts = keep(app.db, found)
    if as_json:
        emit_json({**summary.to_dict(), "conflicts": conflicts})
        return
    for warning in summary.warnings:
        click.echo(f"kith: warning: {warning}", err=True)
    lines = summary.lines()
    if not lines:
        click.echo(f"Nothing to merge: {app.db} already holds everything in {other}.")
        return
    click.echo(f"Merged {other} into {app.db}:")
    for line in lines:
        click.echo(f"  {line}")
    if conflicts:
        click.echo(conflicts_line(conflicts))
