"""What an importer needs: the source declaration, the records it returns, and the toolkit.

A plugin declares a source with ``SourceSpec`` (its parser named ``"package.module:function"``
so it loads only when ``kith import`` runs it); the parser returns an ``ImportBatch`` of
``PersonRecord`` and ``InteractionRecord``. The toolkit reads the formats sources share
(archives, CSV and spreadsheets, calendars, conversations) within kith's limits, parses dates
the way every importer does, and ``calendar_options``/``mapping_options`` are the click options
that fill ``ImportContext.options`` for those readers.
"""

from __future__ import annotations

from kith.api._lazy import Exports

EXPORTS = Exports(__name__, {
    "kith.importing.toolkit.spec": ("SourceSpec",),
    "kith.importing.toolkit.records": ("ImportBatch", "ImportContext", "InteractionRecord",
                                       "NetworkHint", "PersonRecord"),
    "kith.importing.toolkit.archives": ("SourceTree", "check_xlsx", "list_files",
                                        "open_source", "read_limited"),
    "kith.importing.toolkit.calendar": ("KindRule", "event_minutes", "parse_calendar"),
    "kith.importing.toolkit.conversations": ("Message", "conversation_days",
                                             "link_writers_of_the_day"),
    "kith.importing.toolkit.tables": ("Field", "Table", "cell_date", "parse_payments",
                                      "read_table"),
    "kith.core.limits": ("MAX_FIELD_BYTES", "MAX_NAME", "MAX_PROPERTIES_PER_RECORD",
                         "MAX_SHEET_ROWS", "MAX_TEXT", "check_path_text"),
    "kith.core.parsing": ("first_format_date", "infer_date_order", "ordered_ymd",
                          "parse_date"),
    "kith.api.source_options": ("calendar_options", "mapping_options"),
})

__all__ = EXPORTS.names
__getattr__ = EXPORTS.module_getattr()
__dir__ = EXPORTS.module_dir(globals())
