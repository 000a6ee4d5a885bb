"""Generated from the EXPORTS table of kith/api/__init__.py by ``kith.api._lazy.write_stubs``;
do not edit: it tells type checkers what the module's ``__getattr__`` returns."""

from types import ModuleType

from kith import hookimpl as hookimpl
from kith.api import commands as commands
from kith.api import importers as importers
from kith.api import model as model
from kith.api import panels as panels
from kith.api._lazy import Exports
from kith.api.command_support import emit_json as emit_json
from kith.api.command_support import output as output
from kith.api.command_support import pass_app as pass_app
from kith.api.source_options import calendar_options as calendar_options
from kith.api.source_options import mapping_options as mapping_options
from kith.core.errors import Ambiguous as Ambiguous
from kith.core.errors import ImportFormatError as ImportFormatError
from kith.core.errors import KithError as KithError
from kith.core.errors import NotFound as NotFound
from kith.core.errors import StoreError as StoreError
from kith.core.errors import ValidationError as ValidationError
from kith.core.handles import handle_user as handle_user
from kith.core.handles import kind_of_profile_url as kind_of_profile_url
from kith.core.handles import normalize_handle as normalize_handle
from kith.core.handles import profile_url as profile_url
from kith.core.ids import is_id as is_id
from kith.core.limits import MAX_FIELD_BYTES as MAX_FIELD_BYTES
from kith.core.limits import MAX_NAME as MAX_NAME
from kith.core.limits import MAX_PROPERTIES_PER_RECORD as MAX_PROPERTIES_PER_RECORD
from kith.core.limits import MAX_SHEET_ROWS as MAX_SHEET_ROWS
from kith.core.limits import MAX_TEXT as MAX_TEXT
from kith.core.limits import check_path_text as check_path_text
from kith.core.model import ME as ME
from kith.core.model import Interaction as Interaction
from kith.core.model import Network as Network
from kith.core.model import Opportunity as Opportunity
from kith.core.model import Person as Person
from kith.core.model import Value as Value
from kith.core.parsing import first_format_date as first_format_date
from kith.core.parsing import format_minutes as format_minutes
from kith.core.parsing import format_money as format_money
from kith.core.parsing import infer_date_order as infer_date_order
from kith.core.parsing import local_tz as local_tz
from kith.core.parsing import ordered_ymd as ordered_ymd
from kith.core.parsing import parse_date as parse_date
from kith.core.safeoutput import cell as cell
from kith.core.safeoutput import echo as echo
from kith.domain.keepintouch import Reminders as Reminders
from kith.domain.keepintouch import reminders as reminders
from kith.domain.ledger import Assessment as Assessment
from kith.domain.network_kinds import NetworkKind as NetworkKind
from kith.domain.serendipity import Suggestion as Suggestion
from kith.export import fold_line as fold_line
from kith.export import write_private as write_private
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
from kith.persistence.store import Store as Store
from kith.persistence.store.aggregates import Totals as Totals
from kith.persistence.store.aggregates import interaction_count as interaction_count
from kith.persistence.store.aggregates import totals_of as totals_of
from kith.plugins.manager import Plugins as Plugins
from kith.plugins.panels import PanelContext as PanelContext
from kith.plugins.panels import build_panel as build_panel
from kith.plugins.panels import local_today as local_today
from kith.plugins.tables import PluginTable as PluginTable
from kith.services.context import KithApp as KithApp

EXPORTS: Exports
GROUPS: tuple[ModuleType, ...]

__all__ = [
    "MAX_FIELD_BYTES",
    "MAX_NAME",
    "MAX_PROPERTIES_PER_RECORD",
    "MAX_SHEET_ROWS",
    "MAX_TEXT",
    "ME",
    "Ambiguous",
    "Assessment",
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
    "PluginTable",
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
    "emit_json",
    "event_minutes",
    "first_format_date",
    "fold_line",
    "format_minutes",
    "format_money",
    "handle_user",
    "hookimpl",
    "infer_date_order",
    "interaction_count",
    "is_id",
    "kind_of_profile_url",
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
    "profile_url",
    "read_limited",
    "read_table",
    "reminders",
    "totals_of",
    "write_private",
]
