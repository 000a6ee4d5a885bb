"""``kith pull`` of a mailbox: threads with known people become suggested conversations.

From headers only. One suggestion per thread and day (``mail:THREAD:DAY``, the same id on
every device) when someone kith knows (by email) wrote or was written to. Who started it
is the seed documents' distinction:

- **invited**: the other side wrote first with a question or a request (a ``?`` or words
  such as "could you", "advice", "looking for" in the subject: headers are all kith
  reads); ``shared`` when the user answered that day, else ``received``;
- **pitched**: the user wrote first to someone they had never written to before (the
  addresses the user has written to are kept in the source's state, oldest mail first);
- otherwise the user writing first is ``gave``, and the other side writing first is
  ``received`` or ``shared``, with no initiative.

Mail older than the source's ``since_days`` (first pull) is read for whom the user wrote
to, never suggested. Mailing lists are not people.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kith.core import clock
from kith.core.suggestion import Suggestion, suggestion_id
from kith.importing.toolkit.conversations import HELP_WORDS
from kith.live.definitions import SourceDefinition, password
from kith.live.mail import ImapReader, MaildirReader, MailHeader
from kith.live.rules import InboxRule
from kith.services.pull import PeopleIndex, PullSummary, offer
from kith.services.scope import one_transaction

if TYPE_CHECKING:
    from kith.persistence.store import Store

Progress = Callable[[int, int | None], None]
MAX_WRITTEN_TO = 100_000


def _asks(subject: str) -> bool:
    return "?" in subject or bool(HELP_WORDS.search(subject))


def suggestions_from(mails: list[MailHeader], definition: SourceDefinition,
                     index: PeopleIndex, written_to: set[str], since: datetime
                     ) -> list[Suggestion]:
    """The suggestions ``mails`` make (oldest first); ``written_to`` grows as it reads."""
    me = set(definition.me)
    days: dict[tuple[str, str], list[tuple[MailHeader, bool]]] = {}
    for mail in sorted((m for m in mails if m.when is not None),
                       key=lambda m: m.when):  # type: ignore[arg-type,return-value]
        assert mail.when is not None
        addresses = {a for _, a in mail.recipients} - mail.lists
        mine = mail.sender[1] in me
        new_to_me = mine and any(a not in written_to and a not in me for a in addresses)
        if mine:
            written_to.update(a for a in addresses if a not in me)
        if mail.when < since:
            continue
        if not mine and not (addresses & me):
            continue  # a list's mail, or someone else's: not a conversation of the user's
        day_key = (mail.thread or mail.message_id or mail.key, mail.when.date().isoformat())
        days.setdefault(day_key, []).append((mail, new_to_me))
    found = []
    for (thread, day), items in days.items():
        people: list[str] = []
        unknown: list[str] = []
        for mail, _ in items:
            for _, address in [mail.sender, *mail.recipients]:
                if address in me or address in mail.lists or not address:
                    continue
                ident = index.by_email.get(address)
                if ident is None:
                    if address not in unknown:
                        unknown.append(address)
                elif ident not in people:
                    people.append(ident)
        if not people:
            continue
        first, first_new = items[0]
        first_mine = first.sender[1] in me
        answered = any(m.sender[1] in me for m, _ in items[1:])
        initiative = None
        if first_mine:
            direction = "gave"
            initiative = "pitched" if first_new else None
        else:
            direction = "shared" if answered else "received"
            initiative = "invited" if _asks(first.subject) else None
        key = f"mail:{thread}:{day}"
        assert first.when is not None
        found.append(Suggestion(
            id=suggestion_id(key, first.when), origin="mail", key=key,
            source=definition.name, when=first.when,
            title=first.subject or "(no subject)", people=tuple(people),
            unknown=tuple(unknown[:20]), network=definition.network, direction=direction,
            kind="email", initiative=initiative, calendar=definition.calendar_name,
            meta={"messages": len(items)}))
    return sorted(found, key=lambda s: (s.when, s.id))


def _merged(store: Store, fresh: Suggestion) -> Suggestion:
    """A thread-day seen at an earlier pull: its messages then and now together."""
    known = store.live.suggestion_docs().get(fresh.id)
    if known is None or known.get("state") != "waiting":
        return fresh
    old = Suggestion.from_dict(known)
    direction = old.direction
    if direction == "received" and fresh.direction in ("gave", "shared"):
        direction = "shared"  # the user answered at a later pull
    return old.with_changes(
        people=tuple(dict.fromkeys([*old.people, *fresh.people])),
        unknown=tuple(dict.fromkeys([*old.unknown, *fresh.unknown]))[:20],
        direction=direction,
        meta={**old.meta, "messages": int(old.meta.get("messages", 0))
              + int(fresh.meta.get("messages", 0))})


def pull_mail(store: Store, definition: SourceDefinition, *, rules: list[InboxRule],
              plugins: Any = None, progress: Progress | None = None,
              now: datetime | None = None) -> PullSummary:
    summary = PullSummary(definition.name, definition.kind, definition.where())
    moment = now or clock.now()
    state = store.live.state(definition.name)
    since = datetime.fromisoformat(state["since"]) if state.get("since") else \
        moment - timedelta(days=definition.since_days)
    mails: list[MailHeader] = []
    new_state: dict[str, Any] = dict(state)
    if definition.kind == "maildir":
        folder = MaildirReader(Path(definition.path or ""))
        token = folder.token()
        if token == state.get("token"):
            return summary
        seen = set(state.get("seen") or ())
        keys = folder.keys()
        fresh = sorted(keys - seen)
        if not fresh and keys == seen:
            return summary  # flags changed (a message read), nothing kith reads
        for item in folder.headers(fresh):
            if progress is not None:
                progress(1, len(fresh))
            if isinstance(item, str):
                summary.skipped.append(f"{definition.name}/{item}: cannot be read")
            else:
                mails.append(item)
        new_state.update(token=token, seen=sorted(keys))
    else:
        reader = ImapReader(definition.url or "", username=definition.username,
                            password=password(definition), folder=definition.folder)
        try:
            last = int(state.get("last_uid") or 0)
            if state.get("uidvalidity") != reader.uidvalidity:
                last = 0  # the folder was rebuilt: its UIDs mean other messages now
            uids = reader.uids_after(last)
            if not uids and state.get("uidvalidity") == reader.uidvalidity:
                return summary
            for item in reader.headers(uids):
                if progress is not None:
                    progress(1, len(uids))
                if not isinstance(item, str):
                    mails.append(item)
        finally:
            reader.close()
        new_state.update(uidvalidity=reader.uidvalidity,
                         last_uid=max([last, *uids]))
    summary.read = len(mails)
    written_to = set(state.get("written_to") or ())
    index = PeopleIndex(store)
    found = suggestions_from(mails, definition, index, written_to, since)
    undated = sum(1 for m in mails if m.when is None)
    if undated:
        summary.warnings.append(f"{undated} messages without a readable Date were skipped")
    with one_transaction(store, plugins):
        for suggestion in found:
            offer(store, _merged(store, suggestion), rules, summary, plugins=plugins)
        store.live.save_state(definition.name, {
            **new_state, "kind": definition.kind, "since": since.isoformat(),
            "written_to": sorted(written_to)[:MAX_WRITTEN_TO]})
    summary.wrote = True
    return summary
