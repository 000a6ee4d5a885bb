"""The UTC month an interaction belongs to: the one computation behind its storage partition.

Interactions live in ``interactions/YYYY-MM.json`` by the UTC month of their time; the
store, the model, ``kith doctor`` and the merge all ask "which month?", and must all give
the same answer, so they all ask ``month_of``.
"""

from __future__ import annotations

from datetime import UTC, datetime


def utc_text(when: str) -> str:
    """``when`` (ISO text) as a UTC ISO string; text already in that form is returned as it
    is (parsing 100k times is most of the cost of a recomputation)."""
    if when.endswith("+00:00") and when[10:11] == "T" and (
            len(when) == 25 or (len(when) == 32 and when[19:26] != ".000000")):
        return when
    return datetime.fromisoformat(when).astimezone(UTC).isoformat()


def utc_iso(when: datetime) -> str:
    """Times in the aggregates are UTC ISO strings, so they compare correctly as text."""
    return when.astimezone(UTC).isoformat()


def month_of(when: datetime | str) -> str:
    """The UTC month (``YYYY-MM``) of a time, given as a datetime or as ISO text.

    Raises ``ValueError`` (or ``OverflowError``) for text that is not a time; callers
    reading damaged data (``kith doctor``) catch it."""
    if isinstance(when, str):
        if len(when) >= 25 and when.endswith("+00:00") and when[10:11] == "T":
            return when[:7]  # already UTC text: no parsing (100k times in a merge)
        when = datetime.fromisoformat(when)
    utc = when.astimezone(UTC)
    return f"{utc.year:04d}-{utc.month:02d}"
