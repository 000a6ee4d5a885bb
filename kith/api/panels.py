"""What a TUI panel needs: the context it is built with, the day, and safe table cells.

A plugin registers a tab as ``register(title, "package.module:Class")``; the class (a Textual
widget) is built as ``Class(context)`` with a ``PanelContext`` when its tab is first shown.
``cell`` makes a value safe to show in a Textual table; ``local_today`` and ``local_tz`` are
the day and zone a panel built without a context falls back on.
"""

from __future__ import annotations

from kith.api._lazy import Exports

EXPORTS = Exports(__name__, {
    "kith.plugins.panels": ("PanelContext", "build_panel", "local_today"),
    "kith.core.safeoutput": ("cell",),
    "kith.core.parsing": ("local_tz",),
})

__all__ = EXPORTS.names
__getattr__ = EXPORTS.module_getattr()
__dir__ = EXPORTS.module_dir(globals())
