"""The one public surface for plugin authors: import from here, and only from here.

Everything a plugin needs (the hook marker, the model, the importer's records and toolkit,
the errors, the panel context, the output helpers for commands) is re-exported by this
module, so kith's inner modules can move without breaking plugins. A name is public when
it is in ``__all__``; anything else in kith may change between versions.

The importer toolkit (``kith.importing.toolkit``: CSV, calendar, archives, conversations) and the
keep-in-touch reminders are loaded only when a plugin first touches them, so ``kith --help``
stays fast. A plugin's own heavy modules stay unloaded the same way: name an importer as
``SourceSpec(..., "your_plugin.module:function")`` and a panel as
``register(title, "your_plugin.panel:Class")``::

    from kith.api import hookimpl, SourceSpec, PanelContext
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from kith import hookimpl
from kith.core.errors import (
    Ambiguous,
    ImportFormatError,
    KithError,
    NotFound,
    StoreError,
    ValidationError,
)
from kith.core.model import ME, Interaction, Network, Opportunity, Person, Value, normalize_handle
from kith.domain.network_kinds import NetworkKind
from kith.importing.toolkit.records import (
    ImportBatch,
    ImportContext,
    InteractionRecord,
    NetworkHint,
    PersonRecord,
)
from kith.importing.toolkit.spec import SourceSpec

if TYPE_CHECKING:
    from kith.cli.commands import output, pass_app
    from kith.cli.commands.source_options import calendar_options, mapping_options
    from kith.core.limits import (
        MAX_FIELD_BYTES,
        MAX_NAME,
        MAX_PROPERTIES_PER_RECORD,
        MAX_SHEET_ROWS,
        MAX_TEXT,
        check_path_text,
    )
    from kith.core.parsing import (
        first_format_date,
        format_minutes,
        format_money,
        infer_date_order,
        local_tz,
        ordered_ymd,
        parse_date,
    )
    from kith.core.safeoutput import cell, echo
    from kith.domain.keepintouch import Reminders, reminders
    from kith.domain.serendipity import Suggestion
    from kith.export import fold_line, write_private
    from kith.importing.toolkit.archives import (
        SourceTree,
        check_xlsx,
        list_files,
        open_source,
        read_limited,
    )
    from kith.importing.toolkit.calendar import KindRule, event_minutes, parse_calendar
    from kith.importing.toolkit.conversations import (
        Message,
        conversation_days,
        link_writers_of_the_day,
    )
    from kith.importing.toolkit.tables import Field, Table, cell_date, parse_payments, read_table
    from kith.persistence.store import Store
    from kith.persistence.store.aggregates import Totals, interaction_count, totals_of
    from kith.plugins.manager import Plugins
    from kith.services.context import KithApp

# name -> module, imported on first use (module ``__getattr__`` below).
_LAZY = {
    "KithApp": "kith.services.context",
    "SourceTree": "kith.importing.toolkit.archives",
    "open_source": "kith.importing.toolkit.archives",
    "check_xlsx": "kith.importing.toolkit.archives",
    "list_files": "kith.importing.toolkit.archives",
    "read_limited": "kith.importing.toolkit.archives",
    "check_path_text": "kith.core.limits",
    "MAX_FIELD_BYTES": "kith.core.limits",
    "MAX_NAME": "kith.core.limits",
    "MAX_PROPERTIES_PER_RECORD": "kith.core.limits",
    "MAX_SHEET_ROWS": "kith.core.limits",
    "MAX_TEXT": "kith.core.limits",
    "cell": "kith.core.safeoutput",
    "echo": "kith.core.safeoutput",
    "output": "kith.cli.commands",
    "pass_app": "kith.cli.commands",
    "KindRule": "kith.importing.toolkit.calendar",
    "event_minutes": "kith.importing.toolkit.calendar",
    "parse_calendar": "kith.importing.toolkit.calendar",
    "calendar_options": "kith.cli.commands.source_options",
    "mapping_options": "kith.cli.commands.source_options",
    "Message": "kith.importing.toolkit.conversations",
    "conversation_days": "kith.importing.toolkit.conversations",
    "link_writers_of_the_day": "kith.importing.toolkit.conversations",
    "Field": "kith.importing.toolkit.tables",
    "Table": "kith.importing.toolkit.tables",
    "cell_date": "kith.importing.toolkit.tables",
    "parse_payments": "kith.importing.toolkit.tables",
    "read_table": "kith.importing.toolkit.tables",
    "fold_line": "kith.export",
    "write_private": "kith.export",
    "Reminders": "kith.domain.keepintouch",
    "reminders": "kith.domain.keepintouch",
    "first_format_date": "kith.core.parsing",
    "format_minutes": "kith.core.parsing",
    "format_money": "kith.core.parsing",
    "infer_date_order": "kith.core.parsing",
    "local_tz": "kith.core.parsing",
    "ordered_ymd": "kith.core.parsing",
    "parse_date": "kith.core.parsing",
    "Plugins": "kith.plugins.manager",
    "Suggestion": "kith.domain.serendipity",
    "Store": "kith.persistence.store",
    "Totals": "kith.persistence.store.aggregates",
    "interaction_count": "kith.persistence.store.aggregates",
    "totals_of": "kith.persistence.store.aggregates",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'kith.api' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


@dataclass(frozen=True)
class PanelContext:
    """What a TUI panel factory receives: the open store, the loaded configuration,
    the day the TUI treats as today (fixed for a session, so tests are deterministic) and
    the loaded plugins. A panel reads these instead of calling ``load_config()`` or the
    wall clock itself."""

    store: Store
    config: dict[str, Any]
    today: date
    plugins: Plugins


def local_today() -> date:
    """Today in the local time zone: the default for panels built without a context."""
    from kith.domain.ledger import now_date

    return now_date()


def build_panel(factory: Callable[..., Any], context: PanelContext) -> Any:
    """Call a panel factory the way it was written.

    New-style factories take the ``PanelContext`` (a first parameter named ``context``
    or annotated ``PanelContext``); older ones, written before it existed, take the store
    alone and keep working."""
    return factory(context) if _wants_context(factory) else factory(context.store)


def _wants_context(factory: Callable[..., Any]) -> bool:
    import inspect  # only when the TUI builds a panel

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



__all__ = [
    "MAX_FIELD_BYTES",
    "MAX_NAME",
    "MAX_PROPERTIES_PER_RECORD",
    "MAX_SHEET_ROWS",
    "MAX_TEXT",
    "ME",
    "Ambiguous",
    "Field",
    "ImportBatch",
    "ImportContext",
    "ImportFormatError",
    "Interaction",
    "InteractionRecord",
    "KindRule",
    "KithApp",
    "KithError",
    "Message",
    "Network",
    "NetworkHint",
    "NetworkKind",
    "NotFound",
    "Opportunity",
    "PanelContext",
    "Person",
    "PersonRecord",
    "Plugins",
    "Reminders",
    "SourceSpec",
    "SourceTree",
    "Store",
    "StoreError",
    "Suggestion",
    "Table",
    "Totals",
    "ValidationError",
    "Value",
    "build_panel",
    "calendar_options",
    "cell",
    "cell_date",
    "check_path_text",
    "check_xlsx",
    "conversation_days",
    "echo",
    "event_minutes",
    "first_format_date",
    "fold_line",
    "format_minutes",
    "format_money",
    "hookimpl",
    "infer_date_order",
    "interaction_count",
    "link_writers_of_the_day",
    "list_files",
    "local_today",
    "local_tz",
    "mapping_options",
    "normalize_handle",
    "open_source",
    "ordered_ymd",
    "output",
    "parse_calendar",
    "parse_date",
    "parse_payments",
    "pass_app",
    "read_limited",
    "read_table",
    "reminders",
    "totals_of",
    "write_private",
]
