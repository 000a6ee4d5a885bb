"""Small widgets shared by the screens."""

from __future__ import annotations

from typing import Any

from textual.widgets import Input


class KithInput(Input):
    """An input whose cursor blinks unless the app says not to (snapshots)."""

    def on_mount(self) -> None:
        self.cursor_blink = bool(getattr(self.app, "blink", True))


class LazyPane:
    """A pane that loads its data the first time it is shown (startup pays only for the
    dashboard), and refreshes after writes once loaded."""

    loaded = False

    def activate(self) -> None:
        if not self.loaded:
            self.loaded = True
            self.refresh_data()

    def refresh_data(self) -> None:
        raise NotImplementedError


def verdict_class(verdict: str) -> str:
    return f"verdict-{verdict}"


VERDICT_MARK = {"worth-it": "●", "out-of-balance": "◐", "leave": "✖", "too-early": "○",
                "not-enough-records": "○"}


def escape(text: Any) -> str:
    """Text safe inside Textual markup: no markup read from it, and its control
    characters shown as escapes (``kith.safeoutput``), as in the command line's output."""
    from rich.markup import escape as rich_escape

    from kith.safeoutput import clean

    return rich_escape(clean(text))
