"""Generated from the EXPORTS table of kith/api/importers.py by ``kith.api._lazy.write_stubs``;
do not edit: it tells type checkers what the module's ``__getattr__`` returns."""

from kith.api._lazy import Exports
from kith.api.source_options import calendar_options as calendar_options
from kith.api.source_options import mapping_options as mapping_options
from kith.core.limits import MAX_FIELD_BYTES as MAX_FIELD_BYTES
from kith.core.limits import MAX_NAME as MAX_NAME
from kith.core.limits import MAX_PROPERTIES_PER_RECORD as MAX_PROPERTIES_PER_RECORD
from kith.core.limits import MAX_SHEET_ROWS as MAX_SHEET_ROWS
from kith.core.limits import MAX_TEXT as MAX_TEXT
from kith.core.limits import check_path_text as check_path_text
from kith.core.parsing import first_format_date as first_format_date
from kith.core.parsing import infer_date_order as infer_date_order
from kith.core.parsing import ordered_ymd as ordered_ymd
from kith.core.parsing import parse_date as parse_date
from kith.importing.toolkit.archives import SourceTree as SourceTree
from kith.importing.toolkit.archives import check_xlsx as check_xlsx
from kith.importing.toolkit.archives import list_files as list_files
from kith.importing.toolkit.archives import open_source as open_source
from kith.importing.toolkit.archives import read_limited as read_limited
from kith.importing.toolkit.calendar import KindRule as KindRule
from kith.importing.toolkit.calendar import event_minutes as event_minutes
from kith.importing.toolkit.calendar import parse_calendar as parse_calendar
from kith.importing.toolkit.conversations import Message as Message
from kith.importing.toolkit.conversations import conversation_days as conversation_days
from kith.importing.toolkit.conversations import link_writers_of_the_day as link_writers_of_the_day
from kith.importing.toolkit.records import ImportBatch as ImportBatch
from kith.importing.toolkit.records import ImportContext as ImportContext
from kith.importing.toolkit.records import InteractionRecord as InteractionRecord
from kith.importing.toolkit.records import NetworkHint as NetworkHint
from kith.importing.toolkit.records import PersonRecord as PersonRecord
from kith.importing.toolkit.spec import SourceSpec as SourceSpec
from kith.importing.toolkit.tables import Field as Field
from kith.importing.toolkit.tables import Table as Table
from kith.importing.toolkit.tables import cell_date as cell_date
from kith.importing.toolkit.tables import parse_payments as parse_payments
from kith.importing.toolkit.tables import read_table as read_table

EXPORTS: Exports

__all__ = [
    "MAX_FIELD_BYTES",
    "MAX_NAME",
    "MAX_PROPERTIES_PER_RECORD",
    "MAX_SHEET_ROWS",
    "MAX_TEXT",
    "Field",
    "ImportBatch",
    "ImportContext",
    "InteractionRecord",
    "KindRule",
    "Message",
    "NetworkHint",
    "PersonRecord",
    "SourceSpec",
    "SourceTree",
    "Table",
    "calendar_options",
    "cell_date",
    "check_path_text",
    "check_xlsx",
    "conversation_days",
    "event_minutes",
    "first_format_date",
    "infer_date_order",
    "link_writers_of_the_day",
    "list_files",
    "mapping_options",
    "open_source",
    "ordered_ymd",
    "parse_calendar",
    "parse_date",
    "parse_payments",
    "read_limited",
    "read_table",
]
