"""Generated from the EXPORTS table of kith/api/panels.py by ``kith.api._lazy.write_stubs``;
do not edit: it tells type checkers what the module's ``__getattr__`` returns."""

from kith.api._lazy import Exports
from kith.core.parsing import local_tz as local_tz
from kith.core.safeoutput import cell as cell
from kith.plugins.panels import PanelContext as PanelContext
from kith.plugins.panels import build_panel as build_panel
from kith.plugins.panels import local_today as local_today

EXPORTS: Exports

__all__ = [
    "PanelContext",
    "build_panel",
    "cell",
    "local_today",
    "local_tz",
]
