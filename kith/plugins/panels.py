"""Plugin panels (TUI tabs): the context they are built with, and the registry.

The one convention: ``register(title, "package.module:Class")``, and the class (a Textual
widget) is built as ``Class(context)`` with a ``PanelContext`` when its tab is first shown, so
its module (and Textual) is imported only then. Panels written before it still work, each
with a ``DeprecationWarning`` naming the plugin: a factory function (of the context, or of the
store alone) registered instead of a target, and a target class whose constructor takes the
store (with ``config`` and ``today`` by keyword). This module never imports Textual;
``kith.tui.plugin_tabs`` hosts the tabs.
"""

from __future__ import annotations

import inspect  # only when the TUI builds a panel
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from kith.core.targets import is_target, load_target
from kith.domain.ledger import now_date

if TYPE_CHECKING:
    from kith.core.registry import Registrar
    from kith.persistence.store import Store
    from kith.plugins.manager import Plugins

PANEL_FIELDS = ("config", "today")
"""What an old-style panel class (one taking the store) may take by keyword."""


@dataclass(frozen=True)
class PanelContext:
    """What a panel receives: the open store, the loaded configuration, the day the TUI
    treats as today (fixed for a session, so tests are deterministic) and the loaded plugins.
    A panel reads these instead of calling ``load_config()`` or the wall clock itself."""

    store: Store
    config: dict[str, Any]
    today: date
    plugins: Plugins


def local_today() -> date:
    """Today in the local time zone: the default for panels built without a context."""

    return now_date()


def wants_context(factory: Callable[..., Any]) -> bool:
    """Whether a panel class or factory takes a ``PanelContext`` (its first parameter is
    named ``context`` or ``ctx``, or annotated ``PanelContext``) rather than the store."""

    try:
        parameters = list(inspect.signature(factory).parameters.values())
    except (TypeError, ValueError):
        return False
    if not parameters:
        return False
    first = parameters[0]
    annotation = first.annotation
    named = annotation if isinstance(annotation, str) else getattr(annotation, "__name__", "")
    return first.name in ("context", "ctx") or named.rsplit(".", 1)[-1] == "PanelContext"


def build_panel(factory: Callable[..., Any], context: PanelContext) -> Any:
    """Build a registered panel: what the registry hands over for a target (``LazyPanel``)
    takes the context, and so does a factory written for it; an older factory, written
    before the context existed, gets the store alone."""
    return factory(context) if wants_context(factory) else factory(context.store)


def _deprecated(plugin: str, what: str) -> None:
    warnings.warn(f"plugin {plugin!r}: {what}; register the panel as "
                  "register(title, 'package.module:Class') with Class(context: PanelContext)",
                  DeprecationWarning, stacklevel=3)


@dataclass(frozen=True)
class LazyPanel:
    """A panel class named ``"package.module:Class"``, imported when the tab is built."""

    target: str
    plugin: str = ""

    def __post_init__(self) -> None:
        if not is_target(self.target, name_required=True):
            raise ValueError(f"a panel is named 'package.module:Class', not {self.target!r}")

    def __call__(self, context: Any) -> Any:
        """Build the panel from a ``PanelContext`` (the parameter is named ``context``, so
        ``build_panel`` passes one): ``Class(context)``. A class written before the context
        existed gets the store and, by keyword, whichever of ``config`` and ``today`` its
        constructor names; so does any class when the host has only a store."""

        panel_class = load_target(self.target)
        store = getattr(context, "store", context)  # a host without a context: the store
        if store is not context and wants_context(panel_class):
            return panel_class(context)
        if store is context:
            return panel_class(store)
        _deprecated(self.plugin or self.target, f"the panel class {self.target} takes the "
                    "store")
        accepted = inspect.signature(panel_class).parameters
        return panel_class(store, **{field: getattr(context, field)
                                     for field in PANEL_FIELDS if field in accepted})


def registered_panels(plugins: Registrar) -> list[tuple[str, str, Any]]:
    """``(plugin name, title, widget factory)`` for every registered panel, in the order
    the plugins answered. A target becomes a ``LazyPanel``; a factory function (the old
    way) is kept as it is, with a warning naming the plugin."""
    found: list[tuple[str, str, Any]] = []

    def register_for(plugin: str) -> Callable[[str, Any], None]:
        def register(title: str, factory: Any) -> None:
            if isinstance(factory, str):
                found.append((plugin, title, LazyPanel(factory, plugin)))
                return
            _deprecated(plugin, f"the panel {title!r} is registered as a factory function")
            found.append((plugin, title, factory))
        return register

    plugins.registrations("register_panels", register_for)
    return found
