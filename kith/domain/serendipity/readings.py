"""The lexicon's readings of texts, kept beside the data so that a text is read once.

Reading a need or an offer (``lexicon.read``: its words stemmed, its cues and senses
looked up) costs about 35 µs; at 5,000 open opportunities that is a sixth of a warm
``kith intro suggest``, spent again on every run for texts that have not changed. So the
readings are kept in ``derived/lexicon-readings.cache``, keyed by a hash of each text, and
only a text new since the last run is read again.

A reading depends on the lexicon that made it, so the file names the digest of the
lexicon's source (``lexicon``, ``vocabulary``, ``problems``, ``tongues``, ``intent``,
``audience``): a kith whose lexicon changed reads every text anew instead of trusting
readings made by another one. The file is a cache, never data: a missing, stale or
damaged file, or an entry of the wrong shape, only means those texts are read again; it
is written owner-only through a temporary file renamed over it, only when a run read
something new or did not ask for something kept, and it then holds that run's texts
alone (a deleted opportunity's reading goes with it).
"""

from __future__ import annotations

import contextlib
import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Any

import orjson

from kith.domain.serendipity import (
    audience,
    intent,
    lexicon,
    problems,
    tongues,
    vocabulary,
    written,
)
from kith.domain.serendipity.lexicon import Reading
from kith.persistence.folder import read_cache, replace_cache

CACHE_NAME = "derived/lexicon-readings.cache"
FORMAT = "kith-lexicon-readings-2"
MAX_CACHE_BYTES = 512 * 1024**2
"""A readings file larger than this (millions of texts) is not kith's: it is ignored."""


@lru_cache(maxsize=1)
def digest() -> str:
    """The digest of the lexicon's source files ("" when they cannot be read: then
    nothing is cached, rather than readings trusted without knowing what made them)."""
    found = hashlib.blake2b(FORMAT.encode(), digest_size=16)
    for module in (lexicon, vocabulary, problems, tongues, intent, audience, written):
        try:
            found.update(Path(str(module.__file__)).read_bytes())
        except (OSError, TypeError):
            return ""
    return found.hexdigest()


def key(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def _reading(value: Any) -> Reading | None:
    """An entry of the file as a reading, or None when it is not of the shape written."""
    if type(value) is not list or len(value) != 3:
        return None
    concepts, words, said = value
    if type(concepts) is not dict or type(words) is not dict or type(said) is not list \
            or not all(type(name) is str for name in said):
        return None
    for quoted in concepts.values():
        if type(quoted) is not list or not all(type(w) is str for w in quoted):
            return None
    if not all(type(w) is str for w in words.values()):
        return None
    return Reading({c: tuple(quoted) for c, quoted in concepts.items()}, words,
                   frozenset(said))


def load(path: Path) -> dict[str, Reading]:
    """The readings in ``path`` made by this lexicon, by text hash (nothing when the file
    is missing, unreadable, of another format or lexicon; an odd entry is left out)."""
    lexicon_digest = digest()
    if not lexicon_digest:
        return {}
    raw = read_cache(path, MAX_CACHE_BYTES)
    if raw is None:
        return {}
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return {}
    if type(data) is not dict or data.get("format") != FORMAT \
            or data.get("lexicon") != lexicon_digest or type(data.get("readings")) is not dict:
        return {}
    found = {}
    for name, value in data["readings"].items():
        reading = _reading(value)
        if reading is not None:
            found[name] = reading
    return found


class Reader:
    """``lexicon.read`` through the cache: call it with a text; ``save`` keeps what this
    reader was asked (when it read anything new)."""

    def __init__(self, path: Path | None):
        self.path = path
        self.known = load(path) if path is not None else {}
        self.asked: dict[str, Reading] = {}
        self.texts: dict[str, Reading] = {}  # by the text itself: no hash the second time
        self.new = 0

    def __call__(self, text: str) -> Reading:
        reading = self.texts.get(text)
        if reading is not None:
            return reading
        name = key(text)
        reading = self.asked.get(name)
        if reading is None:
            reading = self.known.get(name)
            if reading is None:
                reading = lexicon.read(text)
                self.new += 1
            self.asked[name] = reading
        self.texts[text] = reading
        return reading

    def save(self) -> None:
        """Write the readings asked for, when some were new or some kept were not asked
        (a text deleted or edited: its reading goes); best effort, since a cache that
        cannot be written costs the next run its reading time, nothing else."""
        stale = not self.new and len(self.asked) < len(self.known)
        if self.path is None or not (self.new or stale) or not digest():
            return
        payload = orjson.dumps({
            "format": FORMAT, "lexicon": digest(),
            "readings": {name: [{c: list(said) for c, said in r.concepts.items()}, r.words,
                                sorted(r.intent)]
                         for name, r in self.asked.items()}})
        with contextlib.suppress(OSError):
            replace_cache(self.path, payload)
            self.known, self.new = dict(self.asked), 0
