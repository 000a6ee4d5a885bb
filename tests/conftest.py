"""Shared test fixtures: a real on-disk database and a CLI runner.

Every CLI test runs the real command tree (``build_cli``) against a TinyDB database in a
temporary folder: no mocks of the store. ``run(...)`` returns the click result;
``ok(...)`` asserts success; ``fails(...)`` asserts kith's contract for bad input: exit
code 2, one line on stderr, no traceback.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner, Result

from kith.cli.main import build_cli
from kith.persistence.store import Store
from kith.plugins.manager import load_plugins

FIXTURES = Path(__file__).parent / "fixtures"
DEMO_TODAY = date(2026, 6, 15)
"""The day the TUI tests (and their snapshots) run on, over the demo database."""


@pytest.fixture(autouse=True)
def _meaning_layer_off(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """The sentence model is off except in tests marked ``meaning``: the other tests'
    expectations are the lexicon's, and embedding every test database's texts anew would
    cost minutes of the suite (subprocesses inherit the setting)."""
    if request.node.get_closest_marker("meaning") is None:
        monkeypatch.setenv("KITH_MEANING", "off")
    else:
        monkeypatch.delenv("KITH_MEANING", raising=False)


@pytest.fixture
def kith_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty database folder; KITH_HOME and KITH_CONFIG point into tmp_path (the folder
    exists: a $KITH_HOME naming a missing folder is an error, as --db is)."""
    home = tmp_path / "db"
    home.mkdir(mode=0o700)
    monkeypatch.setenv("KITH_HOME", str(home))
    monkeypatch.setenv("KITH_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.delenv("KITH_PLUGINS", raising=False)
    monkeypatch.delenv("KITH_BLOCK_PLUGINS", raising=False)
    monkeypatch.delenv("KITH_PLUGINS_DIR", raising=False)
    return home


@pytest.fixture
def store(kith_home: Path) -> Store:
    """A real store in ``kith_home`` with every installed plugin loaded."""
    return Store(kith_home, plugins=load_plugins())


@pytest.fixture
def first_party_plugins_only(kith_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Screens (and snapshots) show kith's own plugins, whatever else is installed."""
    monkeypatch.setenv("KITH_PLUGINS", "social,friends,church,association")


@pytest.fixture
def demo_home(kith_home: Path) -> Path:
    """``kith demo``'s database as of ``DEMO_TODAY`` in ``kith_home``."""
    from kith.services.demo import build

    build(Store(kith_home, plugins=load_plugins()), today=DEMO_TODAY)
    return kith_home


def snapshot_db(home: Path) -> dict[str, bytes]:
    """Every database file's bytes, to prove a failed command changed nothing."""
    if not home.exists():
        return {}
    return {str(p.relative_to(home)): p.read_bytes() for p in sorted(home.rglob("*.json"))
            if "backups" not in p.relative_to(home).parts}


@pytest.fixture
def run(kith_home: Path) -> Callable[..., Result]:
    def invoke(*args: str, input: str | None = None) -> Result:
        result = CliRunner().invoke(build_cli(), [str(a) for a in args], input=input)
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception
        return result

    return invoke


@pytest.fixture
def ok(run: Callable[..., Result]) -> Callable[..., Result]:
    def invoke(*args: str, input: str | None = None) -> Result:
        result = run(*args, input=input)
        assert result.exit_code == 0, (result.stdout, result.stderr)
        return result

    return invoke


@pytest.fixture
def ok_json(ok: Callable[..., Result]) -> Callable[..., object]:
    def invoke(*args: str) -> object:
        return orjson.loads(ok(*args, "--json").stdout)

    return invoke


@pytest.fixture
def fails(run: Callable[..., Result], kith_home: Path) -> Callable[..., Result]:
    """Bad input: exit 2, one clear line on stderr, no traceback, database unchanged."""

    def invoke(*args: str, match: str | None = None, input: str | None = None) -> Result:
        before = snapshot_db(kith_home)
        result = run(*args, input=input)
        assert result.exit_code == 2, (result.exit_code, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr
        if match is not None:
            assert match.lower() in result.stderr.lower(), result.stderr
        assert snapshot_db(kith_home) == before, "a failed command changed the database"
        return result

    return invoke


@pytest.fixture
def fixture_copy(tmp_path: Path) -> Callable[[str], Path]:
    """A private copy of a file or folder under tests/fixtures (tests may mutate it)."""

    def copy(relative: str) -> Path:
        source = FIXTURES / relative
        target = tmp_path / "fixtures" / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            shutil.copy2(source, target)
        return target

    return copy


def pytest_terminal_summary(terminalreporter: object) -> None:
    """Print what the reliability tests survived (kills, concurrent writes, fuzz cases)."""
    from tests.figures import FIGURES

    if not FIGURES:
        return
    write = terminalreporter.write_line  # type: ignore[attr-defined]
    write("")
    write("reliability figures:")
    for name in sorted(FIGURES):
        write(f"  {name:<48} {FIGURES[name]:>7,}")


SOURCE_KINDS = {"x-archive": "social", "mastodon-archive": "social", "facebook": "social",
                "linkedin": "social", "vcard": "friends", "whatsapp": "friends",
                "signal": "friends", "church-calendar": "church", "giving": "church",
                "planning-center": "church", "breeze": "church",
                "association-calendar": "association", "wild-apricot": "association",
                "meetup": "association", "dues": "association"}


def creating_network(*args: str) -> list[str]:
    """``import SOURCE PATH ...`` arguments that ask for the network to be created when it
    does not exist yet (imports never create one unasked): what a new user types."""
    args = [str(a) for a in args]
    if "--create-network" in args or "--strict-network" in args:
        return args
    source = next((a for a in args if a in SOURCE_KINDS), None)
    return [*args, "--create-network", SOURCE_KINDS[source]] if source else args
