"""Exports write regular files, nothing else (issue 27: ``export json /dev/null`` as root
turned ``/dev/null`` into a file). Every special target is made in a temporary folder;
the real ``/dev/null`` is never touched."""

from __future__ import annotations

import os
import shutil
import socket
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

EXPORTS = [["export", "json"], ["export", "csv", "--what", "people"],
           ["export", "csv", "--what", "interactions"], ["export", "ics", "--birthdays"],
           ["export", "vcard"]]


@pytest.fixture
def short_dir() -> Iterator[Path]:
    """A folder with a short path: a Unix socket's path is limited to about 100 bytes."""
    folder = Path(tempfile.mkdtemp(prefix="kx"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def _fifo(folder: Path) -> Path:
    path = folder / "pipe"
    os.mkfifo(path)
    return path


def _socket(folder: Path) -> Path:
    path = folder / "sock"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    server.close()  # the socket file stays
    return path


def _symlink(folder: Path) -> Path:
    target = folder / "real.txt"
    target.write_text("keep me")
    path = folder / "link"
    path.symlink_to(target)
    return path


def _directory(folder: Path) -> Path:
    path = folder / "sub"
    path.mkdir()
    return path


@pytest.mark.parametrize("make", [_fifo, _socket, _symlink, _directory],
                         ids=["fifo", "socket", "symlink", "directory"])
@pytest.mark.parametrize("command", EXPORTS, ids=[" ".join(c[1:]) for c in EXPORTS])
def test_special_targets_are_refused_and_left_as_they_are(
        fails: Callable[..., Any], short_dir: Path, make: Callable[[Path], Path],
        command: list[str]) -> None:
    target = make(short_dir)
    before = os.lstat(target)
    result = fails(*command, str(target))
    assert len(result.stderr.strip().splitlines()) == 1
    after = os.lstat(target)
    assert stat.S_IFMT(after.st_mode) == stat.S_IFMT(before.st_mode)
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert not [p for p in short_dir.iterdir() if p.name.endswith(".tmp")]
    if make is _symlink:
        assert (short_dir / "real.txt").read_text() == "keep me"


def test_a_character_device_is_refused(fails: Callable[..., Any], short_dir: Path) -> None:
    """A device made here, not /dev/null: only root may create one."""
    if os.geteuid() != 0:
        pytest.skip("creating a character device needs root (CI runs this as root)")
    device = short_dir / "null"
    os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    for command in EXPORTS:
        fails(*command, str(device), match="is a device")
        assert stat.S_ISCHR(os.lstat(device).st_mode)


def test_a_regular_file_is_replaced_and_dash_is_standard_output(
        ok: Callable[..., Any], short_dir: Path) -> None:
    old = short_dir / "out.json"
    old.write_text("old")
    ok("export", "json", str(old))
    assert old.read_text().startswith("{") and stat.S_IMODE(old.stat().st_mode) == 0o600
    assert ok("export", "json", "-").stdout.startswith("{")
