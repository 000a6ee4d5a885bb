"""The live sources' two tables of ``kith.json``: what each source held at its last pull,
and the suggestions waiting in the inbox.

- ``live_state``: one record per source name: the version of each item kith read (an
  ETag, a file's mtime and size, an IMAP UID) with what it became (a person id, the
  suggestion keys), and the collection's own token (CTag, sync token, UIDVALIDITY), so the
  next pull reads only what changed. It is written in the same transaction as the records
  a pull makes, so a pull killed midway leaves the old state with the old records, and the
  next pull does that work again, once.
- ``suggestions``: ``kith.core.suggestion.Suggestion`` records by their derived id.

Both go through the stamped put like every table, so they merge and sync: two devices
that pulled the same calendar hold the same suggestion id, and a dismissal made on one
reaches the other.
"""

from __future__ import annotations

from typing import Any

from kith.core.errors import NotFound
from kith.core.ids import by_id_or_prefix
from kith.core.suggestion import Suggestion
from kith.persistence.store.core import Core

STATE = "live_state"
SUGGESTIONS = "suggestions"


class Live:
    def __init__(self, core: Core):
        self.core = core

    # sync state ------------------------------------------------------------------------
    def state(self, source: str) -> dict[str, Any]:
        """The state of ``source`` at its last pull (``{}`` before the first); a copy."""
        doc = self.core.table(STATE).docs().get(source)
        if doc is None:
            return {}
        return {k: v for k, v in doc.items() if k not in ("modified", "device", "_base",
                                                           "_fields")}

    def save_state(self, source: str, state: dict[str, Any]) -> None:
        with self.core.transaction():
            self.core.table(STATE).put(source, {**state, "id": source})

    def forget_state(self, source: str) -> None:
        with self.core.transaction():
            self.core.table(STATE).discard(source)

    # suggestions -----------------------------------------------------------------------
    def suggestion_docs(self) -> dict[str, dict[str, Any]]:
        """Raw suggestion documents by id (do not mutate)."""
        return self.core.table(SUGGESTIONS).docs()

    def suggestions(self, *, state: str | None = "waiting") -> list[Suggestion]:
        """Suggestions in ``state`` (every one with ``None``), oldest first."""
        found = [Suggestion.from_dict(doc) for doc in self.suggestion_docs().values()
                 if state is None or doc.get("state") == state]
        return sorted(found, key=lambda s: (s.when, s.id))

    def get_suggestion(self, ident: str) -> Suggestion:
        """By id or unambiguous prefix (6+ characters)."""
        doc = by_id_or_prefix(dict(self.suggestion_docs()), ident)
        if doc is None:
            raise NotFound(f"no suggestion {ident!r} in the inbox (see `kith inbox`)")
        return Suggestion.from_dict(doc)

    def save_suggestion(self, suggestion: Suggestion) -> Suggestion:
        with self.core.transaction():
            self.core.table(SUGGESTIONS).put(suggestion.id, suggestion.to_dict())
        return suggestion
