"""Restoring a backup: the whole database replaced in one switch, itself undoable.

Staged, then switched with the journal: the backup's files are copied into a hidden
staging folder inside the database and fsynced; the current state is backed up; the
journal naming every move is written (the commit point); then the files are moved into
place. A crash before the journal leaves the old database (the next command removes the
staging folder); a crash after it is rolled forward by the next command.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from kith.core.errors import StoreError
from kith.persistence import folder
from kith.persistence.files import FileSet
from kith.persistence.folder import STAGING, is_data_path, make_private_dirs
from kith.persistence.snapshots import snapshot_into_backups, verify_backup
from kith.reliability.reading import parse


def restore(home: Path, backup: Path) -> Path:
    """Replace the database by ``backup`` in one switch; returns the backup of the state
    it replaced (so a restore can itself be undone)."""
    home = Path(home)
    backup = Path(backup)
    sources = _backup_sources(backup)
    files = FileSet(home)
    with files.locked():
        files.recover()
        # not rotated now: rotation could delete the very backup being restored
        saved = snapshot_into_backups(files, "before-restore", rotate=False)
        replace = _stage(home, backup, sources)
        wanted = {name for _, name in replace}
        delete = [str(p.relative_to(home)) for p in files.data_files()
                  if str(p.relative_to(home)) not in wanted]
        files.write_journal(replace, delete)
        files.recover()  # roll forward
    return saved


def _backup_sources(backup: Path) -> list[Path]:
    """The data files of a backup, refused whole if the backup is incomplete or any file
    in it is not a kith file."""
    why = verify_backup(backup, deep=True)
    if why:
        raise StoreError(f"{backup.name} is not a complete kith backup: {why}")
    sources = sorted(p for p in backup.rglob("*.json") if is_data_path(p.relative_to(backup)))
    for path in sources:
        if parse(path.read_bytes()) is None:
            raise StoreError(f"backup {backup.name} is damaged: "
                             f"{path.relative_to(backup)} is not a kith file")
    return sources


def _stage(home: Path, backup: Path, sources: list[Path]) -> list[tuple[str, str]]:
    """Copy the backup's files into the staging folder (fsynced); the moves to journal."""
    staging = home / STAGING
    shutil.rmtree(staging, ignore_errors=True)
    try:
        make_private_dirs(staging)
        replace = []
        for path in sources:
            relative = path.relative_to(backup)
            target = staging / relative
            make_private_dirs(target.parent)
            folder.write_file(target, path.read_bytes())
            replace.append((str(Path(STAGING) / relative), str(relative)))
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise StoreError(f"cannot stage the restore in {home}: "
                         f"{error.strerror or error}; nothing was changed") from None
    return replace
