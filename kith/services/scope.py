"""One transaction per command: every command reads under the same lock as its write.

A command that reads a record, changes it and writes it back must not let another
process commit in between: two ``person edit --add-tag`` would each add their tag to
the same old record and one tag would be lost; two ``interaction delete`` of one id
would both subtract it from the totals. Patching each command is how such races come
back, so the command tree is wrapped once, after every core and plugin command is
added: each command's whole body runs inside ``store.transaction()``. The lock is taken
before the first read, files changed by other processes are re-read at that moment,
nested transactions inside the body join this one, and ``interaction_recorded`` hooks
fire after the commit.

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
from collections.abc import Callable
from typing import Any

import click

UNSCOPED = frozenset({"tui", "doctor", "backup", "restore", "demo", "init", "plugins",
                      "sync"})
"""Top-level commands that take the lock themselves or do not touch the database."""


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
            with store.transaction():
                return callback(*args, **kwargs)
        held = io.StringIO()
        with contextlib.redirect_stdout(held), store.transaction():
            result = callback(*args, **kwargs)
        sys.stdout.write(held.getvalue())  # after the commit: no "Recorded" for a rollback
        return result

    run._kith_scoped = True  # type: ignore[attr-defined]
    return run
