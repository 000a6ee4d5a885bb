"""kith.api is the one public surface: first-party plugins and the kith-mbox example import
only from it, every name it promises resolves, and panel factories get a PanelContext
(old-style factories that take the store keep working)."""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import kith.api as api
from kith.persistence.store import Store
from kith.plugins.manager import load_plugins

ROOT = Path(__file__).resolve().parents[2]
PLUGIN_TREES = [ROOT / "plugins", ROOT / "examples" / "kith-mbox" / "kith_mbox"]
OWN_PACKAGES = ("kith_social", "kith_church", "kith_association", "kith_friends", "kith_mbox")


def kith_imports(path: Path) -> list[tuple[int, str]]:
    """``(line, module)`` of every import statement naming a kith module."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names
                      if a.name == "kith" or a.name.startswith("kith.")]
        elif (isinstance(node, ast.ImportFrom) and node.level == 0 and node.module
              and (node.module == "kith" or node.module.startswith("kith."))):
            found.append((node.lineno, node.module))
    return found


def test_plugins_and_the_example_import_only_from_kith_api() -> None:
    files = [f for tree in PLUGIN_TREES for f in sorted(tree.rglob("*.py"))]
    assert len(files) > 15
    offenders = [f"{f.relative_to(ROOT)}:{line}: {module}"
                 for f in files for line, module in kith_imports(f) if module != "kith.api"]
    assert offenders == []


def test_the_check_sees_every_import_form(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("import kith.persistence.store\nfrom kith import hookimpl\n"
                      "def f():\n    from kith.core.errors import KithError\n"
                      "from kith.api import Value\nfrom kith_social import x\n")
    assert sorted(kith_imports(sample)) == [(1, "kith.persistence.store"), (2, "kith"),
                                            (4, "kith.core.errors"), (5, "kith.api")]


def test_every_public_name_resolves() -> None:
    for name in api.__all__:
        assert getattr(api, name) is not None, name
    with pytest.raises(AttributeError, match="no_such_name"):
        api.no_such_name  # noqa: B018


def test_kith_api_does_not_load_heavy_parts() -> None:
    import subprocess
    import sys

    code = ("import sys, kith.api; print(sorted(m for m in ('textual', 'icalendar', 'vobject', "
            "'kith.importing.toolkit.calendar', 'kith.importing.toolkit.tables', "
            "'kith.persistence.store', 'tinydb') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"


def context(tmp_path: Path) -> api.PanelContext:
    plugins = load_plugins()
    return api.PanelContext(Store(tmp_path / "db", plugins=plugins), {"kith": {}},
                            date(2025, 3, 14), plugins)


def test_new_style_factories_get_the_context(tmp_path: Path) -> None:
    ctx = context(tmp_path)
    got: list[Any] = []

    def by_name(context: Any) -> str:
        got.append(context)
        return "ok"

    def by_annotation(c: api.PanelContext) -> str:
        got.append(c)
        return "ok"

    assert api.build_panel(by_name, ctx) == "ok"
    assert api.build_panel(by_annotation, ctx) == "ok"
    assert got == [ctx, ctx]


def test_old_style_factories_still_get_the_store(tmp_path: Path) -> None:
    ctx = context(tmp_path)
    got: list[Any] = []
    api.build_panel(lambda store: got.append(store), ctx)
    api.build_panel(got.append, ctx)  # a builtin: no signature to read on some Pythons
    assert got == [ctx.store, ctx.store]


def test_first_party_panels_take_the_context(tmp_path: Path) -> None:
    """Each first-party factory builds its widget from the context (its store and day)."""
    ctx = context(tmp_path)
    panels = {title: factory for _, title, factory in ctx.plugins.panels()}
    assert {"Social", "Church", "Association", "Friends"} <= set(panels)
    for title in ("Church", "Association", "Friends"):
        widget = api.build_panel(panels[title], ctx)
        assert widget.store is ctx.store
        assert widget.today == date(2025, 3, 14)
    assert api.build_panel(panels["Friends"], ctx).config is ctx.config
    assert api.build_panel(panels["Social"], ctx).store is ctx.store


def test_output_prints_json_or_text(capsys: pytest.CaptureFixture[str]) -> None:
    api.output({"people": 2}, "Wrote 2 people", as_json=True)
    api.output({"people": 2}, "Wrote 2 people", as_json=False)
    out = capsys.readouterr().out
    assert out == '{\n  "people": 2\n}\nWrote 2 people\n'


def test_a_source_named_by_module_imports_the_importer_only_when_it_runs(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    (tmp_path / "kith_lazy_probe.py").write_text(
        "def parse(path, context):\n    return ('parsed', path, context)\n"
        "def other(path, context):\n    return ('other', path, context)\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "kith_lazy_probe", raising=False)
    parse = api.SourceSpec("probe", "", "", "kith_lazy_probe").parse
    other = api.SourceSpec("probe", "", "", "kith_lazy_probe:other").parse
    assert "kith_lazy_probe" not in sys.modules
    assert parse(Path("a"), "ctx") == ("parsed", Path("a"), "ctx")  # type: ignore[arg-type,comparison-overlap]
    assert other(Path("b"), "ctx") == ("other", Path("b"), "ctx")  # type: ignore[arg-type,comparison-overlap]
    monkeypatch.delitem(sys.modules, "kith_lazy_probe")


# the groups ----------------------------------------------------------------------------
def test_kith_api_is_the_union_of_its_groups_each_name_once() -> None:
    from kith.api import commands, importers, model, panels

    seen: dict[str, str] = {}
    for group in (model, importers, commands, panels):
        for name in group.__all__:
            assert name not in seen, f"{name} is in {seen.get(name)} and {group.__name__}"
            seen[name] = group.__name__
            assert getattr(group, name) is getattr(api, name), name
    assert sorted(seen) == sorted(api.__all__)
    with pytest.raises(AttributeError, match=r"kith\.api\.panels"):
        panels.read_table  # noqa: B018  # an importer's name is not a panel's


def test_every_name_of_before_is_still_importable_from_kith_api() -> None:
    before = {
        "MAX_FIELD_BYTES", "MAX_NAME", "MAX_PROPERTIES_PER_RECORD", "MAX_SHEET_ROWS",
        "MAX_TEXT", "ME", "Ambiguous", "Field", "ImportBatch", "ImportContext",
        "ImportFormatError", "Interaction", "InteractionRecord", "KindRule", "KithApp",
        "KithError", "Message", "Network", "NetworkHint", "NetworkKind", "NotFound",
        "Opportunity", "PanelContext", "Person", "PersonRecord", "Plugins", "Reminders",
        "SourceSpec", "SourceTree", "Store", "StoreError", "Suggestion", "Table", "Totals",
        "ValidationError", "Value", "build_panel", "calendar_options", "cell", "cell_date",
        "check_path_text", "check_xlsx", "conversation_days", "echo", "event_minutes",
        "first_format_date", "fold_line", "format_minutes", "format_money", "hookimpl",
        "infer_date_order", "interaction_count", "link_writers_of_the_day", "list_files",
        "local_today", "local_tz", "mapping_options", "normalize_handle", "open_source",
        "ordered_ymd", "output", "parse_calendar", "parse_date", "parse_payments",
        "pass_app", "read_limited", "read_table", "reminders", "totals_of", "write_private"}
    assert before <= set(api.__all__)
    from kith import hookimpl
    from kith.core.model import Person
    from kith.importing.toolkit.tables import read_table

    assert (api.hookimpl, api.Person, api.read_table) == (hookimpl, Person, read_table)


def test_the_type_stubs_say_what_the_tables_say() -> None:
    """The ``.pyi`` files type checkers read are generated from the groups' tables; a name
    added to a table without regenerating them (``write_stubs``) is caught here."""
    from kith.api._lazy import stubs

    for path, text in stubs().items():
        assert path.read_text(encoding="utf-8") == text, (
            f"{path.name} is stale: run python -c 'from kith.api._lazy import write_stubs; "
            "write_stubs()'")


def test_a_group_refuses_one_name_from_two_places() -> None:
    from kith.api._lazy import Exports

    with pytest.raises(ValueError, match="'echo' is exported from both"):
        Exports("probe", {"kith.core.safeoutput": ("echo",), "kith.api.commands": ("echo",)})


def test_the_api_and_the_registries_depend_on_nothing_above_them() -> None:
    import subprocess
    import sys

    code = ("import sys, kith.api, kith.api.commands, kith.api.importers, kith.api.panels\n"
            "from kith.api import pass_app, output, calendar_options, mapping_options\n"
            "import kith.domain.network_kinds, kith.importing.toolkit.spec\n"
            "print(sorted(m for m in sys.modules if m.startswith(('kith.cli', 'kith.tui'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"


def test_the_cli_uses_the_apis_helpers() -> None:
    import kith.cli.commands as shared
    from kith.api import commands

    assert (shared.pass_app, shared.output, shared.emit_json) == (
        commands.pass_app, commands.output, commands.emit_json)


# the panel convention ------------------------------------------------------------------
def test_a_target_class_is_built_with_the_context(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import sys
    import types
    import warnings

    module = types.ModuleType("kith_probe_context_panel")

    class Probe:
        def __init__(self, context: api.PanelContext) -> None:
            self.context = context

    module.Probe = Probe  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, module.__name__, module)

    class Panels:
        @api.hookimpl
        def register_panels(self, register: Any) -> None:
            register("Probe", "kith_probe_context_panel:Probe")

    ctx = context(tmp_path)
    ctx.plugins.register_module(Panels(), "probe")
    [factory] = [f for plugin, _, f in ctx.plugins.panels() if plugin == "probe"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the one convention: no warning
        assert api.build_panel(factory, ctx).context is ctx


def test_the_old_panel_conventions_work_with_a_warning_naming_the_plugin(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys
    import types

    module = types.ModuleType("kith_probe_store_panel")

    class StorePanel:
        def __init__(self, store: Any, *, today: date | None = None) -> None:
            self.store, self.today = store, today

    module.StorePanel = StorePanel  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, module.__name__, module)

    class Old:
        @api.hookimpl
        def register_panels(self, register: Any) -> None:
            register("Factory", lambda context: ("factory", context))
            register("Store", "kith_probe_store_panel:StorePanel")

    ctx = context(tmp_path)
    ctx.plugins.register_module(Old(), "oldie")
    with pytest.warns(DeprecationWarning, match="plugin 'oldie'.*'Factory'.*factory function"):
        panels = {title: f for plugin, title, f in ctx.plugins.panels() if plugin == "oldie"}
    assert api.build_panel(panels["Factory"], ctx) == ("factory", ctx)
    with pytest.warns(DeprecationWarning, match="plugin 'oldie'.*takes the store"):
        built = api.build_panel(panels["Store"], ctx)
    assert (built.store, built.today) == (ctx.store, ctx.today)


def test_the_first_party_panels_follow_the_convention(tmp_path: Path) -> None:
    import warnings

    ctx = context(tmp_path)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for plugin, title, factory in ctx.plugins.panels():
            if plugin in ("social", "church", "association", "friends"):
                assert isinstance(factory.target, str), title
                assert api.build_panel(factory, ctx).store is ctx.store
