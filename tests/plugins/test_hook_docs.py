"""The plugin author's guide (docs/plugins.md) stays true to kith/plugins/hookspecs.py: every hook
is documented with its exact signature, and every hook has a test named after it."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GUIDE = (ROOT / "docs" / "plugins.md").read_text()


def hooks() -> dict[str, str]:
    """Each hook's name and its signature as written in kith/plugins/hookspecs.py."""
    tree = ast.parse((ROOT / "kith" / "plugins" / "hookspecs.py").read_text())
    found = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and any(
                "hookspec" in ast.unparse(d) for d in node.decorator_list):
            found[node.name] = (f"def {node.name}({ast.unparse(node.args)}) -> "
                                f"{ast.unparse(node.returns)}")
    return found


def test_there_are_hooks() -> None:
    assert {"interaction_recorded", "value_assessed", "suggest_introductions"} <= set(hooks())


@pytest.mark.parametrize(("name", "signature"), sorted(hooks().items()))
def test_every_hook_is_documented_with_its_exact_signature(name: str, signature: str) -> None:
    assert f"### {name}\n" in GUIDE, f"docs/plugins.md has no section for {name}"
    section = GUIDE.split(f"### {name}\n", 1)[1].split("\n### ", 1)[0]
    assert signature in section, f"docs/plugins.md: {name} should read `{signature}`"
    for part in ("**When**", "**Arguments**", "**Returns**", "@hookimpl"):
        assert part in section, f"docs/plugins.md: {name} lacks {part}"


@pytest.mark.parametrize("name", sorted(hooks()))
def test_every_hook_has_a_test(name: str) -> None:
    pattern = re.compile(rf"^(async )?def test_{name}\b", re.MULTILINE)
    tests = [p for p in (ROOT / "tests").rglob("test_*.py") if pattern.search(p.read_text())]
    assert tests, f"no test named test_{name}* in tests/"
