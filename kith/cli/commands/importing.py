"""``kith import SOURCE PATH``: run a plugin's importer, all or nothing.

The command parses its options into a ``kith.services.imports.ImportRequest`` and prints
the summary; the use case (``import_batch``) checks, reads and writes.

Each registered source becomes a subcommand with the common options (``--network``,
``--create-network``, ``--strict``, ``--dry-run``, ``--json``) plus its own.
``kith import --list`` shows every source.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from kith.cli.commands import emit_json
from kith.core.errors import KithError
from kith.core.safeoutput import echo
from kith.core.targets import load_target
from kith.importing.engine import ImportSummary
from kith.importing.toolkit import SourceSpec
from kith.plugins.manager import Plugins
from kith.services.context import KithApp
from kith.services.imports import ImportRequest, import_batch


class _Progress:
    """A progress bar on stderr for people at a terminal; silent otherwise."""

    def __init__(self, label: str):
        self.label = label
        self.bar: Any = None
        self.task: Any = None

    def __enter__(self) -> _Progress:
        if sys.stderr.isatty():
            from rich.progress import Progress

            self.bar = Progress(transient=True, console=None)
            self.bar.start()
            self.task = self.bar.add_task(self.label, total=None)
        return self

    def __call__(self, advance: int, total: int | None) -> None:
        if self.bar is not None:
            self.bar.update(self.task, advance=advance, total=total)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


SHOWN_DUPLICATES = 20
"""Possible duplicates listed one per line; the rest are counted (``--json`` has all)."""


def print_summary(summary: ImportSummary) -> None:
    verb = "Would import" if summary.dry_run else "Imported"
    echo(f"{verb} {summary.source} from {summary.path} into "
         f"{summary.network_name or summary.network}: "
         f"people {summary.people_added} added, {summary.people_matched} matched"
         f" ({summary.people_updated} updated); interactions "
         f"{summary.interactions_added} added, {summary.interactions_updated} updated, "
         f"{summary.duplicates_skipped} already there, "
         f"{summary.already_recorded} already recorded by hand")
    for name in summary.networks_created:
        echo(f"  {'would create' if summary.dry_run else 'created'} network {name}")
    if summary.dry_run:
        for label, names in (("would add", summary.people_added_names),
                             ("would match", summary.people_matched_names)):
            if names:
                echo(f"  {label} {len(names)}: {', '.join(names)}")
    for household in summary.households[:SHOWN_DUPLICATES]:
        echo(f"  household kept apart: {' and '.join(household['people'])} "
             f"({household['shared']}): two people, related as household")
    if len(summary.households) > SHOWN_DUPLICATES:
        echo(f"  ... and {len(summary.households) - SHOWN_DUPLICATES} more households "
             "(`--json` lists them)")
    shown = summary.possible_duplicates[:SHOWN_DUPLICATES]
    for duplicate in shown:
        echo(f"  possible duplicate: {duplicate['name']} ({duplicate['why']})")
    if summary.possible_duplicates:
        more = len(summary.possible_duplicates) - len(shown)
        echo(f"  {f'... and {more} more possible duplicates; ' if more else ''}"
             "see `kith person duplicates` (merge with `kith person merge`)")
    for warning in summary.warnings:
        echo(f"  warning: {warning}", err=True)
    if summary.skipped:
        echo(f"  skipped {len(summary.skipped)} unreadable record"
             f"{'s' if len(summary.skipped) != 1 else ''}:", err=True)
        for item in summary.skipped:
            echo(f"    {item}", err=True)


def _source_command(spec: SourceSpec) -> click.Command:
    def callback(path: Path, network: str | None, create_network: str | None, strict: bool,
                 dry_run: bool, as_json: bool, **options: Any) -> None:
        app = click.get_current_context().find_object(KithApp)
        assert app is not None, "kith's CLI always runs with a KithApp"
        request = ImportRequest(spec=spec, path=path, network=network,
                                create_network=create_network, strict=strict,
                                dry_run=dry_run, options=options)
        with _Progress(f"reading {path.name}") as progress:
            summary = import_batch(app.store, request, plugins=app.plugins, progress=progress)
        if as_json:
            emit_json(summary.to_dict())
        else:
            print_summary(summary)

    params: list[click.Parameter] = [
        click.Argument(["path"], type=click.Path(path_type=Path)),
        click.Option(["--network"], help="An existing network (id or name) the data belongs "
                     f"to; default: the source's own, or your one {spec.network_kind!r} "
                     "network."),
        click.Option(["--create-network", "create_network"], metavar="KIND",
                     help="Create the network (--network NAME, or the source's own name) "
                          f"as this kind if it does not exist, e.g. {spec.network_kind}."),
        click.Option(["--strict"], is_flag=True, help="Stop at the first unreadable record "
                     "(default: skip it and list it in the summary)."),
        click.Option(["--dry-run"], is_flag=True, help="Report what would change; write nothing."),
        click.Option(["--json", "as_json"], is_flag=True, help="Print the summary as JSON."),
        *spec.options,
    ]
    return click.Command(spec.name, callback=callback, params=params,
                         help=f"{spec.help}\n\nReads: {spec.reads} (plugin {spec.plugin}).",
                         short_help=spec.help)



CORE_SOURCES = {"kith-json": "kith.cli.commands.import_kith:import_kith_json"}
"""Formats kith reads itself (not through a plugin's importer)."""


class ImportGroup(click.Group):
    """Subcommands are the sources plugins registered."""

    def __init__(self, plugins: Plugins, **kwargs: Any):
        super().__init__(**kwargs)
        self.plugins = plugins
        self._sources: dict[str, SourceSpec] | None = None

    def sources(self) -> dict[str, SourceSpec]:
        if self._sources is None:
            self._sources = self.plugins.sources()
        return self._sources

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [*self.sources(), *CORE_SOURCES]

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in CORE_SOURCES:
            command: click.Command = load_target(CORE_SOURCES[name])
            return command
        spec = self.sources().get(name)
        return _source_command(spec) if spec else None

    def resolve_command(self, ctx: click.Context, args: list[str]) -> Any:
        name = args[0] if args else ""
        if not name.startswith("-") and name not in self.sources() \
                and name not in CORE_SOURCES:
            known = ", ".join(self.sources()) or "none (no importer plugin is loaded)"
            raise KithError(f"unknown source {name!r} (known: {known}; "
                            "see `kith import --list`)")
        return super().resolve_command(ctx, args)


def make_import_command(plugins: Plugins) -> click.Group:
    @click.group("import", cls=ImportGroup, plugins=plugins, invoke_without_command=True)
    @click.option("--list", "list_sources", is_flag=True, help="List every source and exit.")
    @click.option("--json", "as_json", is_flag=True, help="With --list: as JSON.")
    @click.pass_context
    def import_(ctx: click.Context, list_sources: bool, as_json: bool) -> None:
        """Import interactions and people from an export: kith import SOURCE PATH."""
        group = ctx.command
        assert isinstance(group, ImportGroup)
        if not list_sources:
            if ctx.invoked_subcommand is None:
                echo(ctx.get_help())
            return
        sources = group.sources()
        if as_json:
            emit_json([{"name": s.name, "plugin": s.plugin, "help": s.help, "reads": s.reads,
                        "network_kind": s.network_kind} for s in sources.values()])
            return
        if not sources:
            echo("No sources: no importer plugin is loaded.")
        for spec in sources.values():
            echo(f"{spec.name:<22} {spec.help} [{spec.plugin}]\n{'':<22} reads: {spec.reads}")

    return import_
