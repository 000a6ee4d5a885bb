"""Testing helpers for plugin authors: kith's real parts, in a temporary folder.

What kith's own tests use, for a plugin's tests: a real database on disk (never a mock of the
store), a plugin manager with the plugin under test registered beside kith's own defaults,
and a CLI runner over the real command tree (``kith.cli.main.build_cli``), so a test sees
exactly what a user would::

    from kith.api.testing import Sandbox
    import my_plugin

    def test_import(tmp_path):
        kith = Sandbox(tmp_path, my_plugin)
        summary = kith.json("import", "my-source", "export.csv", "--create-network", "other")
        assert summary["interactions_added"] == 3
        kith.fails("import", "my-source", "broken.csv", match="line 2")  # exit 2, db unchanged
        assert kith.open_store().find_person("ana@example.org")

Other installed plugins (kith's first-party ones too) are left out unless asked for
(``installed=True``), so a test does not depend on what else is on the machine. The pieces
are also usable alone: ``plugin_manager``, ``temporary_store``, ``panel_context``.

Import it explicitly (``kith.api.testing``): it loads click's test runner and the store, which
``import kith.api`` never does.

The runner needs the whole command tree, the one thing here from above the API layer: it is
named (``CLI_FACTORY``, loaded when a test first runs a command, the way the CLI loads its own
commands) rather than imported, so the plugin surface still depends on nothing above it and a
test may hand the sandbox another factory.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

from click.testing import CliRunner, Result

from kith.core.targets import load_target
from kith.persistence.store import Store
from kith.plugins.manager import PluginProblem, Plugins
from kith.plugins.panels import PanelContext

__all__ = ["Result", "Sandbox", "panel_context", "plugin_manager", "snapshot",
           "temporary_store"]

CLI_FACTORY = "kith.cli.main:build_cli"
"""The real command tree's factory (``build_cli(plugins)``), as ``module:function``."""

DEFAULT_TODAY = date(2025, 6, 15)
"""The day a panel context built for a test treats as today, unless told otherwise: a fixed
day keeps panel tests deterministic."""


def _plugin_name(plugin: object) -> str:
    if isinstance(plugin, ModuleType):
        return plugin.__name__
    return type(plugin).__name__.lower()


def plugin_manager(*plugins: object | tuple[str, object], installed: bool = False) -> Plugins:
    """kith's plugin manager with kith's own defaults and ``plugins`` registered, each a
    module or an object with ``@hookimpl`` methods, or a ``(name, plugin)`` pair (the
    name defaults to the module's name). ``installed=True`` also loads every installed
    plugin (entry points), kith's first-party ones included.

    A plugin that cannot be registered (an unknown hook, a bad hook signature) raises
    ``ValueError`` with kith's message, instead of being skipped as it would be for a user.
    """
    manager = Plugins().load(entry_points_enabled=installed)
    for entry in plugins:
        name, plugin = entry if isinstance(entry, tuple) else (_plugin_name(entry), entry)
        if not manager.register_module(plugin, name):
            problems = "; ".join(str(p) for p in manager.problems if p.plugin == name)
            raise ValueError(f"cannot register plugin {name!r}: {problems}")
    return manager


def temporary_store(folder: Path, plugins: Plugins | None = None, *,
                    currency: str | None = None) -> Store:
    """A real store in ``folder`` (created by the first write, as for a user), with the
    given plugins (kith's defaults when none)."""
    return Store(Path(folder), plugins=plugins if plugins is not None else plugin_manager(),
                 currency=currency)


def panel_context(store: Store, *, config: dict[str, Any] | None = None,
                  today: date = DEFAULT_TODAY, plugins: Plugins | None = None) -> PanelContext:
    """What the TUI builds a panel with (``Class(context)``): the store, the configuration
    (kith's defaults unless given), a fixed day and the plugins (the store's own)."""
    if config is None:
        import copy

        from kith.core.config import DEFAULTS

        config = copy.deepcopy(DEFAULTS)
    plugins = plugins if plugins is not None else store.plugins
    return PanelContext(store, config, today, plugins if plugins is not None else plugin_manager())


def snapshot(home: Path) -> dict[str, bytes]:
    """Every database file's bytes (backups aside), to show that a command changed nothing."""
    if not home.exists():
        return {}
    return {str(p.relative_to(home)): p.read_bytes() for p in sorted(home.rglob("*.json"))
            if "backups" not in p.relative_to(home).parts}


class Sandbox:
    """A temporary kith for one test: a database folder (``folder/db``), a configuration
    file (``folder/config.toml``, written from ``config`` when given), a plugin manager
    with ``plugins`` registered, and the real CLI over them."""

    def __init__(self, folder: Path, *plugins: object | tuple[str, object],
                 installed: bool = False, config: str = "", cli: str = CLI_FACTORY) -> None:
        self.cli = cli
        self.folder = Path(folder)
        self.home = self.folder / "db"
        self.config_path = self.folder / "config.toml"
        if config:
            self.folder.mkdir(parents=True, exist_ok=True)
            self.config_path.write_text(config, encoding="utf-8")
        self.plugins = plugin_manager(*plugins, installed=installed)

    @property
    def problems(self) -> list[PluginProblem]:
        """What the plugins raised so far (kith reports these and goes on; a test usually
        wants none)."""
        return list(self.plugins.problems)

    def open_store(self) -> Store:
        """A store on the sandbox's database, opened now: it sees every command run so far
        (open a new one after running commands rather than keeping an old one)."""
        return Store(self.home, plugins=self.plugins)

    def panel_context(self, *, today: date = DEFAULT_TODAY) -> PanelContext:
        """The context the TUI would build this sandbox's panels with, on ``today``."""
        from kith.core.config import load_config

        return PanelContext(self.open_store(), load_config(self.config_path), today,
                            self.plugins)

    # the command line -------------------------------------------------------------------
    def invoke(self, *args: object, input: str | None = None) -> Result:
        """Run ``kith ARGS`` through the real command tree and return click's result
        (``exit_code``, ``stdout``, ``stderr``). An exception the CLI did not turn into
        an exit code (a crash) is raised, with its traceback, rather than hidden."""
        build_cli = load_target(self.cli)
        # the sandbox's folder is the default database, as the platform's data folder is
        # for a user: created by the first write (a folder named with --db or $KITH_HOME
        # must exist already)
        env = {"KITH_HOME": None, "KITH_CONFIG": str(self.config_path),
               "KITH_PLUGINS_DIR": None}
        result = CliRunner().invoke(build_cli(self.plugins), [str(a) for a in args],
                                    input=input, env=env,
                                    default_map={"db": str(self.home)})
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        return result

    def ok(self, *args: object, input: str | None = None) -> Result:
        """``invoke``, asserting success (exit code 0)."""
        result = self.invoke(*args, input=input)
        assert result.exit_code == 0, (f"kith {_shown(args)} exited {result.exit_code}: "
                                       f"{result.stderr or result.stdout}")
        return result

    def json(self, *args: object) -> Any:
        """``ok`` with ``--json`` added, returning the parsed output."""
        import json

        return json.loads(self.ok(*args, "--json").stdout)

    def fails(self, *args: object, match: str | None = None, input: str | None = None
              ) -> Result:
        """``invoke``, asserting kith's contract for bad input: exit code 2, one line on
        stderr (containing ``match``, case-insensitive), no traceback, and the database
        exactly as before."""
        before = snapshot(self.home)
        result = self.invoke(*args, input=input)
        shown = f"kith {_shown(args)}"
        assert result.exit_code == 2, (f"{shown} exited {result.exit_code}, not 2: "
                                       f"{result.stderr or result.stdout}")
        assert "Traceback" not in result.stderr, f"{shown} printed a traceback"
        lines = [line for line in result.stderr.splitlines()
                 if line and not line.startswith("kith: warning:")]
        assert len(lines) == 1, f"{shown} should say what is wrong in one line: {lines}"
        if match is not None:
            assert match.lower() in result.stderr.lower(), (match, result.stderr)
        assert snapshot(self.home) == before, f"{shown} failed but changed the database"
        return result


def _shown(args: Sequence[object] | Iterable[object]) -> str:
    return " ".join(str(a) for a in args)
