"""Bulk reads without the cycle collector: suggestions and reminders build tens of
thousands of small objects (one per person, match and stored row) that hold no reference
cycles, and Python's cycle collector would otherwise walk the whole heap again and again
while they are made (about a third of the time of ``kith intro suggest`` at 10k people,
and of ``kith remind`` at 1M interactions, measured in-process). Reference counting
still frees everything; the collector runs again as soon as the read is done.

Reading commands (``kith.services.scope.READERS``) read with the collector paused too:
parsing kith.json and the derived files makes millions of dicts, lists and numbers, and
every collection while they are made, or after, walks them all again (a third of the CPU
time of ``kith assess`` at 1M interactions). In a process that runs one command and
exits (``one_command_process``, said by the console script, never by the tests' runner),
what the block loaded is then frozen (``gc.freeze``) rather than handed back to the
collector: it lives until the process ends anyway, and neither the collections made while
the output is written nor the last sweep at exit need walk it again.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager

_one_command = False


def one_command_process() -> None:
    """Say that this process runs one command and then exits (``kith.cli.main.main``)."""
    global _one_command
    _one_command = True


@contextmanager
def no_cycle_collection(*, freeze: bool = False) -> Iterator[None]:
    """Pause the cycle collector for the duration (restored even on error, and left
    alone if the caller had already paused it). With ``freeze``, what was made meanwhile
    is frozen before the collector comes back."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if freeze:
                gc.freeze()
            gc.enable()


def reading_command() -> AbstractContextManager[None]:
    """The collector paused while a reading command runs; in a one-command process what
    it loaded is frozen at the end (see the module). Never used by the TUI, whose
    widgets make cyclic garbage for as long as it runs (it manages the collector
    itself, ``kith.tui.app``)."""
    return no_cycle_collection(freeze=_one_command)
