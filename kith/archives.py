"""Reading exports safely: a folder, a zip or a tar.gz, without extracting to disk.

Exports come from elsewhere and may be hostile or broken. ``open_source`` gives one
read-only view over all three shapes and refuses, with an ``ImportFormatError`` naming the
archive and the member:

- members whose path escapes the archive (``..``, absolute paths, drive letters);
- links (symbolic or hard), devices and other special files;
- archives whose uncompressed size or compression ratio is absurd (an archive bomb);
- folders holding links that lead outside the folder.

Nothing is ever written to disk and nothing in an export is ever executed.
"""

from __future__ import annotations

import stat
import tarfile
import zipfile
from collections.abc import Iterator
from fnmatch import fnmatch
from pathlib import Path, PurePosixPath

from kith.errors import ImportFormatError

MAX_MEMBERS = 500_000
MAX_TOTAL_BYTES = 16 * 1024**3
MAX_MEMBER_BYTES = 4 * 1024**3
MAX_RATIO = 200
"""Uncompressed size over compressed size above which a member is taken for a bomb
(real exports compress text about 5-15 times)."""
RATIO_FLOOR_BYTES = 1024**2
"""Members smaller than this are never judged by ratio (tiny files compress very well)."""


def _safe_name(name: str, archive: Path) -> str:
    clean = name.replace("\\", "/")
    path = PurePosixPath(clean)
    if clean.startswith("/") or (len(clean) > 1 and clean[1] == ":") or ".." in path.parts:
        raise ImportFormatError(f"refusing member {name!r}: its path escapes the archive",
                                file=str(archive))
    return str(path).lstrip("./") if str(path) not in (".", "") else ""


class SourceTree:
    """A read-only view of an export; names are relative POSIX paths."""

    def __init__(self, path: Path):
        self.path = path

    def names(self) -> list[str]:
        raise NotImplementedError

    def read_bytes(self, name: str) -> bytes:
        raise NotImplementedError

    def close(self) -> None:
        pass

    def __enter__(self) -> SourceTree:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def glob(self, pattern: str) -> list[str]:
        """Names whose path, or whose last component, matches ``pattern``."""
        return sorted(n for n in self.names()
                      if fnmatch(n, pattern) or fnmatch(n.rsplit("/", 1)[-1], pattern))

    def read_text(self, name: str) -> str:
        data = self.read_bytes(name)
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ImportFormatError(f"not UTF-8 text (byte {error.start})",
                                    file=self.describe(name)) from None

    def describe(self, name: str) -> str:
        """How a member is named in error messages."""
        return str(self.path / name) if isinstance(self, FolderTree) else f"{self.path}:{name}"


class FolderTree(SourceTree):
    def __init__(self, path: Path):
        super().__init__(path)
        root = path.resolve()
        self._names: list[str] = []
        for item in sorted(path.rglob("*")):
            if item.is_symlink():
                target = item.resolve()
                if root not in target.parents and target != root:
                    raise ImportFormatError("refusing a link that leads outside the folder",
                                            file=str(item))
            if item.is_file():
                self._names.append(item.relative_to(path).as_posix())

    def names(self) -> list[str]:
        return self._names

    def read_bytes(self, name: str) -> bytes:
        return (self.path / name).read_bytes()


class ZipTree(SourceTree):
    def __init__(self, path: Path):
        super().__init__(path)
        try:
            self.zip = zipfile.ZipFile(path)
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, OSError, EOFError, ValueError):
            raise ImportFormatError("not a readable zip archive (damaged, cut off or not a "
                                    "zip)", file=str(path)) from None
        if len(infos) > MAX_MEMBERS:
            raise ImportFormatError(f"too many members ({len(infos)})", file=str(path))
        total = 0
        self._infos: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            name = _safe_name(info.filename, path)
            mode = info.external_attr >> 16
            if stat.S_ISLNK(mode):
                raise ImportFormatError(f"refusing member {info.filename!r}: it is a link",
                                        file=str(path))
            if info.is_dir() or not name:
                continue
            _check_size(info.filename, info.file_size, info.compress_size, path)
            total += info.file_size
            self._infos[name] = info
        if total > MAX_TOTAL_BYTES:
            raise ImportFormatError(f"uncompressed size {total} bytes is absurd; refusing",
                                    file=str(path))

    def names(self) -> list[str]:
        return sorted(self._infos)

    def read_bytes(self, name: str) -> bytes:
        info = self._infos[name]
        try:
            with self.zip.open(info) as handle:
                data = handle.read(info.file_size + 1)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError):
            raise ImportFormatError("cannot read this member (damaged or encrypted)",
                                    file=self.describe(name)) from None
        if len(data) > info.file_size:
            raise ImportFormatError("member is larger than the archive says",
                                    file=self.describe(name))
        return data

    def close(self) -> None:
        self.zip.close()


class TarTree(SourceTree):
    def __init__(self, path: Path):
        super().__init__(path)
        try:
            self.tar = tarfile.open(path, mode="r:*")  # noqa: SIM115 (closed by close())
            members = self.tar.getmembers()
        except (tarfile.TarError, OSError, EOFError, ValueError):
            raise ImportFormatError("not a readable tar archive (damaged, cut off or not a "
                                    ".tar.gz)", file=str(path)) from None
        compressed = max(1, path.stat().st_size)
        total = 0
        self._members: dict[str, tarfile.TarInfo] = {}
        for member in members[:MAX_MEMBERS + 1]:
            name = _safe_name(member.name, path)
            if member.issym() or member.islnk():
                raise ImportFormatError(f"refusing member {member.name!r}: it is a link",
                                        file=str(path))
            if member.isdir() or not name:
                continue
            if not member.isfile():
                raise ImportFormatError(f"refusing member {member.name!r}: not a regular file",
                                        file=str(path))
            total += member.size
            if member.size > MAX_MEMBER_BYTES:
                raise ImportFormatError(f"member {member.name!r} is absurdly large",
                                        file=str(path))
            self._members[name] = member
        if len(members) > MAX_MEMBERS:
            raise ImportFormatError(f"too many members ({len(members)})", file=str(path))
        if total > MAX_TOTAL_BYTES or (total > RATIO_FLOOR_BYTES
                                       and total / compressed > MAX_RATIO):
            raise ImportFormatError(f"uncompressed size {total} bytes from {compressed} is "
                                    "absurd (an archive bomb?); refusing", file=str(path))

    def names(self) -> list[str]:
        return sorted(self._members)

    def read_bytes(self, name: str) -> bytes:
        try:
            handle = self.tar.extractfile(self._members[name])
            assert handle is not None
            return handle.read()
        except (tarfile.TarError, OSError, EOFError, ValueError):
            raise ImportFormatError("cannot read this member (damaged or cut off)",
                                    file=self.describe(name)) from None

    def close(self) -> None:
        self.tar.close()


def _check_size(name: str, size: int, compressed: int, archive: Path) -> None:
    if size > MAX_MEMBER_BYTES:
        raise ImportFormatError(f"member {name!r} is absurdly large ({size} bytes)",
                                file=str(archive))
    if size > RATIO_FLOOR_BYTES and size / max(1, compressed) > MAX_RATIO:
        raise ImportFormatError(f"member {name!r} expands {size // max(1, compressed)} times "
                                "(an archive bomb?); refusing", file=str(archive))


def open_source(path: Path) -> SourceTree:
    """The export at ``path`` (a folder, ``.zip``, ``.tar.gz``/``.tgz``/``.tar``)."""
    if path.is_dir():
        return FolderTree(path)
    if not path.exists():
        raise ImportFormatError("no such file or folder", file=str(path))
    with path.open("rb") as handle:
        head = handle.read(4)
    if head.startswith(b"PK"):
        return ZipTree(path)
    if head.startswith(b"\x1f\x8b") or tarfile.is_tarfile(path):
        return TarTree(path)
    raise ImportFormatError("not a folder, zip or tar.gz archive", file=str(path))


def iter_files(tree: SourceTree, pattern: str) -> Iterator[tuple[str, bytes]]:
    for name in tree.glob(pattern):
        yield name, tree.read_bytes(name)
