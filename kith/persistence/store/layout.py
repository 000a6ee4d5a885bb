"""Where things live in the database folder (``$KITH_HOME``, the platform's data folder, or
``--db``)::

    kith.json                 _meta (schema version), networks, people, opportunities, merges
    interactions/YYYY-MM.json one TinyDB file per UTC month of interactions
    derived/networks.json     per network, per month: totals given/received/shared
    derived/people-X.json     per person: first/last contact, counts (16 shards by id)
    derived/conversations-*   per network: the conversation index (``kith.domain.conversations``)
    backups/                  snapshots taken before imports, migrations and restores
"""

from __future__ import annotations

import hashlib
import os
from datetime import UTC, datetime
from pathlib import Path

from kith.core.ids import id_millis
from kith.core.months import month_of
from kith.persistence.stamps import MAIN as MAIN  # the store names it here too

INTERACTIONS = "interactions"
NETWORK_TOTALS = "derived/networks.json"
PEOPLE_SHARDS = 16


def default_home() -> Path:
    """``$KITH_HOME``, else the platform's user data folder for kith."""
    env = os.environ.get("KITH_HOME")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("kith", appauthor=False))


def partition(month: str) -> str:
    """The file of one month's interactions."""
    return f"{INTERACTIONS}/{month}.json"


def people_shard(person_id: str) -> str:
    """The derived file holding one person's statistics."""
    shard = int(hashlib.blake2b(person_id.encode(), digest_size=1).digest()[0]) % PEOPLE_SHARDS
    return f"derived/people-{shard:x}.json"


def people_shards() -> list[str]:
    return [f"derived/people-{shard:x}.json" for shard in range(PEOPLE_SHARDS)]


def month_from_id(ident: str) -> str | None:
    """The month an interaction id was made in (ids start with their creation time), the
    first place to look for it; None for an id that is not kith's."""
    ms = id_millis(ident)
    if ms is None:
        return None
    try:
        return month_of(datetime.fromtimestamp(ms / 1000, tz=UTC))
    except (ValueError, OverflowError, OSError):  # a typed id beyond any real time
        return None
