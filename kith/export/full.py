"""The full export: every record of a kith database in one versioned JSON document.

Shape (``format`` ``"kith-export"``, ``version`` 1; documented in the README)::

    {"format": "kith-export", "version": 1, "exported": ISO, "kith": "0.x",
     "schema": N, "currency": "EUR",
     "tables": {"networks": {ID: record}, "people": {...}, "opportunities": {...},
                "merges": {...}, "notes": {...}, "followups": {...},
                "relationships": {...}, "kinds": {...}, ...every table of kith.json},
     "interactions": {ID: record},
     "plugins": {PLUGIN: {TABLE: {ID: record}}}}

Records are exactly as stored (the models' ``to_dict`` shapes), keyed by id, so a table
added later (by kith or another branch's feature) is exported without code here.
Introductions are interactions of kind ``introduction`` (their ``meta.intro`` holds the
people, opportunities and outcomes). Derived aggregates are not exported: the import
recomputes them.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from kith import __version__
from kith.core import clock
from kith.core.errors import ImportFormatError, KithError, ValidationError
from kith.core.model import (
    ME,
    FollowUp,
    Interaction,
    Network,
    Note,
    Opportunity,
    Person,
    Relationship,
)
from kith.importing.toolkit.archives import read_limited
from kith.persistence.exchange import FORMAT, VERSION
from kith.persistence.store import MAIN, migrations
from kith.sync.load import load_store
from kith.sync.merge import INTERACTIONS

if TYPE_CHECKING:
    from pathlib import Path

    from kith.persistence.store import Store

PLUGIN_FOLDER = "plugins"


def document(store: Store) -> dict[str, Any]:
    """The whole database as one JSON-able document."""

    # read as ``kith merge`` reads it (one reader of the folder): records as stored,
    # stamps included, with the month files' tombstones, so that `kith merge` of an
    # export keeps the newest edit of each field and every deletion
    state = load_store(store)  # a database not written yet reads as staged
    tables = {name: records for name, records in sorted(state.tables.items())
              if name != INTERACTIONS}
    for name in ("networks", "people"):
        tables.setdefault(name, {})
    if state.tombstones:
        tables["tombstones"] = state.tombstones
    interactions = state.tables.get(INTERACTIONS, {})
    plugins: dict[str, Any] = {}
    for name in store.files.list(PLUGIN_FOLDER):
        data = store.files.read(name)
        plugin = name.rsplit("/", 1)[1].removesuffix(".json")
        plugins[plugin] = {t: dict(r) for t, r in data.items() if isinstance(r, dict)}
    return {"format": FORMAT, "version": VERSION,
            "exported": clock.now().isoformat(timespec="seconds"),
            "kith": __version__, "schema": store.schema_version, "currency": store.currency,
            "tables": tables, "interactions": interactions, "plugins": plugins}


def read_document(path: Path) -> dict[str, Any]:
    """A kith export from ``path``, with its envelope checked."""
    import orjson


    raw = read_limited(path)
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise ImportFormatError(f"not JSON: {error}", file=str(path)) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ImportFormatError("not a kith export (no \"format\": \"kith-export\"); "
                                "write one with `kith export json`", file=str(path))
    version = data.get("version")
    if not isinstance(version, int) or version < 1:
        raise ImportFormatError(f"unknown export version {version!r}", file=str(path))
    if version > VERSION:
        raise ImportFormatError(f"export version {version} is newer than this kith reads "
                                f"({VERSION}); upgrade kith", file=str(path))
    for key in ("tables", "interactions"):
        if not isinstance(data.get(key), dict):
            raise ImportFormatError(f"{key!r} must be an object keyed by id", file=str(path))
    return data


def _check_records(data: dict[str, Any], path: str) -> dict[str, int]:
    """Every record parses with its model and refers to records that exist."""

    models: dict[str, Any] = {"networks": Network, "people": Person,
                              "opportunities": Opportunity, "notes": Note,
                              "followups": FollowUp, "relationships": Relationship}
    from kith.sync.screen import now_limit, record_problem, shown_id, stamp_problem

    tables = data["tables"]
    counts = {}
    limit = now_limit()
    for name, records in tables.items():
        if name == "_meta":
            raise ImportFormatError("'tables' holds '_meta': an export's settings travel as "
                                    "its 'schema' and 'currency', never as a table",
                                    file=path)
        if not isinstance(records, dict):
            raise ImportFormatError(f"table {shown_id(name)} must be an object keyed by id",
                                    file=path)
        if name == "tombstones":
            _check_tombstones(records, path, limit)
            counts[name] = len(records)
            continue
        model = models.get(name)
        for ident, record in records.items():
            where = f"{shown_id(name)} {shown_id(ident)}"
            if not isinstance(record, dict):
                raise ImportFormatError("not a record", file=path, record=where)
            # the checks that guard loading, and the stamps the next edit will parse
            problem = record_problem(name, ident, record) or stamp_problem(record, limit)
            if problem:
                raise ImportFormatError(problem, file=path, record=where)
            if model is None:
                continue
            try:
                parsed = model.from_dict(record)
                replace(parsed)  # again as new input: stored records skip the size limits
            except (KeyError, TypeError, ValueError, KithError) as error:
                raise ImportFormatError(f"{error}", file=path,
                                        record=f"{name} {ident}") from None
            if parsed.id != ident:
                raise ImportFormatError(f"its id is {parsed.id!r}", file=path,
                                        record=f"{name} {ident}")
        counts[name] = len(records)
    people = set(tables.get("people", {}))
    networks = set(tables.get("networks", {}))
    for absorbed, record in tables.get("merges", {}).items():
        if absorbed == ME or record["into"] not in people:
            raise ImportFormatError("a merge of the user's own record, or into a person not "
                                    "in the export", file=path,
                                    record=f"merges {shown_id(absorbed)}")
    for ident, record in data["interactions"].items():
        problem = record_problem("interactions", ident, record) or (
            stamp_problem(record, limit) if isinstance(record, dict) else None)
        if problem:
            raise ImportFormatError(problem, file=path,
                                    record=f"interaction {shown_id(ident)}")
        try:
            parsed = Interaction.from_dict(record)
            replace(parsed)
        except (KeyError, TypeError, ValueError, KithError) as error:
            raise ImportFormatError(f"{error}", file=path,
                                    record=f"interaction {ident}") from None
        missing = [p for p in parsed.people if p not in people]
        if parsed.id != ident or parsed.network not in networks or missing:
            raise ImportFormatError(f"refers to a network or people not in the export "
                                    f"({parsed.network}, {missing})", file=path,
                                    record=f"interaction {ident}")
    for name, field_names in (("notes", ("person",)), ("followups", ("person",)),
                              ("relationships", ("a", "b")), ("opportunities", ("person",))):
        for ident, record in tables.get(name, {}).items():
            for field_name in field_names:
                if record.get(field_name) not in people:
                    raise ImportFormatError(f"{field_name} {record.get(field_name)!r} is not "
                                            "a person in the export", file=path,
                                            record=f"{name} {ident}")
    counts["interactions"] = len(data["interactions"])
    return counts


def _check_tombstones(records: dict[str, Any], path: str, limit: str) -> None:
    """An export's deletions: each ``table/id`` with a kith stamp (a later ``kith merge``
    or ``kith sync`` compares them), never the user's own record."""
    import re

    stamp = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$")
    for key, doc in records.items():
        table, _, ident = key.partition("/")
        deleted = doc.get("deleted") if isinstance(doc, dict) else None
        if not table or not ident or key == "people/me" or not isinstance(deleted, str) \
                or not stamp.match(deleted) or deleted > limit \
                or not isinstance(doc.get("device", ""), str):
            from kith.sync.screen import shown_id

            raise ImportFormatError("not a deletion kith can keep (table/id, a stamp not in "
                                    "the future, never the user's own record)", file=path,
                                    record=f"tombstones {shown_id(key)}")


def _plugins(data: dict[str, Any], path: str) -> dict[str, dict[str, dict[str, Any]]]:
    """The plugins' tables of an export, checked: names that make file names, tables of
    records."""
    import re

    from kith.sync.screen import shown_id

    plugins = data.get("plugins") or {}
    safe = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
    if not isinstance(plugins, dict):
        raise ImportFormatError("'plugins' must be an object of plugins", file=path)
    for plugin, tables in plugins.items():
        if not safe.match(plugin) or not isinstance(tables or {}, dict):
            raise ImportFormatError("not a plugin's tables", file=path,
                                    record=f"plugins {shown_id(plugin)}")
        for name, records in (tables or {}).items():
            if not isinstance(records or {}, dict) or not all(
                    isinstance(r, dict) for r in (records or {}).values()):
                raise ImportFormatError("not a table of records", file=path,
                                        record=f"plugins {shown_id(plugin)} {shown_id(name)}")
    return plugins


def is_empty(store: Store) -> bool:
    if not store.exists:
        return True
    main = store.files.read(MAIN)
    for name, records in main.items():
        if name == "_meta" or not isinstance(records, dict):
            continue
        if name == "people":
            if set(records) - {ME}:
                return False
        elif records:
            return False
    return not store.months()


def load_document(store: Store, data: dict[str, Any], *, path: str) -> dict[str, int]:
    """Write an export's records into ``store``, which must be empty; one transaction."""

    if not is_empty(store):
        raise ValidationError(f"the database at {store.home} is not empty; import a kith "
                              "export into a new one (`kith --db NEW init`)")

    schema = data.get("schema", migrations.SCHEMA_VERSION)
    if not isinstance(schema, int) or schema < 2:
        raise ImportFormatError(f"unknown database schema {schema!r}", file=path)
    if schema > migrations.SCHEMA_VERSION:
        raise ImportFormatError(f"exported by a newer kith (schema {schema}, this kith reads "
                                f"{migrations.SCHEMA_VERSION}); upgrade kith", file=path)
    counts = _check_records(data, path)
    plugins = _plugins(data, path)
    currency = data.get("currency")
    if currency is not None and not (isinstance(currency, str) and currency.isalpha()
                                     and currency.isascii() and len(currency) == 3):
        raise ImportFormatError(f"currency must be an ISO code, not {currency!r}", file=path)
    with store.transaction():
        main = store.main
        from kith.sync.screen import with_defaults

        for name, records in data["tables"].items():
            table = main.table(name)
            for ident, record in records.items():
                # a minimal person ({id, name}) gets the fields every reader relies on
                table.put(ident, with_defaults(name, record))
        for ident, record in data["interactions"].items():
            month = Interaction.from_dict(record).month
            store.partition_table(month).put(ident, record)
        for plugin, tables in plugins.items():
            for name, records in (tables or {}).items():
                table = store.legacy_plugin_table(plugin, name)
                for ident, record in (records or {}).items():
                    table.put(ident, record)
        if currency:
            raw = store.files.read(MAIN)
            meta = raw.setdefault("_meta", {}).setdefault("schema", {})
            meta["currency"] = currency.upper()
            store.files.write(MAIN, raw)
            store.main.table("_meta").clear_cache()
        # records from an older kith are brought up to date like an old database
        migrations.migrate(store, schema)
        store.rebuild_derived()
    return counts
