"""One way to compare people's words: case- and accent-insensitive, script-preserving.

Why here and not in each caller: search, name matching in imports, did-you-mean and the
duplicate finder must agree on when two spellings are "the same" ("Seán" and "sean",
"MÜLLER" and "muller"), or a person found by one is missed by the other. Non-Latin
scripts are kept as they are (only combining marks are dropped), so "Дмитрий" and
"王芳" still match themselves.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import Any


def fold(text: str) -> str:
    """``text`` casefolded, accents removed, whitespace collapsed."""
    if text.isascii():  # most names: nothing to decompose, and casefold is lower
        return " ".join(text.lower().split())
    return fold_unicode(text)


def fold_unicode(text: str) -> str:
    """``fold`` for any text (``fold`` takes a shortcut for plain ASCII)."""
    # casefold after the compatibility decomposition too: "𝐁" only becomes "B" there
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(unicodedata.normalize("NFC", stripped).split())


# names: the matching that people search and the store's lookup by name share ------------

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
