"""Hostile archives are refused with a clear error, and nothing is written anywhere."""

from __future__ import annotations

import io
import os
import tarfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from kith.core.errors import ImportFormatError
from kith.importing.toolkit.archives import MAX_RATIO, open_source


def make_zip(path: Path, members: dict[str, bytes], *, symlink: str | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
        if symlink:
            info = zipfile.ZipInfo(symlink)
            info.external_attr = (0o120777 << 16)
            archive.writestr(info, "/etc/passwd")
    return path


def make_tar(path: Path, members: dict[str, bytes], *, link: str | None = None,
             hardlink: str | None = None) -> Path:
    with tarfile.open(path, "w:gz") as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
        if link:
            info = tarfile.TarInfo(link)
            info.type, info.linkname = tarfile.SYMTYPE, "/etc/passwd"
            archive.addfile(info)
        if hardlink:
            info = tarfile.TarInfo(hardlink)
            info.type, info.linkname = tarfile.LNKTYPE, "/etc/shadow"
            archive.addfile(info)
    return path


CASES = {
    "zip slip": lambda d: make_zip(d / "a.zip", {"../../evil.txt": b"x"}),
    "zip absolute": lambda d: make_zip(d / "a.zip", {"/etc/cron.d/evil": b"x"}),
    "zip symlink": lambda d: make_zip(d / "a.zip", {"data/a.js": b"x"}, symlink="data/b.js"),
    "zip bomb": lambda d: make_zip(d / "a.zip", {"data/big.js": b"\0" * (MAX_RATIO * 2**16)}),
    "tar slip": lambda d: make_tar(d / "a.tar.gz", {"../evil.txt": b"x"}),
    "tar symlink": lambda d: make_tar(d / "a.tar.gz", {"outbox.json": b"{}"}, link="actor.json"),
    "tar hardlink": lambda d: make_tar(d / "a.tar.gz", {"outbox.json": b"{}"},
                                       hardlink="actor.json"),
    "tar bomb": lambda d: make_tar(d / "a.tar.gz", {"outbox.json": b"\0" * (2**24)}),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_archive_is_refused(tmp_path: Path, case: str) -> None:
    archive = CASES[case](tmp_path)
    before = set(tmp_path.rglob("*"))
    with pytest.raises(ImportFormatError) as error, open_source(archive) as tree:
        for name in tree.names():
            tree.read_bytes(name)
    assert str(archive) in str(error.value)
    assert set(tmp_path.rglob("*")) == before


@pytest.mark.parametrize(("case", "source"), [("zip slip", "x-archive"),
                                              ("tar symlink", "mastodon-archive"),
                                              ("zip bomb", "linkedin")])
def test_hostile_archive_through_the_cli(fails: Callable[..., object], tmp_path: Path,
                                         case: str, source: str) -> None:
    archive = CASES[case](tmp_path)
    fails("import", source, str(archive), match="refusing")
    assert not (tmp_path.parent / "evil.txt").exists()


def test_folder_with_a_link_outside_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    (folder / "data").mkdir(parents=True)
    os.symlink("/etc/passwd", folder / "data" / "account.js")
    with pytest.raises(ImportFormatError, match="never follows links"):
        open_source(folder)


def test_folder_with_a_link_inside_is_refused_too(tmp_path: Path) -> None:
    """Even a link to a file inside the export is not followed: it could be swapped for
    one leading out between the check and the read."""
    folder = tmp_path / "export"
    (folder / "data").mkdir(parents=True)
    (folder / "data" / "real.js").write_text("x")
    os.symlink(folder / "data", folder / "linked-dir")
    with pytest.raises(ImportFormatError, match="never follows links"):
        open_source(folder)


def test_plain_archives_read_fine(tmp_path: Path) -> None:
    zipped = make_zip(tmp_path / "ok.zip", {"data/a.js": b"hello", "./b.txt": b"bye"})
    with open_source(zipped) as tree:
        assert tree.names() == ["b.txt", "data/a.js"]
        assert tree.read_text("data/a.js") == "hello"
    tarred = make_tar(tmp_path / "ok.tar.gz", {"outbox.json": b"{}"})
    with open_source(tarred) as tree:
        assert tree.glob("outbox.json") == ["outbox.json"]
