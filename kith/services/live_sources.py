"""Live sources configured once: add, list and remove (``kith source``).

A source lives in the configuration file (``[sources.NAME]``, ``kith.core.config``), not
in the database: it names a folder or a server of this device, and its credentials stay
out of both (a ``password_command``). What the database keeps is each source's sync state
(``store.live``), forgotten when the source is removed; the people and suggestions a
source brought stay.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from kith.core.config import check_table_name, remove_table, write_table
from kith.core.errors import KithError, NotFound
from kith.live.definitions import SourceDefinition, check, definitions
from kith.live.rules import InboxRule, from_table

if TYPE_CHECKING:
    from kith.persistence.store import Store


def add_source(definition: SourceDefinition, *, config_file: Path | None = None) -> Path:
    """Check ``definition`` and write it into the configuration file."""
    check_table_name(definition.name, "source")
    check(definition)
    return write_table("sources", definition.name, definition.settings(), config_file)


def sources(config: dict[str, Any]) -> list[SourceDefinition]:
    return list(definitions(config).values())


def remove_source(store: Store | None, name: str, *, config_file: Path | None = None
                  ) -> None:
    """Remove ``[sources.NAME]`` and forget its sync state (people and suggestions it
    brought stay)."""
    if not remove_table("sources", name, config_file):
        raise NotFound(f"no source {name!r} (see `kith source list`)")
    if store is not None and store.exists:
        store.live.forget_state(name)


def add_rule(rule: InboxRule, *, config_file: Path | None = None) -> Path:
    check_table_name(rule.name, "rule")
    from_table(rule.name, rule.settings())  # the same checks as reading it back
    return write_table("inbox_rules", rule.name, rule.settings(), config_file)


def remove_rule(name: str, *, config_file: Path | None = None) -> None:
    if not remove_table("inbox_rules", name, config_file):
        raise NotFound(f"no inbox rule {name!r} (see `kith inbox rule list`)")


def selected(config: dict[str, Any], names: tuple[str, ...]) -> list[SourceDefinition]:
    """The sources a ``kith pull NAME...`` names (every one without names)."""
    known = definitions(config)
    if not names:
        return list(known.values())
    missing = [n for n in names if n not in known]
    if missing:
        listed = ", ".join(known) or "none yet: kith source add NAME --kind KIND ..."
        raise KithError(f"no source {missing[0]!r} (sources: {listed})")
    return [known[n] for n in names]
