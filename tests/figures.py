"""Counts the reliability tests gather, printed at the end of the run (see conftest's
``pytest_terminal_summary``): kills survived, concurrent writes kept, fuzz cases run per
importer, hostile files refused, and how many were lost or corrupt (always zero)."""

from __future__ import annotations

from collections import Counter

FIGURES: Counter[str] = Counter()


def count(name: str, amount: int = 1) -> None:
    FIGURES[name] += amount


def record_max(name: str, value: int) -> None:
    """Keep the largest value seen (a slowest time, a highest peak)."""
    FIGURES[name] = max(FIGURES[name], value)
