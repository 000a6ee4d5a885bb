"""``kith demo``: a realistic demo persona, assessed; the README's main command."""

from __future__ import annotations

import tempfile
from pathlib import Path

import click

from kith.cli.commands import emit_json, json_option, pass_app
from kith.cli.commands.assess import print_assessments
from kith.core.errors import KithError
from kith.core.safeoutput import echo
from kith.domain import ledger
from kith.persistence.store import MAIN, Store
from kith.services.context import KithApp
from kith.services.demo import build


@click.command()
@click.option("--db", "target", type=click.Path(path_type=Path),
              help="Build the demo database here (an empty or new folder) instead of a "
                   "throwaway one.")
@json_option
@pass_app
def demo(app: KithApp, target: Path | None, as_json: bool) -> None:
    """Build a demo persona (Sam, five networks) and assess it.

    Writes into a new throwaway folder, never into your own database, unless --db names
    a folder. Explore it afterwards with `kith --db FOLDER ...` or `kith --db FOLDER tui`.
    """

    root = click.get_current_context().find_root()
    if target is None and root.get_parameter_source("db") == click.core.ParameterSource.COMMANDLINE:
        target = app.db
    if target is None:
        target = Path(tempfile.mkdtemp(prefix="kith-demo-")) / "db"
    if (target / MAIN).exists():
        raise KithError(f"{target} already holds a kith database; the demo needs an empty "
                        "folder")
    store = Store(target, plugins=app.plugins, currency="EUR")
    counts = build(store)
    today = ledger.now_date()
    results = ledger.assess(store, config=app.config, plugins=app.plugins, today=today,
                            window=ledger.default_windows(today)[0])
    if as_json:
        emit_json({"db": str(target), **counts, "assessment": [a.to_dict() for a in results]})
        return

    echo(f"Built a demo persona, Sam, in {target}: {counts['networks']} networks, "
         f"{counts['people']} people, {counts['interactions']} interactions, "
         f"{counts['opportunities']} needs and offers.\n")
    print_assessments(results, title="Sam's networks")
    hints = [f"kith --db {target} history --network st-marys --limit 5",
             f"kith --db {target} person list"]
    if "tui" in getattr(root.command, "commands", {}):
        hints.append(f"kith --db {target} tui")
    echo("\nExplore it:  " + "\n             ".join(hints))
