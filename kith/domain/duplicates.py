"""Likely duplicate people: the same person imported from several sources.

Pairs that share an email, phone or social handle are near-certain (handles compared in
``kith.core.handles``' one form, so ``in/x`` meets the profile URL); pairs whose names are
alike (rapidfuzz's ``token_sort_ratio``, so "Lee, Ann" meets "Ann Lee") are suggestions,
and so are short forms of a name (``kith.core.names``: "Dan" and Dan Murphy, "Bob" and
Robert Jones, "D. Murphy"), and the same email or phone under another surname. Two
people recorded as one household (a ``household`` relationship, which imports write for
members who share a phone or an address) or whose given names differ are not paired for
the phone or email they share: that is a household, not a duplicate.
Names are compared only within blocks of people who share a name token's first three
letters, so 10k people take well under a second instead of fifty million comparisons.
Every pair carries its evidence in words; merging stays the user's decision
(``kith person merge A B``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from kith.core.errors import ValidationError
from kith.core.handles import normalize_handle
from kith.core.model import ME
from kith.core.names import NICKNAMES, compare_names, is_a_name, name_tokens

if TYPE_CHECKING:
    from kith.persistence.store import Store

NAME_THRESHOLD = 88
MAX_BLOCK = 400
MAX_SAME_NAME = 20


@dataclass
class DuplicatePair:
    a: dict[str, str]
    b: dict[str, str]
    score: float
    evidence: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _fold(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode() or name
    return re.sub(r"[^\w\s]", " ", text.casefold()).strip()


def _canonical(kind: str, value: str) -> tuple[str, str]:
    if kind in ("email", "phone"):
        return kind, value  # stored in today's form already: these rules never changed
    try:
        return normalize_handle(kind, value)
    except ValidationError:
        return kind, value


def _short_forms(docs: dict[str, dict[str, Any]], evidence: dict[tuple[str, str], list[str]],
                 scores: dict[tuple[str, str], float]) -> None:
    """Pairs where one name is a short form of the other: a first name alone ("Dan" and
    Dan Murphy), a nickname ("Bob Jones" and Robert Jones) or an initial ("D. Murphy").
    Compared within blocks of one given name (with its nicknames) or one surname."""
    tokens: dict[str, list[str]] = {}
    blocks: dict[str, list[str]] = {}
    for ident, doc in docs.items():
        words = name_tokens(doc["name"]) if is_a_name(doc["name"]) else []
        if not words:
            continue
        tokens[ident] = words
        if len(words) == 1:
            for variant in {words[0], *NICKNAMES.get(words[0], ())}:
                blocks.setdefault(f"given:{variant}", [])
        blocks.setdefault(f"surname:{words[-1]}", []).append(ident)
    for ident, words in tokens.items():  # "Dan" meets every Dan X and Daniel X
        if len(words) > 1:
            for variant in {words[0], *NICKNAMES.get(words[0], ())}:
                if f"given:{variant}" in blocks:
                    blocks[f"given:{variant}"].append(ident)
        else:
            for variant in {words[0], *NICKNAMES.get(words[0], ())}:
                blocks[f"given:{variant}"].append(ident)
    for key, ids in blocks.items():
        if len(ids) < 2 or len(ids) > MAX_BLOCK:
            continue
        by_surname = key.startswith("surname:")
        for i, first in enumerate(ids):
            for second in ids[i + 1:]:
                a, b = tokens[first], tokens[second]
                if not _may_be_short(a, b, by_surname):
                    continue
                pair = (first, second) if first < second else (second, first)
                if any(w.startswith("short form") for w in evidence.get(pair, ())):
                    continue
                one, other = docs[first]["name"], docs[second]["name"]
                if len(a) > len(b):
                    one, other = other, one
                relation = compare_names(one, other)
                if relation.kind != "short":
                    continue
                evidence.setdefault(pair, []).append(
                    f"short form: {one!r} may be {other!r} ({relation.why})")
                scores[pair] = max(scores.get(pair, 0.0), 0.8)


def _may_be_short(a: list[str], b: list[str], by_surname: bool) -> bool:
    """A cheap first look before ``compare_names``: in a block of one given name only a
    one-word name can be a short form; in a block of one surname, two full names only
    when their given names differ as an initial or a nickname does (or one has a middle
    name the other lacks)."""
    if not by_surname:
        return len(a) == 1 or len(b) == 1
    if len(a) == 1 or len(b) == 1:
        return True
    if a[0] == b[0]:
        return len(a) != len(b)
    return len(a[0]) == 1 or len(b[0]) == 1 or b[0] in NICKNAMES.get(a[0], ())


def find_duplicates(store: Store, *, threshold: int = NAME_THRESHOLD) -> list[DuplicatePair]:
    from rapidfuzz import fuzz

    docs = {i: d for i, d in store.people_docs().items() if i != ME}
    evidence: dict[tuple[str, str], list[str]] = {}
    scores: dict[tuple[str, str], float] = {}
    households = {(min(r.a, r.b), max(r.a, r.b)) for r in store.relationships()
                  if r.kind == "household"}
    by_handle: dict[tuple[str, str], list[str]] = {}
    for ident, doc in docs.items():
        for kind, values in (doc.get("handles") or {}).items():
            for value in values:
                ids = by_handle.setdefault(_canonical(kind, value), [])
                if ident not in ids:
                    ids.append(ident)
    for (kind, value), ids in by_handle.items():
        for i, first in enumerate(ids):
            for second in ids[i + 1:]:
                pair = (first, second) if first < second else (second, first)
                relation = compare_names(docs[first]["name"], docs[second]["name"])
                if kind in ("email", "phone") and (
                        pair in households or relation.kind == "different"):
                    continue  # one household's phone or email, two people
                words = f"same {kind} {value}"
                if relation.kind == "surname":
                    words += " under another surname"
                evidence.setdefault(pair, []).append(words)
                scores[pair] = 1.0
    _short_forms(docs, evidence, scores)
    folded = {i: _fold(d["name"]) for i, d in docs.items()}
    same_name: dict[str, list[str]] = {}
    for ident, name in folded.items():
        same_name.setdefault(name, []).append(ident)
    for name, ids in same_name.items():
        if not name or len(ids) < 2 or len(ids) > MAX_SAME_NAME:
            continue  # dozens sharing a name are namesakes, not duplicates
        for i, first in enumerate(ids):
            for second in ids[i + 1:]:
                pair = (first, second) if first < second else (second, first)
                evidence.setdefault(pair, []).append(f"same name {docs[first]['name']!r}")
                scores[pair] = max(scores.get(pair, 0.0), 0.9)
    blocks: dict[str, list[str]] = {}
    for ident, name in folded.items():
        for token in set(name.split()):
            if len(token) >= 2:
                blocks.setdefault(token[:3], []).append(ident)
    compared: set[tuple[str, str]] = set()
    for ids in blocks.values():
        if len(ids) < 2 or len(ids) > MAX_BLOCK:
            continue
        for i, first in enumerate(ids):
            for second in ids[i + 1:]:
                pair = (first, second) if first < second else (second, first)
                if pair in compared:
                    continue
                compared.add(pair)
                if folded[first] == folded[second]:
                    continue  # already paired above
                ratio = fuzz.token_sort_ratio(folded[first], folded[second])
                if ratio >= threshold:
                    words = f"similar names ({ratio:.0f}%)"
                    evidence.setdefault(pair, []).append(
                        f"{words}: {docs[first]['name']!r} and {docs[second]['name']!r}")
                    scores[pair] = max(scores.get(pair, 0.0), ratio / 100 * 0.9)
    pairs = []
    for (first, second), reasons in evidence.items():
        pairs.append(DuplicatePair({"id": first, "name": docs[first]["name"]},
                                   {"id": second, "name": docs[second]["name"]},
                                   round(scores[(first, second)], 3), reasons))
    pairs.sort(key=lambda p: (-p.score, p.a["name"], p.b["name"]))
    return pairs
