"""What every plugin shares: the hook marker, the model, the errors, the store and what reads it.

``hookimpl`` marks a hook implementation; ``Person``, ``Network``, ``Interaction``,
``Opportunity`` and ``Value`` are the records hooks receive; the errors are what a plugin raises
to refuse bad input (one line, exit code 2). ``Store`` and ``KithApp`` are what commands and hooks
are handed; ``Assessment`` and ``Suggestion`` are the ledger's and serendipity's answers;
``PluginTable`` is a plugin's own records, stamped and synced like kith's.
"""

from __future__ import annotations

from kith.api._lazy import Exports

EXPORTS = Exports(__name__, {
    "kith": ("hookimpl",),
    "kith.core.model": ("ME", "Interaction", "Network", "Opportunity", "Person", "Value"),
    "kith.core.ids": ("is_id",),
    "kith.core.handles": ("handle_user", "kind_of_profile_url", "normalize_handle",
                          "profile_url"),
    "kith.core.errors": ("Ambiguous", "ImportFormatError", "KithError", "NotFound",
                         "StoreError", "ValidationError"),
    "kith.domain.network_kinds": ("NetworkKind",),
    "kith.domain.ledger": ("Assessment",),
    "kith.domain.serendipity": ("Suggestion",),
    "kith.domain.keepintouch": ("Reminders", "reminders"),
    "kith.persistence.store": ("Store",),
    "kith.persistence.store.aggregates": ("Totals", "interaction_count", "totals_of"),
    "kith.plugins.manager": ("Plugins",),
    "kith.plugins.tables": ("PluginTable",),
    "kith.services.context": ("KithApp",),
})

__all__ = EXPORTS.names
__getattr__ = EXPORTS.module_getattr()
__dir__ = EXPORTS.module_dir(globals())
