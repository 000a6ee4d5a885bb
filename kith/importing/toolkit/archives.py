"""Reading exports safely: a folder, a zip or a tar.gz, without extracting to disk.

Exports come from elsewhere and may be hostile or broken. ``open_source`` gives one
read-only view over all three shapes and refuses, with an ``ImportFormatError`` naming the
archive and the member:

- members whose path escapes the archive (``..``, absolute paths, drive letters);
- links (symbolic or hard), devices and other special files;
- archives whose uncompressed size, member count or compression ratio is absurd (an
  archive bomb), counted over all members together, before anything is read;
- folders holding links: kith never follows a link found in an export.

Nothing is ever written to disk and nothing in an export is ever executed. The limits
live in ``kith.core.limits`` and are listed in the README; ``read_limited``, ``list_files`` and
``check_xlsx`` give importers that read plain files and spreadsheets the same rules.
"""

from __future__ import annotations

import io
import os
import stat
import tarfile
import zipfile
from fnmatch import fnmatch
from pathlib import Path, PurePosixPath

from kith.core import limits
from kith.core.errors import ImportFormatError

MAX_MEMBERS = limits.MAX_ARCHIVE_MEMBERS
MAX_TOTAL_BYTES = limits.MAX_ARCHIVE_TOTAL_BYTES
MAX_MEMBER_BYTES = limits.MAX_FILE_BYTES
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
        files, links = list_files(path)
        if links:
            raise ImportFormatError("refusing a link inside the export folder (kith never "
                                    "follows links)", file=str(links[0]))
        self._names = [item.relative_to(path).as_posix() for item in files]

    def names(self) -> list[str]:
        return self._names

    def read_bytes(self, name: str) -> bytes:
        return read_limited(self.path / name, follow=False)


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
            raise ImportFormatError(f"too many members ({len(infos):,}; at most "
                                    f"{MAX_MEMBERS:,})", file=str(path))
        compressed = max(1, path.stat().st_size)
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
        _check_total(total, compressed, path)

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
            members = self._headers(path)
        except (tarfile.TarError, OSError, EOFError, ValueError):
            raise ImportFormatError("not a readable tar archive (damaged, cut off or not a "
                                    ".tar.gz)", file=str(path)) from None
        compressed = max(1, path.stat().st_size)
        total = 0
        self._members: dict[str, tarfile.TarInfo] = {}
        for member in members:
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
            _check_total(total, compressed, path, final=False)
        _check_total(total, compressed, path)

    def _headers(self, path: Path) -> list[tarfile.TarInfo]:
        """Member headers, read one at a time so a tar of millions of members is refused
        at the first one too many rather than after listing them all."""
        members = []
        for member in self.tar:
            members.append(member)
            if len(members) > MAX_MEMBERS:
                raise ImportFormatError(f"too many members (more than {MAX_MEMBERS:,})",
                                        file=str(path))
        return members

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


def _check_total(total: int, compressed: int, archive: Path, *, final: bool = True) -> None:
    """All members together: the bound that a bomb of many members each just under the
    per-member checks (10,000 members of 1 MiB) runs into."""
    if total > MAX_TOTAL_BYTES:
        raise ImportFormatError(f"members would expand to more than {MAX_TOTAL_BYTES:,} "
                                "bytes in all (an archive bomb?); refusing", file=str(archive))
    if final and total > RATIO_FLOOR_BYTES and total / compressed > MAX_RATIO:
        raise ImportFormatError(f"members would expand {total // compressed} times in all "
                                "(an archive bomb?); refusing", file=str(archive))


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


def list_files(folder: Path, suffixes: tuple[str, ...] = ()) -> tuple[list[Path], list[Path]]:
    """``(files, links)`` under ``folder``, sorted, without following any link: a link is
    listed apart (for the caller to refuse or skip by name) and never read or entered.
    ``suffixes`` (lower case, like ``.vcf``) filters the files."""
    files: list[Path] = []
    links: list[Path] = []
    for root, dirs, names in os.walk(folder, followlinks=False):
        base = Path(root)
        for name in list(dirs):
            if (base / name).is_symlink():
                links.append(base / name)
                dirs.remove(name)
        for name in names:
            item = base / name
            if item.is_symlink():
                links.append(item)
            elif (not suffixes or name.lower().endswith(suffixes)) and item.is_file():
                files.append(item)
    return sorted(files), sorted(links)


def read_limited(path: Path, *, follow: bool = True,
                 limit: int = limits.MAX_FILE_BYTES) -> bytes:
    """A file's bytes, refusing one larger than ``limit`` (checked before reading) and,
    unless ``follow``, a link. ``follow`` is for the path the user named themselves."""
    try:
        info = path.stat() if follow else path.lstat()
    except OSError as error:
        raise ImportFormatError(f"cannot read: {error.strerror or error}",
                                file=str(path)) from None
    if stat.S_ISLNK(info.st_mode):
        raise ImportFormatError("refusing a link (kith never follows links in an export)",
                                file=str(path))
    if not stat.S_ISREG(info.st_mode):
        raise ImportFormatError("not a regular file", file=str(path))
    if info.st_size > limit:
        raise ImportFormatError(f"file is larger than {limit // 1024**2:,} MB; refusing",
                                file=str(path))
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as error:
        raise ImportFormatError(f"cannot read: {error.strerror or error}",
                                file=str(path)) from None
    if len(data) > limit:
        raise ImportFormatError(f"file is larger than {limit // 1024**2:,} MB; refusing",
                                file=str(path))
    return data


def check_xlsx(data: bytes, where: str) -> None:
    """A spreadsheet is a zip of XML: refuse one whose members would expand beyond the
    sheet limits before a spreadsheet library inflates them."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as book:
            infos = book.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        return  # not a zip: the spreadsheet reader says it is broken, with the name
    if len(infos) > 10_000:
        raise ImportFormatError(f"spreadsheet has {len(infos):,} parts; refusing", file=where)
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > limits.MAX_SHEET_BYTES or total > 2 * limits.MAX_SHEET_BYTES:
            raise ImportFormatError(
                f"spreadsheet would expand to more than {limits.MAX_SHEET_BYTES // 1024**2} MB "
                "per sheet; refusing", file=where)
        if info.file_size > RATIO_FLOOR_BYTES and \
                info.file_size / max(1, info.compress_size) > 4 * MAX_RATIO:
            raise ImportFormatError("spreadsheet part expands "
                                    f"{info.file_size // max(1, info.compress_size)} times "
                                    "(a bomb?); refusing", file=where)
