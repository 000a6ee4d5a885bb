"""``kith doctor``, ``kith backup`` and ``kith restore``: keep years of data safe."""

from __future__ import annotations

from pathlib import Path

import click

from kith.commands import emit_json, json_option, pass_app
from kith.errors import NotFound, StoreError
from kith.safeoutput import echo


@click.command()
@click.option("--repair", is_flag=True,
              help="Rebuild the aggregates, or restore the newest healthy backup.")
@json_option
@pass_app
def doctor(app, repair: bool, as_json: bool) -> None:  # type: ignore[no-untyped-def]
    """Check the database: valid JSON, unique ids, references, aggregates.

    Exit code 0 when healthy, 2 when problems remain (each named on its own line).
    """
    from kith import doctor as checks

    done = checks.repair(app.db) if repair else None
    problems = checks.check(app.db)
    if as_json:
        emit_json({"healthy": not problems, "repaired": done,
                   "problems": [str(p) for p in problems]})
    else:
        if done:
            echo(f"Repair: {done}")
        for problem in problems:
            echo(f"problem: {problem}", err=True)
        if not problems:
            echo(f"{app.db}: healthy")
    if problems:
        raise SystemExit(2)


@click.command()
@click.option("--list", "list_", is_flag=True, help="List backups, newest first.")
@click.option("--reason", default="manual", show_default=True)
@json_option
@pass_app
def backup(app, list_: bool, reason: str, as_json: bool) -> None:  # type: ignore[no-untyped-def]
    """Back up the database now (kith also does before every import and migration)."""
    from kith import doctor as checks

    if list_:
        found = checks.backups(app.db)
        if as_json:
            emit_json([{"name": p.name, "path": str(p)} for p in found])
        else:
            for path in found:
                echo(path.name)
            if not found:
                echo("No backups yet.")
        return
    made = checks.make_backup(app.open_existing(), reason)
    if as_json:
        emit_json({"name": made.name, "path": str(made)})
    else:
        echo(f"Backed up to {made}")


@click.command()
@click.argument("name")
@json_option
@pass_app
def restore(app, name: str, as_json: bool) -> None:  # type: ignore[no-untyped-def]
    """Restore backup NAME (see `kith backup --list`); the current state is backed up
    first, so a restore can itself be undone."""
    from kith import doctor as checks
    from kith.limits import MAX_BACKUP_NAME, check_path_text

    check_path_text(name, "a backup name or folder", MAX_BACKUP_NAME)
    found = [p for p in checks.backups(app.db) if p.name == name or str(p) == name]
    if not found:
        path = Path(name)
        if not path.is_dir():
            raise NotFound(f"no backup {name!r} (see `kith backup --list`)")
        found = [path]
    if not app.db.exists():
        raise StoreError(f"no kith database at {app.db}")
    saved = checks.restore(app.db, found[0])
    if as_json:
        emit_json({"restored": found[0].name, "previous_state": str(saved)})
    else:
        echo(f"Restored {found[0].name}; the previous state is in {saved}")
