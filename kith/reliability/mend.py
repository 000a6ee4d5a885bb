"""Mending records: the record-level half of ``kith doctor --repair``.

Given the readable content of every file, it does the least that makes the records
usable, never dropping one it can read: a damaged record is mended from its newest
backup copy (its own fields win), a record filed under a damaged key goes back under
its own id, duplicates and interactions in the wrong month file are put where they
belong, and a network or person that records refer to comes back from a backup, from
the merges table, or as a placeholder named so the user sees it. What cannot be mended
is handed to ``keep`` (kept in the quarantine folder), and every step is said in
``actions``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kith.core import clock
from kith.core.errors import KithError
from kith.core.model import Network, Person
from kith.persistence.stamps import MAIN
from kith.persistence.store import migrations
from kith.reliability.backups import BackupCopies
from kith.reliability.reading import (
    INTERACTIONS,
    MAIN_TABLES,
    good_schema,
    month_of_doc,
    plausible_id,
    validate,
)
from kith.sync.merge import join_docs

Keep = Callable[[str, dict[str, Any]], None]
Candidates = dict[str, list[tuple[dict[str, Any], str, str]]]
"""Per interaction id, every readable copy as ``(doc, month of its file, file name)``."""


class Mender:
    """One repair's record mending; ``actions`` collects what it did."""

    def __init__(self, copies: BackupCopies, keep: Keep, actions: list[str]):
        self.copies = copies
        self.keep = keep
        self.actions = actions

    # kith.json --------------------------------------------------------------------------
    def fix_meta(self, main: dict[str, Any]) -> None:
        if good_schema(main):
            return

        for copy in self.copies.of_file(MAIN):
            if good_schema(copy):
                main.setdefault("_meta", {})["schema"] = copy["_meta"]["schema"]
                self.actions.append("restored the schema record from a backup")
                return
        main.setdefault("_meta", {})["schema"] = {
            "version": migrations.SCHEMA_VERSION, "app": "kith",
            "created": clock.now().isoformat(timespec="seconds")}
        self.actions.append("recreated the missing schema record")

    def mend(self, table: str, ident: str, doc: Any,
             backup_doc: dict[str, Any] | None) -> dict[str, Any] | None:
        """A readable version of a damaged record: the backup's fields under the
        record's own, then (people, networks) a visible placeholder name."""
        mended = {**(backup_doc or {}), **(doc if isinstance(doc, dict) else {}), "id": ident}
        if validate(table, ident, mended) is None:
            return mended
        if table in ("people", "networks") and not str(mended.get("name") or "").strip():
            mended["name"] = f"(no name) {ident}"
            if validate(table, ident, mended) is None:
                return mended
        if backup_doc is not None and validate(table, ident, backup_doc) is None:
            return backup_doc
        return None

    def fix_main_records(self, main: dict[str, Any]) -> None:
        for table in MAIN_TABLES:
            records = main.setdefault(table, {})
            aside = {}
            for ident, doc in list(records.items()):
                if validate(table, ident, doc) is None:
                    continue
                own = doc.get("id") if isinstance(doc, dict) else None
                if own not in records and plausible_id(own) and not plausible_id(ident) \
                        and validate(table, own, doc) is None:
                    records[own] = records.pop(ident)
                    self.actions.append(f"filed {table} record {own} under its own id "
                                        f"(was {ident!r})")
                    continue
                mended = self.mend(table, ident, doc, self.copies.record(MAIN, table, ident))
                if mended is not None:
                    records[ident] = mended
                    self.actions.append(f"mended {table} record {ident}")
                else:
                    aside[ident] = records.pop(ident)
                    self.actions.append(f"moved unreadable {table} record {ident} aside")
            self.keep(f"unreadable-{table}", aside)

    # interactions -----------------------------------------------------------------------
    def fix_interactions(self, live: dict[str, dict[str, Any]],
                         extra: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
        """Every interaction in the file of its month, once; returns ``{month: {id: doc}}``."""
        unreadable: dict[str, Any] = {}
        candidates = self._candidates(live, unreadable)
        chosen, surplus, moved = self._choose(candidates)
        for ident, doc in extra.items():
            if validate("interactions", ident, doc) is not None:
                unreadable[f"conflict-copy:{ident}"] = doc
            elif ident not in chosen:
                chosen[ident] = dict(doc)
            else:  # a copy's version of ours: field by field, like `kith merge`
                joined = join_docs(chosen[ident], doc)
                if validate("interactions", ident, joined) is None:
                    chosen[ident] = joined
        months: dict[str, dict[str, Any]] = {}
        for ident, doc in chosen.items():
            months.setdefault(str(month_of_doc(doc)), {})[ident] = doc
        if surplus:
            self.actions.append(f"kept one copy of {len(surplus)} duplicated interactions")
            self.keep("duplicate-interactions", surplus)
        if unreadable:
            self.actions.append(f"moved {len(unreadable)} unreadable interactions aside")
            self.keep("unreadable-interactions", unreadable)
        if moved:
            self.actions.append(f"moved {moved} interactions to their month's file")
        return months

    def _candidates(self, live: dict[str, dict[str, Any]],
                    unreadable: dict[str, Any]) -> Candidates:
        """Every readable (or mended) copy of each interaction; the rest into
        ``unreadable``."""
        candidates: Candidates = {}
        for name in sorted(n for n in live if n.startswith(INTERACTIONS + "/")):
            month = name.rsplit("/", 1)[1].removesuffix(".json")
            for ident, doc in live[name].get("interactions", {}).items():
                own = doc.get("id") if isinstance(doc, dict) else None
                if own != ident and plausible_id(own, ulid=True) \
                        and not plausible_id(ident, ulid=True) \
                        and validate("interactions", own, doc) is None:
                    # filed under a damaged key: its own id is the one to keep
                    self.actions.append(f"filed interaction {own} under its own id "
                                        f"(was {ident!r})")
                    ident = own
                if validate("interactions", ident, doc) is not None:
                    mended = self.mend("interactions", ident, doc,
                                       self.copies.interaction(ident))
                    if mended is None:
                        unreadable[f"{name}:{ident}"] = doc
                        continue
                    self.actions.append(f"mended interaction {ident}")
                    doc = mended
                candidates.setdefault(ident, []).append((doc, month, name))
        return candidates

    @staticmethod
    def _choose(candidates: Candidates) -> tuple[dict[str, Any], dict[str, Any], int]:
        """One copy of each interaction (the one filed in its own month is the one kith
        wrote last), the surplus copies by ``file:id``, and how many change file."""
        chosen: dict[str, dict[str, Any]] = {}
        surplus: dict[str, Any] = {}
        moved = 0
        for ident, copies in candidates.items():
            best = next((c for c in copies if month_of_doc(c[0]) == c[1]), copies[0])
            chosen[ident] = dict(best[0])
            if month_of_doc(best[0]) != best[1]:
                moved += 1
            for doc, _, name in copies:
                if doc is not best[0]:
                    surplus[f"{name}:{ident}"] = doc
        return chosen, surplus, moved

    # references -------------------------------------------------------------------------
    def fix_references(self, main: dict[str, Any], months: dict[str, dict[str, Any]]) -> None:
        """Every network and person an interaction or opportunity names exists."""
        stranded: dict[str, Any] = {}
        for records in months.values():
            for ident, doc in list(records.items()):
                if not self._network_for(main, doc["network"]):
                    stranded[ident] = records.pop(ident)
                    continue
                doc["people"] = list(dict.fromkeys(self._person_for(main, p)
                                                   for p in doc["people"]))
        if stranded:
            self.actions.append(f"moved {len(stranded)} interactions with an "
                                "impossible network id aside")
            self.keep("unreadable-interactions", stranded)
        for doc in main.get("opportunities", {}).values():
            doc["person"] = self._person_for(main, doc["person"])

    def _person_for(self, main: dict[str, Any], ident: str) -> str:
        """The id to refer to for person ``ident``, brought back if it is missing."""

        people, merges = main["people"], main.get("merges", {})
        if ident in people:
            return ident
        into = (merges.get(ident) or {}).get("into")
        if isinstance(into, str) and into in people:
            self.actions.append(f"pointed references to merged person {ident} at {into}")
            return into
        doc = self.copies.record(MAIN, "people", ident)
        if doc is not None:
            self.actions.append(f"restored person {ident} from a backup")
        else:
            doc = Person(id=ident, name=f"(unknown person) {ident}").to_dict()
            self.actions.append(f"recreated missing person {ident} as a placeholder")
        people[ident] = doc
        return ident

    def _network_for(self, main: dict[str, Any], ident: str) -> bool:
        """Whether network ``ident`` exists now (brought back if it was missing)."""

        networks = main["networks"]
        if ident in networks:
            return True
        doc = self.copies.record(MAIN, "networks", ident)
        if doc is not None:
            self.actions.append(f"restored network {ident} from a backup")
        else:
            try:
                doc = Network(id=ident, name=f"(unknown network) {ident}",
                              notes="recreated by kith doctor --repair").to_dict()
            except KithError:
                return False  # not even a possible network id
            self.actions.append(f"recreated missing network {ident} as a placeholder")
        networks[ident] = doc
        return True
