"""Small widgets shared by the screens."""

from __future__ import annotations

from typing import Any

from textual.widgets import Input


class KithInput(Input):
    """An input whose cursor blinks unless the app says not to (snapshots)."""

    def on_mount(self) -> None:
        self.cursor_blink = bool(getattr(self.app, "blink", True))


def verdict_class(verdict: str) -> str:
    return f"verdict-{verdict}"


VERDICT_MARK = {"worth-it": "●", "out-of-balance": "◐", "leave": "✖", "too-early": "○"}


def escape(text: Any) -> str:
    """Text safe inside Textual markup."""
    from rich.markup import escape as rich_escape

    return rich_escape(str(text))
