"""Generated from the EXPORTS table of kith/api/model.py by ``kith.api._lazy.write_stubs``;
do not edit: it tells type checkers what the module's ``__getattr__`` returns."""

from kith import hookimpl as hookimpl
from kith.api._lazy import Exports
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
from kith.core.model import ME as ME
from kith.core.model import Interaction as Interaction
from kith.core.model import Network as Network
from kith.core.model import Opportunity as Opportunity
from kith.core.model import Person as Person
from kith.core.model import Value as Value
from kith.domain.keepintouch import Reminders as Reminders
from kith.domain.keepintouch import reminders as reminders
from kith.domain.ledger import Assessment as Assessment
from kith.domain.network_kinds import NetworkKind as NetworkKind
from kith.domain.serendipity import Suggestion as Suggestion
from kith.persistence.store import Store as Store
from kith.persistence.store.aggregates import Totals as Totals
from kith.persistence.store.aggregates import interaction_count as interaction_count
from kith.persistence.store.aggregates import totals_of as totals_of
from kith.plugins.manager import Plugins as Plugins
from kith.plugins.tables import PluginTable as PluginTable
from kith.services.context import KithApp as KithApp

EXPORTS: Exports

__all__ = [
    "ME",
    "Ambiguous",
    "Assessment",
    "ImportFormatError",
    "Interaction",
    "KithApp",
    "KithError",
    "Network",
    "NetworkKind",
    "NotFound",
    "Opportunity",
    "Person",
    "PluginTable",
    "Plugins",
    "Reminders",
    "Store",
    "StoreError",
    "Suggestion",
    "Totals",
    "ValidationError",
    "Value",
    "handle_user",
    "hookimpl",
    "interaction_count",
    "is_id",
    "kind_of_profile_url",
    "normalize_handle",
    "profile_url",
    "reminders",
    "totals_of",
]
