"""The import use case: one export, read by a plugin's importer, into the store.

``kith import SOURCE PATH`` parses its options into an ``ImportRequest`` and presents the
``ImportSummary`` this returns; everything in between is here: the user's own mistakes
first (a missing file, a ``--network`` that does not exist, an unknown
``--create-network`` kind), then the importer (``kith.importing.engine.parse_source``),
then ``apply_batch`` in **one transaction** with the new interactions' missing values
estimated (``kith.services.interactions.Estimator``) before the write, and
``interaction_recorded`` fired for each stored one after the commit. (Run from
``kith import``, all of it is in the command's one transaction, ``kith.services.scope``.)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kith.core import limits
from kith.core.errors import KithError
from kith.importing.engine import ImportSummary, apply_batch, check_network_choice, parse_source
from kith.importing.toolkit import ImportContext, SourceSpec
from kith.services.interactions import Estimator
from kith.services.scope import one_transaction
from kith.sync.write import gc_paused

if TYPE_CHECKING:
    from kith.persistence.store import Store

Progress = Callable[[int, int | None], None]
"""Told how many records were read (and of how many, when the importer knows)."""


@dataclass(frozen=True)
class ImportRequest:
    """One import, as the face parsed its options."""

    spec: SourceSpec
    path: Path
    network: str | None = None
    create_network: str | None = None
    """The network kind to create the network as, when it does not exist."""
    strict: bool = False
    dry_run: bool = False
    options: dict[str, Any] = field(default_factory=dict)
    """The source's own options, by name."""


def import_batch(store: Store, request: ImportRequest, *, plugins: Any = None,
                 progress: Progress | None = None) -> ImportSummary:
    """Read ``request.path`` with its importer and apply it, all or nothing."""
    path = request.path
    try:
        present = path.exists()
    except OSError as error:  # a name too long for the file system, say
        raise KithError(f"{limits.preview(str(path))}: {error.strerror or error}") from None
    if not present:
        raise KithError(f"{path}: no such file or folder")
    # an import, like a merge, builds several hundred thousand small objects that live
    # until it ends: the cyclic collector would rescan them again and again (measured: a
    # third of the time of importing 150k records)

    check_network_choice(store, request.network, request.create_network)
    with gc_paused():
        options = {**request.options, "kith_currency": store.currency}
        context = ImportContext(options=options, strict=request.strict)
        if progress is not None:
            context.progress = progress
        batch = parse_source(request.spec, path, context)
        if request.dry_run:  # counts only: not even a new database's first file
            return apply_batch(store, request.spec, batch, path=path,
                               network_ref=request.network, dry_run=True,
                               create_network=request.create_network, strict=request.strict)
        with one_transaction(store, plugins):
            return apply_batch(store, request.spec, batch, path=path,
                               network_ref=request.network,
                               create_network=request.create_network, strict=request.strict,
                               estimate=Estimator(store, plugins).new_ones)
