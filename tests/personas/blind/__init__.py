"""Blind personas: stories written from the two posts in the seeds, not from kith's code.

Each module here is one persona, told as the kith command lines a user would type, with what
a reader of the posts expects kith's assessment to say. A module defines:

- ``NAME``: the persona; ``START``, ``END``: the story's first and last day (ISO);
- ``STORY``: a list of argument lists for the real ``kith`` CLI (see ``_story`` for the
  ``#as:LABEL`` / ``{LABEL}`` convention that reuses an id kith printed);
- ``WINDOWS``: window name -> (since, until), ISO dates passed to ``kith assess``;
- ``EXPECT``: a list of ``Expectation`` dicts (network id, window name, acceptable verdicts,
  the best one, one line of reasoning from the posts, words the advice must / must not hold).

Verdicts are from the readers' vocabulary: ``worth-it``, ``out-of-balance``, ``leave``,
``too-early``, ``not-enough-records``, ``ask`` (kith cannot know, e.g. fun never rated) and
``dormant`` (no records for a long stretch). The expectations were written before kith's
assessment was run on them; ``bench/persona_agreement.py`` measures the agreement.
"""

from __future__ import annotations

import importlib
from types import ModuleType

PERSONAS = ("maya", "tomas", "lena", "greg", "nadia", "grace", "hiro", "olivia", "ines", "samuel",
            "amara", "dieter")


def load(name: str) -> ModuleType:
    """The persona module ``name`` (one of ``PERSONAS``)."""
    return importlib.import_module(f"{__name__}.{name}")


def load_all() -> list[ModuleType]:
    """Every persona module, in ``PERSONAS`` order."""
    return [load(name) for name in PERSONAS]
