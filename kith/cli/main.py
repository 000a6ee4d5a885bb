"""The ``kith`` command line, built by a factory so tests never reload modules.

``build_cli(plugins)`` assembles the core commands (each in ``kith.cli.commands.*``) and lets
plugins add theirs through ``register_commands``. Errors a user can cause are
``KithError``s: printed as one line on stderr with exit code 2, never a traceback.
Heavy libraries (textual, rich, vobject, icalendar) are imported inside the commands that
use them, so ``kith --help`` stays fast and never imports textual.
"""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path
from typing import Any

import click

from kith import __version__
from kith.core.errors import KithError
from kith.core.safeoutput import clean_value, protect_streams
from kith.core.targets import load_target
from kith.plugins.manager import Plugins, load_plugins

CORE_COMMANDS: dict[str, tuple[str, str]] = {
    "init": ("kith.cli.commands.init:init",
        "Create an empty kith database (nothing happens if one exists)."),
    "network": ("kith.cli.commands.network:network",
        "Add, list, show, edit and remove networks."),
    "person": ("kith.cli.commands.person:person",
        "Add, list, show, edit and merge people."),
    "log": ("kith.cli.commands.log:log",
        "Record an interaction in NETWORK with one or more people."),
    "history": ("kith.cli.commands.history:history",
        "List interactions, oldest first, with filters."),
    "interaction": ("kith.cli.commands.interaction:interaction",
        "Show, edit or delete a recorded interaction by its id."),
    "kinds": ("kith.cli.commands.kinds:kinds",
        "List every interaction kind with its origin: core, plugin or user."),
    "import": ("kith.cli.commands.importing:make_import_command",
        "Import interactions and people from an export: kith import SOURCE PATH."),
    "plugins": ("kith.cli.commands.plugins:plugins",
        "List plugins with their versions, hooks and any load error."),
    "assess": ("kith.cli.commands.assess:assess",
        "Assess every network: does it give back at least what you put in, in money, fun or "
        "help?"),
    "demo": ("kith.cli.commands.demo:demo",
        "Build a demo persona (Sam, five networks) and assess it."),
    "remind": ("kith.cli.commands.remind:remind",
        "Follow-ups (due and overdue first), who is overdue for contact (most overdue first), "
        "upcoming birthdays, people you helped who are new to a network, people who came to you "
        "and were not followed up (newest first), people drifting away, and whom to thank."),
    "hear": ("kith.cli.commands.hear:hear",
        "Record that PERSON needs or offers something: material for introductions."),
    "opportunities": ("kith.cli.commands.opportunities:opportunities",
        "List the needs and offers you have heard."),
    "opportunity": ("kith.cli.commands.opportunities:opportunity",
        "Close, reopen or edit one opportunity."),
    "intro": ("kith.cli.commands.intro:intro",
        "Introductions: suggest, make, record outcomes, list."),
    "tui": ("kith.cli.commands.tui:tui",
        "Open the interactive app: dashboard, people, log form, introductions, reminders and "
        "plugin "
        "panels."),
    "doctor": ("kith.cli.commands.doctor:doctor",
        "Check the database: valid JSON, unique ids, references, aggregates."),
    "backup": ("kith.cli.commands.doctor:backup",
        "Back up the database now (kith also does before every import and migration)."),
    "restore": ("kith.cli.commands.doctor:restore",
        "Restore backup NAME (see `kith backup --list`); the current state is backed up first, "
        "so a "
        "restore can itself be undone."),
    "note": ("kith.cli.commands.note:note",
        "Dated notes about people: kith note PERSON TEXT [--on DATE] [--network N]."),
    "follow-up": ("kith.cli.commands.followup:follow_up",
        "Follow-ups: kith follow-up PERSON --on DATE | --in 2w [--about TEXT]."),
    "export": ("kith.cli.commands.export:export",
        "Export to other formats: json (everything), csv, ics (birthdays); plugins add more."),
    "conflicts": ("kith.cli.commands.conflicts:conflicts",
        "List the values a merge or sync dropped for a newer edit made elsewhere."),
    "merge": ("kith.cli.commands.merge:merge",
        "Merge OTHER (a kith database folder, or a `kith export json` file) into this database, "
        "losing nothing."),
    "sync": ("kith.cli.commands.sync:sync",
        "Sync this database with its git remote: commit local changes, fetch, merge (record by "
        "record, nothing lost), push."),
    "completion": ("kith.cli.commands.completion:completion",
        "Print the shell completion script for bash, zsh or fish, to source in your shell."),
    "source": ("kith.cli.commands.source:source",
        "Live sources (address books, calendars, mail) for `kith pull`: add, list, remove."),
    "pull": ("kith.cli.commands.pull:pull",
        "Refresh the live sources (all, or NAME...): contacts, calendars, mail."),
    "push": ("kith.cli.commands.push:push",
        "Write changes made in kith back to the address books (all, or NAME...)."),
    "inbox": ("kith.cli.commands.inbox:inbox",
        "Suggested interactions from `kith pull`: list, accept, edit, dismiss, rules."),
}
"""Core commands by name: where each is (``module:attribute``, a click command or a
factory taking the ``Plugins`` for commands whose subcommands come from plugins), and the
line ``kith --help`` shows for it. A command's module is imported only when that command
runs (or its own ``--help`` is asked for), so ``kith --help`` loads neither the store nor
TinyDB nor Textual; a test keeps each line equal to the command's own short help."""


class KithUsageError(click.ClickException):
    """A ``KithError`` surfaced through click: one line on stderr, exit code 2."""

    exit_code = 2

    def show(self, file: Any = None) -> None:
        click.echo(f"kith: error: {clean_value(self.format_message())}", err=True)


def one_line(error: click.UsageError) -> click.ClickException:
    """click's three-line usage error (usage, hint, error) as kith's one line + hint.

    A group run without a subcommand is not an error of that kind: its help is shown.
    """
    if isinstance(error, click.exceptions.NoArgsIsHelpError):
        return error
    path = error.ctx.command_path if error.ctx is not None else "kith"
    message = " ".join(error.format_message().split())
    return KithUsageError(f"{message} (see `{path} --help`)")


class CoreCommands(dict[str, click.Command]):
    """The root group's ``commands``: a core command is imported the first time it is looked
    up by name (``cli.commands["export"]``, ``.get``, ``in``), so plugins that extend a core
    group keep working while ``kith --help`` imports none of them. Iterating lists only the
    commands loaded so far; ``KithGroup.list_commands`` lists them all."""

    def __init__(self, plugins: Plugins):
        super().__init__()
        self.plugins = plugins
        self.pristine: dict[str, tuple[click.Command, dict[str, click.Command]]] = {}
        """Each core command as it loaded, with its subcommands then."""

    def __missing__(self, name: str) -> click.Command:
        if name not in CORE_COMMANDS:
            raise KeyError(name)
        command = load_core_command(name, self.plugins)
        self.pristine[name] = (command, dict(getattr(command, "commands", {})))
        super().__setitem__(name, command)
        return command

    def get(self, name: str, default: Any = None) -> Any:  # type: ignore[override]
        try:
            return self[name]
        except KeyError:
            return default

    def pop(self, name: str, *default: Any) -> Any:  # type: ignore[override]
        if not super().__contains__(name) and name in CORE_COMMANDS:
            self.__missing__(name)  # load it: a plugin removing it is then seen and undone
        return super().pop(name, *default)

    def __contains__(self, name: object) -> bool:
        return super().__contains__(name) or name in CORE_COMMANDS

    def loaded(self, name: str) -> click.Command | None:
        """Command ``name`` if it is loaded already (never imports it)."""
        return super().get(name)

    def restore_core(self) -> list[str]:
        """Put back every core command (and core subcommand) a plugin replaced or removed;
        the names of those it had to put back."""
        replaced = []
        for name in CORE_COMMANDS:
            present = dict.get(self, name)
            original = self.pristine.get(name)
            if original is None:
                if present is not None:  # set by a plugin before kith's own ever loaded
                    super().__delitem__(name)
                    replaced.append(name)
                continue
            command, subcommands = original
            if present is not command:
                super().__setitem__(name, command)
                replaced.append(name)
            current = getattr(command, "commands", {})
            for sub, child in subcommands.items():
                if current.get(sub) is not child:
                    current[sub] = child
                    replaced.append(f"{name} {sub}")
        return replaced


class KithGroup(click.Group):
    """A click group that turns kith's own errors into one clear line, and loads each core
    command the first time it is asked for (see ``CORE_COMMANDS``)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*CORE_COMMANDS, *self.commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return self.commands.get(cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list without importing the commands: core ones from the table,
        plugin ones (already loaded) from themselves."""
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max((len(name) for name in names), default=0)
        rows = []
        for name in names:
            commands = self.commands
            loaded = (commands.loaded(name) if isinstance(commands, CoreCommands)
                      else commands.get(name))
            if loaded is not None and loaded.hidden:
                continue
            text = (loaded.get_short_help_str(limit) if loaded is not None
                    else click.Command(name, help=CORE_COMMANDS[name][1])
                    .get_short_help_str(limit))
            rows.append((name, text))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        args = checked_arguments(args)
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as error:
            raise one_line(error) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KithError as error:
            raise KithUsageError(str(error)) from None
        except click.exceptions.Exit:
            raise
        except click.UsageError as error:
            raise one_line(error) from None
        except click.ClickException as error:  # click's own messages quote what was typed
            error.message = clean_value(error.message)  # type: ignore[misc]  # Final in stubs
            raise
        except BrokenPipeError:
            sys.stderr.close()
            raise click.exceptions.Exit(0) from None


def checked_arguments(args: list[str]) -> list[str]:
    """The arguments as UTF-8 text, or a refusal naming the first that is not.

    Python hands bytes it could not decode with the locale's encoding over as lone
    surrogates (which would fail much later, half-way through a write). Under an ASCII
    locale (``LC_ALL=C`` with ``PYTHONUTF8=0``) that is every accented letter typed in a
    UTF-8 terminal: such an argument is decoded again from its bytes as UTF-8, and only
    bytes that are not UTF-8 at all are refused."""
    checked = []
    for position, arg in enumerate(args, start=1):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            try:
                arg = arg.encode("utf-8", "surrogateescape").decode("utf-8")
            except (UnicodeEncodeError, UnicodeDecodeError):
                raise KithUsageError(f"argument {position} is not valid UTF-8 text; "
                                     "kith reads arguments as UTF-8") from None
        if "\x00" in arg:  # only possible when called from Python, never from a shell
            raise KithUsageError(f"argument {position} contains a NUL character")
        checked.append(arg)
    return checked



def build_cli(plugins: Plugins | None = None) -> click.Group:
    """The root ``kith`` group with core commands and every plugin's commands."""

    @click.group(cls=KithGroup, context_settings={"help_option_names": ["-h", "--help"]})
    @click.option("--db", "db", type=click.Path(path_type=Path), envvar="KITH_HOME",
                  help="Database folder (default: $KITH_HOME or the platform data folder).")
    @click.option("--plugins-dir", type=click.Path(path_type=Path), multiple=True,
                  envvar="KITH_PLUGINS_DIR",
                  help="Also load *.py plugin files from this folder (repeatable).")
    @click.version_option(__version__, prog_name="kith")
    @click.pass_context
    def cli(ctx: click.Context, db: Path | None, plugins_dir: tuple[Path, ...]) -> None:
        """kith: which of your networks give back, whom to introduce, whom you miss.

        Record what you give and receive in each network you belong to (a church, an
        association, your friends, your social accounts), import what your exports already
        know, and let kith tell you which networks are worth it and why.
        """
        from kith.services.context import KithApp

        # a folder named with --db or $KITH_HOME must exist (but for init and demo): a
        # typo in either would otherwise show an empty database
        source = ctx.get_parameter_source("db")
        named = {click.core.ParameterSource.COMMANDLINE: "--db",
                 click.core.ParameterSource.ENVIRONMENT: "$KITH_HOME"}.get(source)  # type: ignore[arg-type]
        app = KithApp(db=db, plugins=pm, db_must_exist=named is not None
                      and ctx.invoked_subcommand not in ("init", "demo"), db_named_by=named)
        if ctx.invoked_subcommand != "plugins":  # `kith plugins` shows problems itself
            for problem in pm.problems:
                click.echo(f"kith: warning: {clean_value(problem)}", err=True)
        app.report_problems_to_stderr()
        ctx.obj = app

    pm = plugins if plugins is not None else load_plugins(_plugins_dirs_from_argv())
    cli.commands = CoreCommands(pm)
    pm.register_commands(cli)
    from kith.services.scope import scope_commands

    scope_commands(cli)  # the plugins' commands; core ones are scoped as they load
    if os.environ.get("_KITH_COMPLETE"):  # a shell asks for completions: add the database's
        from kith.cli.completion import enable

        enable(cli, pm)
    return cli


def load_core_command(name: str, plugins: Plugins) -> click.Command:
    """Core command ``name``, imported now and wrapped in its transaction."""
    from kith.services.scope import scope_command

    command = load_target(CORE_COMMANDS[name][0])
    if not isinstance(command, click.Command):
        command = command(plugins)  # a factory that needs the plugins
    scope_command(name, command)
    return command


def _plugins_dirs_from_argv() -> list[Path]:
    """``--plugins-dir`` must be known before the command tree is built."""
    dirs = [Path(p) for p in os.environ.get("KITH_PLUGINS_DIR", "").split(os.pathsep) if p]
    argv = sys.argv[1:]
    for index, arg in enumerate(argv):
        if arg == "--plugins-dir" and index + 1 < len(argv):
            dirs.append(Path(argv[index + 1]))
        elif arg.startswith("--plugins-dir="):
            dirs.append(Path(arg.split("=", 1)[1]))
    return dirs


def main() -> None:
    """Console-script entry point."""
    protect_streams()
    try:
        cli = build_cli()
    except KithError as error:
        click.echo(f"kith: error: {error}", err=True)
        sys.exit(2)
    from kith.services.bulk import one_command_process

    one_command_process()
    try:
        cli(prog_name="kith")
    finally:
        # The process ends here, and Python's exit would first sweep the whole heap for
        # reference cycles: a tenth of a second after a command that read 10k people and
        # the derived files of 1M interactions, to free memory the OS takes back anyway.
        # Frozen objects are skipped by that sweep (and still freed by reference counts).
        gc.freeze()
