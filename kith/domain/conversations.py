"""The conversation index as the domain reads it: compact lists of days.

The index itself (who asked, who was pitched, who paid after, whom you helped) is derived
data that the store keeps in the same transaction as each interaction, so its
maintenance (file names, ``apply``, ``normalise``, the rebuild) lives in persistence,
``kith.persistence.store.conversation_index``, together with its file format. The
ledger reads the stored day lists without decoding them whole; these are the readers it
uses, taken from the one place that defines the encoding.
"""

from __future__ import annotations

from kith.persistence.store.conversation_index import (
    bisect_days,
    day_at,
    decode_days,
    encode_days,
    first_and_last,
)

__all__ = ["bisect_days", "day_at", "decode_days", "encode_days",
           "first_and_last"]
