"""Did-you-mean: the closest known names to something a person mistyped.

One helper for people, networks, kinds and relationship kinds, so every "no such X"
error reads the same: ``no person 'Maureen Kely'; did you mean Maureen Kelly?``.
Comparison is on folded text (``kith.core.textfold.fold``): accents and case never make a
name "unknown", and non-Latin names are compared in their own script.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from kith.core.textfold import fold


def close_matches(wanted: str, candidates: Iterable[str], *, limit: int = 3,
                  cutoff: float = 0.75) -> list[str]:
    """Up to ``limit`` candidates closest to ``wanted``, best first (original spelling).

    A candidate also matches when one of its words is close to ``wanted`` ("Kely" finds
    "Maureen Kelly"), so a mistyped surname alone still gets a suggestion.
    """
    target = fold(wanted)
    if not target:
        return []
    scored: dict[str, float] = {}
    for candidate in dict.fromkeys(candidates):
        folded = fold(candidate)
        if not folded:
            continue
        score = _ratio(target, folded, cutoff)
        if " " not in target and " " in folded:
            for word in folded.split(" "):
                score = max(score, _ratio(target, word, cutoff) - 0.01)
        if score >= cutoff:
            scored[candidate] = max(score, scored.get(candidate, 0.0))
    return sorted(scored, key=lambda c: (-scored[c], c))[:limit]


def _ratio(first: str, second: str, cutoff: float) -> float:
    """difflib's ratio, skipped (0) when its cheap upper bounds already fall short."""
    matcher = difflib.SequenceMatcher(None, first, second)
    if matcher.real_quick_ratio() < cutoff or matcher.quick_ratio() < cutoff:
        return 0.0
    return matcher.ratio()


def suggestion(wanted: str, candidates: Iterable[str], *, limit: int = 3,
               cutoff: float = 0.75) -> str:
    """``"; did you mean A?"`` / ``"; did you mean A, B or C?"``, or ``""``."""
    return phrase(close_matches(wanted, candidates, limit=limit, cutoff=cutoff))


def phrase(found: list[str]) -> str:
    """``"; did you mean A?"`` / ``"; did you mean A, B or C?"``, or ``""``."""
    if not found:
        return ""
    if len(found) == 1:
        return f"; did you mean {found[0]}?"
    return f"; did you mean {', '.join(found[:-1])} or {found[-1]}?"
