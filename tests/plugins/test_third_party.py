"""Third-party plugins, end to end: a real ``pip install`` of examples/kith-mbox into this
environment, its importer, command and panel through kith, its own test suite, a broken
package that kith reports while everything else works, uninstalling, and a one-off plugin
file loaded with ``--plugins-dir``.

The packages are installed with ``pip install --target`` into a folder of this module's
own, which its processes put on ``PYTHONPATH``: the rest of the suite, in this process or
in a parallel worker, sees the first-party plugins alone while these tests run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MBOX = ROOT / "examples" / "kith-mbox"
FIXTURES = MBOX / "tests" / "fixtures"
KITH = [sys.executable, "-m", "kith"]


def pip(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "pip", "--disable-pip-version-check", "-q", *args],
                   check=True, capture_output=True)


TARGET: list[Path] = []
"""The folder the packages are installed in, while the module's fixture holds it."""


def installed(name: str) -> bool:
    return subprocess.run([sys.executable, "-m", "pip", "show", "-q", name],
                          capture_output=True, env=with_packages()).returncode == 0


def with_packages(env: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a process that sees the installed packages."""
    environment = {**os.environ, **(env or {})}
    if TARGET:
        environment["PYTHONPATH"] = os.pathsep.join(
            [str(TARGET[0]), *filter(None, [os.environ.get("PYTHONPATH")])])
    return environment


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """kith-mbox and kith-broken, installed as real packages by pip (wheels built, entry
    points in their dist-info), into a folder only this module's processes read."""
    target = tmp_path_factory.mktemp("site-packages")
    broken = tmp_path_factory.mktemp("kith-broken")
    (broken / "kith_broken").mkdir()
    (broken / "kith_broken" / "__init__.py").write_text(
        "import a_module_that_does_not_exist  # the bug a user would hit\n")
    (broken / "pyproject.toml").write_text(
        '[build-system]\nrequires = ["setuptools>=77"]\n'
        'build-backend = "setuptools.build_meta"\n'
        '[project]\nname = "kith-broken"\nversion = "0.0.1"\n'
        '[project.entry-points.kith]\nbroken = "kith_broken"\n'
        '[tool.setuptools]\npackages = ["kith_broken"]\n')
    pip("install", "--no-deps", "--target", str(target), str(MBOX), str(broken))
    TARGET.append(target)
    try:
        yield broken
    finally:
        TARGET.clear()


def kith(home: Path, *args: str, env: dict[str, str] | None = None
         ) -> subprocess.CompletedProcess[str]:
    home.mkdir(parents=True, exist_ok=True)  # $KITH_HOME must name a folder that exists
    environment = with_packages({"KITH_HOME": str(home),
                                 "KITH_CONFIG": str(home.parent / "config.toml"), **(env or {})})
    environment.pop("KITH_PLUGINS", None)
    return subprocess.run([*KITH, *args], capture_output=True, text=True, env=environment,
                          timeout=120)


def test_plugins_lists_the_installed_package_and_reports_the_broken_one(
        packages: Path, tmp_path: Path) -> None:
    result = kith(tmp_path / "db", "plugins", "--json")
    assert result.returncode == 0, result.stderr
    plugins = {p["name"]: p for p in json.loads(result.stdout)}
    mbox = plugins["mbox"]
    assert mbox["version"] == "0.1.0" and mbox["origin"] == "entry point"
    assert set(mbox["hooks"]) == {"register_sources", "register_commands", "register_panels"}
    assert mbox["error"] is None
    broken = plugins["broken"]
    assert "a_module_that_does_not_exist" in broken["error"]
    assert broken["version"] == "0.0.1"


def test_every_other_command_works_beside_a_broken_plugin(packages: Path,
                                                          tmp_path: Path) -> None:
    home = tmp_path / "db"
    assert kith(home, "--help").returncode == 0
    for args in (["network", "add", "Church", "--kind", "church"],
                 ["person", "add", "Ann", "--network", "Church"],
                 ["log", "Church", "--with", "Ann", "--gave", "--minutes", "30"],
                 ["assess", "--json"], ["import", "--list"]):
        result = kith(home, *args)
        assert result.returncode == 0, (args, result.stderr)
        assert "broken" in result.stderr and "a_module_that_does_not_exist" in result.stderr
    assert "mbox" in kith(home, "import", "--list").stdout


def test_the_packages_importer_command_and_own_tests_work(packages: Path,
                                                          tmp_path: Path) -> None:
    home = tmp_path / "db"
    result = kith(home, "import", "mbox", str(FIXTURES / "personal.mbox"), "--create-network",
                  "other", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["interactions_added"] == 3
    result = kith(home, "mbox", "stats", str(FIXTURES / "personal.mbox"), "--json")
    assert result.returncode == 0 and json.loads(result.stdout)["messages"] == 6
    bad = kith(home, "mbox", "stats", str(FIXTURES / "not-mbox.txt"))
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    own = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                          str(MBOX / "tests")], capture_output=True, text=True, cwd=MBOX,
                         env=with_packages(), timeout=300)
    assert own.returncode == 0, own.stdout[-2000:]


def test_the_installed_package_through_kith_api_testing(packages: Path, tmp_path: Path) -> None:
    """What a plugin author's tests get from ``kith.api.testing`` with ``installed=True``:
    the package found by its entry point, beside the broken one, reported by name."""
    import importlib

    from kith.api.testing import Sandbox

    sys.path.insert(0, str(TARGET[0]))  # this process only, for this test only
    importlib.invalidate_caches()
    try:
        kith = Sandbox(tmp_path, installed=True)
        assert kith.plugins.infos["mbox"].origin == "entry point"
        assert any(p.plugin == "broken" and p.stage == "load" for p in kith.problems)
        summary = kith.json("import", "mbox", FIXTURES / "personal.mbox",
                            "--create-network", "other")
        assert summary["interactions_added"] == 3
        kith.fails("mbox", "stats", FIXTURES / "not-mbox.txt", match="not an mbox")
    finally:
        sys.path.remove(str(TARGET[0]))
        importlib.invalidate_caches()


def test_the_packages_panel_mounts_in_the_tui(packages: Path, tmp_path: Path) -> None:
    home = tmp_path / "db"
    assert kith(home, "import", "mbox", str(FIXTURES / "personal.mbox"), "--create-network",
                "other").returncode == 0
    script = (
        "import asyncio\n"
        "from kith.tui import make_app\n"
        "from kith.services.context import KithApp\n"
        f"app = make_app(KithApp({str(home)!r}), blink=False)\n"
        "async def main():\n"
        "    async with app.run_test() as pilot:\n"
        "        host = next(h for h in app.hosts if h.title == 'Email')\n"
        "        app.query_one('#tabs').active = host.parent.id\n"
        "        await pilot.pause()\n"
        "        print(app.query_one('#email-summary').render())\n"
        "asyncio.run(main())\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            env=with_packages({"KITH_CONFIG": str(tmp_path / "c.toml")}),
                            timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "3 email thread-days imported" in result.stdout


def test_uninstalling_leaves_kith_working(packages: Path, tmp_path: Path) -> None:
    home = tmp_path / "db"
    assert kith(home, "import", "mbox", str(FIXTURES / "personal.mbox"), "--create-network",
                "other").returncode == 0
    assert installed("kith-mbox")
    # pip uninstalls only from the environment it runs in; from a --target folder,
    # uninstalling is taking the packages' files away, as pip would
    target = TARGET[0]
    aside = target.with_name(target.name + "-uninstalled")
    target.rename(aside)
    assert not installed("kith-mbox")
    result = kith(home, "plugins", "--json")
    assert result.returncode == 0 and result.stderr == ""
    assert {p["name"] for p in json.loads(result.stdout)}.isdisjoint({"mbox", "broken"})
    # what it imported stays, readable without the plugin
    history = kith(home, "history", "--json")
    assert history.returncode == 0 and len(json.loads(history.stdout)) == 3
    gone = kith(home, "mbox", "stats", str(FIXTURES / "personal.mbox"))
    assert gone.returncode == 2 and "No such command" in gone.stderr
    aside.rename(target)  # the module's other tests may still run after this one


def test_a_one_off_plugin_file_loads_with_plugins_dir(tmp_path: Path) -> None:
    folder = tmp_path / "my-plugins"
    folder.mkdir()
    (folder / "hello.py").write_text(
        "import click\n"
        "from kith import hookimpl\n\n"
        "@hookimpl\n"
        "def register_commands(cli):\n"
        "    @cli.command()\n"
        "    def hello():\n"
        "        '''Say hello from a script.'''\n"
        "        click.echo('hello from a script')\n")
    home = tmp_path / "db"
    result = kith(home, "--plugins-dir", str(folder), "hello")
    assert result.returncode == 0 and result.stdout == "hello from a script\n"
    listed = json.loads(kith(home, "--plugins-dir", str(folder), "plugins", "--json").stdout)
    hello = next(p for p in listed if p["name"] == "hello")
    assert hello["hooks"] == ["register_commands"] and hello["origin"].endswith("hello.py")
    result = kith(home, "hello", env={"KITH_PLUGINS_DIR": str(folder)})
    assert result.returncode == 0
    (folder / "oops.py").write_text("raise RuntimeError('script bug')\n")
    result = kith(home, "--plugins-dir", str(folder), "hello")
    assert result.returncode == 0 and "oops" in result.stderr and "script bug" in result.stderr
