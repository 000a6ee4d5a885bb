"""The ``kith`` command line, built by a factory so tests never reload modules.

``build_cli(plugins)`` assembles the core commands (each in ``kith.cli.commands.*``) and lets
plugins add theirs through ``register_commands``. Errors a user can cause are
``KithError``s: printed as one line on stderr with exit code 2, never a traceback.
Heavy libraries (textual, rich, vobject, icalendar) are imported inside the commands that
use them, so ``kith --help`` stays fast and never imports textual.
"""

from __future__ import annotations

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

CORE_COMMANDS: tuple[str, ...] = (
    "kith.cli.commands.init:init",
    "kith.cli.commands.network:network",
    "kith.cli.commands.person:person",
    "kith.cli.commands.log:log",
    "kith.cli.commands.history:history",
    "kith.cli.commands.interaction:interaction",
    "kith.cli.commands.importing:make_import_command",
    "kith.cli.commands.plugins:plugins",
    "kith.cli.commands.assess:assess",
    "kith.cli.commands.demo:demo",
    "kith.cli.commands.remind:remind",
    "kith.cli.commands.hear:hear",
    "kith.cli.commands.opportunities:opportunities",
    "kith.cli.commands.opportunities:opportunity",
    "kith.cli.commands.intro:intro",
    "kith.cli.commands.tui:tui",
    "kith.cli.commands.doctor:doctor",
    "kith.cli.commands.doctor:backup",
    "kith.cli.commands.doctor:restore",
    "kith.cli.commands.note:note",
    "kith.cli.commands.followup:follow_up",
    "kith.cli.commands.export:export",
    "kith.cli.commands.merge:merge",
    "kith.cli.commands.sync:sync",
)
"""Core commands as ``module:attribute``: a click command, or a factory taking the
``Plugins`` (for commands whose subcommands come from plugins)."""


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


class KithGroup(click.Group):
    """A click group that turns kith's own errors into one clear line."""

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

        explicit = ctx.get_parameter_source("db") == click.core.ParameterSource.COMMANDLINE
        app = KithApp(db=db, plugins=pm, db_must_exist=explicit
                      and ctx.invoked_subcommand not in ("init", "demo"))
        if ctx.invoked_subcommand != "plugins":  # `kith plugins` shows problems itself
            for problem in pm.problems:
                click.echo(f"kith: warning: {clean_value(problem)}", err=True)
        app.report_problems_to_stderr()
        ctx.obj = app

    pm = plugins if plugins is not None else load_plugins(_plugins_dirs_from_argv())
    for target in CORE_COMMANDS:
        command = load_target(target)
        if not isinstance(command, click.Command):
            command = command(pm)  # a factory that needs the plugins
        cli.add_command(command)
    pm.register_commands(cli)
    from kith.services.scope import scope_commands

    scope_commands(cli)
    return cli


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
    cli(prog_name="kith")
