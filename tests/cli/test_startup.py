"""Start-up pays only for what a command uses: ``kith --help`` lists every command without
importing one, so it loads neither Textual nor the store nor TinyDB."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from kith.cli.main import CORE_COMMANDS, build_cli, load_core_command
from kith.plugins.manager import load_plugins

HEAVY = ("textual", "tinydb", "filelock", "kith.persistence.store", "kith.persistence.files",
         "kith.importing.engine", "kith.domain.ledger", "rich", "caldav", "radicale",
         "vobject", "icalendar", "imaplib", "numpy", "kith.domain.serendipity.meaning",
         "kith.domain.serendipity.encoder")


def modules_after(args: list[str]) -> list[str]:
    """The heavy modules a fresh ``kith ARGS`` process has imported when it exits."""
    code = ("import sys\n"
            f"sys.argv = ['kith', *{args!r}]\n"
            "from kith.cli.main import main\n"
            "try:\n"
            "    main()\n"
            "except SystemExit:\n"
            "    pass\n"
            f"print('LOADED', sorted(m for m in {HEAVY!r} if m in sys.modules))\n")
    env = {**os.environ, "KITH_HOME": "/nonexistent/kith-test"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, check=True)
    line = next(x for x in done.stdout.splitlines() if x.startswith("LOADED"))
    return eval(line.removeprefix("LOADED "))  # a list literal printed just above


def test_kith_help_loads_neither_textual_nor_the_store_nor_tinydb() -> None:
    assert modules_after(["--help"]) == []


@pytest.mark.parametrize("command", ["pull", "push", "source", "inbox"])
def test_the_live_commands_help_loads_no_protocol_library(command: str) -> None:
    """caldav, vobject and imaplib are imported by a pull that needs them, never by help."""
    loaded = modules_after([command, "--help"])
    assert not {"caldav", "radicale", "vobject", "icalendar", "imaplib"} & set(loaded)


def test_kith_version_loads_nothing_heavy() -> None:
    assert modules_after(["--version"]) == []


@pytest.mark.parametrize("name", sorted(CORE_COMMANDS))
def test_the_help_line_of_each_core_command_is_its_own(name: str) -> None:
    """``kith --help`` shows the table's line without importing the command: the line must
    be what the command itself would show."""
    command = load_core_command(name, load_plugins())
    assert CORE_COMMANDS[name][1] == command.get_short_help_str(limit=10**6)


def test_every_core_command_is_listed_and_loads_on_demand() -> None:
    cli = build_cli(load_plugins())
    import click

    with click.Context(cli) as ctx:
        names = cli.list_commands(ctx)
        assert set(CORE_COMMANDS) <= set(names)
        assert cli.get_command(ctx, "log") is cli.get_command(ctx, "log")  # loaded once
        assert cli.get_command(ctx, "no-such-command") is None
