"""``kith tui``: the interactive face (Textual is imported only here)."""

from __future__ import annotations

import click

from kith.cli.commands import pass_app
from kith.services.context import KithApp


@click.command()
@click.option("--window", type=click.Choice(["12m", "all"]), default="12m", show_default=True,
              help="The dashboard's first window.")
@pass_app
def tui(app: KithApp, window: str) -> None:
    """Open the interactive app: dashboard, people, log form, introductions, reminders
    and plugin panels. Press Ctrl+P for every action."""
    from kith.tui import make_app

    app.store.networks()  # a corrupt or newer database: one line, exit 2, before the screen
    files = app.store.files  # every data file read (and checked) now, not inside the screen
    for name in [*files.list("interactions"), *files.list("derived")]:
        files.read(name)
    make_app(app, window=window).run()
