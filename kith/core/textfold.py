"""One way to compare people's words: case- and accent-insensitive, script-preserving.

Why here and not in each caller: search, name matching in imports, did-you-mean and the
duplicate finder must agree on when two spellings are "the same" ("Seán" and "sean",
"MÜLLER" and "muller"), or a person found by one is missed by the other. Non-Latin
scripts are kept as they are (only combining marks are dropped), so "Дмитрий" and
"王芳" still match themselves.
"""

from __future__ import annotations

import unicodedata


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
