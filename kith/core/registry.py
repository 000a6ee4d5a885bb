"""What a registry sees of the plugin manager: the ``Registrar`` protocol.

The registries live next to their domain (``kith.importing.toolkit.spec.registered_sources``,
``kith.domain.network_kinds.registered_kinds``, ``kith.plugins.panels.registered_panels``),
below the plugin machinery that feeds them. They need only this one call of
``kith.plugins.manager.Plugins``, so the protocol sits here, at the bottom, where every layer
may import it without importing ``kith.plugins``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol


class Registrar(Protocol):
    """Calls a ``register_*`` hook of every plugin: each plugin's implementation gets the
    callback ``register_for(plugin name)`` returns, so a registry knows who registered what
    (and one plugin's bad registration is that plugin's problem)."""

    def registrations(self, hook_name: str,
                      register_for: Callable[[str], Callable[..., None]]) -> None: ...
