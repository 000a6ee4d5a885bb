"""``kith kinds``: every interaction kind kith knows, with where it comes from.

The refusal of an unknown ``--kind`` names only the closest kinds; this is the full list:
kith's own (``core``), the defaults of the plugins' network kinds (``plugin``) and the ones
added with ``--new-kind`` (``user``), and which of them can be logged with the network
alone (dues, a donation, a service: ``kith log NET`` without ``--with``).
"""

from __future__ import annotations

import click

from kith.cli.commands import emit_json, json_option, pass_app
from kith.core.safeoutput import echo
from kith.services.context import KithApp


@click.command("kinds")
@json_option
@pass_app
def kinds(app: KithApp, as_json: bool) -> None:
    """List every interaction kind with its origin: core, plugin or user."""
    from kith.services.interaction_kinds import kind_origins, with_network

    origins = kind_origins(app.store)
    rows = [{"kind": kind, "origin": origin, "with_network": with_network(kind)}
            for kind, origin in origins.items()]
    if as_json:
        emit_json(rows)
        return
    width = max(len(kind) for kind in origins)
    for row in rows:
        alone = "  (can be with the network alone)" if row["with_network"] else ""
        echo(f"{row['kind']:<{width}}  {row['origin']}{alone}")
