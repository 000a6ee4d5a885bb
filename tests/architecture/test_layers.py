"""The folders are the architecture: each layer of ``kith/`` imports only the layers below it.

The order is the one ``docs/architecture.md`` draws. Every import counts, at the top of a
module or inside a function, because a lazy import is still a dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

KITH = Path(__file__).resolve().parents[2] / "kith"

LAYERS = ["core", "persistence", "sync", "reliability", "importing", "domain", "export",
          "plugins", "services", "api", "tui", "cli"]
"""Lowest first. The faces are last: the CLI may start the TUI (``kith tui``), never the
other way round."""

KNOWN: set[str] = {
    'kith/api/__init__.py (api) imports kith.cli.commands',
    'kith/api/__init__.py (api) imports kith.cli.commands.source_options',
    'kith/domain/network_kinds.py (domain) imports kith.plugins.hookspecs',
    'kith/export/full.py (export) imports kith.services.followups',
    'kith/export/full.py (export) imports kith.services.notes',
    'kith/export/full.py (export) imports kith.services.relationships',
    'kith/export/spreadsheet.py (export) imports kith.services.relationships',
    'kith/importing/toolkit/spec.py (importing) imports kith.plugins.hookspecs',
    'kith/persistence/store/__init__.py (persistence) imports kith.plugins.manager',
    'kith/persistence/store/aggregates.py (persistence) imports kith.domain',
    'kith/persistence/store/core.py (persistence) imports kith.plugins.manager',
    'kith/persistence/store/interactions.py (persistence) imports kith.domain',
    'kith/persistence/store/migrations.py (persistence) imports kith.domain.conversations',
    'kith/persistence/store/people.py (persistence) imports kith.domain.search',
    'kith/sync/load.py (sync) imports kith.export',
    'kith/sync/write.py (sync) imports kith.domain',
}
"""Imports that still cross a layer the wrong way, each to be removed by the work that
fixes it. The set only shrinks."""


def layer_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "kith" or len(parts) < 2:
        return None
    return parts[1] if parts[1] in LAYERS else None


def imports_of(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(), str(path))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
            if node.module == "kith":
                found += [(node.lineno, f"kith.{alias.name}") for alias in node.names]
    return found


def violations() -> list[str]:
    bad = []
    for path in sorted(KITH.rglob("*.py")):
        module = ".".join(path.relative_to(KITH.parent).with_suffix("").parts)
        own = layer_of(module)
        if own is None:
            continue
        for line, imported in imports_of(path):
            other = layer_of(imported)
            if other is None or other == own:
                continue
            if LAYERS.index(other) > LAYERS.index(own):
                bad.append(f"{path.relative_to(KITH.parent)}:{line} ({own}) imports {imported}")
    return bad


def _where(violation: str) -> str:
    """A violation without its line number, so that edits above it do not move it."""
    path, rest = violation.split(":", 1)
    return f"{path} {rest.split(' ', 1)[1]}"


def test_every_layer_imports_only_the_layers_below_it() -> None:
    assert sorted({_where(v) for v in violations()} - KNOWN) == []


def test_the_known_exceptions_are_still_there() -> None:
    """An exception that was fixed leaves the list, so that it cannot come back unseen."""
    assert sorted(KNOWN - {_where(v) for v in violations()}) == []
