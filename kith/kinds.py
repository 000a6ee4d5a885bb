"""Kinds of network (social, church, association, friends, ...) and their default rules.

Plugins declare kinds through ``register_network_kinds``; the ledger reads a kind's
``rules`` as defaults beneath the user's configuration (see ``kith.config``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


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
