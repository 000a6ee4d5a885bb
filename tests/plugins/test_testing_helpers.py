"""``kith.api.testing``, the helpers plugin authors test with: a real database, a plugin
manager with their plugin and kith's defaults, the real CLI; and the tutorial of
docs/plugins.md, run as a plugin through them."""

from __future__ import annotations

import re
import subprocess
import sys
import types
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from kith.api import Interaction, KithError, PluginTable, hookimpl
from kith.api.testing import (
    DEFAULT_TODAY,
    Sandbox,
    panel_context,
    plugin_manager,
    snapshot,
    temporary_store,
)
from kith.persistence.store import Store

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "plugins.md"


class Greeter:
    """A small plugin: a command, a hook that counts, a command that fails cleanly."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    @hookimpl
    def register_commands(self, cli: Any) -> None:
        import click

        from kith.api import echo, pass_app

        @cli.command()
        @click.argument("name")
        @pass_app
        def greet(app: Any, name: str) -> None:
            if not name.isalpha():
                raise KithError(f"a name is letters, not {name!r}")
            PluginTable(app.store, "greeter", "greeted").put(name, {"times": 1})
            echo(f"hello {name}")

    @hookimpl
    def interaction_recorded(self, interaction: Interaction) -> None:
        self.seen.append(interaction.kind)


class Raises:
    @hookimpl
    def interaction_recorded(self) -> None:
        raise RuntimeError("plugin bug")


def test_the_sandbox_runs_the_real_cli_on_a_real_database(tmp_path: Path) -> None:
    greeter = Greeter()
    kith = Sandbox(tmp_path, ("greeter", greeter))
    assert kith.home == tmp_path / "db" and not kith.home.exists()
    assert kith.ok("greet", "Ana").stdout == "hello Ana\n"
    assert (kith.home / "kith.json").is_file()  # on disk, where the CLI put it
    kith.ok("network", "add", "Choir", "--kind", "other")
    kith.ok("person", "add", "Ana", "--network", "Choir")
    kith.ok("log", "Choir", "--with", "Ana", "--gave", "--kind", "help")
    assert greeter.seen == ["help"]  # the plugin's hook ran, through kith's own write
    assert "Ana" in [p["name"] for p in kith.json("person", "list")]
    assert PluginTable(kith.open_store(), "greeter", "greeted").get("Ana") == {
        "times": 1, "id": "Ana"}
    info = {p["name"]: p for p in kith.json("plugins")}
    assert set(info) == {"kith", "greeter"}  # installed plugins stay out unless asked for
    assert kith.problems == []


def test_fails_checks_kiths_contract_for_bad_input(tmp_path: Path) -> None:
    kith = Sandbox(tmp_path, Greeter())
    kith.ok("greet", "Ana")
    before = snapshot(kith.home)
    result = kith.fails("greet", "Ana1", match="letters")
    assert result.exit_code == 2 and snapshot(kith.home) == before
    with pytest.raises(AssertionError, match="exited 0, not 2"):
        kith.fails("greet", "Ben")
    with pytest.raises(AssertionError, match="exited 2"):
        kith.ok("greet", "B3n")


def test_fails_sees_a_command_that_changes_the_database_before_it_refuses(
        tmp_path: Path) -> None:
    class Sloppy:
        @hookimpl
        def register_commands(self, cli: Any) -> None:
            from kith.api import pass_app

            @cli.command()
            @pass_app
            def tidy(app: Any) -> None:
                PluginTable(app.store, "sloppy", "t").put("x", {})  # the command's transaction
                raise KithError("refused after writing")

            @cli.command()
            @pass_app
            def sloppy(app: Any) -> None:
                (app.db / "stray.json").write_text("{}")  # behind the store's back
                raise KithError("refused after writing")

    kith = Sandbox(tmp_path, Sloppy())
    kith.ok("init")
    kith.fails("tidy", match="refused")  # a command is one transaction: nothing landed
    assert PluginTable(kith.open_store(), "sloppy", "t").all() == {}
    with pytest.raises(AssertionError, match="changed the database"):
        kith.fails("sloppy")


def test_a_crash_is_raised_with_its_traceback_not_hidden(tmp_path: Path) -> None:
    class Crashes:
        @hookimpl
        def register_commands(self, cli: Any) -> None:
            @cli.command()
            def crash() -> None:
                raise ZeroDivisionError("a plugin bug")

    with pytest.raises(ZeroDivisionError, match="a plugin bug"):
        Sandbox(tmp_path, Crashes()).invoke("crash")


def test_problems_report_what_plugins_raised(tmp_path: Path) -> None:
    kith = Sandbox(tmp_path, ("raises", Raises()))
    kith.ok("network", "add", "Choir", "--kind", "other")
    kith.ok("person", "add", "Ana", "--network", "Choir")
    result = kith.ok("log", "Choir", "--with", "Ana", "--gave", "--kind", "help")
    assert "plugin 'raises' failed in interaction_recorded" in result.stderr
    assert [(p.plugin, p.stage) for p in kith.problems] == [("raises",
                                                              "interaction_recorded")]


def test_the_sandbox_reads_its_own_configuration(tmp_path: Path) -> None:
    kith = Sandbox(tmp_path, config='[kith]\ncurrency = "CHF"\n')
    kith.ok("init")
    assert kith.open_store().currency == "CHF"
    context = kith.panel_context(today=date(2025, 3, 4))
    assert (context.config["kith"]["currency"], context.today) == ("CHF", date(2025, 3, 4))
    assert context.plugins is kith.plugins


def test_plugin_manager_registers_the_plugin_beside_kiths_defaults() -> None:
    module = types.ModuleType("kith_probe_module")
    module.interaction_recorded = hookimpl(lambda interaction: None)  # type: ignore[attr-defined]
    manager = plugin_manager(module)
    assert set(manager.infos) == {"kith", "kith_probe_module"}
    assert manager.network_kinds()["other"].plugin == "kith"  # kith's defaults are there
    with_installed = plugin_manager(installed=True)
    assert {"social", "church", "association", "friends"} <= set(with_installed.infos)


def test_plugin_manager_refuses_a_plugin_kith_would_skip() -> None:
    class Typo:
        @hookimpl
        def interaction_recordd(self) -> None: ...

    with pytest.raises(ValueError, match=r"'typo'.*unknown hook\(s\): interaction_recordd"):
        plugin_manager(Typo())


def test_temporary_store_and_panel_context(tmp_path: Path) -> None:
    store = temporary_store(tmp_path / "db", currency="EUR")
    assert isinstance(store, Store) and store.plugins is not None
    context = panel_context(store)
    assert (context.store, context.today, context.plugins) == (store, DEFAULT_TODAY,
                                                               store.plugins)
    assert context.config["kith"] is not None  # kith's defaults


def test_the_sandbox_takes_another_command_tree(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    import click

    module = types.ModuleType("kith_probe_cli")

    def build(plugins: Any) -> click.Group:
        @click.group()
        def root() -> None: ...

        @root.command()
        def ping() -> None:
            click.echo("pong")

        return root

    module.build = build  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, module.__name__, module)
    assert Sandbox(tmp_path, cli="kith_probe_cli:build").ok("ping").stdout == "pong\n"


def test_importing_the_helpers_leaves_kith_api_light() -> None:
    code = ("import sys, kith.api; light = 'click.testing' not in sys.modules\n"
            "import kith.api.testing; print(light, 'kith.cli.main' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.split() == ["True", "False"]  # the CLI loads when a test runs a command


# the tutorial ---------------------------------------------------------------------------
def tutorial() -> str:
    text = GUIDE.read_text(encoding="utf-8")
    return text.split("## Tutorial", 1)[1].split("\n## ", 1)[0]


def code_blocks(text: str) -> list[str]:
    return re.findall(r"```python\n(.*?)```", text, flags=re.DOTALL)


def test_the_tutorial_reads_and_prints_the_way_the_guide_says() -> None:
    code = "\n".join(code_blocks(tutorial()))
    assert code, "the tutorial has no code"
    for forbidden in ("open(", "click.echo", "print("):
        assert forbidden not in code, f"the tutorial's code uses {forbidden}"


def test_the_tutorial_plugin_works(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The blocks marked ``# kith_meetings/__init__.py`` are the whole plugin; its test is
    the tutorial's last block. Both run here, as written."""
    blocks = code_blocks(tutorial())
    plugin = [b for b in blocks if b.startswith("# kith_meetings/__init__.py")]
    assert len(plugin) == 2
    package = tmp_path / "src" / "kith_meetings"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("\n".join(plugin), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path / "src"))
    import kith_meetings  # type: ignore[import-not-found]

    [test] = [b for b in blocks if "def test_" in b]
    namespace: dict[str, Any] = {}
    exec(compile(test, "docs/plugins.md", "exec"), namespace)
    work = tmp_path / "work"
    work.mkdir()
    namespace["test_import_and_count"](work)
    # and the rest of what it shows: bad rows skipped and named, the plugin's own table
    (work / "bad.csv").write_text("date,person,minutes\n2025-03-04,Ana,60\nnot a date,Ben,5\n"
                                  "2025-03-05,Chen,many\n", encoding="utf-8")
    kith = Sandbox(work / "again", ("meetings", kith_meetings))
    summary = kith.json("import", "meetings", work / "bad.csv", "--create-network", "other")
    assert summary["interactions_added"] == 1 and len(summary["skipped"]) == 2
    assert kith.ok("meetings", "organised-by", "Ana").stdout == "organised by Ana\n"
    assert PluginTable(kith.open_store(), "meetings", "organisers").get("current") == {
        "name": "Ana", "id": "current"}
    sys.modules.pop("kith_meetings", None)
