"""Inbox rules: the obvious suggestions, accepted without asking.

``[inbox_rules.NAME]`` in the configuration file (``kith inbox rule add``) says, for
example, "events in calendar Church are St Mary's, shared, 90 minutes"::

    [inbox_rules.sunday]
    calendar = "church"        # the source's calendar name (kith source list)
    title = "service"          # optional: words the title must contain
    network = "St Mary's"
    direction = "shared"
    minutes = 90
    kind = "service"
    fun = 3

A suggestion that one rule matches is accepted at pull time as if the user had accepted
it with the rule's values; the first matching rule (in the file's order) wins.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kith.core.errors import KithError
from kith.core.textfold import fold

KEYS = ("calendar", "source", "title", "network", "direction", "minutes", "kind", "fun")


@dataclass(frozen=True)
class InboxRule:
    name: str
    network: str
    calendar: str | None = None
    source: str | None = None
    title: str | None = None
    direction: str | None = None
    minutes: int | None = None
    kind: str | None = None
    fun: int | None = None

    def matches(self, *, calendar: str, source: str, title: str) -> bool:
        if self.calendar is not None and fold(self.calendar) != fold(calendar):
            return False
        if self.source is not None and self.source != source:
            return False
        return not (self.title and not all(w in fold(title).split()
                                           for w in fold(self.title).split()))

    def settings(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in KEYS if getattr(self, k) is not None}


def from_table(name: str, table: Any) -> InboxRule:
    if not isinstance(table, dict):
        raise KithError(f"[inbox_rules.{name}] is not a table")
    unknown = sorted(set(table) - set(KEYS))
    if unknown:
        raise KithError(f"[inbox_rules.{name}]: unknown setting {unknown[0]!r} "
                        f"(known: {', '.join(KEYS)})")
    if not isinstance(table.get("network"), str) or not table["network"].strip():
        raise KithError(f"[inbox_rules.{name}]: a rule names the network its matches go "
                        "into (network = \"...\")")
    if table.get("calendar") is None and table.get("source") is None \
            and table.get("title") is None:
        raise KithError(f"[inbox_rules.{name}]: a rule needs calendar, source or title "
                        "(a rule that matches everything would accept every suggestion)")
    if table.get("direction") not in (None, "gave", "received", "shared"):
        raise KithError(f"[inbox_rules.{name}]: direction must be gave, received or shared")
    for key, high in (("minutes", 24 * 60), ("fun", 5)):
        value = table.get(key)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool)
                                  or not 0 <= value <= high):
            raise KithError(f"[inbox_rules.{name}]: {key} must be a whole number "
                            f"from 0 to {high}")
    text = {k: table.get(k) for k in ("calendar", "source", "title", "kind")}
    for key, value in text.items():
        if value is not None and not isinstance(value, str):
            raise KithError(f"[inbox_rules.{name}]: {key} must be text")
    return InboxRule(name=name, network=table["network"].strip(), **text,
                     direction=table.get("direction"), minutes=table.get("minutes"),
                     fun=table.get("fun"))


def rules(config: dict[str, Any]) -> list[InboxRule]:
    return [from_table(name, table)
            for name, table in (config.get("inbox_rules") or {}).items()]
