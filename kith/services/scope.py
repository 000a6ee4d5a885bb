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

A command that only reads (``READERS``) takes no lock at all: it reads the last
committed state (``Store.read_consistently``), so ``history`` and ``assess`` answer while
an import or a merge holds the lock, and never see half of a multi-file commit. Its
output is held back until the read is known to be whole (a read that collided with a
commit runs again, and must not have printed twice); a reader that turns out to write
runs again as a writer. A writer's output is held back while the lock is held when
stdout is not a terminal, so a command piped into a pager that is not being read cannot
keep other writers waiting.

Commands that manage locking themselves (``doctor``, ``backup``, ``restore``,
``sync``, and ``pull``/``push``, which read the network and so open one transaction per
source, never holding the lock while they wait for a server), that run
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

from kith.services.bulk import reading_command

if TYPE_CHECKING:
    from kith.persistence.store import Store

UNSCOPED = frozenset({"tui", "doctor", "backup", "restore", "demo", "init", "plugins",
                      "sync", "pull", "push", "completion"})
"""Top-level commands that take the lock themselves or do not touch the database."""

READERS = frozenset({
    "assess", "history", "remind", "opportunities", "conflicts", "kinds",
    "export csv", "export ics", "export json", "export vcard",
    "follow-up list", "interaction show", "intro list", "intro suggest",
    "network list", "network show", "note list", "person duplicates", "person list",
    "person show", "inbox list", "source list",
})
"""Commands (by their path under ``kith``) that only read the database: they run without
the writers' lock. A plugin command is a writer unless it says otherwise
(``kith_reader = True`` on the click command)."""


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
    """Remove ``home`` if it holds nothing but the lock file (and its holder's name)."""
    from kith.persistence.folder import LOCK
    from kith.persistence.lock import HOLDER

    with contextlib.suppress(OSError):
        if {p.name for p in home.iterdir()} <= {LOCK, HOLDER}:
            (home / LOCK).unlink(missing_ok=True)
            (home / HOLDER).unlink(missing_ok=True)
            home.rmdir()


def scope_commands(cli: click.Group) -> None:
    """Wrap every leaf command under ``cli`` (except ``UNSCOPED``) in one transaction."""
    for name, command in cli.commands.items():
        scope_command(name, command)


def scope_command(name: str, command: click.Command) -> None:
    """Wrap top-level command ``name`` (and its subcommands) in one transaction each,
    unless it is one of ``UNSCOPED``; readers (``READERS``) read without the lock.
    Wrapping twice is harmless."""
    if name not in UNSCOPED:
        _scope(command, name)


def _scope(command: click.Command, path: str) -> None:
    if isinstance(command, click.Group):
        for child_name, child in command.commands.items():
            _scope(child, f"{path} {child_name}")
        if not getattr(command.get_command, "_kith_scoped", False):
            # groups that build their subcommands on demand (``kith import SOURCE``)
            original = command.get_command

            def get_command(ctx: click.Context, name: str) -> click.Command | None:
                found = original(ctx, name)
                if found is not None:
                    _scope(found, f"{path} {name}")
                return found

            get_command._kith_scoped = True  # type: ignore[attr-defined]
            command.get_command = get_command  # type: ignore[method-assign,assignment]
        return
    callback = command.callback
    if callback is None or getattr(callback, "_kith_scoped", False):
        return
    reader = path in READERS or getattr(command, "kith_reader", False) is True
    command.callback = _in_transaction(callback, reader=reader)


def _in_transaction(callback: Callable[..., Any], *, reader: bool = False) -> Callable[..., Any]:
    @functools.wraps(callback)
    def run(*args: Any, **kwargs: Any) -> Any:
        from kith.persistence.lockfree import NeedsWriter
        from kith.persistence.store import MAIN
        from kith.services.context import KithApp

        app = click.get_current_context().find_object(KithApp)
        if app is None or not (app.db / MAIN).is_file():
            return callback(*args, **kwargs)  # nothing to race with yet
        if reader:
            try:
                # what a reader loads (kith.json, the derived files) holds no reference
                # cycles: without the collector, loading and reading them is a third
                # cheaper (``kith.services.bulk``)
                with reading_command():
                    return _read(app.store, callback, args, kwargs)
            except NeedsWriter:
                pass  # it writes after all (a migration, say): run it as a writer
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


class HeldOutput(io.StringIO):
    """Output held back until a lock-free read is known to be whole; it answers
    ``isatty`` as the real stdout does, so colours and widths stay as they would be."""

    def __init__(self, real: Any):
        super().__init__()
        self._tty = bool(getattr(real, "isatty", lambda: False)())

    def isatty(self) -> bool:
        return self._tty


def _read(store: Store, callback: Callable[..., Any], args: tuple[Any, ...],
          kwargs: dict[str, Any]) -> Any:
    """Run a reading command over one committed state, without the lock; print after."""
    real = sys.stdout

    def attempt() -> tuple[Any, str]:
        held = HeldOutput(real)
        with contextlib.redirect_stdout(held):
            result = callback(*args, **kwargs)
        return result, held.getvalue()

    result, text = store.read_consistently(attempt)
    real.write(text)
    return result
