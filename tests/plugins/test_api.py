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
