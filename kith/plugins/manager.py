"""Loading plugins and calling their hooks without letting one bad plugin hurt the rest.

Plugins are kith's own defaults plus every entry point in the ``kith`` group (kith's
first-party plugins are declared there exactly like third-party ones), plus ``*.py``
files in a plugins folder for users who just want a script. Each is loaded on its own:
one that fails to import, or implements a hook that does not exist, is reported by name
and skipped.

``KITH_PLUGINS`` is an allow-list of plugin names (comma-separated; empty loads none but
kith's defaults); ``KITH_BLOCK_PLUGINS`` blocks names. ``KITH_TRACE_HOOKS=1`` prints every
hook call to stderr.

Broadcast hooks are called one implementation at a time (``broadcast``/``collect``), so an
exception in one is recorded as a ``PluginProblem`` and the others still run. That holds
for ``SystemExit`` and ``KeyboardInterrupt`` raised by a plugin too (a ``sys.exit(0)`` at
import must not end every command silently), and a plugin cannot replace a core command.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

import pluggy

from kith.plugins import hookspecs
from kith.plugins.discovery import PluginEntry, entry_points

if TYPE_CHECKING:
    from kith.domain.network_kinds import NetworkKind
    from kith.importing.toolkit.spec import SourceSpec

GROUP = "kith"
DEFAULTS = "kith.plugins.defaults"
PLUGIN_FAILURES = (Exception, SystemExit, KeyboardInterrupt)
"""What a plugin may raise that kith reports instead of stopping on: a plugin calling
``sys.exit`` or raising ``KeyboardInterrupt`` is a failing plugin, not the user's wish."""


@dataclass
class PluginProblem:
    """A plugin that failed: where (``load``, ``validate`` or a hook name) and why."""

    plugin: str
    stage: str
    message: str

    def __str__(self) -> str:
        return f"plugin {self.plugin!r} failed in {self.stage}: {self.message}"


@dataclass
class PluginInfo:
    name: str
    version: str | None
    origin: str
    hooks: list[str] = field(default_factory=list)
    error: str | None = None
    problems: list[str] = field(default_factory=list)
    """What went wrong after loading (a hook that raised, a core command it tried to
    replace): the plugin runs, but the user should know."""

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "version": self.version, "origin": self.origin,
                "hooks": self.hooks, "error": self.error, "problems": self.problems}


def _names_from_env(variable: str) -> set[str] | None:
    raw = os.environ.get(variable)
    if raw is None:
        return None
    return {name.strip() for name in raw.split(",") if name.strip()}


class Plugins:
    """kith's plugin manager: a typed facade over ``pluggy.PluginManager``."""

    def __init__(self) -> None:
        self.pm = pluggy.PluginManager(GROUP)
        self.pm.add_hookspecs(hookspecs)
        self.problems: list[PluginProblem] = []
        self.infos: dict[str, PluginInfo] = {}
        self._reporter: Any = None
        if os.environ.get("KITH_TRACE_HOOKS"):
            self.pm.trace.root.setwriter(sys.stderr.write)
            self.pm.enable_tracing()

    # loading -------------------------------------------------------------------------
    def load(self, *, entry_points_enabled: bool = True,
             plugins_dirs: Iterable[Path] = ()) -> Plugins:
        from kith import __version__

        self.register_module(importlib.import_module(DEFAULTS), "kith", origin="builtin",
                             version=__version__)
        allow = _names_from_env("KITH_PLUGINS")
        block = _names_from_env("KITH_BLOCK_PLUGINS") or set()
        if entry_points_enabled:
            for entry in sorted(entry_points(group=GROUP), key=lambda e: e.name):
                if (allow is not None and entry.name not in allow) or entry.name in block:
                    continue
                self._load_entry_point(entry)
        for folder in plugins_dirs:
            for path in sorted(Path(folder).glob("*.py")):
                if (allow is not None and path.stem not in allow) or path.stem in block:
                    continue
                self._load_file(path)
        return self

    def _load_entry_point(self, entry: PluginEntry) -> None:
        version = entry.version
        try:
            module = entry.load()
        except PLUGIN_FAILURES as error:  # a plugin's import can raise anything
            self._fail(entry.name, "load", error, version=version, origin="entry point")
            return
        self.register_module(module, entry.name, origin="entry point", version=version)

    def _load_file(self, path: Path) -> None:
        name = path.stem
        try:
            spec = importlib.util.spec_from_file_location(f"kith_plugin_file_{name}", path)
            assert spec and spec.loader
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
        except PLUGIN_FAILURES as error:
            self._fail(name, "load", error, version=None, origin=str(path))
            return
        self.register_module(module, name, origin=str(path))

    def register_module(self, module: ModuleType | object, name: str, *, origin: str = "test",
                        version: str | None = None) -> bool:
        """Register one plugin and validate it; on failure report it and leave it out."""
        if version is None:
            version = getattr(module, "__version__", None)
        try:
            self.pm.register(module, name=name)
        except Exception as error:
            self._fail(name, "validate", error, version=version, origin=origin)
            return False
        unknown = [impl.function.__name__ for caller in self.pm.get_hookcallers(module) or []
                   for impl in caller.get_hookimpls() if impl.plugin is module
                   if caller.spec is None]
        if unknown:
            self.pm.unregister(module)
            self._fail(name, "validate",
                       f"implements unknown hook(s): {', '.join(sorted(set(unknown)))}",
                       version=version, origin=origin)
            return False
        hooks = sorted({caller.name for caller in self.pm.get_hookcallers(module) or []})
        self.infos[name] = PluginInfo(name, version, origin, hooks)
        return True

    def _fail(self, name: str, stage: str, error: BaseException | str, *, version: str | None,
              origin: str) -> None:
        message = error if isinstance(error, str) else f"{type(error).__name__}: {error}"
        self.problems.append(PluginProblem(name, stage, str(message)))
        self.infos[name] = PluginInfo(name, version, origin, [], str(message))

    # calling -------------------------------------------------------------------------
    def _impls(self, hook_name: str) -> list[pluggy.HookImpl]:
        """Implementations in pluggy's call order: tryfirst, then last registered first,
        trylast at the end."""
        caller = getattr(self.pm.hook, hook_name)
        return list(reversed(caller.get_hookimpls()))

    def _call(self, impl: pluggy.HookImpl, hook_name: str, kwargs: dict[str, Any]) -> Any:
        args = {name: kwargs[name] for name in impl.argnames}
        try:
            return impl.function(**args)
        except PLUGIN_FAILURES as error:
            problem = PluginProblem(impl.plugin_name, hook_name,
                                    f"{type(error).__name__}: {error}")
            self.problems.append(problem)
            if self._reporter:
                self._reporter(problem)
            return None

    def implements(self, hook_name: str) -> bool:
        """Whether any plugin implements ``hook_name`` (callers skip building arguments
        nobody will read)."""
        return bool(self._impls(hook_name))

    def broadcast(self, hook_name: str, **kwargs: Any) -> None:
        """Call every implementation; one that raises is reported, the rest still run."""
        for impl in self._impls(hook_name):
            self._call(impl, hook_name, kwargs)

    def collect(self, hook_name: str, **kwargs: Any) -> list[tuple[str, Any]]:
        """Call every implementation and return ``(plugin name, result)`` for non-None."""
        results = []
        for impl in self._impls(hook_name):
            result = self._call(impl, hook_name, kwargs)
            if result is not None:
                results.append((impl.plugin_name, result))
        return results

    def first(self, hook_name: str, *, accept: Any = None, **kwargs: Any) -> Any:
        """``firstresult`` semantics, one implementation at a time.

        ``accept(result)`` may reject a garbage answer: it is reported as the plugin's
        problem and the next implementation is asked.
        """
        for impl in self._impls(hook_name):
            result = self._call(impl, hook_name, kwargs)
            if result is None:
                continue
            if accept is not None and not accept(result):
                problem = PluginProblem(impl.plugin_name, hook_name,
                                        f"returned an unusable answer: {result!r}"[:300])
                self.problems.append(problem)
                if self._reporter:
                    self._reporter(problem)
                continue
            return result
        return None

    def register_commands(self, cli: Any) -> None:
        """Let every plugin add its commands; one that replaces or removes a core command
        (or a core group's subcommand) is reported and the core command is put back.

        kith's root group loads its core commands on demand and knows how to put them back
        (``restore_core`` of its ``commands``); a plain click group is checked against the
        commands it had before the plugins ran."""
        restore = getattr(cli.commands, "restore_core", None) or _snapshot_restorer(cli)
        for impl in self._impls("register_commands"):
            self._call(impl, "register_commands", {"cli": cli})
            replaced = restore()
            if replaced:
                problem = PluginProblem(
                    impl.plugin_name, "register_commands",
                    f"tried to replace the core command(s) {', '.join(sorted(replaced))}; "
                    "kept kith's own")
                self.problems.append(problem)
                info = self.infos.get(impl.plugin_name)
                if info is not None:
                    info.problems.append(problem.message)

    def on_problem(self, reporter: Any) -> None:
        """Have hook failures reported as they happen (the CLI prints them to stderr)."""
        self._reporter = reporter

    # registries ----------------------------------------------------------------------
    def registrations(self, hook_name: str,
                      register_for: Callable[[str], Callable[..., None]]) -> None:
        """Call a ``register_*`` hook of every plugin, each with its own callback
        (``register_for(plugin name)``). What a plugin raises, in its hook or in the
        callback (a registration that is not what the hook takes), is that plugin's
        problem; the rest still register. The registries themselves live next to their
        domain: ``kith.importing.toolkit``, ``kith.domain.network_kinds``,
        ``kith.plugins.panels``."""
        for impl in self._impls(hook_name):
            self._call(impl, hook_name, {"register": register_for(impl.plugin_name)})

    def sources(self) -> dict[str, SourceSpec]:
        """The importers, by name (``kith.importing.toolkit.registered_sources``)."""
        from kith.importing.toolkit.spec import registered_sources

        return registered_sources(self)

    def network_kinds(self) -> dict[str, NetworkKind]:
        """The kinds of network, by name (``kith.domain.network_kinds.registered_kinds``)."""
        from kith.domain.network_kinds import registered_kinds

        return registered_kinds(self)

    def panels(self) -> list[tuple[str, str, Any]]:
        """``(plugin name, title, widget factory)`` for every registered TUI panel
        (``kith.plugins.panels.registered_panels``)."""
        from kith.plugins.panels import registered_panels

        return registered_panels(self)


def load_plugins(plugins_dirs: Iterable[Path] = ()) -> Plugins:
    return Plugins().load(plugins_dirs=plugins_dirs)


def _snapshot_restorer(cli: Any) -> Callable[[], list[str]]:
    """For a group whose commands are all loaded already: put back any that a plugin
    replaced or removed (and any replaced subcommand of a group), naming them."""
    core = dict(cli.commands)
    core_subcommands = {name: dict(command.commands) for name, command in core.items()
                        if hasattr(command, "commands")}

    def restore() -> list[str]:
        replaced = [name for name, command in core.items()
                    if cli.commands.get(name) is not command]
        for name in replaced:
            cli.commands[name] = core[name]
        for group, subcommands in core_subcommands.items():
            current = core[group].commands
            for name, command in subcommands.items():
                if current.get(name) is not command:
                    current[name] = command
                    replaced.append(f"{group} {name}")
        return replaced

    return restore
