"""Finding people and interactions by what a person remembers of them.

Everything is compared folded (``kith.core.textfold.fold``: case, accents and spacing do not
matter, other scripts are kept), so "sean walsh", "Seán" and "WALSH" all find
"Seán Walsh". A name matches a query when every word of the query starts a word of the
name, in any order: surnames and first names alone are enough.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from kith.core.textfold import fold, name_candidates


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


__all__ = ["name_candidates", "person_haystack", "text_matches"]
"""``name_candidates`` is ``kith.core.textfold``'s (the store looks people up by name with
it too); it is named here as part of what finding people means."""
