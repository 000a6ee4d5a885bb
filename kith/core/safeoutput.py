"""Printing data to a terminal without letting the data drive the terminal.

Names, notes, needs and network names come from other people's exports and from typing;
a name holding ``ESC]0;...BEL`` would retitle the terminal, ``ESC[2J`` would clear it, a
bidi override would reverse what follows, and ``[link=...]`` would become a real hyperlink
if handed to rich as markup. Every human-readable line kith prints goes through this
module (``kith.cli.commands.echo`` and the rich tables): control characters become visible
escapes like ``\\x1b``, and rich only ever receives data as plain ``Text``.

``--json`` output is not touched: JSON escapes control characters itself and must stay
exact.
"""

from __future__ import annotations

import re
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

_UNSAFE = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 (but tab and newline), DEL, C1
    "\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2069\ufeff"  # bidi, invisible
    "\ud800-\udfff"  # lone surrogates (undecodable bytes smuggled through)
)
_LINE_UNSAFE = re.compile(f"[{_UNSAFE}]")
_VALUE_UNSAFE = re.compile(f"[{_UNSAFE}\t\n]")

MAX_CELL = 1_000
"""Characters of one value shown in a table cell; more is cut with an ellipsis, so a
huge value can never make a table slow to lay out."""


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code == 0x0A:
        return "\\n"
    if code == 0x09:
        return "\\t"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def clean(text: object) -> str:
    """A line (or lines) of output: every control character but newline and tab shown
    as an escape."""
    return _LINE_UNSAFE.sub(_escape, str(text))


def clean_value(text: object, limit: int | None = None) -> str:
    """One value inside a line: newlines and tabs escaped too, so a value cannot forge
    another line; cut to ``limit`` characters when given."""
    value = str(text)
    if limit is not None and len(value) > limit:
        value = value[:limit] + "…"
    return _VALUE_UNSAFE.sub(_escape, value)


def protect_streams() -> None:
    """Make printing unable to fail on text the terminal cannot encode.

    With ``PYTHONIOENCODING=ascii`` or ``LC_ALL=C`` (and ``PYTHONUTF8=0``) a name like
    "Zoë" could not be printed, and a command that had already committed its write then
    died with a traceback before saying so: the user retried and got two. Unencodable
    characters are shown as escapes (``\xeb``) instead; what was written is unchanged."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def terminal_takes_unicode() -> bool:
    """Whether the process's real standard output can encode any character (UTF-8 and
    the like); JSON written to one that cannot is ASCII-escaped, which is still JSON."""
    encoding = getattr(sys.__stdout__, "encoding", None) or "utf-8"
    try:
        "\u00eb\U0010fffd".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def echo(text: object = "", *, err: bool = False, nl: bool = True) -> None:
    """``click.echo`` for human-readable output: never interprets what it prints."""
    import click

    click.echo(clean(text), err=err, nl=nl)


def cell(value: object, style: str = "") -> Text:
    """A table cell holding data: plain ``Text`` (no markup read), control characters
    escaped, cut at ``MAX_CELL`` characters."""
    from rich.text import Text

    return Text(clean_value(value, MAX_CELL), style=style)


def console() -> Console:
    """A rich console for data: markup and automatic highlighting off."""
    from rich.console import Console

    return Console(soft_wrap=False, markup=False, highlight=False, emoji=False)


def row(*values: Any) -> list[Text]:
    """A table row of data cells."""
    return [cell("" if v is None else v) for v in values]
