"""The machinery behind ``kith.api``'s groups: names resolved on first use.

Each group (``kith.api.model``, ``.importers``, ``.commands``, ``.panels``) is a table of
``{defining module: names}``, the one place each public name is written. The table gives the
group its ``__all__``, a module ``__getattr__`` that imports the defining module the first time
a name is used (PEP 562), and ``__dir__``; ``kith.api`` itself is the union of the groups.
Nothing is imported until a name is used, so a plugin importing ``hookimpl`` at start-up does
not pay for the importer toolkit or the store.

Type checkers cannot follow a module ``__getattr__``, so each group has a stub (``.pyi``)
generated from the same table (``write_stubs`` writes them;
tests/plugins/test_api.py checks they are current): plugin authors' editors and mypy see
every name with its real type, and the names are still written by hand only once.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

STUB_HEADER = ('"""Generated from the EXPORTS table of {module} by '
               "``kith.api._lazy.write_stubs``;\n"
               "do not edit: it tells type checkers what the module's ``__getattr__`` returns."
               '"""')


class Exports:
    """The public names of one module of ``kith.api``, each with the module defining it."""

    def __init__(self, module: str, table: dict[str, tuple[str, ...]]) -> None:
        self.module = module
        self.origins: dict[str, str] = {}
        for origin, names in table.items():
            for name in names:
                self._add(name, origin)

    def _add(self, name: str, origin: str) -> None:
        known = self.origins.get(name)
        if known is not None and known != origin:  # a twin would make one name two things
            raise ValueError(f"{self.module}: {name!r} is exported from both {known} and {origin}")
        self.origins[name] = origin

    @classmethod
    def union(cls, module: str, groups: Iterable[Exports]) -> Exports:
        """The names of several groups (``kith.api`` is the union of its groups)."""
        merged = cls(module, {})
        for group in groups:
            for name, origin in group.origins.items():
                merged._add(name, origin)
        return merged

    @property
    def names(self) -> list[str]:
        """Sorted as isort sorts them, for ``__all__``."""
        return sorted(self.origins, key=_isort_key)

    def resolve(self, name: str) -> Any:
        """The object ``name`` stands for, importing its defining module now."""
        origin = self.origins.get(name)
        if origin is None:
            raise AttributeError(f"module {self.module!r} has no attribute {name!r}")
        return getattr(importlib.import_module(origin), name)

    def module_getattr(self) -> Callable[[str], Any]:
        """A module ``__getattr__`` (PEP 562) over these names."""
        return self.resolve

    def module_dir(self, own: Iterable[str]) -> Callable[[], list[str]]:
        """A module ``__dir__``: its own attributes and the lazy names."""
        listed = sorted(set(own) | set(self.origins))
        return lambda: listed

    def stub(self, submodules: Iterable[str] = ()) -> str:
        """The ``.pyi`` text for this module: each name re-exported from its origin, one
        import a line (isort's order, so ruff leaves it be)."""
        path = self.module.replace(".", "/") + ("/__init__.py" if submodules else ".py")
        lines = [STUB_HEADER.format(module=path), ""]
        imports = [(origin, name) for name, origin in self.origins.items()]
        imports += [tuple(sub.rsplit(".", 1)) for sub in submodules]  # type: ignore[misc]
        imports.append(("kith.api._lazy", "Exports"))
        for origin, name in sorted(imports, key=lambda o: (o[0], _isort_key(o[1]))):
            alias = "" if name == "Exports" else f" as {name}"
            lines.append(f"from {origin} import {name}{alias}")
        lines += ["", "EXPORTS: Exports"]
        if submodules:
            lines += ["GROUPS: tuple[ModuleType, ...]"]
            lines.insert(2, "from types import ModuleType\n")
        lines += ["", "__all__ = [", *(f'    "{name}",' for name in self.names), "]", ""]
        return "\n".join(lines)


def _isort_key(name: str) -> tuple[int, str]:
    """isort's order within one import: CONSTANTS, then Classes, then functions."""
    kind = 0 if name.isupper() else 1 if name[:1].isupper() else 2
    return (kind, name)


def stubs() -> dict[Path, str]:
    """Every stub of ``kith.api``: the package's and each group's, by path."""
    import kith.api as api

    here = Path(__file__).parent
    found = {here / "__init__.pyi": api.EXPORTS.stub(g.__name__ for g in api.GROUPS)}
    for group in api.GROUPS:
        found[here / f"{group.__name__.rsplit('.', 1)[1]}.pyi"] = group.EXPORTS.stub()
    return found


def write_stubs() -> None:
    """Write the stubs after a change to a group's table:
    ``python -c "from kith.api._lazy import write_stubs; write_stubs()"``."""
    for path, text in stubs().items():
        path.write_text(text, encoding="utf-8")
