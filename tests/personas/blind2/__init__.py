"""Blind personas, second set: written from the two posts in the seeds, not from kith's code.

Each module is one persona, told as the kith command lines a user would type (built with
``tests/personas/blind/_story.py``, shared with the first set), with what a reader of the posts
expects kith's assessment to say. A module defines ``NAME``, ``START``, ``END``, ``STORY``,
``WINDOWS`` (name -> (since, until)) and ``EXPECT`` (a list of ``Expectation`` dicts), like the
modules of ``tests.personas.blind``.

The expectations were written before kith's assessment was run on these stories, from the
seed posts alone: a network should give back over time, in money or in fun and
companionship (or help); pitching yourself brings little, being invited after a talk brings
clients; paying it forward and introducing others is not a debt; a network that gives
nothing in any form is one to leave.
"""

from __future__ import annotations

import importlib
from types import ModuleType

PERSONAS = ("femi", "bridget", "kwame", "sofia", "rahul", "helen", "marco", "yuki")


def load(name: str) -> ModuleType:
    """The persona module ``name`` (one of ``PERSONAS``)."""
    return importlib.import_module(f"{__name__}.{name}")


def load_all() -> list[ModuleType]:
    """Every persona module, in ``PERSONAS`` order."""
    return [load(name) for name in PERSONAS]
