"""The importer toolkit: what a plugin's importer is made of.

- ``records``: what an importer returns (``ImportBatch`` of ``PersonRecord`` and
  ``InteractionRecord``, a ``NetworkHint``) and what it is given (``ImportContext``);
- ``spec``: ``SourceSpec``, the declaration a plugin registers, and the registry;
- ``archives``: reading a folder, zip or tar.gz export safely;
- ``tables``: CSV exports whose headers vary (a column mapping), money statements;
- ``calendar``: iCalendar files, recurring events expanded;
- ``conversations``: messages into conversation-days.

All of it is pure: it reads files and returns records, never touching the store, the
command line (no click here: the options sources share live in
``kith.api.source_options``) or the terminal. ``kith.importing.engine`` writes a batch into
the store. Plugins import all of this through ``kith.api``. Only the records and the spec
are loaded with this package; the readers load when first used.
"""

from __future__ import annotations

from kith.importing.toolkit.records import (
    ImportBatch,
    ImportContext,
    InteractionRecord,
    NetworkHint,
    Parser,
    PersonRecord,
    source_key,
)
from kith.importing.toolkit.spec import LazyParser, SourceSpec, registered_sources

__all__ = ["ImportBatch", "ImportContext", "InteractionRecord", "LazyParser", "NetworkHint",
           "Parser", "PersonRecord", "SourceSpec", "registered_sources", "source_key"]
