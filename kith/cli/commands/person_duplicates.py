"""``kith person duplicates``: likely pairs of records for one person, with evidence."""

from __future__ import annotations

import click

from kith.cli.commands import emit_json, json_option, pass_app
from kith.core.safeoutput import echo
from kith.domain.duplicates import find_duplicates
from kith.services.context import KithApp


@click.command("duplicates")
@click.option("--limit", type=click.IntRange(min=0), default=50, show_default=True,
              help="At most this many pairs (0: all).")
@json_option
@pass_app
def duplicates(app: KithApp, limit: int, as_json: bool) -> None:
    """Suggest people who are probably the same (same email, phone or handle; similar
    names). Merge them with `kith person merge KEEP OTHER`.

    Short forms count too: a first name alone ("Dan" and Dan Murphy), an initial, a
    nickname ("Bob" and Robert Jones), the same email or phone under another surname.
    A phone or email two people of one household share (different given names, or a
    `household` relationship) is not a reason."""

    pairs = find_duplicates(app.store)
    if limit:
        pairs = pairs[:limit]
    if as_json:
        emit_json([p.to_dict() for p in pairs])
        return
    if not pairs:
        echo("No likely duplicates.")
        return
    for pair in pairs:
        echo(f"{pair.a['name']} ({pair.a['id']})  ~  {pair.b['name']} ({pair.b['id']})"
             f"  score {pair.score:.2f}")
        for line in pair.evidence:
            echo(f"    {line}")
