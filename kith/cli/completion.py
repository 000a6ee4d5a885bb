"""Shell completion of values from the database (people, networks, kinds) and of the live
sources the configuration file names.

click completes subcommands and options itself (``_KITH_COMPLETE=bash_complete kith``); this
module adds the values only the database knows. It is switched on only while a shell asks
for completions (``_KITH_COMPLETE`` is set, see ``enable``), so a normal run pays nothing.

Why it reads ``kith.json`` directly instead of opening the ``Store``: completion runs on
every Tab press and must answer in well under 150 ms at 10k people. Opening the store
validates every record and takes the writers' lock; completion needs only the names, so it
scans the one file (``fastcomplete.read_names``), never writes, never locks, and completes
nothing from a missing or cut-short database (a completion is a convenience, never an
error). People and networks are usually answered before this module loads, by
``kith.cli.fastcomplete`` (from ``kith.cli.entry``), and so are sources; this module
answers them too when the fast path cannot follow the words, and the rest (kinds,
which need the plugins; command and option names; plugins' commands), and its
``describe_tree`` writes the table the fast path follows (``write_tree``).

Parameters are found by name when click looks a command up (``enable`` wraps each group's
``get_command``), so the commands themselves need not know about completion: ``--with``
completes people, ``--network`` networks, ``--kind`` interaction kinds (network kinds under
``kith network``), ``--create-network`` network kinds, ``--source`` live sources, and the
PERSON/NETWORK/source arguments listed in ``ARGUMENTS`` (``kith pull NAME...``, ``kith push
NAME...``, ``kith source remove NAME``). A parameter with fixed choices (``kith source add
--kind``) completes its choices, as click does. ``kith import SOURCE`` names are
subcommands, which click completes already.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import click
from click.shell_completion import BashComplete, CompletionItem, add_completion_class

from kith.cli.fastcomplete import Names as Names
from kith.cli.fastcomplete import _parsed_names as _parsed_names
from kith.cli.fastcomplete import matching_values, offered, read_sources
from kith.cli.fastcomplete import read_names as read_names
from kith.core.model import INTERACTION_KINDS
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
    ("pull",): {"names": "source"},
    ("push",): {"names": "source"},
    ("source", "remove"): {"name": "source"},
}
"""Arguments that take a person, a network or a live source, by command path (below
``kith``). Anywhere else an argument named ``person`` takes a person and one named
``network`` a network."""

OPTIONS: dict[str, str] = {"--with": "person", "--person": "person", "--from": "person",
                           "--network": "network", "--kind": "kind",
                           "--create-network": "network-kind", "--source": "source"}
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
    """``person``, ``network``, ``source``, ``kind`` or ``network-kind``: what ``param`` of
    the command at ``path`` takes, or None when kith has nothing to offer for it (a
    parameter with fixed choices keeps click's completion of them: ``kith source add
    --kind`` takes a source's kind, not an interaction's)."""
    if isinstance(param.type, click.Choice):
        return None
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
        found: list[tuple[str, str | None]]
        if takes == "kind":
            found = [(kind, None) for kind in self.interaction_kinds(ctx)]
        elif takes == "network-kind":
            found = [(kind, None) for kind in self.network_kinds()]
        else:  # a person, a network or a source: the same values as the fast path's
            return [CompletionItem(value, help=help_text) for value, help_text in offered(
                takes, incomplete, names=lambda: self.names(ctx), sources=self.sources)]
        return matching(found, incomplete)

    def names(self, ctx: click.Context) -> Names:
        if self.found is None:
            self.found = read_names(database_folder(ctx))
        return self.found

    def sources(self) -> list[tuple[str, str | None]]:
        """The live sources of the configuration file the command would read."""
        from kith.core.config import config_path

        return read_sources(config_path())

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


def matching(candidates: Iterable[tuple[str, str | None]], incomplete: str,
             ) -> list[CompletionItem]:
    """``fastcomplete.matching_values`` as click's completion items."""
    return [CompletionItem(value, help=help_text)
            for value, help_text in matching_values(candidates, incomplete)]


def describe_tree(cli: click.Group) -> dict[tuple[str, ...], dict[str, Any]]:
    """kith's own commands as ``fastcomplete.TREE`` describes them: for each command path,
    its options (``[takes a value, what it completes]``), its arguments (``[name, nargs,
    what it completes]``) and, for a group, its subcommands. A command whose words the
    fast path could not follow exactly as click does (a group with a default command,
    ``kith import`` whose sources come from plugins, options with several values, other
    prefixes than ``-``) is marked ``fallback``: click completes it."""
    tree: dict[tuple[str, ...], dict[str, Any]] = {}

    def visit(command: click.Command, path: tuple[str, ...], ctx: click.Context) -> None:
        node: dict[str, Any] = {"options": {}, "arguments": []}
        fallback = path == ("import",) or bool(getattr(command, "default", None))
        for param in command.get_params(ctx):
            takes = what_param_takes(param, path)
            if isinstance(param, click.Option):
                flag = param.is_flag or param.count
                fallback |= (not flag and param.nargs != 1) or bool(
                    getattr(param, "_flag_needs_value", False))
                for opt in (*param.opts, *param.secondary_opts):
                    fallback |= not opt.startswith("-") or opt.startswith("---")
                    node["options"][opt] = [not flag, takes]
            elif isinstance(param, click.Argument):
                fallback |= param.nargs not in (1, -1) or bool(param.envvar) or any(
                    nargs == -1 for _, nargs, _ in node["arguments"])
                node["arguments"].append([param.name, param.nargs, takes])
        node["interspersed"] = ctx.allow_interspersed_args
        if fallback:
            node = {"fallback": True}
        tree[path] = node
        if isinstance(command, click.Group) and not fallback:
            names = sorted(command.list_commands(ctx))
            node["commands"] = names
            node.pop("arguments")
            for name in names:
                sub = command.get_command(ctx, name)
                if sub is not None:
                    visit(sub, (*path, name),
                          sub.make_context(name, [], parent=ctx, resilient_parsing=True))

    visit(cli, (), cli.make_context("kith", [], resilient_parsing=True))
    return tree


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


TREE_MODULE = Path(__file__).with_name("completion_tree.py")


def tree_source(tree: dict[tuple[str, ...], dict[str, Any]]) -> str:
    """``completion_tree.py`` as ``write_tree`` writes it for ``tree``."""
    import pprint

    body = pprint.pformat(tree, width=86, sort_dicts=True, compact=True)
    return (
        '"""kith\'s own command tree, for the fast completion path (``fastcomplete``).\n\n'
        "Generated from the real commands by ``kith.cli.completion.describe_tree`` (plugins\n"
        "left out: their words send a Tab to click). Regenerate it after changing a command's\n"
        "options or arguments (``tests/cli/test_completion.py`` fails until then)::\n\n"
        '    python -c "from kith.cli.completion import write_tree; write_tree()"\n'
        '"""\n\n'
        "from typing import Any\n\n"
        "Tree = dict[tuple[str, ...], dict[str, Any]]\n\n"
        f"TREE: Tree = {body}\n")


def core_tree() -> dict[tuple[str, ...], dict[str, Any]]:
    """``describe_tree`` of kith's own commands, no plugin loaded."""
    from kith.cli.main import build_cli

    return describe_tree(build_cli(Plugins()))


def write_tree() -> None:
    """Write ``completion_tree.py`` from the commands as they are now."""
    TREE_MODULE.write_text(tree_source(core_tree()), encoding="utf-8")
