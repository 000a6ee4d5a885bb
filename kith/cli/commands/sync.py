"""``kith sync`` and ``kith sync init REMOTE``: one history across devices over git."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from kith.cli.commands import emit_json, json_option, pass_app
from kith.services.context import KithApp
from kith.sync import transport as syncing

if TYPE_CHECKING:
    from kith.sync.transport import SyncReport


@click.group("sync", invoke_without_command=True)
@json_option
@click.pass_context
def sync(ctx: click.Context, as_json: bool) -> None:
    """Sync this database with its git remote: commit local changes, fetch, merge
    (record by record, nothing lost), push.

    Set up once with `kith sync init REMOTE`. Offline is normal: the local commit is
    kept and the next `kith sync` pushes it. Only this command and `sync init` use the
    network.
    """
    if ctx.invoked_subcommand is not None:
        return

    app = ctx.find_object(KithApp)
    assert app is not None
    from kith.sync.conflicts import keep
    from kith.sync.merge import collecting

    store = app.open_existing()
    with collecting() as found:
        report = syncing.sync(store)
    _show(app, report, as_json, keep(app.db, found))


def _show(app: KithApp, report: SyncReport, as_json: bool, conflicts: int = 0) -> None:
    if as_json:
        emit_json({**report.to_dict(), "conflicts": conflicts})
        return
    for warning in report.warnings:
        click.echo(f"kith: warning: {warning}", err=True)
    for path in report.repaired:
        click.echo(f"Removed {path}, left by an interrupted git command.")
    for table, counts in sorted(report.changes.items()):
        parts = [f"{n} {what}" for what, n in counts.items() if n]
        if parts:
            click.echo(f"  {table}: {', '.join(parts)}")
    if report.offline:
        saved = "your changes are committed locally" if report.committed else \
            "nothing local was lost"
        click.echo(f"Offline: cannot reach the remote ({report.offline}); {saved}. "
                   "Run `kith sync` again when it is reachable.")
        return
    done = []
    if report.committed:
        done.append("committed local changes")
    if report.merged:
        done.append("fast-forwarded to the remote" if report.fast_forward
                    else "merged the remote's changes")
    if report.pushed:
        done.append("pushed")
    click.echo(("Synced: " + ", ".join(done) + ".") if done else "Already in sync.")
    if conflicts:
        click.echo(conflicts_line(conflicts))


def conflicts_line(count: int) -> str:
    """What ``kith sync`` and ``kith merge`` say when newest-wins dropped values."""
    return (f"{count} conflict{'s' if count != 1 else ''} kept: `kith conflicts` shows "
            "them and lets you pick the other value")


@sync.command("init")
@click.argument("remote")
@json_option
@pass_app
def init(app: KithApp, remote: str, as_json: bool) -> None:
    """Make the database folder a git repository synced with REMOTE, then sync once.

    REMOTE is any git remote: a folder (a bare repository is created there if the folder
    is new or empty, e.g. on a USB stick), `user@host:path/kith.git` over ssh, or a URL.
    Only the data files are tracked; backups, locks, the journal and the aggregates stay
    local. Running it again changes the remote.
    """

    app.db_must_exist = False  # like `kith init`: the second machine starts from nothing
    url = syncing.init(app.store, remote)
    report = syncing.sync(app.store)
    if as_json:
        emit_json({"remote": url, **report.to_dict()})
        return
    click.echo(f"Sync set up: {app.db} <-> {url}")
    _show(app, report, False)
