"""Small widgets shared by the screens."""

from __future__ import annotations

import re
from typing import Any

from textual import events
from textual.suggester import Suggester
from textual.widgets import Footer, Input

from kith.core.safeoutput import clean


class KithInput(Input):
    """An input whose cursor blinks unless the app says not to (snapshots)."""

    def on_mount(self) -> None:
        self.cursor_blink = bool(getattr(self.app, "blink", True))


COMPACT_FOOTER_BELOW = 100  # columns


class KithFooter(Footer):
    """The key bar, compact (no padding around each key) on a narrow terminal: at 80
    columns the People tab's keys and Quit then fit beside the command palette's."""

    def on_resize(self, event: events.Resize) -> None:
        self.compact = event.size.width < COMPACT_FOOTER_BELOW


class LazyPane:
    """A pane that loads its data the first time it is shown (startup pays only for the
    dashboard), and after a write refreshes at once if shown, else when next shown."""

    loaded = False

    def activate(self) -> None:
        if not self.loaded:
            self.loaded = True
            self.refresh_data()

    def data_changed(self, shown: bool) -> None:
        """Something was written: refresh now if the pane is shown, else when it is."""
        if shown and self.loaded:
            self.refresh_data()
        else:
            self.loaded = False

    def refresh_data(self) -> None:
        raise NotImplementedError


def verdict_class(verdict: str) -> str:
    return f"verdict-{verdict}"


VERDICT_MARK = {"worth-it": "●", "out-of-balance": "◐", "leave": "✖", "too-early": "○",
                "not-enough-records": "○"}


def escape(text: Any) -> str:
    """Text safe inside Textual markup: no markup read from it, and its control
    characters shown as escapes (``kith.core.safeoutput``), as in the command line's output."""
    from rich.markup import escape as rich_escape


    return rich_escape(clean(text))


class ListSuggester(Suggester):
    """Completes the last item of a comma-separated list (people, networks, tags) from
    ``choices``, whatever the case typed."""

    def __init__(self, choices: list[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.choices = sorted(set(choices), key=str.lower)

    async def get_suggestion(self, value: str) -> str | None:
        head, _, last = value.rpartition(",")
        typed = last.lstrip().lower()
        if not typed:
            return None
        for choice in self.choices:
            if choice.lower().startswith(typed):
                return (f"{head}, " if head else "") + choice
        return None


_CLI_POINTER = re.compile(r"\s*\((?:see|run) `kith [^`]*`\)")


def plain(message: str) -> str:
    """An error message for a screen: without its pointer to a CLI command (the screen
    offers completion instead)."""
    return _CLI_POINTER.sub("", message)
