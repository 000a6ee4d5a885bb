"""Which interaction kinds kith knows, and a clear error for a mistyped one.

Known kinds are the core's (``kith.core.model.INTERACTION_KINDS``), those the plugins' network
kinds give defaults for (their ``rules["values"]``), and the ones the user introduced
with ``--new-kind`` (remembered in the ``kinds`` table of ``kith.json``). Anything else
is most likely a typo ("voluntering"), and recording it would split a kind in two in
every report, so it is refused with suggestions unless ``--new-kind`` says it is meant.

Some kinds happen **with the network as a whole**, not with one person: dues, a donation,
a service, an event, a meeting, a conference, a talk or workshop, volunteering
(``NETWORK_KINDS``: the kinds the calendar and payment importers record without people).
Those may be logged with no one (``kith log Guild --gave --kind dues --money 180``); every
other kind is with someone, and logging it with no one is refused.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kith.core import clock
from kith.core.didyoumean import suggestion
from kith.core.errors import ValidationError
from kith.core.model import INTERACTION_KINDS

if TYPE_CHECKING:
    from kith.persistence.store import Store

TABLE = "kinds"

NETWORK_KINDS: tuple[str, ...] = (
    "dues", "donation", "service", "event", "meeting", "conference", "talk", "workshop",
    "volunteering", "small-group")
"""Kinds that may be recorded with the network and no person (see the module's text)."""


def with_network(kind: str) -> bool:
    """Whether ``kind`` may be recorded with the network alone, no person."""
    return kind in NETWORK_KINDS


def kind_origins(store: Store) -> dict[str, str]:
    """Every known kind and where it comes from: ``core`` (kith's own), ``plugin`` (a
    network kind's defaults), ``user`` (added with ``--new-kind``), in that order."""
    origins = dict.fromkeys((*INTERACTION_KINDS, *NETWORK_KINDS), "core")
    if store.plugins is not None:
        for network_kind in store.plugins.network_kinds().values():
            values = (getattr(network_kind, "rules", {}) or {}).get("values") or {}
            if isinstance(values, dict):
                for kind in values:
                    origins.setdefault(str(kind), "plugin")
    for kind in store.records(TABLE):
        origins.setdefault(str(kind), "user")
    return origins


def known_kinds(store: Store) -> list[str]:
    return list(kind_origins(store))


def check_kind(store: Store, kind: str, *, new_kind: bool = False,
               option: str = "--kind") -> str:
    """``kind`` normalised if known; with ``new_kind`` it is remembered as known (in the
    caller's transaction); otherwise an error naming the closest known kinds."""

    wanted = kind.strip().lower()
    known = known_kinds(store)
    if wanted in known:
        return wanted
    if new_kind:
        return wanted
    hint = suggestion(wanted, known)
    raise ValidationError(f"unknown kind {kind!r}{hint} (known: {', '.join(known[:12])}, ...; "
                          f"`kith kinds` lists them all; add --new-kind to record a new one)")


def remember_kind(store: Store, kind: str) -> None:
    """Make a kind introduced with ``--new-kind`` known from now on."""
    if kind not in INTERACTION_KINDS and kind not in NETWORK_KINDS \
            and kind not in store.records(TABLE):
        store.put_record(TABLE, {"id": kind, "added": clock.now().isoformat(
            timespec="seconds")})
