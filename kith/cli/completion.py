"""Shell completion of values from the database: people, networks and kinds.

click completes subcommands and options itself (``_KITH_COMPLETE=bash_complete kith``); this
module adds the values only the database knows. It is switched on only while a shell asks
for completions (``_KITH_COMPLETE`` is set, see ``enable``), so a normal run pays nothing.

Why it reads ``kith.json`` directly instead of opening the ``Store``: completion runs on
every Tab press and must answer in well under 150 ms at 10k people. Opening the store
validates every record and takes the writers' lock; completion needs only the names, so it
scans the one file, never writes, never locks, and completes nothing from a missing or
cut-short database (a completion is a convenience, never an error).

Parameters are found by name when click looks a command up (``enable`` wraps each group's
``get_command``), so the commands themselves need not know about completion: ``--with``
completes people, ``--network`` networks, ``--kind`` interaction kinds (network kinds under
``kith network``), ``--create-network`` network kinds, and the PERSON/NETWORK arguments
listed in ``ARGUMENTS``. ``kith import SOURCE`` names are subcommands, which click
completes already.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click
from click.shell_completion import BashComplete, CompletionItem, add_completion_class

from kith.core.model import INTERACTION_KINDS
from kith.core.textfold import fold
from kith.plugins.manager import Plugins

COMPLETE_VAR = "_KITH_COMPLETE"

Completer = Callable[[click.Context, str], list[CompletionItem]]

ARGUMENTS: dict[tuple[str, ...], dict[str, str]] = {
    ("person", "show"): {"ref": "person"},
    ("person", "edit"): {"ref": "person"},
    ("person", "merge"): {"keep": "person", "absorb": "person"},
    ("person", "relate"): {"first": "person", "second": "person"},
    ("person", "unrelate"): {"first": "person", "second": "person"},
    ("intro", "make"): {"first": "person", "second": "person"},
    ("log",): {"network": "network"},
    ("network", "show"): {"ref": "network"},
    ("network", "edit"): {"ref": "network"},
    ("network", "remove"): {"ref": "network"},
}
"""Arguments that take a person or a network, by command path (below ``kith``). Anywhere
else an argument named ``person`` takes a person and one named ``network`` a network."""

OPTIONS: dict[str, str] = {"--with": "person", "--person": "person", "--from": "person",
                           "--network": "network", "--kind": "kind",
                           "--create-network": "network-kind"}
"""Options by their long name and what they take (``--kind`` of ``kith network ...`` is a
network kind, see ``what_option_takes``)."""


def enable(cli: click.Group, plugins: Plugins) -> None:
    """Complete database values in every command ``cli`` hands out from now on, and let
    ``kith completion bash`` (and ``_KITH_COMPLETE=bash_source``) print a script that
    quotes names with spaces."""
    add_completion_class(QuotingBashComplete, "bash")
    values = Values(plugins)
    _watch(cli, (), values)


def _watch(group: click.Group, path: tuple[str, ...], values: Values) -> None:
    """Prepare each command ``group`` hands out, then the commands below it. Commands are
    module-level objects that outlive one ``build_cli`` (tests build many), so the
    wrapping is done once and reads the latest ``values`` from the group."""
    group._kith_values = values  # type: ignore[attr-defined]
    if hasattr(group, "_kith_get_command"):
        return
    original = group._kith_get_command = group.get_command  # type: ignore[attr-defined]

    def get_command(ctx: click.Context, name: str) -> click.Command | None:
        command = original(ctx, name)
        if command is not None:
            _prepare(command, (*path, name), group._kith_values)  # type: ignore[attr-defined]
        return command

    group.get_command = get_command  # type: ignore[method-assign,assignment]


def _prepare(command: click.Command, path: tuple[str, ...], values: Values) -> None:
    for param in command.params:
        takes = what_param_takes(param, path)
        if takes is not None:
            param.shell_complete = _completer(values, takes)  # type: ignore[method-assign,assignment]
    if isinstance(command, click.Group):
        _complete_default_argument(command, path, values)
        _watch(command, path, values)


def _complete_default_argument(group: click.Group, path: tuple[str, ...],
                               values: Values) -> None:
    """A group whose verb is optional (``kith note PERSON TEXT``, see ``DefaultGroup``)
    completes its default command's first argument beside its subcommands."""
    default = group.commands.get(getattr(group, "default", None) or "")
    if default is None:
        return
    arguments = [p for p in default.params if isinstance(p, click.Argument)]
    takes = what_param_takes(arguments[0], (*path, default.name or "")) if arguments else None
    if takes is None:
        return
    if not hasattr(group, "_kith_shell_complete"):
        group._kith_shell_complete = group.shell_complete  # type: ignore[attr-defined]
    subcommands = group._kith_shell_complete  # type: ignore[attr-defined]

    def shell_complete(ctx: click.Context, incomplete: str) -> list[CompletionItem]:
        items = subcommands(ctx, incomplete)
        if not incomplete.startswith("-"):
            items += values.complete(ctx, takes, incomplete)
        return items

    group.shell_complete = shell_complete  # type: ignore[method-assign,assignment]


def what_param_takes(param: click.Parameter, path: tuple[str, ...]) -> str | None:
    """``person``, ``network``, ``kind`` or ``network-kind``: what ``param`` of the command
    at ``path`` takes, or None when the database has nothing to offer for it."""
    if isinstance(param, click.Argument):
        by_path = ARGUMENTS.get(path, {})
        if param.name in by_path:
            return by_path[param.name]
        return param.name if param.name in ("person", "network") else None
    for opt in param.opts:
        takes = OPTIONS.get(opt)
        if takes == "kind" and path[:1] == ("network",):
            return "network-kind"
        if takes is not None:
            return takes
    return None


def _completer(values: Values, takes: str) -> Callable[[click.Context, str],
                                                       list[CompletionItem]]:
    def complete(ctx: click.Context, incomplete: str) -> list[CompletionItem]:
        return values.complete(ctx, takes, incomplete)
    return complete


class Values:
    """The names a shell may complete, read once per process from ``kith.json``."""

    def __init__(self, plugins: Plugins):
        self.plugins = plugins
        self.found: Names | None = None

    def complete(self, ctx: click.Context, takes: str, incomplete: str) -> list[CompletionItem]:
        candidates: list[tuple[str, str | None]]
        if takes == "kind":
            candidates = [(kind, None) for kind in self.interaction_kinds(ctx)]
        elif takes == "network-kind":
            candidates = [(kind, None) for kind in self.network_kinds()]
        elif takes == "network":
            candidates = list(self.names(ctx).networks)
        else:
            candidates = [(name, None) for name in self.names(ctx).people]
        return matching(candidates, incomplete)

    def names(self, ctx: click.Context) -> Names:
        if self.found is None:
            self.found = read_names(database_folder(ctx))
        return self.found

    def interaction_kinds(self, ctx: click.Context) -> list[str]:
        kinds = dict.fromkeys(INTERACTION_KINDS)
        try:
            for network_kind in self.plugins.network_kinds().values():
                rules = getattr(network_kind, "rules", {}) or {}
                found = rules.get("values") if isinstance(rules, dict) else None
                if isinstance(found, dict):
                    kinds.update(dict.fromkeys(str(kind) for kind in found))
        except Exception:  # a broken plugin must not break the shell's Tab
            pass
        kinds.update(dict.fromkeys(self.names(ctx).kinds))
        return list(kinds)

    def network_kinds(self) -> list[str]:
        try:
            return sorted(self.plugins.network_kinds())
        except Exception:  # as above
            return []


def database_folder(ctx: click.Context) -> Path:
    """The folder the command being completed would open (``--db``, ``$KITH_HOME`` or the
    platform's data folder)."""
    db = ctx.find_root().params.get("db")
    if db:
        return Path(db).expanduser()
    from kith.persistence.store.layout import default_home

    return default_home()


@dataclass
class Names:
    """What completion offers from one database: people's names, networks (id and name)
    and the kinds the user added with ``--new-kind``."""

    people: list[str] = field(default_factory=list)
    networks: list[tuple[str, str | None]] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)


_STRING = rb'"([^"\\]*(?:\\.[^"\\]*)*)"'  # a JSON string, its content captured
_RECORD = re.compile(rb'\{"id": ?' + _STRING + rb', ?"name": ?' + _STRING
                     + rb', ?"(aliases|kind)":')
"""A person (id, name, aliases...) or a network (id, name, kind...) as kith writes them."""
_KIND = re.compile(rb'\{"id": ?"([a-z][a-z0-9_-]{0,39})", ?"added":')


def read_names(folder: Path) -> Names:
    """The names in ``folder``'s ``kith.json``, or none if it is missing or damaged.

    Records are found by the shape kith writes them in (``Person.to_dict``: id, name,
    aliases first; ``Network.to_dict``: id, name, kind), which a scan of the bytes finds
    about ten times faster than parsing the whole file builds every record (3 MB at 10k
    people). If the scan does not account for every person (``"aliases"`` is a key of
    person records only), the file was written some other way and is parsed in full."""
    try:
        data = (folder / "kith.json").read_bytes()
    except OSError:
        return Names()
    if not data.lstrip().startswith(b"{") or not data.rstrip().endswith(b"}"):
        return Names()  # cut short or not kith's
    records = _RECORD.findall(data)
    people = [(ident, name) for ident, name, third in records if third == b"aliases"]
    if len(people) != data.count(b'"aliases":'):
        return _parsed_names(data)
    return Names(people=_sorted_people(_text(name) for ident, name in people
                                       if ident != b"me"),
                 networks=[(_text(ident), _text(name)) for ident, name, third in records
                           if third == b"kind"],
                 kinds=[kind.decode() for kind in _KIND.findall(data)])


def _parsed_names(data: bytes) -> Names:
    """``read_names`` the slow way: the whole file parsed, every odd record skipped."""
    import orjson

    try:
        parsed = orjson.loads(data)
    except orjson.JSONDecodeError:
        return Names()

    def table(name: str) -> list[dict[str, Any]]:
        records = parsed.get(name) if isinstance(parsed, dict) else None
        if not isinstance(records, dict):
            return []
        return [record for record in records.values() if isinstance(record, dict)]

    return Names(
        people=_sorted_people(str(r.get("name")) for r in table("people")
                              if r.get("id") != "me" and isinstance(r.get("name"), str)),
        networks=[(r["id"], r.get("name") if isinstance(r.get("name"), str) else None)
                  for r in table("networks") if isinstance(r.get("id"), str)],
        kinds=[r["id"] for r in table("kinds") if isinstance(r.get("id"), str)])


def _text(raw: bytes) -> str:
    """A JSON string's content as text (escapes decoded)."""
    if b"\\" not in raw:
        return raw.decode("utf-8", "replace")
    import orjson

    try:
        return str(orjson.loads(b'"' + raw + b'"'))
    except orjson.JSONDecodeError:
        return ""


def _sorted_people(names: Iterable[str]) -> list[str]:
    return sorted({name for name in names if _shown(name)}, key=fold)


def _shown(value: object) -> bool:
    """A value a shell can be handed: text, not empty, one line, no control characters."""
    return isinstance(value, str) and value.strip() != "" and value.isprintable()


def matching(candidates: Iterable[tuple[str, str | None]], incomplete: str,
             ) -> list[CompletionItem]:
    """Candidates whose value or description starts with ``incomplete``, or has a word
    that does, ignoring case and accents ("sean" finds "Seán Ó Brien", "brien" too);
    those whose value itself starts with it first."""
    wanted = fold(incomplete)
    first, then = [], []
    for value, help_text in candidates:
        item = CompletionItem(value, help=help_text)
        folded = fold(value)
        if folded.startswith(wanted):
            first.append(item)
        elif any(word.startswith(wanted)
                 for word in f"{folded} {fold(help_text or '')}".replace("-", " ").split()):
            then.append(item)
    return first + then


class QuotingBashComplete(BashComplete):
    """click's bash completion, with each value quoted for the command line (``printf %q``)
    so that "Ann Lee" completes as ``Ann\\ Lee``, one argument, and read with ``read -r`` so
    that backslashes survive."""

    source_template = r"""
%(complete_func)s() {
    local IFS=$'\n'
    local response completion type value

    response=$(env COMP_WORDS="${COMP_WORDS[*]}" COMP_CWORD=$COMP_CWORD \
        %(complete_var)s=bash_complete $1)

    for completion in $response; do
        IFS=',' read -r type value <<< "$completion"

        if [[ $type == 'dir' ]]; then
            COMPREPLY=()
            compopt -o dirnames
        elif [[ $type == 'file' ]]; then
            COMPREPLY=()
            compopt -o default
        elif [[ $type == 'plain' ]]; then
            printf -v value '%%q' "$value"
            COMPREPLY+=("$value")
        fi
    done

    return 0
}

%(complete_func)s_setup() {
    complete -o nosort -F %(complete_func)s %(prog_name)s
}

%(complete_func)s_setup;
"""


def requested() -> bool:
    """Whether a shell is asking for completions in this process."""
    return bool(os.environ.get(COMPLETE_VAR))
