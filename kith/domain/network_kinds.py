"""Kinds of network (social, church, association, friends, ...) and their default rules.

Plugins declare kinds through ``register_network_kinds`` (collected by
``registered_kinds``); the ledger reads a kind's
``rules`` as defaults beneath the user's configuration (see ``kith.core.config``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kith.core.registry import Registrar


@dataclass(frozen=True)
class NetworkKind:
    """A kind of network: its name, a line saying what it is, and default rules.

    ``rules`` may hold assessment thresholds (the keys of ``[assessment]`` in the
    configuration) and ``values``: default ``Value`` fields per interaction kind, e.g.
    ``{"volunteering": {"minutes": 120}}``.
    """

    name: str
    description: str
    rules: dict[str, Any] = field(default_factory=dict)
    plugin: str = ""


def registered_kinds(plugins: Registrar) -> dict[str, NetworkKind]:
    """Every kind of network the plugins declare, by name (sorted). A plugin may redefine
    one of kith's own kinds (its declaration wins over kith's, whatever the order); each
    records the plugin that declared it."""
    found: dict[str, NetworkKind] = {}

    def register_for(plugin: str) -> Callable[[NetworkKind], None]:
        def register(kind: NetworkKind) -> None:
            if kind.name not in found or plugin != "kith":
                found[kind.name] = NetworkKind(kind.name, kind.description, kind.rules, plugin)
        return register

    plugins.registrations("register_network_kinds", register_for)
    return dict(sorted(found.items()))
