"""``kith doctor``'s check: every problem of a database, in words, changing nothing.

``check`` holds the database lock while it reads (so a write landing meanwhile is never
mistaken for damage) and reports: files that are damaged or do not belong (sync-conflict
copies), records that cannot be read, duplicate ids, interactions filed in the wrong
month, references to networks or people that do not exist, and aggregates that differ
from a recomputation. A synced database is also checked as a git repository.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kith.core.errors import KithError, StoreError
from kith.persistence.damage import looks_damaged, misplaced_reason
from kith.persistence.files import FileSet
from kith.persistence.folder import ReadOnlyFolder
from kith.persistence.stamps import MAIN
from kith.persistence.store import Store
from kith.reliability.reading import (
    INTERACTIONS,
    MAIN_TABLES,
    good_schema,
    month_of_doc,
    parse,
    schema_version,
    validate,
)
from kith.sync.load import consistency_problems
from kith.sync.transport import sync_problems


@dataclass
class Problem:
    file: str
    message: str
    repairable_by_rebuild: bool = False

    def __str__(self) -> str:
        return f"{self.file}: {self.message}"


def check(home: Path) -> list[Problem]:
    """Every problem found in the database at ``home`` (empty: healthy).

    Holds the lock while reading the data files, so a commit in progress is never
    reported as damage. A synced database is also checked as a git repository, and for
    a merge that git made file by file and kith has not settled yet."""

    home = Path(home)
    problems = [Problem(file, message) for file, message in sync_problems(home)]
    files = _check_files(home)
    if all(p.repairable_by_rebuild for p in files) and (home / MAIN).exists():
        files += [Problem(file, message) for file, message in consistency_problems(home)]
    return problems + files


def _check_files(home: Path) -> list[Problem]:
    if not (home / MAIN).exists():
        return [Problem(MAIN, "missing: this folder holds no kith database")]
    files = FileSet(home)
    try:
        with files.locked():
            files.recover()
            return check_folder(home, files)
    except ReadOnlyFolder:  # nobody can write it through us: read it as it is
        return check_folder(home, files)
    except StoreError as error:
        return [Problem(MAIN, str(error))]


def check_folder(home: Path, files: FileSet) -> list[Problem]:
    """The problems of the files as they are (call under the lock, recovered)."""
    problems, data = _read_files(home, files)
    if not (home / MAIN).exists() or MAIN not in data:
        return problems or [Problem(MAIN, "missing")]
    main = data[MAIN]
    problems += _main_problems(main)
    problems += _interaction_problems(data, set(main.get("networks", {})),
                                      set(main.get("people", {})))
    if problems:
        return problems
    return _derived_problems(home)


def _read_files(home: Path, files: FileSet) -> tuple[list[Problem], dict[str, Any]]:
    """Every data file parsed by name, and the problems of those that cannot be."""
    problems: list[Problem] = []
    data: dict[str, dict[str, Any]] = {}
    for path in files.data_files():
        relative = path.relative_to(home)
        name = str(relative)
        misplaced = misplaced_reason(relative)
        if misplaced:
            problems.append(Problem(name, misplaced))
            continue
        try:
            raw = path.read_bytes()
        except OSError as error:
            problems.append(Problem(name, f"cannot be read ({error.strerror or error})"))
            continue
        parsed = parse(raw) if raw.strip() else None
        if parsed is None:
            problems.append(Problem(name, looks_damaged(path) or
                                    "not valid JSON or not a kith file (damaged)"))
            continue
        data[name] = parsed
    return problems, data


def _main_problems(main: dict[str, Any]) -> list[Problem]:
    """The schema record and the records of kith.json."""
    problems = []
    if not good_schema(main):
        version = str(schema_version(main))[:20]
        problems.append(Problem(MAIN, "the schema record (_meta) is damaged: version "
                                      f"{version!r} is not one this kith knows"))
    for table in MAIN_TABLES:
        for ident, doc in main.get(table, {}).items():
            why = validate(table, ident, doc)
            if why:
                problems.append(Problem(MAIN, f"{table[:-1] if table != 'people' else 'person'}"
                                              f" {ident} {why}"))
    people = set(main.get("people", {}))
    for ident, opportunity in main.get("opportunities", {}).items():
        if isinstance(opportunity, dict) and opportunity.get("person") not in people:
            problems.append(Problem(MAIN, f"opportunity {ident} refers to a missing person "
                                          f"{opportunity.get('person')!r}"))
    return problems + _dangling(main, people) + _cycles(main)


_PERSON_REFERENCES = {"notes": ("note", ("person",)), "followups": ("follow-up", ("person",)),
                      "relationships": ("relationship", ("a", "b"))}


def _dangling(main: dict[str, Any], people: set[str]) -> list[Problem]:
    """References to what is not there: a membership of a network that is gone, a note,
    follow-up or relationship of a missing person (a merge must leave none)."""
    problems = []
    networks = set(main.get("networks", {}))
    for ident, doc in sorted(main.get("people", {}).items()):
        member = doc.get("networks") if isinstance(doc, dict) else None
        for network in sorted(member) if isinstance(member, dict) else ():
            if network not in networks:
                problems.append(Problem(MAIN, f"person {ident} is a member of a missing "
                                              f"network {network!r}"))
    for table, (word, fields) in _PERSON_REFERENCES.items():
        for ident, doc in sorted(main.get(table, {}).items()):
            if not isinstance(doc, dict):
                continue
            missing = [doc.get(f) for f in fields if doc.get(f) not in people]
            if missing:
                problems.append(Problem(MAIN, f"{word} {ident} refers to a missing person "
                                              f"{missing[0]!r}"))
    return problems


def _cycles(main: dict[str, Any]) -> list[Problem]:
    """Two people each the other's parent (or manager, mentor...), or one related to
    themselves."""
    from kith.core.model import INVERSE_RELATIONSHIPS
    from kith.persistence.store.relationships import relationship_key

    problems = []
    seen: dict[tuple[Any, Any, Any], str] = {}
    for ident, doc in sorted(main.get("relationships", {}).items()):
        if not isinstance(doc, dict):
            continue
        a, b, kind = key = relationship_key(doc)
        if a == b:
            problems.append(Problem(MAIN, f"relationship {ident} relates {a!r} to "
                                          "themselves"))
        elif kind in INVERSE_RELATIONSHIPS and (b, a, kind) in seen:
            word = doc.get("kind") if doc.get("kind") in INVERSE_RELATIONSHIPS else kind
            problems.append(Problem(MAIN, f"relationships {seen[(b, a, kind)]} and {ident} "
                                          f"make {a!r} and {b!r} each the other's {word}"))
        seen.setdefault(key, ident)
    return problems


def _interaction_problems(data: dict[str, Any], networks: set[str],
                          people: set[str]) -> list[Problem]:
    """Each month file's interactions: readable, once, in their month, referring to what
    exists."""
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for name, content in sorted(data.items()):
        if not name.startswith(INTERACTIONS + "/"):
            continue
        month = name.rsplit("/", 1)[1].removesuffix(".json")
        for ident, doc in content.get("interactions", {}).items():
            if ident in seen:
                problems.append(Problem(name, f"interaction {ident} also in {seen[ident]}"))
            seen[ident] = name
            why = validate("interactions", ident, doc)
            if why:
                problems.append(Problem(name, f"interaction {ident} {why}"))
                continue
            problems += _interaction_placement(name, month, ident, doc, networks, people)
    return problems


def _interaction_placement(name: str, month: str, ident: str, doc: dict[str, Any],
                           networks: set[str], people: set[str]) -> list[Problem]:
    problems = []
    if month_of_doc(doc) != month:
        problems.append(Problem(name, f"interaction {ident} belongs in "
                                      f"{INTERACTIONS}/{month_of_doc(doc)}.json"))
    if doc.get("network") not in networks:
        problems.append(Problem(name, f"interaction {ident} refers to a missing "
                                      f"network {doc.get('network')!r}"))
    missing = [p for p in doc.get("people", ()) if p not in people]
    if missing:
        problems.append(Problem(name, f"interaction {ident} refers to missing "
                                      f"people {missing}"))
    return problems


def _derived_problems(home: Path) -> list[Problem]:
    """The store's own checks (schema version, layout), then the aggregates against a
    recomputation from the interactions."""

    try:
        store = Store(home, create=False)
    except KithError as error:
        return [Problem(MAIN, str(error))]
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        return [Problem(MAIN, f"cannot be opened ({error.__class__.__name__}: {error!s:.80})")]
    problems = []
    try:
        expected_networks, expected_people = store.recompute_derived()
        if store.network_months() != expected_networks:
            problems.append(Problem("derived/networks.json", "network totals differ from a "
                                    "recomputation from the interactions", True))
        if store.person_stats() != expected_people:
            problems.append(Problem("derived/people-*.json", "per-person totals differ from "
                                    "a recomputation from the interactions", True))
        if store.conversation_indexes() != store.recompute_conversations():
            problems.append(Problem("derived/conversations/", "the conversation index "
                                    "differs from a recomputation from the interactions", True))
    except KithError as error:
        problems.append(Problem(MAIN, str(error)))
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        problems.append(Problem("derived/", f"aggregates cannot be read ({error!r:.80})",
                                True))
    return problems
