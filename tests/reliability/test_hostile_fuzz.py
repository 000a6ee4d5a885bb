"""A fuzz of every command's arguments: 0 tracebacks, every failure one line, exit 0 or 2.

A seeded generator walks the real click command tree (core and plugin commands, every
subcommand) and calls each command with hostile values for its arguments and options:
numbers beyond 64 bits, dates in the year 1 or 9999, control characters and markup,
undecodable bytes, megabyte strings, paths that lead nowhere or outside. The database is
a real one in tmp, seeded with a network, people, an interaction and a need, and carried
from case to case so later cases meet what earlier ones left.

The quick profile runs 300 cases; ``KITH_FULL_TESTS=1`` runs 1,500.
"""

from __future__ import annotations

import os
import random
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from kith.cli.main import build_cli
from tests.figures import count

FULL = os.environ.get("KITH_FULL_TESTS") == "1"
CASES = 1_500 if FULL else 300
SEED = 1414
SKIPPED_COMMANDS = {"tui", "demo"}
"""``tui`` takes over the terminal and ``demo`` builds a whole demo database (seconds);
both get their --help fuzzed and have their own tests."""

NUMBERS = ["0", "1", "-1", "5", "6", "30", "366", "367", "2147483648", "9223372036854775808",
           "18446744073709551615", "18446744073709551616", "99999999999999999999999999",
           "-99999999999999999999", "1e9", "0x10", "NaN", "", " ", "١٢"]
DATES = ["2024-05-31", "2024-05-31T18:30", "2024-05-31T18:30+05:00", "0001-01-01T00:00+05:00",
         "9999-12-31T23:59-05:00", "1899-12-31", "2201-01-01", "2024-02-30", "yesterday",
         "24-05-31", "--04-15", "0000-00-00", "2024-05-31T25:00", "", "12m", "99999999999m",
         "all", "0000", "2024"]
TEXTS = ["Ann Lee", "Church", "church", "me", "Me", "ann@example.org", "x=@ann", "email=",
         "=", "-", "--", "'", '"', "\\", "[link=https://evil.example]x[/link]",
         "\x1b]0;pwned\x07", "\x1b[2J", "a\rb", "\u202eevil", "\x00", "%s%n",
         b"caf\xe9".decode("utf-8", "surrogateescape"), "x" * 300, "y" * 120_000,
         "🙂" * 50, "../../etc/passwd", "/proc/nonexistent/file", "nonexistent.csv",
         "01hwrq6w00gbpm2mp364y56cy3", "0" * 26, "need", "offer", "open", "closed", "help",
         "gave", "KIND=VALUE", "phone=+1 555 0100", "url=https://example.org"]


def leaf_commands(group: click.Group, prefix: tuple[str, ...] = ()) -> Iterator[
        tuple[tuple[str, ...], click.Command]]:
    with click.Context(group) as ctx:  # click's own listing: the root loads commands on demand
        found = [(name, group.get_command(ctx, name)) for name in group.list_commands(ctx)]
    for name, command in sorted((n, c) for n, c in found if c is not None):
        path = (*prefix, name)
        if isinstance(command, click.Group):
            yield path, command
            yield from leaf_commands(command, path)
        else:
            yield path, command


def value_for(param: click.Parameter, rng: random.Random) -> str:
    kind = param.type
    if isinstance(kind, click.Choice) and rng.random() < 0.7:
        return rng.choice(list(kind.choices))
    if isinstance(kind, click.types.IntParamType | click.types.FloatParamType):
        return rng.choice(NUMBERS)
    name = (param.name or "").lower()
    if any(word in name for word in ("on", "since", "until", "when", "window", "birthday",
                                     "joined", "left", "date")):
        return rng.choice(DATES if rng.random() < 0.8 else TEXTS)
    if any(word in name for word in ("money", "minutes", "favours", "fun", "cadence",
                                     "limit", "days", "amount")):
        return rng.choice(NUMBERS)
    pool = rng.choice([TEXTS, TEXTS, NUMBERS, DATES])
    return rng.choice(pool)


def arguments_for(command: click.Command, rng: random.Random) -> list[str]:
    args: list[str] = []
    for param in command.params:
        if isinstance(param, click.Argument):
            if param.required or rng.random() < 0.5:
                repeat = 1 if param.nargs == 1 else rng.randint(0, 3)
                args += [value_for(param, rng) for _ in range(max(1, repeat))]
        elif isinstance(param, click.Option):
            if param.name == "help" or rng.random() > (0.6 if param.required else 0.3):
                continue
            flag = rng.choice(param.opts)
            if param.is_flag or param.count:
                args.append(flag)
            else:
                for _ in range(rng.randint(1, 2) if param.multiple else 1):
                    args += [flag, value_for(param, rng)]
    if rng.random() < 0.05:
        args.append("--unknown-option")
    if rng.random() < 0.1:
        rng.shuffle(args)
    return args


@pytest.fixture
def seeded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "db"
    home.mkdir()  # $KITH_HOME must name a folder that exists
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)  # anything written to a relative path lands in tmp
    monkeypatch.setenv("KITH_HOME", str(home))
    monkeypatch.setenv("KITH_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.setenv("COLUMNS", "120")
    runner = CliRunner()
    cli = build_cli()
    for args in (["init"], ["network", "add", "Church", "--kind", "church"],
                 ["person", "add", "Ann Lee", "--network", "church", "--email",
                  "ann@example.org", "--cadence", "7"],
                 ["person", "add", "Bob Ray", "--network", "church"],
                 ["log", "church", "--with", "Ann", "--gave", "--minutes", "30"],
                 ["hear", "Ann", "--need", "a plumber"], ["hear", "Bob", "--offer", "plumbing"]):
        result = runner.invoke(cli, args)
        assert result.exit_code == 0, result.output
    return home


def test_fuzz_every_command_argument(seeded: Path) -> None:
    rng = random.Random(SEED)
    cli = build_cli()
    commands = [(path, command) for path, command in leaf_commands(cli)]
    assert len(commands) > 40, [p for p, _ in commands]
    runner = CliRunner()
    tracebacks: list[str] = []
    exits: dict[int, int] = {}
    for case in range(CASES):
        path, command = commands[case % len(commands)]
        if path[0] in SKIPPED_COMMANDS:
            args = [*path, "--help"]
        else:
            args = [*path, *arguments_for(command, rng)]
        result = runner.invoke(cli, args)
        exits[result.exit_code] = exits.get(result.exit_code, 0) + 1
        unexpected = result.exception is not None and not isinstance(result.exception,
                                                                     SystemExit)
        if unexpected or "Traceback" in result.output or result.exit_code not in (0, 2):
            tracebacks.append(f"{[a[:40] for a in args]}: exit {result.exit_code} "
                              f"{type(result.exception).__name__}: "
                              f"{str(result.exception)[:200]}")
            continue
        if result.exit_code == 2:
            lines = [line for line in result.stderr.splitlines() if line.strip()]
            mine = [line for line in lines if line.startswith("kith: error:")]
            # kith's own errors are one line; click's usage errors end in one "Error:" line
            # (and a group called without a subcommand prints its usage)
            if mine:
                assert len(lines) == 1, (args, result.stderr)
            else:
                assert lines[-1].startswith("Error:") or lines[0].startswith("Usage:"), (
                    args, result.stderr)
        assert "\x1b" not in result.stdout, (args, result.stdout[:300])  # JSON too
        assert "\x1b" not in result.stderr, (args, result.stderr[:300])
    count("command fuzz: cases run", CASES)
    count("command fuzz: commands covered", len(commands))
    count("command fuzz: tracebacks", len(tracebacks))
    assert not tracebacks, "\n".join(tracebacks[:20])
    assert exits.get(0, 0) > CASES // 20 and exits.get(2, 0) > CASES // 5, exits
