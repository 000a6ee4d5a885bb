"""Plugin panels (TUI tabs): the registry.

Plugins register a tab with ``register(title, factory)``; the factory is a function of a
``kith.api.PanelContext`` (or, written before it existed, of the store; see
``kith.api.build_panel``), or the widget class named as ``"package.module:Class"`` so that
its module (and Textual) is imported only when the TUI builds the tab. This module never
imports Textual; ``kith.tui.plugin_tabs`` hosts the tabs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kith.core.targets import is_target, load_target

if TYPE_CHECKING:
    from kith.plugins.hookspecs import Registrar

PANEL_FIELDS = ("config", "today")
"""What a panel class named by ``"module:Class"`` may take by keyword, besides the store."""


@dataclass(frozen=True)
class LazyPanel:
    """A panel class named ``"package.module:Class"``, imported when the tab is built.

    The class is called with the store and, by keyword, whichever of ``config`` and
    ``today`` its constructor names."""

    target: str

    def __post_init__(self) -> None:
        if not is_target(self.target, name_required=True):
            raise ValueError(f"a panel is a factory or 'package.module:Class', "
                             f"not {self.target!r}")

    def __call__(self, context: Any) -> Any:
        """Build the panel from a ``kith.api.PanelContext`` (named ``context``, so
        ``build_panel`` passes one)."""
        import inspect  # only when the TUI builds a panel

        panel_class = load_target(self.target)
        store = getattr(context, "store", context)  # a host without a context: the store
        if store is context:
            return panel_class(store)
        accepted = inspect.signature(panel_class).parameters
        return panel_class(store, **{field: getattr(context, field)
                                     for field in PANEL_FIELDS if field in accepted})


def registered_panels(plugins: Registrar) -> list[tuple[str, str, Any]]:
    """``(plugin name, title, widget factory)`` for every registered panel, in the order
    the plugins answered."""
    found: list[tuple[str, str, Any]] = []

    def register_for(plugin: str) -> Callable[[str, Any], None]:
        def register(title: str, factory: Any) -> None:
            found.append((plugin, title,
                          LazyPanel(factory) if isinstance(factory, str) else factory))
        return register

    plugins.registrations("register_panels", register_for)
    return found
