"""The header of kith's exchange format (the full JSON export, ``kith-export`` v1).

``kith.export.full`` writes it; ``kith import kith-json`` and ``kith merge``
(``kith.sync.load``) check it. It lives below both of them, in persistence, so that sync
can read an export without importing the export layer above it.
"""

from __future__ import annotations

FORMAT = "kith-export"
VERSION = 1
"""The full export's header: ``document`` writes them and both of its readers check them."""
