"""kith-mbox: email from mbox files, as a third-party kith plugin.

Everything goes through kith's hooks: an importer (``register_sources``), a command
group (``register_commands``: ``kith mbox stats``) and a TUI panel (``register_panels``).
Heavy parts are imported only when used, so ``kith --help`` stays fast.
"""

from __future__ import annotations

from typing import Any

from kith.api import hookimpl

__version__ = "0.1.0"


@hookimpl
def register_sources(register: Any) -> None:
    import click

    from kith.api import SourceSpec

    register(SourceSpec(
        "mbox", "Email (mbox): one interaction per thread and day",
        "an mbox file: Gmail Takeout, a mailing-list archive, Thunderbird",
        "kith_mbox.source:parse",
        network_kind="other",
        options=[click.Option(["--me"], multiple=True,
                              help="Your address (repeatable); default: the address "
                                   "in most messages.")]))


@hookimpl
def register_commands(cli: Any) -> None:
    from kith_mbox.stats import mbox

    cli.add_command(mbox)


@hookimpl
def register_panels(register: Any) -> None:
    register("Email", "kith_mbox.panel:EmailPanel")
