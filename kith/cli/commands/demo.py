"""``kith demo``: a realistic demo persona, assessed; the README's main command."""

from __future__ import annotations

import shlex
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
@json_option
@pass_app
def demo(app: KithApp, target: Path | None, as_json: bool) -> None:
    """Build a demo persona (Sam, five networks) and assess it.

    Without --db it works in a throwaway folder, never in your own database, and removes
    that folder when it is done; with --db FOLDER the demo stays there to explore
    (`kith --db FOLDER tui`). The commands it suggests are printed as you can run them
    (the kith it runs as, e.g. .venv/bin/kith when kith is not on your PATH).
    """

    root = click.get_current_context().find_root()
    if target is None and root.get_parameter_source("db") == click.core.ParameterSource.COMMANDLINE:
        target = app.db
    throwaway = None
    if target is None:
        throwaway = Path(tempfile.mkdtemp(prefix="kith-demo-"))
        target = throwaway / "db"
    try:
        _demo(app, root, target, as_json, kept=throwaway is None)
    finally:
        if throwaway is not None:
            shutil.rmtree(throwaway, ignore_errors=True)


def _demo(app: KithApp, root: click.Context, target: Path, as_json: bool, *,
          kept: bool) -> None:
    """Build the demo in ``target``, assess it, say what to try next."""
    if (target / MAIN).exists():
        raise KithError(f"{target} already holds a kith database; the demo needs an empty "
                        "folder")
    store = Store(target, plugins=app.plugins, currency="EUR")
    counts = build(store)
    today = ledger.now_date()
    results = ledger.assess(store, config=app.config, plugins=app.plugins, today=today,
                            window=ledger.default_windows(today)[0])
    if as_json:
        emit_json({"db": str(target) if kept else None, **counts,
                   "assessment": [a.to_dict() for a in results]})
        return

    echo(f"Built a demo persona, Sam, in {target}: {counts['networks']} networks, "
         f"{counts['people']} people, {counts['interactions']} interactions, "
         f"{counts['opportunities']} needs and offers.\n")
    print_assessments(results, title="Sam's networks")
    kith = program()
    if not kept:
        folder = Path(tempfile.gettempdir()) / "kith-demo"
        echo(f"\n(The throwaway demo folder is removed.) To explore the demo, build it in a "
             f"folder of your own:\n  {kith} demo --db {shlex.quote(str(folder))}")
        target = folder
    where = shlex.quote(str(target))
    hints = [f"{kith} --db {where} history --network st-marys --limit 5",
             f"{kith} --db {where} person list"]
    if "tui" in getattr(root.command, "commands", {}):
        hints.append(f"{kith} --db {where} tui")
    echo("\nExplore it:  " + "\n             ".join(hints))


def program() -> str:
    """How to run this kith again from the user's shell: ``kith`` when that is the kith on
    the PATH, else the path it was started by (``.venv/bin/kith`` from ``make demo``), or
    ``python -m kith``."""
    started = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if started is None or started.name in ("__main__.py", "-c") or not started.exists():
        return f"{shlex.quote(sys.executable)} -m kith"
    on_path = shutil.which("kith")
    if on_path and Path(on_path).resolve() == started.resolve():
        return "kith"
    absolute = started.resolve()
    here = Path.cwd().resolve()
    shown = absolute.relative_to(here) if absolute.is_relative_to(here) else absolute
    return shlex.quote(str(shown))
