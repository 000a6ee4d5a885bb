"""Reading a database that may be damaged: what doctor's check, repair and restore share.

Nothing here trusts a file: ``parse`` says whether bytes are a kith file at all, and
``validate`` whether one record can be used, with the same words a command would use
to refuse it (the model's readers and ``kith.persistence.validation``'s record checks).
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

import orjson

from kith.core import model
from kith.core.errors import KithError
from kith.core.ids import is_id
from kith.core.months import month_of
from kith.persistence.store import migrations
from kith.persistence.validation import RECORD_CHECKS

INTERACTIONS = "interactions"
MAIN_TABLES = ("networks", "people", "opportunities", "merges", "notes", "followups",
               "relationships")


def parse(raw: bytes) -> dict[str, Any] | None:
    """A kith file's content (``{table: {id: record}}``), or None when it is not one."""
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return None
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        return None
    return data


def validate(table: str, ident: Any, doc: Any) -> str | None:
    """Why a record cannot be used by kith (None: it can): the model must read it, and
    the load-time record checks every command runs (``kith.persistence.validation``) must
    pass it, so doctor calls damaged exactly what a command would refuse."""

    readers: dict[str, Any] = {"people": model.Person, "networks": model.Network,
                               "opportunities": model.Opportunity,
                               "interactions": model.Interaction}
    reader = readers.get(table)
    record_problem = RECORD_CHECKS.get(table)
    if reader is None and record_problem is None:
        return None
    if not isinstance(doc, dict):
        return "is not a record"
    if reader is not None:
        if doc.get("id") != ident:
            return f"has id {str(doc.get('id'))[:40]!r} under key {ident!r}"
        try:
            reader.from_dict(doc)
        except (KithError, KeyError, TypeError, ValueError, AttributeError,
                OverflowError) as error:
            what = f"missing field {error}" if isinstance(error, KeyError) else str(error)[:120]
            return f"cannot be read ({what})"
    if record_problem is not None:
        why = record_problem(doc)
        if why:
            return f"is damaged ({why})"
    return None


def plausible_id(ident: Any, *, ulid: bool = False) -> bool:
    """Whether a string looks like an id kith makes (a ULID; or, unless ``ulid``, a slug):
    when a record's key and its ``id`` field disagree, the plausible one is undamaged."""

    if not isinstance(ident, str):
        return False
    return is_id(ident) or (not ulid and re.fullmatch(r"[a-z0-9][a-z0-9-]{0,79}", ident)
                            is not None)


def schema_version(main: dict[str, Any]) -> Any:
    """What kith.json's schema record says its version is (anything, it may be damaged)."""
    meta = main.get("_meta")
    schema = meta.get("schema") if isinstance(meta, dict) else None
    return schema.get("version") if isinstance(schema, dict) else None


def good_schema(main: dict[str, Any]) -> bool:
    """Whether kith.json's schema record names a version this kith knows."""

    version = schema_version(main)
    return isinstance(version, int) and not isinstance(version, bool) \
        and 1 <= version <= migrations.SCHEMA_VERSION


def month_of_doc(doc: dict[str, Any]) -> str | None:
    """The month of a document that may be damaged: None when it has no readable time
    (parsed in full: ``month_of``'s shortcut for UTC text trusts that text is a time)."""
    try:
        return month_of(datetime.fromisoformat(doc["when"]))
    except (KeyError, TypeError, ValueError, OverflowError):
        return None
