"""Finding people and interactions by what a person remembers of them.

Everything is compared folded (``kith.core.textfold.fold``: case, accents and spacing do not
matter, other scripts are kept), so "sean walsh", "Seán" and "WALSH" all find
"Seán Walsh". A name matches a query when every word of the query starts a word of the
name, in any order: surnames and first names alone are enough.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from kith.core.textfold import fold


def words_match(query_words: list[str], name: str, *, whole: bool = False) -> bool:
    """Every query word is a word of ``name`` (``whole``) or starts one (folded)."""
    words = name.split(" ")
    if whole:
        return all(q in words for q in query_words)
    return all(any(w.startswith(q) for w in words) for q in query_words)


def names_of(doc: dict[str, Any]) -> list[str]:
    """A person document's name and aliases, folded."""
    return [fold(n) for n in [doc.get("name", ""), *(doc.get("aliases") or [])] if n]


def name_candidates(query: str, docs: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """People whose name or alias the query names, best tier first.

    Tiers: every query word is a whole word of a name ("Walsh", "Sean Walsh"); else every
    query word starts a word ("Wal", "Se Wa"). The first tier that finds anyone wins, so
    "Ann" finds Ann Lee even when Anne Smith exists.
    """
    wanted = fold(query).split(" ")
    if not wanted or wanted == [""]:
        return []
    whole: list[dict[str, Any]] = []
    prefix: list[dict[str, Any]] = []
    for doc in docs:
        names = names_of(doc)
        if any(words_match(wanted, n, whole=True) for n in names):
            whole.append(doc)
        elif not whole and any(words_match(wanted, n) for n in names):
            prefix.append(doc)
    return whole or prefix


def person_haystack(doc: dict[str, Any], notes: Iterable[str] = ()) -> str:
    """All the text a person list search looks in: names, aliases, handles (and their
    kinds), tags, the summary note and the dated notes, folded into one string."""
    handles = doc.get("handles") or {}
    parts = [doc.get("name", ""), *(doc.get("aliases") or ()), *(doc.get("tags") or ()),
             doc.get("notes") or "", *notes, *handles]
    for values in handles.values():
        parts += values
    return fold("\n".join(parts))


def text_matches(query: str, haystack: str) -> bool:
    """Every word of the (folded) query occurs somewhere in the folded haystack."""
    return all(word in haystack for word in fold(query).split(" "))
