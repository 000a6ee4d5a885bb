"""Bulk reads without the cycle collector: suggestions and reminders build tens of
thousands of small objects (one per person, match and stored row) that hold no reference
cycles, and Python's cycle collector would otherwise walk the whole heap again and again
while they are made (about a third of the time of ``kith intro suggest`` at 10k people,
and of ``kith remind`` at 1M interactions, measured in-process). Reference counting
still frees everything; the collector runs again as soon as the read is done."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Pause the cycle collector for the duration (restored even on error, and left
    alone if the caller had already paused it)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
