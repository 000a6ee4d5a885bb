"""What a contacts or calendar source holds: items by name, each with its version.

Every collection answers the same three questions, so the pull does not care whether it
reads a folder or a server:

- ``token()``: a cheap version of the whole collection (a CTag or sync token), or
  ``None`` when it has none; an unchanged token means nothing changed;
- ``listing()``: every item's name and version (an ETag; for a folder, the file's
  modification time and size);
- ``fetch(names)``: the content of those items.

``VdirCollection`` is a vdir (vdirsyncer's folder of ``.vcf`` / ``.ics`` files, which
khard and khal read). The DAV collection is ``kith.live.dav``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Protocol

from kith.core import limits
from kith.core.errors import KithError


class Collection(Protocol):
    def ask_token(self) -> None:
        """Start working out the token now, for ``token`` to collect (a server can
        compute it while kith reads its database)."""
        ...

    def token(self) -> str | None: ...

    def listing(self) -> dict[str, str]: ...

    def fetch(self, names: Iterable[str]) -> Iterator[tuple[str, str, bytes | None]]:
        """``(name, version, content)``; content ``None`` for one that vanished or is
        too large to read (the pull names it)."""
        ...

    def put(self, name: str, content: bytes, version: str | None) -> str: ...

    def delete(self, name: str, version: str | None) -> None: ...


class VdirCollection:
    """A folder of ``.vcf`` or ``.ics`` files, one item each (links are not followed)."""

    def __init__(self, path: Path, suffix: str):
        self.path = path.expanduser()
        self.suffix = suffix
        if not self.path.is_dir():
            raise KithError(f"{self.path}: no such folder (the source's --path)")

    def ask_token(self) -> None:
        """Nothing to ask ahead: a folder has no token."""

    def token(self) -> str | None:
        return None  # a folder has no version of its own that an edit in place changes

    def listing(self) -> dict[str, str]:
        found: dict[str, str] = {}
        try:
            with os.scandir(self.path) as entries:
                for entry in entries:
                    if not entry.name.endswith(self.suffix) or entry.name.startswith("."):
                        continue
                    if not entry.is_file(follow_symlinks=False):
                        continue
                    info = entry.stat(follow_symlinks=False)
                    found[entry.name] = f"{info.st_mtime_ns}-{info.st_size}"
        except OSError as error:
            raise KithError(f"{self.path}: cannot list: {error.strerror or error}") from None
        return found

    def fetch(self, names: Iterable[str]) -> Iterator[tuple[str, str, bytes | None]]:
        for name in names:
            file = self.path / name
            try:
                info = file.stat()
                if info.st_size > limits.MAX_FILE_BYTES:
                    yield name, "", None
                    continue
                content = file.read_bytes()
            except OSError:
                yield name, "", None
                continue
            yield name, f"{info.st_mtime_ns}-{info.st_size}", content

    def put(self, name: str, content: bytes, version: str | None) -> str:
        """Write one item through a temporary file and a rename (as vdirsyncer does)."""
        file = self.path / name
        temporary = self.path / f".{name}.kith-tmp"
        try:
            temporary.write_bytes(content)
            os.replace(temporary, file)
            info = file.stat()
        except OSError as error:
            raise KithError(f"{file}: cannot write: {error.strerror or error}") from None
        return f"{info.st_mtime_ns}-{info.st_size}"

    def delete(self, name: str, version: str | None) -> None:
        try:
            (self.path / name).unlink()
        except FileNotFoundError:
            pass
        except OSError as error:
            raise KithError(f"{self.path / name}: cannot delete: "
                            f"{error.strerror or error}") from None
