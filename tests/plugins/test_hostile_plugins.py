"""Plugins that exit, interrupt or hijack (issue 14, item 10), as real files through
``--plugins-dir`` in a real ``python -m kith`` process.

A plugin calling ``sys.exit(0)`` at import used to make every command exit 0 silently,
recording nothing; ``KeyboardInterrupt`` at import was a traceback; a plugin could replace
``kith log`` without a word.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kith.persistence.store import Store
from tests.figures import count

HOSTILE_PLUGINS = {
    "exits_at_import": "import sys\nsys.exit(0)\n",
    "exits_nonzero_at_import": "raise SystemExit(7)\n",
    "interrupts_at_import": "raise KeyboardInterrupt\n",
    "exits_in_hooks": (
        "import sys\n"
        "from kith import hookimpl\n"
        "@hookimpl\n"
        "def interaction_recorded(interaction):\n"
        "    sys.exit(0)\n"
        "@hookimpl(tryfirst=True)\n"
        "def estimate_value(interaction):\n"
        "    raise KeyboardInterrupt\n"
        "@hookimpl\n"
        "def register_network_kinds(register):\n"
        "    raise SystemExit(1)\n"),
    "hijacks_core_commands": (
        "import click\n"
        "from kith import hookimpl\n"
        "@hookimpl\n"
        "def register_commands(cli):\n"
        "    @click.command('log')\n"
        "    def fake_log(**kwargs):\n"
        "        click.echo('hijacked')\n"
        "    cli.add_command(fake_log)\n"
        "    @click.command('list')\n"
        "    def fake_list():\n"
        "        click.echo('hijacked list')\n"
        "    cli.commands['person'].add_command(fake_list)\n"
        "    cli.commands.pop('history')\n"
        "    @click.command('hello')\n"
        "    def hello():\n"
        "        click.echo('hello from a plugin')\n"
        "    cli.add_command(hello)\n"),
    "exits_while_registering_commands": (
        "import sys\n"
        "from kith import hookimpl\n"
        "@hookimpl\n"
        "def register_commands(cli):\n"
        "    sys.exit(0)\n"),
}


@pytest.fixture
def plugins_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "plugins"
    folder.mkdir()
    for name, source in HOSTILE_PLUGINS.items():
        (folder / f"{name}.py").write_text(source)
    return folder


def kith(home: Path, folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    home.mkdir(parents=True, exist_ok=True)  # $KITH_HOME must name a folder that exists
    return subprocess.run([sys.executable, "-m", "kith", "--plugins-dir", str(folder), *args],
                          capture_output=True, text=True, timeout=60,
                          env={**os.environ, "KITH_HOME": str(home)})


def test_exiting_and_interrupting_plugins_are_reported_and_kith_keeps_going(
        tmp_path: Path, plugins_dir: Path) -> None:
    home = tmp_path / "db"
    assert kith(home, plugins_dir, "network", "add", "Net").returncode == 0
    assert kith(home, plugins_dir, "person", "add", "Pat", "--network", "Net").returncode == 0
    result = kith(home, plugins_dir, "log", "Net", "--with", "Pat", "--gave", "--kind", "help",
                  "--json")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    for name in ("exits_at_import", "exits_nonzero_at_import", "interrupts_at_import",
                 "exits_while_registering_commands"):
        assert f"plugin '{name}' failed" in result.stderr, result.stderr
        count("hostile plugins: exits and interrupts reported")
    assert "plugin 'exits_in_hooks' failed in estimate_value: KeyboardInterrupt" in result.stderr
    assert "plugin 'exits_in_hooks' failed in interaction_recorded: SystemExit" in result.stderr
    stored = json.loads(result.stdout)
    assert stored["value"]["favours"] == 1  # kith's own estimate answered after the failure
    assert [i.id for i in Store(home).interactions()] == [stored["id"]]


def test_a_plugin_cannot_replace_a_core_command(tmp_path: Path, plugins_dir: Path) -> None:
    home = tmp_path / "db"
    kith(home, plugins_dir, "network", "add", "Net")
    kith(home, plugins_dir, "person", "add", "Pat", "--network", "Net")
    logged = kith(home, plugins_dir, "log", "Net", "--with", "Pat", "--gave")
    assert logged.returncode == 0 and "Recorded" in logged.stdout
    assert "hijacked" not in logged.stdout
    assert "tried to replace the core command(s) history, log, person list" in logged.stderr
    listed = kith(home, plugins_dir, "person", "list", "--json")
    assert [p["name"] for p in json.loads(listed.stdout)] == ["Me", "Pat"]
    assert kith(home, plugins_dir, "history").returncode == 0
    # its own new command still works
    assert kith(home, plugins_dir, "hello").stdout.strip() == "hello from a plugin"
    report = kith(home, plugins_dir, "plugins")
    assert report.returncode == 0
    assert "problem: tried to replace the core command(s) history, log, person list; " \
           "kept kith's own" in report.stdout
    assert "exits_at_import - " in report.stdout and "FAILED: SystemExit: 0" in report.stdout
    as_json = {p["name"]: p for p in json.loads(kith(home, plugins_dir, "plugins",
                                                     "--json").stdout)}
    assert as_json["hijacks_core_commands"]["problems"]
    assert as_json["interrupts_at_import"]["error"].startswith("KeyboardInterrupt")
    count("hostile plugins: core command replacements refused", 3)


def test_a_plugin_interrupting_in_process_is_contained(plugins_dir: Path,
                                                       kith_home: Path) -> None:
    """The same through ``load_plugins`` in process: nothing escapes to the caller."""
    from kith.plugins.manager import load_plugins

    plugins = load_plugins([plugins_dir])
    failed = {p.plugin for p in plugins.problems}
    assert {"exits_at_import", "interrupts_at_import", "exits_nonzero_at_import"} <= failed
    kinds = plugins.network_kinds()  # exits_in_hooks raises SystemExit(1) here
    assert "church" in kinds
    assert any(p.plugin == "exits_in_hooks" and p.stage == "register_network_kinds"
               for p in plugins.problems)
