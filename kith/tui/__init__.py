"""kith's interactive face: a Textual app over the same store and hooks as the CLI.

Loaded only by ``kith tui`` (and the tests): nothing else in kith imports textual.
``make_app`` is the one way to build the app, shared by the command and the tests.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kith.services.context import KithApp
    from kith.tui.app import KithTUI


def make_app(kith: KithApp | None = None, *, db: Path | None = None, today: date | None = None,
             window: str = "12m", blink: bool = True) -> KithTUI:
    """The TUI for ``kith`` (or a new ``KithApp`` on ``db``).

    ``today`` pins the date (the tests and screenshots use it); ``window`` is the
    dashboard's first window (``12m`` or ``all``); ``blink=False`` keeps cursors still
    for snapshots.
    """
    from kith.services.context import KithApp
    from kith.tui.app import KithTUI

    return KithTUI(kith or KithApp(db), today=today, window=window, blink=blink)
