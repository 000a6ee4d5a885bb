"""``kith doctor``, ``kith backup`` and ``kith restore``: keep years of data safe."""

from __future__ import annotations

from pathlib import Path

import click

from kith.cli.commands import emit_json, json_option, output, pass_app
from kith.core.errors import NotFound, StoreError
from kith.core.limits import MAX_BACKUP_NAME, check_path_text
from kith.core.safeoutput import echo
from kith.reliability import doctor as checks
from kith.services.context import KithApp


@click.command()
@click.option("--repair", is_flag=True,
              help="Repair without losing a readable record: rebuild the aggregates, move "
                   "damaged files aside into quarantine/ and salvage them, restore only those "
                   "files from the newest healthy backup.")
@json_option
@pass_app
def doctor(app: KithApp, repair: bool, as_json: bool) -> None:
    """Check the database: valid JSON, unique ids, references, aggregates.

    Exit code 0 when healthy, 2 when problems remain (each named on its own line).
    """

    done = checks.repair(app.db) if repair else None
    problems = checks.check(app.db)
    if as_json:
        emit_json({"healthy": not problems, "repaired": str(done) if done else None,
                   "actions": done.actions if done else [],
                   "quarantine": str(done.quarantine) if done and done.quarantine else None,
                   "moved_aside": done.moved_aside if done else [],
                   "problems": [str(p) for p in problems]})
    else:
        if done is not None:
            if len(done.actions) == 1:
                echo(f"Repair: {done.actions[0]}")
            else:
                echo("Repair:" if done.actions else "Repair: nothing to repair")
                for action in done.actions:
                    echo(f"  - {action}")
            if done.quarantine:
                echo(f"Moved aside (kept) in {done.quarantine}:")
                for item in done.moved_aside:
                    echo(f"  - {item}")
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
def backup(app: KithApp, list_: bool, reason: str, as_json: bool) -> None:
    """Back up the database now (kith also does before every import and migration)."""

    if list_:
        found = checks.backups(app.db)
        broken = checks.incomplete_backups(app.db)
        if as_json:
            emit_json([{"name": p.name, "path": str(p)} for p in found])
        else:
            for path in found:
                echo(path.name)
            if not found:
                echo("No backups yet.")
            for path, why in broken:
                echo(f"(not a usable backup: {path.name}: {why})", err=True)
        return
    made = checks.make_backup(app.open_existing(), reason)
    notice = checks.clock_notice(app.db)  # a clock that jumped: said once, on stderr
    if notice:
        echo(f"kith: warning: {notice}", err=True)
    output({"name": made.name, "path": str(made)}, f"Backed up to {made}", as_json=as_json)


@click.command()
@click.argument("name")
@json_option
@pass_app
def restore(app: KithApp, name: str, as_json: bool) -> None:
    """Restore backup NAME (see `kith backup --list`); the current state is backed up
    first, so a restore can itself be undone. The switch is atomic: a crash leaves the
    old database or the restored one, never a mix."""

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
    output({"restored": found[0].name, "previous_state": str(saved)},
           f"Restored {found[0].name}; the previous state is in {saved}", as_json=as_json)
