"""Messages the TUI's parts send each other (small dataclasses, as Textual likes)."""

from __future__ import annotations

from textual.message import Message


class DataChanged(Message):
    """Something was written (an interaction, an introduction): panes refresh."""

    def __init__(self, what: str = "") -> None:
        super().__init__()
        self.what = what


class OpenPerson(Message):
    """Show one person's page."""

    def __init__(self, person_id: str) -> None:
        super().__init__()
        self.person_id = person_id
