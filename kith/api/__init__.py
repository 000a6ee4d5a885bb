"""The one public surface for plugin authors: import from here, and only from here.

The names are grouped by what a plugin builds, one module each, and every name of every group
is also importable from ``kith.api`` itself (as plugins always have)::

    kith.api.model      hookimpl, Person, Network, Interaction, Value, the errors, Store,
                        KithApp, Assessment, Suggestion, PluginTable, ...
    kith.api.importers  SourceSpec, ImportBatch, PersonRecord, InteractionRecord, the toolkit
                        (archives, tables, calendars, conversations), calendar_options, ...
    kith.api.commands   pass_app, output, echo, write_private, format_money, ...
    kith.api.panels     PanelContext, cell, local_today, ...
    kith.api.testing    a temporary database, a plugin manager, a CLI runner (import it
                        explicitly: it is for tests)

kith's inner modules can move without breaking plugins: a name is public when it is in a
group's ``__all__``; anything else in kith may change between versions.

Nothing behind a name is imported until the name is used (see ``kith.api._lazy``), so
``import kith.api`` loads neither the store nor the importer toolkit nor Textual and
``kith --help`` stays fast. A plugin's own heavy modules stay unloaded the same way: name an
importer as ``SourceSpec(..., "your_plugin.module:function")`` and a panel as
``register(title, "your_plugin.panel:Class")``::

    from kith.api import hookimpl, SourceSpec, PanelContext
"""

from __future__ import annotations

from kith.api import commands, importers, model, panels
from kith.api._lazy import Exports

GROUPS = (model, importers, commands, panels)
"""The groups, in the order the guide (docs/plugins.md) presents them."""

EXPORTS = Exports.union(__name__, (group.EXPORTS for group in GROUPS))

__all__ = EXPORTS.names
__getattr__ = EXPORTS.module_getattr()
__dir__ = EXPORTS.module_dir(globals())
