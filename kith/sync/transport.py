"""``kith sync``: one history across devices, with git as the transport.

Why git: it is an existing, trusted distributed engine the user already has; any remote
works (a bare repository on a USB stick, another machine over ssh, a hosted repository),
and there is no server of kith's own. Only the data files travel (``kith.json`` and the
month files); backups, locks, the journal, the device id and the derived aggregates stay
local (``.gitignore``), and the aggregates are recomputed after every merge.

How a sync goes, holding kith's lock from start to end:

1. finish what an interrupted run left: replay kith's journal, wait for a git that a
   killed run left running, remove git lock files left by a killed git (``kith.sync.gitlocks``);
2. commit local changes;
3. fetch (the only step that needs the network: offline, the local commit is kept and
   the next sync pushes it);
4. when the remote moved, merge it with kith's own merge (``kith.sync.merge``): the working
   files are written by kith's atomic commit, never by git, so a kill at any moment
   leaves a database that loads; the merge commit is made with git's plumbing;
5. push (retrying the fetch and merge if someone pushed in between).

kith's merge is also registered as git's merge driver for the data files
(``.gitattributes`` plus the repository's local config), so a ``git merge`` or ``git pull``
made by hand never leaves conflict markers in JSON; the next ``kith sync`` then applies
deletions and people merges across files and recomputes the aggregates.
"""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from kith.core.errors import StoreError, ValidationError
from kith.persistence.stamps import MAIN, TOMBSTONES, device_id
from kith.sync import pruning
from kith.sync.gitlocks import GIT_LOCKS, GitBusy, wait_and_clear
from kith.sync.load import state_from_files
from kith.sync.merge import INTERACTIONS, MERGES, REFERENCED
from kith.sync.write import NeedsFullMerge, gc_paused, merge_into, settle

BRANCH = "main"
REMOTE = "origin"
SYNCED_REF = "refs/kith/synced"
"""The commit the last ``kith sync`` left HEAD at: HEAD elsewhere means a git command made
by hand moved it (kept as a ref, not in git's config, so that the merge's own
``update-ref`` sets it in the same transaction as the branch, with no git process of its
own; older versions kept it as the config value ``kith.synced``, still read)."""
UNDO_REF = "refs/kith/before-sync"
"""The commit this device held before its last merging sync (a reflog keeps the earlier
ones): a sync's undo point, instead of a full backup per sync."""
GITIGNORE = """\
# kith sync: only the data files travel; backups, locks, the journal,
# the device id and the derived aggregates stay on this machine
/*
!/.gitignore
!/.gitattributes
!/kith.json
!/interactions/
/interactions/*
!/interactions/*.json
"""
GITATTRIBUTES = """\
# kith merges its data files itself: records are merged field by field, never by line
kith.json merge=kith
interactions/*.json merge=kith
"""
_DATA_PATH = re.compile(r"^(kith\.json|interactions/\d{4}-\d{2}\.json)$")
_SCP_LIKE = re.compile(r"^[^/:]+:")
_OBJECT_ID = re.compile(r"[0-9a-f]{40,64}")


class GitError(StoreError):
    """A git command failed (its message, in one line)."""


class Offline(GitError):
    """The remote could not be reached: normal, sync later."""


@dataclass
class SyncReport:
    committed: bool = False
    merged: bool = False
    fast_forward: bool = False
    pushed: bool = False
    offline: str | None = None
    repaired: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    pruned: int = 0  # tombstones every device had seen (``kith.sync.pruning``)
    changes: dict[str, dict[str, int]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"committed": self.committed, "merged": self.merged,
                "fast_forward": self.fast_forward, "pushed": self.pushed,
                "offline": self.offline, "repaired": self.repaired, "changes": self.changes,
                "warnings": self.warnings, "pruned": self.pruned}


def driver_command() -> str:
    """The merge driver git runs: this very Python, so the right kith merges."""
    return f"{shlex.quote(sys.executable)} -m kith.sync.driver %O %A %B %P"


class Git:
    """git run as a subprocess on the database folder (never on a repository around it)."""

    def __init__(self, home: Path):
        self.home = Path(home).expanduser().absolute()
        self.git_dir = self.home / ".git"
        self._config: dict[str, str] | None = None

    def _env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update({"GIT_DIR": str(self.git_dir), "GIT_WORK_TREE": str(self.home),
                    "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C", "LANG": "C"})
        for variable in ("GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_NAMESPACE"):
            env.pop(variable, None)
        return env

    def run(self, *args: str, check: bool = True, input: bytes | None = None,
            timeout: float | None = None) -> subprocess.CompletedProcess[bytes]:
        identity: list[str] = []
        if args[0] in ("commit", "commit-tree"):  # kith's commits name this device
            identity = ["-c", "user.name=kith", "-c",
                        f"user.email=kith@{device_id(self.home)}"]
        # no housekeeping inside a sync: git's automatic gc would repack the whole
        # history in the foreground, under kith's lock; ``housekeeping`` runs it after
        command = ["git", *identity, "-c", "commit.gpgsign=false",
                   "-c", "core.hooksPath=/dev/null", "-c", "gc.auto=0",
                   "-c", "maintenance.auto=false", *args]
        try:
            done = subprocess.run(command, cwd=self.home, env=self._env(), input=input,
                                  capture_output=True, timeout=timeout, check=False)
        except FileNotFoundError:
            raise StoreError("git is not installed: kith sync needs git "
                             "(https://git-scm.com)") from None
        except subprocess.TimeoutExpired:
            raise Offline(f"git {args[0]} took longer than {timeout:.0f} s") from None
        if check and done.returncode != 0:
            raise GitError(f"git {args[0]} failed: {last_line(done.stderr)}")
        return done

    def out(self, *args: str) -> str:
        return self.run(*args).stdout.decode().strip()

    def rev(self, ref: str) -> str | None:
        done = self.run("rev-parse", "--verify", "--quiet", ref + "^{commit}", check=False)
        return done.stdout.decode().strip() or None if done.returncode == 0 else None

    def rev_path(self, commit: str, path: str) -> str | None:
        """The blob id of ``path`` in ``commit`` (None: not there)."""
        done = self.run("rev-parse", "--verify", "--quiet", f"{commit}:{path}", check=False)
        return done.stdout.decode().strip() or None if done.returncode == 0 else None

    def objects(self, *names: str) -> list[str | None]:
        """The object id of each name (``HEAD^{commit}``, ``ref:path``...), None where
        there is none, in one git process (``cat-file --batch-check``) instead of one
        ``rev-parse`` each: a sync resolves a handful of names."""
        if any("\n" in name for name in names):
            raise ValueError("an object name holds a newline")
        done = self.run("cat-file", "--batch-check=%(objectname)",
                        input="".join(f"{name}\n" for name in names).encode(), check=False)
        lines = done.stdout.decode(errors="replace").splitlines()
        if done.returncode != 0 or len(lines) != len(names):  # an old git: one by one
            return [self._verify(name) for name in names]
        return [line if _OBJECT_ID.fullmatch(line) else None for line in lines]

    def _verify(self, name: str) -> str | None:
        done = self.run("rev-parse", "--verify", "--quiet", name, check=False)
        return done.stdout.decode().strip() or None if done.returncode == 0 else None

    def status(self) -> tuple[str | None, bool]:
        """``(HEAD's commit or None, whether the working files differ from it)`` in one
        git process (``status --porcelain=v2 --branch`` names the commit it compared)."""
        out = self.run("status", "--porcelain=v2", "--branch", "-z",
                       "--untracked-files=all").stdout
        head: str | None = None
        dirty = False
        for entry in out.split(b"\0"):
            if entry.startswith(b"# branch.oid "):
                found = entry[len(b"# branch.oid "):].decode(errors="replace").strip()
                head = found if _OBJECT_ID.fullmatch(found) else None
            elif entry and not entry.startswith(b"# "):
                dirty = True
        return head, dirty

    def read_ref(self, name: str) -> str | None:
        """The commit a ref under ``refs/`` names, read from git's files (a loose ref, else
        ``packed-refs``) without a git process; asks git when neither has it (another ref
        storage) and says None when git does not know it either."""
        try:
            text = (self.git_dir / name).read_text().strip()
            if _OBJECT_ID.fullmatch(text):
                return text
        except OSError:
            pass
        try:
            for line in (self.git_dir / "packed-refs").read_text().splitlines():
                sha, _, ref = line.partition(" ")
                if ref == name and _OBJECT_ID.fullmatch(sha):
                    return sha
        except OSError:
            pass
        if (self.git_dir / "reftable").exists():
            return self._verify(name)
        return None

    def update_refs(self, updates: dict[str, str], message: str | None = None) -> None:
        """Set several refs in one git process, as one transaction (all or none)."""
        options = ["--create-reflog", "-m", message] if message else []
        self.run("update-ref", *options, "--stdin",
                 input="".join(f"update {ref} {sha}\n" for ref, sha in updates.items())
                 .encode())

    def is_ancestor(self, older: str, newer: str) -> bool:
        return self.run("merge-base", "--is-ancestor", older, newer,
                        check=False).returncode == 0

    def config(self, key: str) -> str | None:
        """One value of the repository's own config (read once, in one git call)."""
        if self._config is None:
            done = self.run("config", "--local", "--list", "-z", check=False)
            self._config = {}
            for entry in done.stdout.decode(errors="replace").split("\0"):
                name, _, value = entry.partition("\n")
                if name:
                    self._config[name.lower()] = value
        return self._config.get(key.lower())

    def set_config(self, key: str, value: str) -> None:
        if self.config(key) != value:
            self.run("config", "--local", key, value)
            assert self._config is not None
            self._config[key.lower()] = value

    def read_files(self, commit: str, paths: set[str] | None = None) -> dict[str, Any]:
        """The data files of ``commit`` (``paths``: only these), parsed. Named paths are
        read by name (``commit:path``) in the one ``cat-file`` call, without listing the
        tree first; a path the commit lacks is left out."""
        wanted: list[tuple[str, str]] = []
        if paths is None:
            listing = self.run("ls-tree", "-r", "-z", "--full-tree", commit).stdout
            for entry in listing.split(b"\0"):
                if not entry:
                    continue
                info, _, path = entry.partition(b"\t")
                name = path.decode()
                if _DATA_PATH.match(name) and info.split()[1] == b"blob":
                    wanted.append((name, info.split()[2].decode()))
        else:
            wanted = [(name, f"{commit}:{name}") for name in sorted(paths)
                      if _DATA_PATH.match(name)]
        if not wanted:
            return {}
        batch = self.run("cat-file", "--batch",
                         input="".join(f"{sha}\n" for _, sha in wanted).encode()).stdout
        files: dict[str, Any] = {}
        position = 0
        for name, _ in wanted:
            header_end = batch.index(b"\n", position)
            header = batch[position:header_end].split()
            if len(header) != 3:  # "<name> missing": not in that commit
                position = header_end + 1
                continue
            size = int(header[2])
            content = batch[header_end + 1: header_end + 1 + size]
            position = header_end + 1 + size + 1
            if header[1] != b"blob":
                continue
            try:
                files[name] = orjson.loads(content)
            except orjson.JSONDecodeError as error:
                raise StoreError(f"the remote's {name} (commit {commit[:10]}) is not valid "
                                 f"JSON ({error}); it was not merged") from None
        return files


def last_line(stderr: bytes) -> str:
    lines = [line.strip() for line in stderr.decode(errors="replace").splitlines()
             if line.strip() and not line.startswith("hint:")]
    return lines[-1] if lines else "no message"


def is_local_path(remote: str) -> bool:
    return "://" not in remote and not _SCP_LIKE.match(remote)


def is_synced(home: Path, git: Git | None = None) -> bool:
    git = git or Git(home)
    return (Path(home) / ".git").is_dir() and git.config("kith.sync.transport") == "true"


def _write_text(path: Path, text: str) -> None:
    if path.exists() and path.read_text() == text:
        return
    temp = path.with_name(path.name + ".kith-new")
    temp.write_text(text)
    os.chmod(temp, 0o600)
    os.replace(temp, path)


# init ----------------------------------------------------------------------------------
def check_remote(home: Path, remote: str) -> str:
    """The remote as git should record it; a local path is made absolute and checked."""
    from kith.core.limits import check_path_text

    if not remote.strip() or any(c in remote for c in "\n\r\0"):
        raise ValidationError("the remote must be a git URL or a folder path")
    check_path_text(remote, "the remote", 4096)
    if not is_local_path(remote):
        return remote
    try:
        return _check_local_remote(home, remote)
    except OSError as error:  # a path the system refuses (too long, unreadable, a loop)
        raise ValidationError(f"remote {_short(remote)}: {error.strerror or error}") from None


def _short(text: str) -> str:
    return repr(text if len(text) <= 80 else text[:77] + "...")


def _check_local_remote(home: Path, remote: str) -> str:
    path = Path(remote).expanduser().absolute()
    if path.exists() and not path.is_dir():
        raise ValidationError(f"remote {remote!r} is a file, not a git repository")
    home_abs = Path(home).expanduser().absolute()
    if path == home_abs or home_abs in path.parents:
        raise ValidationError(f"remote {remote!r} is inside the database folder; "
                              "pick a folder elsewhere (another disk, a USB stick)")
    if (path / ".git").exists():
        raise ValidationError(f"remote {remote!r} is a working folder (another kith "
                              "database?); sync through a bare repository: a new folder, "
                              "or one made with `git init --bare`")
    if path.is_dir() and any(path.iterdir()):
        if not (path / "HEAD").is_file():
            raise ValidationError(f"remote {remote!r} is a folder that is not a git "
                                  "repository")
    elif not path.parent.is_dir():
        raise ValidationError(f"remote {remote!r}: folder {path.parent} does not exist")
    return str(path)


def init(store: Any, remote: str) -> str:
    """``kith sync init``: make the folder a git repository of its data files."""
    home = store.home
    url = check_remote(home, remote)
    if is_local_path(url) and not (Path(url) / "HEAD").is_file():
        try:
            Path(url).mkdir(exist_ok=True, mode=0o700)
        except OSError as error:  # read-only disk, no permission, a name too long
            raise ValidationError(f"cannot create the remote folder {_short(url)}: "
                                  f"{error.strerror or error}") from None
        done = subprocess.run(["git", "init", "--quiet", "--bare", "-b", BRANCH, url],
                              capture_output=True, check=False,
                              env={**os.environ, "LC_ALL": "C"})
        if done.returncode != 0:
            raise GitError(f"cannot create a git repository at {_short(url)}: "
                           f"{last_line(done.stderr)}")
        try:
            os.chmod(url, 0o700)
        except OSError as error:
            raise ValidationError(f"cannot make the remote folder {_short(url)} private: "
                                  f"{error.strerror or error}") from None
    store.create()
    git = Git(home)
    with store.files.locked():
        if not git.git_dir.is_dir():
            git.run("init", "--quiet", "-b", BRANCH)
            os.chmod(git.git_dir, 0o700)
        _configure(git)
        if git.config(f"remote.{REMOTE}.url") is None:
            git.run("remote", "add", REMOTE, url)
        else:
            git.run("remote", "set-url", REMOTE, url)
        git.set_config("kith.sync.transport", "true")
        _commit_local(git, "kith sync init")
        head = git.rev("HEAD")
        if head:
            git.update_refs({SYNCED_REF: head})
    return url


def _configure(git: Git) -> None:
    _write_text(git.home / ".gitignore", GITIGNORE)
    _write_text(git.home / ".gitattributes", GITATTRIBUTES)
    git.set_config("merge.kith.name", "kith: merge records field by field")
    git.set_config("merge.kith.driver", driver_command())
    git.set_config("core.autocrlf", "false")


# sync ----------------------------------------------------------------------------------
def clear_stale_locks(git: Git) -> list[str]:
    """Wait for a git still running in the folder (one a killed kith started), then remove
    the lock files a killed git left: never a live git's (``kith.sync.gitlocks``)."""
    try:
        removed = wait_and_clear(git.home, git.git_dir)
    except GitBusy as busy:
        raise GitError(str(busy)) from None
    return [str(path.relative_to(git.home)) for path in removed]


_UNKNOWN = "?"


def _commit_local(git: Git, message: str, known: tuple[str | None, bool] | None = None
                  ) -> bool:
    """Commit the working files if they changed (``known``: HEAD and whether the files
    differ from it, when the caller just asked ``git status``)."""
    head, dirty = known if known is not None else git.status()
    if not dirty and head:
        return False
    git.run("add", "-A")
    if head and git.run("diff", "--cached", "--quiet", check=False).returncode == 0:
        return False
    git.run("commit", "--quiet", "--allow-empty", "-m", message)
    return True


_LOCKED = re.compile(r"cannot lock ref|\.lock'?: File exists|unable to update local ref")


def _fetch(git: Git, attempts: int = 3) -> None:
    for attempt in range(attempts):
        done = git.run("fetch", "--quiet", "--no-tags", REMOTE,
                       f"+refs/heads/{BRANCH}:refs/remotes/{REMOTE}/{BRANCH}",
                       pruning.FETCH_REFSPEC, check=False)
        if done.returncode == 0:
            return
        message = last_line(done.stderr)
        if _LOCKED.search(done.stderr.decode(errors="replace")):
            # another git (one a killed kith left running) holds a ref: not offline
            if attempt + 1 == attempts:
                line = next(line for line in done.stderr.decode(errors="replace").splitlines()
                            if _LOCKED.search(line))
                raise GitError(f"git fetch could not update its refs: {line.strip()}")
            clear_stale_locks(git)
            continue
        if "couldn't find remote ref" in message:
            git.run("update-ref", "-d", f"refs/remotes/{REMOTE}/{BRANCH}", check=False)
            return  # an empty remote: nothing to fetch yet
        raise Offline(message)


def sync(store: Any, *, max_rounds: int = 3) -> SyncReport:
    """``kith sync``: commit, fetch, merge, push (see the module's docstring); then git's
    housekeeping, in the background, outside kith's lock."""

    home = store.home
    git = Git(home)
    if not is_synced(home, git):
        raise StoreError(f"{home} is not set up for sync: run `kith sync init REMOTE` first")
    report = _sync(store, git, max_rounds)
    housekeeping(git)
    return report


def _sync(store: Any, git: Git, max_rounds: int) -> SyncReport:
    home = store.home
    report = SyncReport()
    with store.files.locked():
        store.files.recover()
        report.repaired = clear_stale_locks(git)
        if (git.git_dir / "MERGE_HEAD").exists():
            raise StoreError(f"a git merge was left unfinished in {home}: finish it, or "
                             f"run `git -C {home} merge --abort`, then `kith sync`")
        _configure(git)
        head, dirty = git.status()
        synced = git.read_ref(SYNCED_REF) or git.config("kith.synced")
        if synced != head:
            # HEAD moved outside kith sync (a `git pull` by hand): finish its merge
            report.changes = _settle(store, git)
            head, dirty = git.status()
        report.pruned = pruning.prune(store, git, device_id(home))
        report.committed = _commit_local(git, f"kith sync: changes on {device_id(home)}",
                                         (head, dirty or report.pruned > 0))
        if report.committed:
            head = None  # a new commit: the next ``objects`` call names it
        synced = synced if synced == head else None  # None: HEAD moved since it was set
        for _ in range(max_rounds):
            try:
                _fetch(git)
            except Offline as offline:
                report.offline = str(offline)
                _set_synced(git, synced)  # a local commit, not pushed: HEAD moved by kith
                return report
            remote = f"refs/remotes/{REMOTE}/{BRANCH}"
            theirs, ours, their_tree, main_ours, main_theirs = git.objects(
                f"{remote}^{{commit}}", "HEAD^{commit}", f"{remote}^{{tree}}",
                f"HEAD:{MAIN}", f"{remote}:{MAIN}")
            assert ours is not None
            # one merge-base answers both "is theirs behind ours?" (the base is theirs)
            # and "is ours behind theirs?" (the base is ours), and the merge needs it
            base = _merge_base(git, ours, theirs) if theirs and theirs != ours else None
            if theirs and theirs != ours and base != theirs:
                with gc_paused():
                    summary = _merge_remote(store, git, ours, theirs, base,
                                            (main_ours, main_theirs))
                report.changes.update(summary.changes)
                report.warnings.extend(summary.warnings)
                report.merged = True
                git.run("add", "-A")
                tree = git.out("write-tree")
                if tree == their_tree and base == ours:
                    new = theirs
                    report.fast_forward = True
                else:
                    new = git.out("commit-tree", tree, "-p", ours, "-p", theirs, "-m",
                                  f"kith sync: merge on {device_id(home)}")
                # one transaction: the branch, the undo point (the commit before the merge;
                # a sync killed before this line left HEAD there, so it is the undo point
                # all the same) and the synced mark
                git.update_refs({f"refs/heads/{BRANCH}": new, UNDO_REF: ours,
                                 SYNCED_REF: new}, "kith sync: merge (before-sync: before it)")
                # the index already holds ``tree`` (``add -A`` made it), with the files'
                # stat data: a ``read-tree`` would throw that away, and the next sync's
                # ``git status`` would hash the whole history again
                ours = synced = new
            me = device_id(home)
            if theirs == ours:
                _set_synced(git, synced, ours)
                synced = ours
                if pruning.announce_due(git.config(pruning.ANNOUNCED_ON)) \
                        and pruning.seen_commits(git).get(me) != ours:
                    _announce(git, ours, me)
                return report
            pushed = git.run("push", "--quiet", REMOTE, f"{ours}:refs/heads/{BRANCH}",
                             pruning.announce_refspec(ours, me), check=False)
            if pushed.returncode != 0 and pruning.DEVICE_REFS.encode() in pushed.stderr \
                    and b"refs/heads/" not in pushed.stderr:
                # a remote that refuses kith's device ref: the branch still travels (and
                # tombstones are kept, as this device's progress is not known)
                pushed = git.run("push", "--quiet", REMOTE, f"{ours}:refs/heads/{BRANCH}",
                                 check=False)
            if pushed.returncode == 0:
                report.pushed = True
                refs = {f"refs/remotes/{REMOTE}/{BRANCH}": ours,
                        f"{pruning.SEEN_REFS}{me}": ours}
                if synced != ours:
                    refs[SYNCED_REF] = ours
                with contextlib.suppress(GitError):
                    git.update_refs(refs)
                return report
            _set_synced(git, synced, ours)
            synced = ours
            message = last_line(pushed.stderr)
            if any(word in message for word in ("fetch first", "non-fast-forward",
                                                "stale info")):
                continue  # someone pushed meanwhile: fetch and merge again
            if "remote rejected" in message or "denied" in message:
                raise GitError(f"the remote refused the push: {message}")
            report.offline = message
            return report
        raise GitError(f"the remote kept changing during {max_rounds} attempts; "
                       "run `kith sync` again")


def _set_synced(git: Git, known: str | None, head: str | None = None) -> None:
    """Record HEAD (``head``, else asked) as where kith sync left it, unless ``known``
    already says so."""
    if head is None:
        head = git.rev("HEAD")
    if head and head != known:
        git.update_refs({SYNCED_REF: head})


def _announce(git: Git, commit: str, me: str) -> None:
    """Tell the remote how far this device has seen (``kith.sync.pruning``); a remote
    that refuses it only keeps tombstones longer."""
    done = git.run("push", "--quiet", REMOTE, pruning.announce_refspec(commit, me),
                   check=False)
    if done.returncode == 0:
        git.run("update-ref", f"{pruning.SEEN_REFS}{me}", commit, check=False)
        git.set_config(pruning.ANNOUNCED_ON, pruning.moment_text())


def _merge_base(git: Git, ours: str, theirs: str) -> str | None:
    """The commit the two histories parted at, or None (no common history)."""
    done = git.run("merge-base", ours, theirs, check=False)
    base = done.stdout.decode().strip()
    return base if done.returncode == 0 and base else None


def changed_paths(git: Git, ours: str, theirs: str, base: str | None = _UNKNOWN
                  ) -> set[str] | None:
    """The data files either side changed since the two histories parted (git tells),
    with ``kith.json`` always; None where there is no common history (``base``: the
    merge base, when the caller has it)."""
    if base == _UNKNOWN:
        base = _merge_base(git, ours, theirs)
    if base is None:
        return None
    paths = {MAIN}
    for side in (ours, theirs):
        if side == base:
            continue  # that side changed nothing since
        listing = git.run("diff", "--name-only", "-z", "--no-renames", base, side).stdout
        paths.update(name for name in listing.decode().split("\0") if _DATA_PATH.match(name))
    return paths


def _reaches_across(mine: dict[str, Any], theirs: dict[str, Any]) -> bool:
    """Whether the remote's ``kith.json`` holds what rewrites or deletes records in
    every month file: people merges or deleted people and networks it differs on."""
    if (mine.get(MERGES) or {}) != (theirs.get(MERGES) or {}):
        return True
    tombs_mine, tombs_theirs = mine.get(TOMBSTONES) or {}, theirs.get(TOMBSTONES) or {}
    if not isinstance(tombs_mine, dict) or not isinstance(tombs_theirs, dict):
        return True
    for key in tombs_mine.keys() | tombs_theirs.keys():
        if isinstance(key, str) and key.split("/", 1)[0] in REFERENCED \
                and tombs_mine.get(key) != tombs_theirs.get(key):
            return True
    return False


def _merge_remote(store: Any, git: Git, ours: str, theirs: str,
                  base: str | None = _UNKNOWN,
                  mains: tuple[str | None, str | None] | None = None) -> Any:
    """Merge the remote's commit into the store: only the files that changed since the
    histories parted when nothing in them reaches across files, else everything."""
    paths = changed_paths(git, ours, theirs, base)
    where = f"remote {BRANCH}"
    if paths is not None:
        main_ours, main_theirs = mains or git.objects(f"{ours}:{MAIN}", f"{theirs}:{MAIN}")
        unchanged_main = main_ours == main_theirs
        files = git.read_files(theirs, paths - {MAIN} if unchanged_main else paths)
        if unchanged_main:  # the same blob: ours, already parsed, stands for theirs
            files[MAIN] = {name: dict(table) if isinstance(table, dict) else table
                           for name, table in store.files.read(MAIN).items()}
        if MAIN in files and isinstance(files[MAIN], dict) \
                and not _reaches_across(store.files.read(MAIN), files[MAIN]):
            months = {name[len(INTERACTIONS) + 1:-5] for name in paths if name != MAIN}
            other = state_from_files(files[MAIN], sorted(
                (n, c) for n, c in files.items() if n != MAIN), where)
            try:
                return merge_into(store, other, where=where, prefer=files, months=months,
                                  backup=False)
            except NeedsFullMerge:
                pass
    files = git.read_files(theirs)
    if MAIN not in files:
        raise StoreError(f"the remote's branch {BRANCH} holds no kith database")
    other = state_from_files(files[MAIN], sorted(
        (n, c) for n, c in files.items() if n != MAIN), where)
    return merge_into(store, other, where=where, prefer=files, backup=False)


# housekeeping --------------------------------------------------------------------------
LOOSE_OBJECTS = 50
"""Loose objects (a few per sync: a commit, two trees, the changed files) after which git
packs them, in the background: a pack stores each file's versions as small deltas."""
MAX_PACKS = 20
"""Packs after which they are joined into one (``git gc``), in the background."""


def housekeeping(git: Git) -> list[Path]:
    """After the sync let go of kith's lock, pack this repository and a remote that is a
    folder when they hold many loose objects (``git repack``), or join their packs when
    there are many (``git gc``), in the background: never a foreground gc inside a
    sync. Returns the repositories it started on."""
    started: list[Path] = []
    remote = git.config(f"remote.{REMOTE}.url")
    targets = [git.git_dir]
    if remote and is_local_path(remote) and (Path(remote) / "objects").is_dir():
        targets.append(Path(remote))
    for target in targets:
        if (target / "gc.pid").exists():
            continue  # one is running (or a killed one left its file: gc removes it)
        loose, packs = object_counts(target)
        if packs >= MAX_PACKS:
            job = "gc --quiet"
        elif loose >= LOOSE_OBJECTS:
            job = "repack -d -q"
        else:
            continue
        # ``sh`` returns at once and the git goes on alone, in its own session, outside
        # the database folder: the next sync need not wait for it (git's gc and repack
        # are safe beside other git commands; ``gitlocks`` spares a gc's fresh locks)
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            subprocess.run(
                ["sh", "-c", f"git --git-dir {shlex.quote(str(target))} {job} "
                 ">/dev/null 2>&1 </dev/null &"],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL, timeout=30, check=False,
                start_new_session=True, cwd=os.path.abspath(os.sep),
                env={**os.environ, "LC_ALL": "C"})
            started.append(target)
    return started


def object_counts(git_dir: Path) -> tuple[int, int]:
    """Loose objects and packs of a repository, counted from its ``objects`` folder (what
    ``git count-objects`` counts, without a git process per repository per sync)."""
    objects = Path(git_dir) / "objects"
    loose = packs = 0
    try:
        with os.scandir(objects) as folders:
            for folder in folders:
                if len(folder.name) == 2 and folder.is_dir(follow_symlinks=False) \
                        and all(c in "0123456789abcdef" for c in folder.name):
                    with os.scandir(folder.path) as found:
                        loose += sum(1 for entry in found if len(entry.name) >= 38
                                     and not entry.name.startswith("tmp_"))
        with os.scandir(objects / "pack") as found:
            packs = sum(1 for entry in found if entry.name.endswith(".pack"))
    except OSError:
        return loose, packs
    return loose, packs


def _settle(store: Any, git: Git) -> dict[str, dict[str, int]]:
    """Settle files git merged or checked out by hand (``kith.sync.merge.settle``), commit."""

    changes = settle(store, force_derived=True)
    _commit_local(git, f"kith sync: settle a merge on {device_id(store.home)}")
    return changes


# doctor --------------------------------------------------------------------------------
_MARKER = re.compile(rb"^(<{7}|>{7})( |$)|^={7}$", re.M)


def sync_problems(home: Path) -> list[tuple[str, str]]:
    """What is wrong with a synced database's git side, as ``(file, message)``.

    Runs git locally only (no network). An unsynced database has no such problems."""
    home = Path(home)
    problems: list[tuple[str, str]] = []
    for path in [home / MAIN, *sorted((home / "interactions").glob("*.json"))]:
        try:
            if _MARKER.search(path.read_bytes()):
                problems.append((str(path.relative_to(home)),
                                 "holds git conflict markers (a merge made without kith's "
                                 "merge driver); restore it with `kith doctor --repair`"))
        except OSError:
            continue
    if not (home / ".git").is_dir():
        return problems
    git = Git(home)
    try:
        if git.config("kith.sync.transport") != "true":
            return problems
        problems.extend(_git_state_problems(git))
    except StoreError as error:
        problems.append((".git", str(error)))
    return problems


def _git_state_problems(git: Git) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    for name in ("MERGE_HEAD", "rebase-merge", "rebase-apply", "CHERRY_PICK_HEAD"):
        if (git.git_dir / name).exists():
            problems.append((f".git/{name}", "a git operation was left unfinished; finish "
                             f"or abort it (`git -C {git.home} merge --abort`)"))
    locks = [git.git_dir / n for n in GIT_LOCKS]
    if (git.git_dir / "refs").is_dir():
        locks.extend((git.git_dir / "refs").rglob("*.lock"))
    for lock in locks:
        if lock.exists():
            problems.append((str(lock.relative_to(git.home)), "left by an interrupted git "
                             "command; the next `kith sync` removes it"))
    if not git.rev("HEAD"):
        problems.append((".git", "no commit yet; run `kith sync`"))
    for name, wanted in ((".gitignore", GITIGNORE), (".gitattributes", GITATTRIBUTES)):
        try:
            current = (git.home / name).read_text()
        except OSError:
            current = None
        if current != wanted:
            problems.append((name, "missing or changed: kith's merge driver or the list "
                             "of synced files may not apply; the next `kith sync` "
                             "rewrites it"))
    driver = git.config("merge.kith.driver")
    if not driver:
        problems.append((".git/config", "kith's merge driver is not registered; the next "
                         "`kith sync` registers it"))
    else:
        interpreter = shlex.split(driver)[0]
        if not Path(interpreter).exists():
            problems.append((".git/config", f"the merge driver's Python {interpreter} is "
                             "gone; the next `kith sync` registers this kith's"))
    if git.config(f"remote.{REMOTE}.url") is None:
        problems.append((".git/config", "no remote recorded; run `kith sync init REMOTE`"))
    tracked = git.run("ls-files", "-z").stdout.decode().split("\0")
    for name in tracked:
        if name and not _DATA_PATH.match(name) and name not in (".gitignore",
                                                                 ".gitattributes"):
            problems.append((name, "is tracked by git but is not a data file kith syncs"))
    return problems
