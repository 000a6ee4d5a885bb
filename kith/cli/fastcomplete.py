"""Shell completion of people, networks and sources without click: the Tab one waits for.

Why a second path: a Tab used to start all of kith (click, the plugins, the command's own
module and the services below it) only to print a few names, 160-190 ms at 10k people.
When a shell asks (``_KITH_COMPLETE=bash_complete``, ``zsh_complete``, ``fish_complete``)
the entry point (``kith.cli.entry``) first asks ``answer`` here, which imports neither
click nor pluggy nor the store: it splits the words as click does, follows them through
``TREE`` (kith's own commands, options and arguments, generated from the real command tree
by ``kith.cli.completion.describe_tree``, a test keeps the two equal), and when the word
being completed is a person, a network or a live source it prints exactly what click's
protocol would print. Anything else (a subcommand or option name, a kind, a file, a word
``TREE`` does not know, such as a plugin's command or option) returns None and click
answers as before, so the fast path can only ever be right or absent.

The names are read from ``kith.json`` by a scan of the bytes (``read_names``), never
through the store: completion never writes, never locks, and completes nothing from a
missing or damaged database (a completion is a convenience, never an error). Live
sources (``kith pull NAME``, ``kith source remove NAME``) are not in the database but in
the configuration file (``[sources.NAME]``, ``kith.core.config``), read by
``read_sources`` on the same terms: a missing or damaged file completes nothing.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any, NamedTuple

from kith.cli.completion_tree import TREE
from kith.core.textfold import fold

SHELLS = ("bash", "zsh", "fish")
VALUES = ("person", "network", "source")
"""What the fast path completes; kinds need the plugins' network kinds, so click does."""


class Names:
    """What completion offers from one database: people's names, networks (id and name)
    and the kinds the user added with ``--new-kind``. (A plain class: ``dataclasses``
    imports ``inspect``, a tenth of a Tab.)"""

    __slots__ = ("kinds", "networks", "people")

    def __init__(self, people: list[str] | None = None,
                 networks: list[tuple[str, str | None]] | None = None,
                 kinds: list[str] | None = None):
        self.people = people or []
        self.networks = networks or []
        self.kinds = kinds or []

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Names) and (self.people, self.networks, self.kinds) == (
            other.people, other.networks, other.kinds)

    __hash__ = None  # type: ignore[assignment]  # mutable, as a dataclass is

    def __repr__(self) -> str:
        return f"Names(people={self.people!r}, networks={self.networks!r}, kinds={self.kinds!r})"


_STRING = rb'"([^"\\]*(?:\\.[^"\\]*)*)"'  # a JSON string, its content captured
_RECORD = re.compile(rb'\{"id": ?' + _STRING + rb', ?"name": ?' + _STRING
                     + rb', ?"(aliases|kind)":')
"""A person (id, name, aliases...) or a network (id, name, kind...) as kith writes them."""
_KIND = re.compile(rb'\{"id": ?"([a-z][a-z0-9_-]{0,39})", ?"added":')


def read_names(folder: str | os.PathLike[str]) -> Names:
    """The names in ``folder``'s ``kith.json``, or none if it is missing or damaged.

    Records are found by the shape kith writes them in (``Person.to_dict``: id, name,
    aliases first; ``Network.to_dict``: id, name, kind), which a scan of the bytes finds
    about ten times faster than parsing the whole file builds every record (3 MB at 10k
    people). If the scan does not account for every person (``"aliases"`` is a key of
    person records only), the file was written some other way and is parsed in full."""
    try:
        with open(os.path.join(folder, "kith.json"), "rb") as file:
            data = file.read()
    except (OSError, ValueError):
        return Names()
    if not data.lstrip().startswith(b"{") or not data.rstrip().endswith(b"}"):
        return Names()  # cut short or not kith's
    records = _RECORD.findall(data)
    people = [(ident, name) for ident, name, third in records if third == b"aliases"]
    if len(people) != data.count(b'"aliases":'):
        return _parsed_names(data)
    # names repeat (10k people, a few hundred first names and surnames): decode each once
    return Names(people=_sorted_people(_text(name) for name in
                                       {name for ident, name in people if ident != b"me"}),
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


def config_file(environ: Mapping[str, str]) -> str:
    """The configuration file kith reads: ``$KITH_CONFIG``, else ``config.toml`` in the
    platform's configuration folder (``kith.core.config.config_path``, which imports more
    than a Tab may pay for; a test keeps the two equal)."""
    path = environ.get("KITH_CONFIG")
    if path:
        return os.path.expanduser(path)
    import platformdirs

    return os.path.join(platformdirs.user_config_dir("kith", appauthor=False), "config.toml")


def read_sources(path: str | os.PathLike[str]) -> list[tuple[str, str | None]]:
    """The live sources the configuration file at ``path`` names (``[sources.NAME]``),
    each with its kind as the description, in the file's order (``kith source list``'s);
    none if the file is missing or is not TOML.

    Unlike ``kith pull``, which refuses the whole file for one bad setting, this checks
    nothing but what a shell needs: a Tab should offer the names even while the user is
    fixing a table. ``kith source add`` writes plain lower-case names, but a hand-written
    quoted key may hold anything; a name a shell cannot be handed (empty, several lines,
    control characters) is left out, and so is a kind that could not be shown."""
    try:
        with open(path, "rb") as file:
            data = file.read()
    except (OSError, ValueError):
        return []
    if b"sources" not in data:
        return []  # most files: no parser imported
    import tomllib

    try:
        parsed = tomllib.loads(data.decode("utf-8"))
    except (ValueError, RecursionError):  # not UTF-8, not TOML, nested past the parser
        return []
    tables = parsed.get("sources")
    if not isinstance(tables, dict):
        return []
    return [(name, kind if isinstance(kind, str) and _shown(kind) else None)
            for name, kind in ((name, table.get("kind")) for name, table in tables.items()
                               if isinstance(table, dict) and _shown(name))]


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


def matching_values(candidates: Iterable[tuple[str, str | None]], incomplete: str,
                    *, by_description: bool = True) -> list[tuple[str, str | None]]:
    """Candidates whose value or description starts with ``incomplete``, or has a word
    that does, ignoring case and accents ("sean" finds "Seán Ó Brien", "brien" too);
    those whose value itself starts with it first. Without ``by_description`` only the
    value's words count (a source's description is its kind: ``cal`` should not turn
    into a source called ``church`` because it is a caldav one)."""
    wanted = fold(incomplete)
    first, then = [], []
    for value, help_text in candidates:
        folded = fold(value)
        words = f"{folded} {fold(help_text or '')}" if by_description else folded
        if folded.startswith(wanted):
            first.append((value, help_text))
        elif any(word.startswith(wanted) for word in words.replace("-", " ").split()):
            then.append((value, help_text))
    return first + then


def candidates(names: Names, takes: str) -> list[tuple[str, str | None]]:
    """What a parameter that takes a ``person`` or a ``network`` may be completed with."""
    if takes == "network":
        return list(names.networks)
    return [(name, None) for name in names.people]


def offered(takes: str, incomplete: str, *, names: Callable[[], Names],
            sources: Callable[[], list[tuple[str, str | None]]],
            ) -> list[tuple[str, str | None]]:
    """What a ``person``, ``network`` or ``source`` parameter offers for ``incomplete``,
    on both paths (this one and click's ``kith.cli.completion``), so they cannot differ:
    ``names`` and ``sources`` read the database or the configuration file, only the one
    that is needed."""
    if takes == "source":
        return matching_values(sources(), incomplete, by_description=False)
    return matching_values(candidates(names(), takes), incomplete)


# the protocol: click's, to the byte ------------------------------------------------------

def split_arg_string(string: str) -> list[str]:
    """``click.shell_completion.split_arg_string``: ``shlex.split`` that keeps an
    unfinished quote or escape as the partial word it is."""
    import shlex

    lex = shlex.shlex(string, posix=True)
    lex.whitespace_split = True
    lex.commenters = ""
    out: list[str] = []
    try:
        out.extend(lex)
    except ValueError:
        out.append(lex.token)
    return out


def completion_args(shell: str, environ: Mapping[str, str]) -> tuple[list[str], str]:
    """The complete words and the incomplete one, as click's ``get_completion_args`` of
    ``shell`` reads them from the environment."""
    cwords = split_arg_string(environ["COMP_WORDS"])
    if shell == "fish":
        incomplete = environ["COMP_CWORD"]
        if incomplete:
            incomplete = split_arg_string(incomplete)[0]
        args = cwords[1:]
        if incomplete and args and args[-1] == incomplete:
            args.pop()
        return args, incomplete
    cword = int(environ["COMP_CWORD"])
    args = cwords[1:cword]
    return args, cwords[cword] if cword < len(cwords) else ""


def format_item(shell: str, value: str, help_text: str | None) -> str:
    """One completion as click's ``format_completion`` of ``shell`` writes it."""
    if shell == "zsh":
        shown = help_text or "_"
        return f"plain\n{value.replace(':', chr(92) + ':') if shown != '_' else value}\n{shown}"
    if shell == "fish" and help_text:
        return f"plain,{value}\t{help_text.replace(chr(10), chr(92) + 'n').replace(chr(9), ' ')}"
    return f"plain,{value}"


# following the words through the command tree ---------------------------------------------

class Unknown(Exception):
    """The words lead somewhere ``TREE`` does not describe: click must answer."""


class Parsed(NamedTuple):
    """Where the complete words led: the command's path, how many positional values it
    was given, and the database folder the words name (``--db``), if any."""

    path: tuple[str, ...]
    positionals: int
    db: str | None


def _option(node: Mapping[str, Any], arg: str) -> tuple[str, bool]:
    """The option ``arg`` names (``--db=x`` names ``--db``) and whether it takes a value."""
    name = arg.split("=", 1)[0] if arg.startswith("--") else arg
    spec = node["options"].get(name)
    if spec is None:
        raise Unknown(arg)  # a plugin's option, joined short flags (-hv), ...
    return name, bool(spec[0])


def parse(args: list[str]) -> Parsed:
    """Follow ``args`` as click parses them with ``resilient_parsing``: each group's
    options, then its subcommand; the last command's options (anywhere, unless it says
    otherwise) and positional values. Raises ``Unknown`` where ``TREE`` cannot say."""
    path: tuple[str, ...] = ()
    db: str | None = None
    index = 0
    while True:
        node = TREE.get(path)
        if node is None or node.get("fallback"):
            raise Unknown(path)
        group = "commands" in node
        positionals = 0
        descended = False
        while index < len(args):
            arg = args[index]
            index += 1
            if arg == "--":
                if group:
                    raise Unknown(arg)
                positionals += len(args) - index
                index = len(args)
            elif arg[:1] == "-" and arg != "-":
                name, takes_value = _option(node, arg)
                value = None
                if "=" in arg and arg.startswith("--"):
                    if not takes_value:
                        raise Unknown(arg)  # a value given to a flag: click's error
                    value = arg.split("=", 1)[1]
                elif takes_value and index < len(args):
                    value = args[index]
                    index += 1
                if not path and name == "--db" and value is not None:
                    db = value
            elif group:
                if arg not in node["commands"]:
                    raise Unknown(arg)
                path = (*path, arg)
                descended = True
                break
            else:
                positionals += 1
                if not node["interspersed"]:
                    positionals += len(args) - index
                    index = len(args)
        if not descended:
            return Parsed(path, positionals, db)


def target(args: list[str], incomplete: str) -> tuple[Parsed, str] | None:
    """What the incomplete word is, as click's ``_resolve_incomplete`` decides it: the
    parsed words and ``person``, ``network`` or ``source``, or None when it is anything
    else."""
    parsed = parse(args)
    node = TREE[parsed.path]
    if "commands" in node:
        return None  # subcommand names (and a default command's values): click's
    if incomplete == "=" or ("=" in incomplete and incomplete[:1] == "-"):
        return None
    if "--" not in args and incomplete[:1] == "-":
        return None  # option names
    if args and args[-1][:1] == "-":
        spec = node["options"].get(args[-1])
        if spec is not None and spec[0]:  # the option before takes this value
            return (parsed, spec[1]) if spec[1] in VALUES else None
    filled = parsed.positionals
    for _name, nargs, takes in node["arguments"]:
        if nargs == -1 or filled == 0:
            return (parsed, takes) if takes in VALUES else None
        filled -= 1
    return None  # every argument given: click offers nothing, or option names


def database_folder(parsed: Parsed, environ: Mapping[str, str]) -> str:
    """The folder the command being completed would open: ``--db``, else
    ``$KITH_HOME``, else the platform's data folder (``layout.default_home``)."""
    if parsed.db is not None:
        return os.path.expanduser(parsed.db or ".")
    home = environ.get("KITH_HOME")
    if home:
        return os.path.expanduser(home)
    import platformdirs

    return platformdirs.user_data_dir("kith", appauthor=False)


def answer(environ: Mapping[str, str]) -> bytes | None:
    """What ``kith`` prints for this completion request, or None to let click answer."""
    shell, _, instruction = environ.get("_KITH_COMPLETE", "").partition("_")
    if shell not in SHELLS or instruction != "complete":
        return None
    try:
        args, incomplete = completion_args(shell, environ)
        found = target(args, incomplete)
        if found is None:
            return None
        parsed, takes = found
        items = offered(takes, incomplete,
                        names=lambda: read_names(database_folder(parsed, environ)),
                        sources=lambda: read_sources(config_file(environ)))
    except Exception:  # odd words, odd bytes: click answers (and a Tab never shows a traceback)
        return None
    text = "\n".join(format_item(shell, value, help_text) for value, help_text in items)
    return text.encode() + b"\n"
