"""The ``mbox`` importer: one interaction per thread and day.

Who you are comes from ``--me ADDRESS`` (repeatable, for several addresses) or, without
it, from the address found in most messages (in your own mailbox, you are in all of
them). Mailing-list addresses (``List-Post``, ``List-Id``) are not people.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from kith.api import (
    ImportBatch,
    ImportContext,
    ImportFormatError,
    Message,
    NetworkHint,
    PersonRecord,
    conversation_days,
)
from kith_mbox.reader import Mail, MboxError, read_mbox


def mails(path: Path) -> Any:
    """The file's messages, with a file-and-line error for what is not an mbox."""
    if path.is_dir():
        raise ImportFormatError("expected an mbox file, got a folder", file=str(path))
    try:
        yield from read_mbox(path)
    except MboxError as error:
        raise ImportFormatError(str(error), file=str(path), record=f"line {error.line}") \
            from None
    except OSError as error:
        raise ImportFormatError(error.strerror or str(error), file=str(path)) from None


def guess_me(path: Path) -> set[str]:
    """The address in most messages (a first pass that keeps only counters)."""
    seen: Counter[str] = Counter()
    total = 0
    for mail in mails(path):
        total += 1
        seen.update({mail.sender[1], *(a for _, a in mail.recipients)} - mail.list_addresses)
    if not seen:
        return set()
    best, count = seen.most_common(1)[0]
    if count * 2 < total:
        raise ImportFormatError("cannot tell which address is yours (no address is in "
                                "most messages): pass --me ADDRESS", file=str(path))
    return {best}


def parse(path: Path, context: ImportContext) -> ImportBatch:
    me = {a.lower() for a in context.options.get("me") or ()} or guess_me(path)
    batch = ImportBatch(network=NetworkHint("Email", "other"))
    people: dict[str, PersonRecord] = {}
    messages: list[Message] = []
    owner = "me"
    undated = 0

    def ref(name: str, addr: str) -> str:
        if addr in me:
            return owner
        if addr not in people:
            people[addr] = PersonRecord(ref=addr, name=name or addr, source_id=addr,
                                        handles={"email": [addr]})
        return addr

    for mail in mails(path):
        context.progress(1, None)
        if mail.when is None:
            undated += 1
            batch.skipped.append(f"message {mail.number} (line {mail.line}): no readable Date")
            continue
        if not mail.sender[1]:
            batch.skipped.append(f"message {mail.number} (line {mail.line}): no From address")
            continue
        sender = ref(*mail.sender)
        participants = tuple(dict.fromkeys(
            ref(name, addr) for name, addr in mail.recipients
            if addr not in mail.list_addresses))
        messages.append(Message(conversation=mail.thread or mail.message_id, when=mail.when,
                                sender=sender, participants=participants,
                                text=_first_lines(mail), kind="email"))
    batch.people = list(people.values())
    batch.interactions = conversation_days(messages, owner, prefix="mbox",
                                           default_kind="email")
    if undated:
        batch.warnings.append(f"{undated} messages without a readable date were skipped")
    return batch


def _first_lines(mail: Mail) -> str:
    """Subject and the start of the body, without quoted replies (for question words)."""
    lines = [line for line in mail.body.splitlines()[:20] if not line.startswith(">")]
    return " ".join([mail.subject, *lines])[:500]
