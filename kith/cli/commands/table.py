"""Plain tables with fixed column widths: 10k rows in milliseconds.

rich's ``Table`` measures every cell of every row to lay the table out, which took 8.8 s
for 10k people. Here each column is as wide as its widest cell up to a cap, a longer
cell is cut with "…", and rows are joined as text. Control characters in data (and bidi
overrides) are shown as visible escapes by ``kith.core.safeoutput``, so a name cannot move the
cursor, change the terminal's colours or reverse the text that follows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from kith.core.safeoutput import clean_value as _clean
from kith.core.safeoutput import terminal_takes_unicode


def rule_char() -> str:
    """The character a table's rule is drawn with: a box line, or ``-`` on a terminal that
    cannot show one."""
    return "─" if terminal_takes_unicode() else "-"


def _width(text: str) -> int:
    if text.isascii():
        return len(text)
    from rich.cells import cell_len

    return cell_len(text)


def _fit(text: str, width: int) -> str:
    """``text`` cut (with "…") or padded to exactly ``width`` terminal cells."""
    size = _width(text)
    if size <= width:
        return text + " " * (width - size)
    if text.isascii():
        return text[:width - 1] + "…"
    from rich.cells import set_cell_size

    return set_cell_size(text, width - 1) + "…"


def render_table(headers: Sequence[str], rows: Iterable[Sequence[str]],
                 caps: Sequence[int]) -> str:
    """The table as text: a header, a rule, one line per row; columns two spaces apart.

    The common row (plain ASCII) is one ``str.format``; only rows with other characters
    (which may be wide, or combining) measure their cells in terminal cells.
    """
    cleaned = []
    for row in rows:
        joined = "".join(row)
        cleaned.append((row if joined.isprintable() else [_clean(c) for c in row],
                        joined.isascii()))
    widths = [len(h) for h in headers]
    for row, ascii_only in cleaned:
        for index, cell in enumerate(row):
            size = len(cell) if ascii_only else _width(cell)
            if size > widths[index]:
                widths[index] = size
    widths = [min(w, cap) for w, cap in zip(widths, caps, strict=True)]
    last = len(headers) - 1
    plain = "  ".join(f"{{:<{w}}}" for w in widths[:-1]) + "  {}"
    lines = [plain.format(*headers).rstrip(), "  ".join(rule_char() * w for w in widths)]
    for row, ascii_only in cleaned:
        if ascii_only:  # one character per cell: cut by length, pad by format
            lines.append(plain.format(*[c if len(c) <= w else c[:w - 1] + "…"
                                        for c, w in zip(row, widths, strict=True)]).rstrip())
        else:
            lines.append("  ".join(_fit(cell, widths[i]) if i < last else cell[:widths[i]]
                                   for i, cell in enumerate(row)).rstrip())
    return "\n".join(lines) + "\n"
