"""The folders are the architecture: each layer of ``kith/`` imports only the layers below it.

The order is the one ``docs/architecture.md`` draws. Every import counts, at the top of a
module or inside a function, because a lazy import is still a dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

KITH = Path(__file__).resolve().parents[2] / "kith"

LAYERS = ["core", "persistence", "sync", "reliability", "importing", "live", "domain", "export",
          "plugins", "services", "api", "tui", "cli"]
"""Lowest first. The faces are last: the CLI may start the TUI (``kith tui``), never the
other way round."""



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


def test_every_layer_imports_only_the_layers_below_it() -> None:
    assert violations() == []
