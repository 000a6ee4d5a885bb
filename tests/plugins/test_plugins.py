"""Plugin loading: throwaway plugins, broken entry points, allow-lists, misspelled hooks,
and broadcast hooks that survive a plugin raising."""

from __future__ import annotations

import importlib.metadata
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

import pytest

from kith import hookimpl
from kith.core.model import Interaction, Network, Person, Value
from kith.persistence.store import Store
from kith.plugins import discovery
from kith.plugins.manager import Plugins, load_plugins
from kith.services.interactions import record, upsert

FIRST_PARTY = {"social", "church", "association", "friends"}


def test_first_party_plugins_load_through_entry_points(kith_home: Path) -> None:
    pm = load_plugins()
    assert set(pm.infos) >= FIRST_PARTY
    assert pm.infos["kith"].origin == "builtin"
    assert all(pm.infos[name].origin == "entry point" for name in FIRST_PARTY)
    assert not pm.problems
    pm.pm.check_pending()
    assert {"social", "church", "association", "friends", "other"} <= set(pm.network_kinds())


def test_allow_list_and_block_list(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KITH_PLUGINS", "church")
    assert set(load_plugins().infos) == {"kith", "church"}
    monkeypatch.setenv("KITH_PLUGINS", "")
    assert set(load_plugins().infos) == {"kith"}
    monkeypatch.delenv("KITH_PLUGINS")
    monkeypatch.setenv("KITH_BLOCK_PLUGINS", "social,friends")
    loaded = set(load_plugins().infos)
    assert "social" not in loaded and "friends" not in loaded and "church" in loaded


def install_fake_dist(site: Path, dist: str, version: str, entry_points: str) -> None:
    """What pip leaves for an installed package: ``NAME-VERSION.dist-info/``."""
    info = site / f"{dist}-{version}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n")
    (info / "entry_points.txt").write_text(entry_points)


def test_broken_entry_point_is_reported_and_skipped(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    install_fake_dist(tmp_path, "kith_broken", "1.2", "[kith]\nbroken = kith_no_such_module_here\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    pm = load_plugins()
    assert "church" in pm.infos and pm.infos["church"].error is None
    assert pm.infos["broken"].error and "ModuleNotFoundError" in pm.infos["broken"].error
    assert pm.infos["broken"].version == "1.2"
    assert [p.plugin for p in pm.problems] == ["broken"]


def test_entry_points_are_read_as_importlib_metadata_reads_them(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """kith's cheap reader finds the same ``[kith]`` entry points, values and versions as
    ``importlib.metadata`` on this environment and on packages installed for the test."""
    install_fake_dist(tmp_path, "kith_extra", "0.3", "# a comment\n[console_scripts]\n"
                      "x = y:z\n\n[kith]\nextra = kith_extra.plugin:Hooks\n")
    install_fake_dist(tmp_path / "later", "kith_extra", "9.9", "[kith]\nextra = shadowed\n")
    monkeypatch.syspath_prepend(str(tmp_path / "later"))
    monkeypatch.syspath_prepend(str(tmp_path))
    ours = {(e.name, e.value, e.version) for e in discovery.entry_points()}
    theirs = {(e.name, e.value, e.dist.version if e.dist else None)
              for e in importlib.metadata.entry_points(group="kith")}
    assert ours == theirs
    assert ("extra", "kith_extra.plugin:Hooks", "0.3") in ours
    assert {"social", "church", "association", "friends"} <= {name for name, _, _ in ours}


def test_misspelled_hook_is_caught_and_plugin_left_out() -> None:
    class Typo:
        @hookimpl
        def interaction_recordd(self, interaction: object) -> None:  # sic
            pass

    pm = Plugins()
    assert not pm.register_module(Typo(), "typo")
    assert "unknown hook" in pm.infos["typo"].error
    pm.pm.check_pending()  # nothing pending: the bad plugin was unregistered


def test_wrong_arguments_are_caught() -> None:
    class Wrong:
        @hookimpl
        def interaction_recorded(self, interaction: object, nonsense: object) -> None:
            pass

    pm = Plugins()
    assert not pm.register_module(Wrong(), "wrong")
    assert pm.problems[0].stage == "validate"


def test_plugins_dir_loads_files(tmp_path: Path) -> None:
    (tmp_path / "mine.py").write_text(
        "from kith import hookimpl\n"
        "from kith.domain.network_kinds import NetworkKind\n"
        "@hookimpl\n"
        "def register_network_kinds(register):\n"
        "    register(NetworkKind('choir', 'A choir'))\n")
    (tmp_path / "bad.py").write_text("import nothing_like_this\n")
    pm = load_plugins([tmp_path])
    assert "choir" in pm.network_kinds()
    assert pm.infos["bad"].error


def _store_with(pm: Plugins, home: Path) -> tuple[Store, Person]:
    store = Store(home, plugins=pm)
    store.add_network(Network.create("Church", kind="church"))
    ann = store.add_person(Person.create("Ann"))
    return store, ann


def _interaction(person: Person, **fields: object) -> Interaction:
    data: dict[str, object] = {"when": datetime(2024, 3, 1, tzinfo=UTC), "network": "church",
                               "people": [person.id], "direction": "gave", "kind": "help"}
    data.update(fields)
    return Interaction.create(**data)  # type: ignore[arg-type]


def test_interaction_recorded(kith_home: Path) -> None:
    """Fires once per stored interaction, after commit, even if another plugin raises."""
    seen: list[tuple[str, int]] = []

    class Raises:
        @hookimpl
        def interaction_recorded(self, interaction: Interaction) -> None:
            raise RuntimeError("plugin bug")

    class Listens:
        @hookimpl
        def interaction_recorded(self, interaction: Interaction, store: Store) -> None:
            # the write is durable by now: a fresh store sees it
            seen.append((interaction.id, len(list(Store(store.home).interactions()))))

    pm = Plugins().load(entry_points_enabled=False)
    pm.register_module(Listens(), "listens")
    pm.register_module(Raises(), "raises")
    store, ann = _store_with(pm, kith_home)
    stored = record(store, _interaction(ann))
    assert seen == [(stored.id, 1)]
    assert [p.plugin for p in pm.problems] == ["raises"]
    assert "plugin bug" in pm.problems[0].message
    result = upsert(store, [_interaction(ann, source=f"t:{n}", when=datetime(
        2024, 3, n + 1, tzinfo=UTC)) for n in range(3)])
    assert result.added == 3 and len(seen) == 4


def test_estimate_value(kith_home: Path) -> None:
    """firstresult: a plugin overrides kith's default; garbage is reported and skipped."""

    class Garbage:
        @hookimpl
        def estimate_value(self, interaction: Interaction) -> object:
            return "lots"

    class Generous:
        @hookimpl
        def estimate_value(self, interaction: Interaction, network: Network) -> Value | None:
            return Value(favours=3) if network.kind == "church" else None

    pm = Plugins().load(entry_points_enabled=False)
    store, ann = _store_with(pm, kith_home)
    assert record(store, _interaction(ann)).value == Value(favours=1, minutes=30)  # default
    pm.register_module(Generous(), "generous")
    assert record(store, _interaction(ann)).value == Value(favours=3)
    pm.register_module(Garbage(), "garbage")
    stored = record(store, _interaction(ann))
    assert stored.value == Value(favours=3) and stored.meta["estimated"] is True
    assert any(p.plugin == "garbage" and p.stage == "estimate_value" for p in pm.problems)
    explicit = record(store, _interaction(ann, value=Value(money=500)))
    assert explicit.value == Value(money=500) and "estimated" not in explicit.meta


def test_register_network_kinds() -> None:
    pm = Plugins().load(entry_points_enabled=False)

    class Kinds:
        @hookimpl
        def register_network_kinds(self, register: object) -> None:
            from kith.domain.network_kinds import NetworkKind

            register(NetworkKind("sports", "A sports club", rules={"min_months": 3}))  # type: ignore[operator]

    pm.register_module(Kinds(), "kinds")
    kinds = pm.network_kinds()
    assert kinds["sports"].plugin == "kinds" and kinds["sports"].rules == {"min_months": 3}
    assert kinds["other"].plugin == "kith"


def test_register_sources() -> None:
    from kith.importing.toolkit import ImportBatch, SourceSpec

    class Source:
        @hookimpl
        def register_sources(self, register: object) -> None:
            register(SourceSpec("demo-csv", "Demo rows", "a CSV file",  # type: ignore[operator]
                                lambda path, context: ImportBatch()))

    pm = Plugins().load(entry_points_enabled=False)
    pm.register_module(Source(), "source")
    assert pm.sources()["demo-csv"].plugin == "source"


def test_register_panels() -> None:
    class Panel:
        @hookimpl
        def register_panels(self, register: object) -> None:
            register("Demo", lambda store: SimpleNamespace(store=store))  # type: ignore[operator]

    pm = Plugins().load(entry_points_enabled=False)
    pm.register_module(Panel(), "panel")
    [(plugin, title, factory)] = pm.panels()
    assert (plugin, title) == ("panel", "Demo") and factory("s").store == "s"


def test_register_commands(kith_home: Path) -> None:
    import click
    from click.testing import CliRunner

    from kith.cli.main import build_cli

    class Command:
        @hookimpl
        def register_commands(self, cli: click.Group) -> None:
            @cli.command()
            def hello() -> None:
                """Say hello."""
                click.echo("hello from a plugin")

    class Broken:
        @hookimpl
        def register_commands(self, cli: click.Group) -> None:
            raise RuntimeError("cannot build my commands")

    pm = Plugins().load()
    pm.register_module(Command(), "command")
    pm.register_module(Broken(), "broken")
    result = CliRunner().invoke(build_cli(pm), ["hello"])
    assert result.exit_code == 0 and "hello from a plugin" in result.stdout
    assert "plugin 'broken' failed in register_commands" in result.stderr
