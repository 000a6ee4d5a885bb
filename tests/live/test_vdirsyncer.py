"""The vdirsyncer way (Google, iCloud, any server): vdirsyncer keeps a folder in step with
the server, kith pulls and pushes the folder. Run for real: Radicale on 127.0.0.1, the
vdirsyncer command from the test extras, a phone's contact going all the way to kith and
kith's change all the way back."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from tests.live.servers import PASSWORD, USER, card, radicale


def vdirsyncer(config: Path, *args: str) -> None:
    binary = shutil.which("vdirsyncer") or str(Path(sys.executable).parent / "vdirsyncer")
    done = subprocess.run([binary, "-c", str(config), *args], input=b"y\n" * 5,
                          capture_output=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr.decode()


@pytest.mark.skipif(shutil.which("vdirsyncer") is None
                    and not (Path(sys.executable).parent / "vdirsyncer").exists(),
                    reason="vdirsyncer is not installed (pip install -e '.[test]')")
def test_a_phones_contact_reaches_kith_and_kiths_change_reaches_the_phone(
        friends: Callable[..., Result], tmp_path: Path) -> None:
    with radicale(tmp_path / "radicale") as server:
        url = server.make_collection("book", contacts=True)
        server.put("book", "ann.vcf", card("ann-1", "Ann Lee", "ann@example.org"))
        folder = tmp_path / "vdir"
        folder.mkdir()
        config = tmp_path / "vdirsyncer.conf"
        config.write_text(f"""
[general]
status_path = "{tmp_path / 'status'}/"

[pair contacts]
a = "local"
b = "remote"
collections = null
conflict_resolution = "b wins"

[storage local]
type = "filesystem"
path = "{folder}/"
fileext = ".vcf"

[storage remote]
type = "carddav"
url = "{url}"
username = "{USER}"
password = "{PASSWORD}"
""")
        vdirsyncer(config, "discover", "contacts")
        vdirsyncer(config, "sync")
        friends("source", "add", "phone", "--kind", "vdir-contacts", "--path", folder,
                "--network", "Friends")
        result = friends("pull")
        assert result.stdout.startswith("phone: read 1; 1 people added"), result.output
        friends("person", "edit", "Ann Lee", "--add-email", "ann@work.example")
        assert friends("push").stdout == "phone: wrote back 1: Ann Lee\n"
        vdirsyncer(config, "sync")
        assert b"ann@work.example" in server.get("book", "ann.vcf")
        vdirsyncer(config, "sync")
        assert friends("pull").stdout == "phone: nothing new\n"
