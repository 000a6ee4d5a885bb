"""Which interaction kinds kith knows, and a clear error for a mistyped one.

Known kinds are the core's (``kith.core.model.INTERACTION_KINDS``), those the plugins' network
kinds give defaults for (their ``rules["values"]``), and the ones the user introduced
with ``--new-kind`` (remembered in the ``kinds`` table of ``kith.json``). Anything else
is most likely a typo ("voluntering"), and recording it would split a kind in two in
every report, so it is refused with suggestions unless ``--new-kind`` says it is meant.
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


def known_kinds(store: Store) -> list[str]:
    kinds = dict.fromkeys(INTERACTION_KINDS)
    if store.plugins is not None:
        for network_kind in store.plugins.network_kinds().values():
            values = (getattr(network_kind, "rules", {}) or {}).get("values") or {}
            if isinstance(values, dict):
                kinds.update(dict.fromkeys(str(k) for k in values))
    kinds.update(dict.fromkeys(store.records(TABLE)))
    return list(kinds)


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
                          f"add --new-kind to record a new one)")


def remember_kind(store: Store, kind: str) -> None:
    """Make a kind introduced with ``--new-kind`` known from now on."""
    if kind not in INTERACTION_KINDS and kind not in store.records(TABLE):
        store.put_record(TABLE, {"id": kind, "added": clock.now().isoformat(
            timespec="seconds")})
