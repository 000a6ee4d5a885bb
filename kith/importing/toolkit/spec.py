"""A source: the declaration a plugin registers, and the registry of them all.

A plugin declares each importer once, with ``SourceSpec``; the importer's module is named
as ``"package.module:function"`` so that it is imported only when ``kith import`` runs it
(plugins register their sources at every start, ``kith --help`` included).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kith.core.targets import is_target, load_target
from kith.importing.toolkit.records import ImportBatch, ImportContext, Parser

if TYPE_CHECKING:
    from kith.core.registry import Registrar


@dataclass(frozen=True)
class LazyParser:
    """A parser named by ``"package.module:function"`` (``:parse`` when left out), imported
    the first time it runs."""

    target: str

    def __post_init__(self) -> None:
        if not is_target(self.target):
            raise ValueError(f"a source's parser is a function or 'package.module:function', "
                             f"not {self.target!r}")

    def __call__(self, path: Path, context: ImportContext) -> ImportBatch:
        parse: Parser = load_target(self.target, default="parse")
        return parse(path, context)


@dataclass(init=False)
class SourceSpec:
    """An importer contributed by a plugin through ``register_sources``.

    ``parse`` is the importer: a function ``(path, context) -> ImportBatch``, or, so that
    its module is imported only when an import runs, its name as
    ``"package.module:function"``. ``options`` are extra ``click.Option`` objects for
    ``kith import NAME``; their values arrive in ``ImportContext.options`` by parameter
    name.
    """

    name: str
    help: str
    reads: str
    parse: Parser
    network_kind: str = "other"
    options: list[Any] = field(default_factory=list)
    plugin: str = ""

    def __init__(self, name: str, help: str, reads: str, parse: Parser | str,
                 network_kind: str = "other", options: list[Any] | None = None,
                 plugin: str = "") -> None:
        self.name = name
        self.help = help
        self.reads = reads
        self.parse = LazyParser(parse) if isinstance(parse, str) else parse
        self.network_kind = network_kind
        self.options = options if options is not None else []
        self.plugin = plugin


def registered_sources(plugins: Registrar) -> dict[str, SourceSpec]:
    """Every plugin's sources by name (sorted). The first registered under a name wins;
    each records the plugin that registered it."""
    found: dict[str, SourceSpec] = {}

    def register_for(plugin: str) -> Callable[[SourceSpec], None]:
        def register(spec: SourceSpec) -> None:
            spec.plugin = spec.plugin or plugin
            found.setdefault(spec.name, spec)
        return register

    plugins.registrations("register_sources", register_for)
    return dict(sorted(found.items()))
