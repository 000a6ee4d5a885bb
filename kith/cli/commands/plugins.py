"""``kith plugins``: what is installed, with versions, hooks and load errors."""

from __future__ import annotations

import click

from kith.cli.commands import emit_json, json_option, pass_app
from kith.core.safeoutput import echo
from kith.services.context import KithApp


@click.command()
@json_option
@pass_app
def plugins(app: KithApp, as_json: bool) -> None:
    """List plugins with their versions, hooks and any load error."""
    infos = sorted(app.plugins.infos.values(), key=lambda i: (i.origin != "builtin", i.name))
    if as_json:
        emit_json([i.to_dict() for i in infos])
        return
    for info in infos:
        version = info.version or "-"
        if info.error:
            echo(f"{info.name} {version} [{info.origin}] FAILED: {info.error}")
        else:
            echo(f"{info.name} {version} [{info.origin}]: {', '.join(info.hooks)}")
        for problem in info.problems:
            echo(f"  problem: {problem}")
