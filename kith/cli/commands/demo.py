"""``kith demo``: a realistic demo persona, assessed; the README's main command."""

from __future__ import annotations

import os
import shutil
import sys
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
@click.option("--keep", is_flag=True,
              help="Keep the throwaway folder (its path is printed) instead of removing it.")
@json_option
@pass_app
def demo(app: KithApp, target: Path | None, keep: bool, as_json: bool) -> None:
    """Build a demo persona (Sam, five networks) and assess it.

    Writes into a new throwaway folder, never into your own database, and removes it at
    the end, unless --db names a folder (or --keep keeps it). Explore it afterwards with
    `kith --db FOLDER ...` or `kith --db FOLDER tui`.
    """

    root = click.get_current_context().find_root()
    if target is None and root.get_parameter_source("db") == click.core.ParameterSource.COMMANDLINE:
        target = app.db
    throwaway = None
    if target is None:
        throwaway = Path(tempfile.mkdtemp(prefix="kith-demo-"))
        target = throwaway / "db"
    try:
        show_demo(app, target, root, as_json=as_json, kept=throwaway is None or keep)
    finally:
        if throwaway is not None and not keep:
            shutil.rmtree(throwaway, ignore_errors=True)


def show_demo(app: KithApp, target: Path, root: click.Context, *, as_json: bool,
              kept: bool) -> None:
    """Build the demo in ``target``, print its assessment and how to explore it."""
    if (target / MAIN).exists():
        raise KithError(f"{target} already holds a kith database; the demo needs an empty "
                        "folder")
    store = Store(target, plugins=app.plugins, currency="EUR")
    counts = build(store)
    today = ledger.now_date()
    results = ledger.assess(store, config=app.config, plugins=app.plugins, today=today,
                            window=ledger.default_windows(today)[0])
    if as_json:
        emit_json({"db": str(target), "kept": kept, **counts,
                   "assessment": [a.to_dict() for a in results]})
        return

    echo(f"Built a demo persona, Sam, in {target}: {counts['networks']} networks, "
         f"{counts['people']} people, {counts['interactions']} interactions, "
         f"{counts['opportunities']} needs and offers.\n")
    print_assessments(results, title="Sam's networks")
    kith = invoked_as()
    if kept:
        folder = str(target)
        hints = []
    else:
        folder = os.path.join(tempfile.gettempdir(), "kith-demo")
        hints = [f"{kith} demo --db {folder}"]
        echo("\nThe throwaway folder was removed (keep it with --keep, or build the demo in a "
             "folder of your own with --db).")
    hints += [f"{kith} --db {folder} history --network st-marys --limit 5",
              f"{kith} --db {folder} person list"]
    if "tui" in getattr(root.command, "commands", {}):
        hints.append(f"{kith} --db {folder} tui")
    echo("\nExplore it:  " + "\n             ".join(hints))


def invoked_as() -> str:
    """How to run kith again, as the user ran it: ``kith`` when that is what the shell
    finds, else the path they typed (``.venv/bin/kith`` before the venv is activated)."""
    typed = sys.argv[0] if sys.argv else ""
    if Path(typed).name != "kith":  # python -m kith, a test runner: the plain name
        return "kith"
    found = shutil.which("kith")
    if found is not None and (os.sep not in typed
                              or Path(found).resolve() == Path(typed).resolve()):
        return "kith"
    return typed
