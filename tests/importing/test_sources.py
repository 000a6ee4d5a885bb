"""The importer toolkit (kith.importing.toolkit) stands alone, and the lazy declarations hold.

The toolkit never loads the command line or the store; a source or a panel named by
``"module:attribute"`` is imported only when used; a malformed name is that plugin's
problem, never kith's."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from kith import hookimpl
from kith.importing.toolkit import ImportContext, SourceSpec
from kith.plugins.manager import Plugins


def test_the_toolkit_loads_neither_click_nor_the_store() -> None:
    code = ("import sys, kith.importing.toolkit, kith.importing.toolkit.archives, "
            "kith.importing.toolkit.calendar, kith.importing.toolkit.tables, "
            "kith.importing.toolkit.conversations; print(sorted(m for m in "
            "('click', 'kith.persistence.store', 'kith.plugins.manager', 'kith.importing.engine', "
            "'textual') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"


def test_a_malformed_parser_name_is_the_plugins_problem() -> None:
    class Sources:
        @hookimpl
        def register_sources(self, register: Any) -> None:
            register(SourceSpec("good", "Good", "a file", "some_module:parse"))
            register(SourceSpec("bad", "Bad", "a file", "not a module name"))

    pm = Plugins().load(entry_points_enabled=False)
    pm.register_module(Sources(), "sources")
    assert "good" in pm.sources() and "bad" not in pm.sources()
    assert any(p.plugin == "sources" and "not a module name" in p.message
               for p in pm.problems)


def test_a_source_module_that_is_missing_fails_only_when_run(tmp_path: Path) -> None:
    from kith.core.errors import KithError
    from kith.importing.engine import parse_source

    spec = SourceSpec("ghost", "Ghost", "a file", "kith_no_such_module_anywhere:parse",
                      plugin="ghosts")
    with pytest.raises(KithError, match="importer 'ghost' \\(plugin ghosts\\) failed"):
        parse_source(spec, tmp_path, ImportContext())


class _Probe:
    """A panel class taking the store and ``today`` (not ``config``)."""

    def __init__(self, store: Any, *, today: date | None = None, **kwargs: Any) -> None:
        self.store, self.today, self.kwargs = store, today, kwargs


def test_a_panel_named_by_class_gets_what_its_constructor_takes(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import kith.api as api

    module = SimpleNamespace(Probe=_Probe)
    monkeypatch.setitem(sys.modules, "kith_probe_panel", module)

    class Panels:
        @hookimpl
        def register_panels(self, register: Any) -> None:
            register("Probe", "kith_probe_panel:Probe")
            register("Broken", "no colon here")

    pm = Plugins().load(entry_points_enabled=False)
    pm.register_module(Panels(), "panels")
    [(plugin, title, factory)] = [p for p in pm.panels() if p[0] == "panels"]
    assert (plugin, title) == ("panels", "Probe")
    assert any(p.plugin == "panels" and "no colon here" in p.message for p in pm.problems)
    context = api.PanelContext("the store", {"kith": {}}, date(2025, 3, 14), pm)  # type: ignore[arg-type]
    widget = api.build_panel(factory, context)
    assert (widget.store, widget.today, widget.kwargs) == ("the store", date(2025, 3, 14), {})
    bare = factory("the store")  # a host that has only the store
    assert (bare.store, bare.today) == ("the store", None)


def test_what_a_module_name_target_may_be() -> None:
    from kith.core.targets import is_target, load_target

    assert is_target("pkg.module") and is_target("pkg.module:name") and is_target("_m:_n")
    assert not is_target("pkg.module", name_required=True)
    for bad in ("not a module", "pkg.module:", ":name", "1pkg:name", "pkg:na-me", "a:b:c"):
        assert not is_target(bad), bad
    assert load_target("kith.core.targets:is_target") is is_target
    assert load_target("kith.core.targets", default="load_target") is load_target
