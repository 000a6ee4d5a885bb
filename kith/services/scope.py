"""One transaction per command: every command reads under the same lock as its write.

A command that reads a record, changes it and writes it back must not let another
process commit in between: two ``person edit --add-tag`` would each add their tag to
the same old record and one tag would be lost; two ``interaction delete`` of one id
would both subtract it from the totals. Patching each command is how such races come
back, so the command tree is wrapped once, after every core and plugin command is
added: each command's whole body runs inside ``one_transaction``. The lock is taken
before the first read, files changed by other processes are re-read at that moment,
nested transactions inside the body join this one, and ``interaction_recorded`` hooks
fire after the commit.

``one_transaction`` is also how every use case writes (``kith.services.interactions``,
the import, the demo): the store only notes which interactions a commit recorded
(``Store.last_recorded``); whoever opened the outermost transaction announces them, once,
after the commit, and never those of a transaction rolled back.

A command that only reads runs in the same transaction and commits nothing: it sees
one committed state, never half of a multi-file commit. Its output is held back while
the lock is held when stdout is not a terminal, so a reader piped into a pager that is
not being read cannot keep writers waiting.

Commands that manage locking themselves (``doctor``, ``backup``, ``restore``,
``sync``), that run
for as long as the user likes (``tui``) or that write elsewhere (``demo``, ``init``,
``plugins``) are left alone.
"""

from __future__ import annotations

import contextlib
import functools
import io
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from kith.persistence.store import Store

UNSCOPED = frozenset({"tui", "doctor", "backup", "restore", "demo", "init", "plugins",
                      "sync", "completion"})
"""Top-level commands that take the lock themselves or do not touch the database."""


@contextlib.contextmanager
def one_transaction(store: Store, plugins: Any = None, *,
                    backup_reason: str | None = None) -> Iterator[None]:
    """``store.transaction()`` for a use case: opened here, it announces what it recorded
    after the commit (``interaction_recorded`` to ``plugins``, by default the store's);
    nested in an open transaction, it joins it and its owner announces.

    A use case refused before its first write on a database not created yet leaves no
    folder behind (the lock would have made one)."""
    outermost = not store.files.in_transaction
    new_folder = outermost and store.uncreated and not store.home.exists()
    try:
        with store.transaction(backup_reason=backup_reason):
            yield
    except BaseException:
        if new_folder:
            _remove_empty_folder(store.home)
        raise
    if outermost:
        announce(store, store.last_recorded, plugins)


def announce(store: Store, recorded: tuple[Any, ...], plugins: Any = None) -> None:
    """Fire ``interaction_recorded`` once for each committed interaction, in the state it
    was committed in (one recorded, then replaced as news in the same transaction, is
    announced once, as replaced)."""
    plugins = plugins if plugins is not None else store.plugins
    if plugins is None:
        return
    final = {interaction.id: interaction for interaction in recorded}
    for interaction in final.values():
        plugins.broadcast("interaction_recorded", interaction=interaction, store=store)


def _remove_empty_folder(home: Path) -> None:
    """Remove ``home`` if it holds nothing but the lock file."""
    from kith.persistence.folder import LOCK

    with contextlib.suppress(OSError):
        if {p.name for p in home.iterdir()} <= {LOCK}:
            (home / LOCK).unlink(missing_ok=True)
            home.rmdir()


def scope_commands(cli: click.Group) -> None:
    """Wrap every leaf command under ``cli`` (except ``UNSCOPED``) in one transaction."""
    for name, command in cli.commands.items():
        scope_command(name, command)


def scope_command(name: str, command: click.Command) -> None:
    """Wrap top-level command ``name`` (and its subcommands) in one transaction each,
    unless it is one of ``UNSCOPED``; wrapping twice is harmless."""
    if name not in UNSCOPED:
        _scope(command)


def _scope(command: click.Command) -> None:
    if isinstance(command, click.Group):
        for child in command.commands.values():
            _scope(child)
        if not getattr(command.get_command, "_kith_scoped", False):
            # groups that build their subcommands on demand (``kith import SOURCE``)
            original = command.get_command

            def get_command(ctx: click.Context, name: str) -> click.Command | None:
                found = original(ctx, name)
                if found is not None:
                    _scope(found)
                return found

            get_command._kith_scoped = True  # type: ignore[attr-defined]
            command.get_command = get_command  # type: ignore[method-assign,assignment]
        return
    callback = command.callback
    if callback is None or getattr(callback, "_kith_scoped", False):
        return
    command.callback = _in_transaction(callback)


def _in_transaction(callback: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(callback)
    def run(*args: Any, **kwargs: Any) -> Any:
        from kith.persistence.store import MAIN
        from kith.services.context import KithApp

        app = click.get_current_context().find_object(KithApp)
        if app is None or not (app.db / MAIN).is_file():
            return callback(*args, **kwargs)  # nothing to race with yet
        store = app.store
        if sys.stdout.isatty():
            with one_transaction(store, app.plugins):
                return callback(*args, **kwargs)
        held = io.StringIO()
        with contextlib.redirect_stdout(held), one_transaction(store, app.plugins):
            result = callback(*args, **kwargs)
        sys.stdout.write(held.getvalue())  # after the commit: no "Recorded" for a rollback
        return result

    run._kith_scoped = True  # type: ignore[attr-defined]
    return run
