"""Stable, sortable identifiers.

Ids are ULIDs (48-bit millisecond timestamp + 80 bits) in lower-case Crockford base32, so
they sort by time as strings. Imported records get a *deterministic* id derived from their
source key, so importing the same export twice, or on two machines, yields the same ids:
databases can later be merged by union without duplicates.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections.abc import Mapping
from datetime import datetime
from typing import TypeVar

_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"
ID_PATTERN = re.compile(r"^[0-9a-hjkmnp-tv-z]{26}$")


_PAIRS = [a + b for a in _ALPHABET for b in _ALPHABET]  # every 10-bit value as 2 digits


def new_id(when: datetime | None = None, *, seed: str | None = None) -> str:
    """A ULID for ``when`` (default now); random unless ``seed`` makes it deterministic."""
    ms = int((when.timestamp() if when else datetime.now().timestamp()) * 1000)
    ms = max(0, min(ms, 2**48 - 1))
    if seed is None:
        rand = os.urandom(10)
    else:
        rand = hashlib.blake2b(seed.encode(), digest_size=10).digest()
    # 128 bits as 26 base32 digits, ten bits (two digits) at a time: imports create
    # hundreds of thousands of ids, and digit-by-digit divmod showed up in profiles.
    number = (ms << 80) | int.from_bytes(rand, "big")
    return "".join([_PAIRS[(number >> shift) & 1023] for shift in range(120, -1, -10)])


def is_id(text: str) -> bool:
    return bool(ID_PATTERN.match(text))


def id_millis(ident: str) -> int | None:
    """When a kith id was made, in milliseconds since the epoch (its first ten digits, as
    ``new_id`` wrote them); None for text that is not a kith id."""
    if not is_id(ident):
        return None
    ms = 0
    for char in ident[:10]:
        ms = ms * 32 + _ALPHABET.index(char)
    return ms


RecordT = TypeVar("RecordT")

SHORTEST_PREFIX = 6
"""How many leading characters of an id a user may type instead of all 26."""


def by_id_or_prefix(records: Mapping[str, RecordT], ident: str) -> RecordT | None:
    """The record whose id is ``ident`` (any case, spaces around ignored), or the only one
    whose id starts with it when at least ``SHORTEST_PREFIX`` characters are typed."""
    wanted = ident.strip().lower()
    if wanted in records:
        return records[wanted]
    if len(wanted) < SHORTEST_PREFIX:
        return None
    matches = [record for key, record in records.items() if key.startswith(wanted)]
    return matches[0] if len(matches) == 1 else None


def slugify(text: str) -> str:
    """A readable id for networks: 'St. Mary's Church' -> 'st-marys-church'."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"['’]", "", text.lower())
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return slug[:60] or "network"
