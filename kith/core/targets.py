"""Objects named as ``"package.module:name"``, imported the first time they are used.

Plugins name their importers (``kith.importing.toolkit.spec``) and panel classes
(``kith.plugins.panels``)
this way: they register them at every start, ``kith --help`` included, and the module
behind the name (a parser's dependencies, Textual) should load only when it is needed.
"""

from __future__ import annotations

import importlib
import re
from typing import Any

_TARGET = re.compile(r"^[A-Za-z_][\w.]*(:[A-Za-z_]\w*)?$")


def is_target(target: str, *, name_required: bool = False) -> bool:
    """Whether ``target`` is ``"package.module:name"`` (or, unless ``name_required``,
    ``"package.module"`` alone)."""
    return bool(_TARGET.match(target)) and (":" in target or not name_required)


def load_target(target: str, default: str = "") -> Any:
    """The object ``target`` names, importing its module now; ``default`` is the name
    when the target has none."""
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name or default)
