"""``kith conflicts``: the values a merge or a sync dropped, and picking them back."""

from __future__ import annotations

import click

from kith.cli.commands import emit_json, json_option, pass_app
from kith.core.safeoutput import echo
from kith.services.context import KithApp


def _shown(value: object) -> str:
    import orjson

    return "(empty)" if value in (None, "") else orjson.dumps(value).decode()[:80]


@click.command("conflicts")
@click.option("--pick", "to_pick", metavar="N", help="Use the dropped value of conflict N.")
@click.option("--keep", "to_keep", metavar="N", help="Keep the value that won conflict N.")
@json_option
@pass_app
def conflicts(app: KithApp, to_pick: str | None, to_keep: str | None, as_json: bool) -> None:
    """List the values a merge or sync dropped for a newer edit made elsewhere.

    Both devices changed the same field before they synced: the newest edit won and
    the other was kept here. `--pick N` writes the dropped value back (it then syncs
    like any edit); `--keep N` keeps the winner.
    """
    from kith.core.errors import ValidationError
    from kith.services import conflicts as service

    store = app.open_existing()
    if to_pick and to_keep:
        raise ValidationError("give --pick or --keep, not both")
    if to_pick or to_keep:
        done = service.pick(store, to_pick) if to_pick else \
            service.dismiss(store, to_keep or "")
        if as_json:
            emit_json(done.to_dict())
            return
        chosen = done.dropped if to_pick else done.kept
        echo(f"{done.label}: {done.field} is {_shown(chosen)}")
        return
    found = service.open_conflicts(store)
    if as_json:
        emit_json([c.to_dict() for c in found])
        return
    if not found:
        echo("No conflicts: every edit merged without dropping another.")
        return
    for item in found:
        echo(f"{item.number}. {item.label} ({item.record}) {item.field}: kept "
             f"{_shown(item.kept)}, dropped {_shown(item.dropped)} (edited "
             f"{item.dropped_when[:19].replace('T', ' ')} UTC)")
    echo("Pick the dropped value with `kith conflicts --pick N`, or keep the other with "
         "`kith conflicts --keep N`.")
