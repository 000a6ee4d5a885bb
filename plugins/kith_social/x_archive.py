"""X / Twitter account archive: the zip or its unpacked folder.

Reads ``data/manifest.js`` to find every part file of each data type (large archives
split ``tweets.js`` into parts; old archives call it ``tweet.js``), falling back to file
names when there is no manifest. People come from reply and mention fields (the only
id-to-handle map in the archive), direct messages (including group chats), followers and
following. The owner comes from ``account.js``.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from kith.api import (
    ImportBatch,
    ImportContext,
    ImportFormatError,
    InteractionRecord,
    Message,
    NetworkHint,
    PersonRecord,
    SourceTree,
    conversation_days,
    open_source,
)
from kith_social.jsdata import need, parse_assignment

FALLBACK_FILES = {
    "account": ["account.js"],
    "tweets": ["tweets.js", "tweets-part*.js", "tweet.js", "tweet-part*.js"],
    "directMessages": ["direct-messages.js", "direct-messages-part*.js",
                       "direct-message.js", "direct-message-part*.js"],
    "directMessagesGroup": ["direct-messages-group.js", "direct-messages-group-part*.js",
                            "direct-message-group.js"],
    "follower": ["follower.js", "follower-part*.js"],
    "following": ["following.js", "following-part*.js"],
}


MONTHS = {m: i for i, m in enumerate(
    ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), 1)}


def tweet_time(text: str) -> datetime:
    """``Sat Aug 12 16:10:37 +0000 2023`` (``%a %b %d %H:%M:%S %z %Y``), parsed by hand:
    ``strptime`` was a tenth of the time of importing 100k tweets."""
    _, month, day, clock, offset, year = text.split()
    hour, minute, second = clock.split(":")
    sign = -1 if offset[0] == "-" else 1
    delta = timedelta(hours=int(offset[1:3]), minutes=int(offset[3:5])) * sign
    return datetime(int(year), MONTHS[month], int(day), int(hour), int(minute), int(second),
                    tzinfo=timezone(delta))


def _data_root(tree: SourceTree) -> str:
    for name in tree.names():
        if name.endswith("data/manifest.js") or name.endswith("data/account.js"):
            return name.rsplit("data/", 1)[0] + "data/"
    raise ImportFormatError("not an X archive: no data/manifest.js or data/account.js",
                            file=str(tree.path))


def _files(tree: SourceTree, root: str) -> dict[str, list[str]]:
    """Part files per data type, from the manifest when there is one."""
    names = set(tree.names())
    manifest = root + "manifest.js"
    found: dict[str, list[str]] = {}
    if manifest in names:
        config = parse_assignment(tree.read_text(manifest), tree.describe(manifest))
        for kind, entry in (config.get("dataTypes") or {}).items() if isinstance(
                config, dict) else []:
            files = [root.rsplit("data/", 1)[0] + f["fileName"].removeprefix("./")
                     for f in (entry or {}).get("files", []) if isinstance(f, dict)
                     and "fileName" in f]
            present = [f for f in files if f in names]
            if present:
                found[kind] = present
    for kind, patterns in FALLBACK_FILES.items():
        if kind in found:
            continue
        matches: list[str] = []
        for pattern in patterns:
            matches += [n for n in tree.glob(root + pattern) if n not in matches]
        if matches:
            found[kind] = matches
    return found


def _items(tree: SourceTree, files: list[str]) -> list[tuple[str, int, Any]]:
    result = []
    for name in files:
        data = parse_assignment(tree.read_text(name), tree.describe(name))
        if not isinstance(data, list):
            raise ImportFormatError("expected a list of records", file=tree.describe(name))
        where = tree.describe(name)
        result += [(where, index, item) for index, item in enumerate(data, 1)]
    return result


def _person(people: dict[str, PersonRecord], account_id: str, handle: str | None,
            name: str | None) -> str:
    ref = f"x:{account_id}"
    record = people.get(ref)
    if record is None:
        record = people[ref] = PersonRecord(ref=ref, name=name or (f"@{handle}" if handle
                                            else f"X user {account_id}"),
                                            source_id=account_id)
    if handle and "x" not in record.handles:
        record.handles["x"] = [handle]
        if record.name.startswith("X user "):
            record.name = name or f"@{handle}"
    if name and record.name.startswith(("@", "X user ")):
        record.name = name
    return ref


def parse(path: Path, context: ImportContext) -> ImportBatch:
    with open_source(path) as tree:
        root = _data_root(tree)
        files = _files(tree, root)
        accounts = _items(tree, files.get("account", []))
        if not accounts:
            raise ImportFormatError("no account.js: cannot tell whose archive this is",
                                    file=str(path))
        where, index, item = accounts[0]
        account = need(item, "account", where, index)
        owner_id = str(need(account, "accountId", where, index))
        owner_handle = str(need(account, "username", where, index))
        owner = PersonRecord(ref=f"x:{owner_id}", name=account.get("accountDisplayName")
                             or owner_handle, handles={"x": [owner_handle]})
        people: dict[str, PersonRecord] = {}
        interactions: list[InteractionRecord] = []
        tweets = _items(tree, files.get("tweets", []))
        context.progress(0, len(tweets))
        public: list[Message] = []
        for where, index, item in tweets:
            tweet = item.get("tweet", item) if isinstance(item, dict) else item
            try:
                ident = str(need(tweet, "id_str", where, index))
                try:
                    when = tweet_time(need(tweet, "created_at", where, index))
                except (TypeError, ValueError, KeyError, IndexError):
                    raise ImportFormatError(f"bad created_at {tweet.get('created_at')!r}",
                                            file=where,
                                            record=f"{index} (tweet {ident})") from None
            except ImportFormatError as error:
                context.bad_record(error)
                continue
            targets: dict[str, str] = {}
            reply_to = tweet.get("in_reply_to_user_id_str")
            if reply_to and str(reply_to) != owner_id:
                targets[_person(people, str(reply_to), tweet.get("in_reply_to_screen_name"),
                                None)] = "reply"
            for mention in (tweet.get("entities") or {}).get("user_mentions") or []:
                mention_id = str(mention.get("id_str") or "")
                if mention_id and mention_id != owner_id:
                    ref = _person(people, mention_id, mention.get("screen_name"),
                                  mention.get("name"))
                    targets.setdefault(ref, "mention")
            for ref, kind in targets.items():
                public.append(Message(conversation=f"public-{ref}", when=when,
                                      sender=owner.ref, participants=(ref,), kind=kind,
                                      text=tweet.get("full_text", "")))
            context.progress(1, None)
        interactions += conversation_days(public, owner.ref, prefix="tweets",
                                          default_kind="mention")
        interactions += _direct_messages(tree, files, owner, people, context)
        for kind in ("follower", "following"):
            for where, index, item in _items(tree, files.get(kind, [])):
                try:
                    entry = need(item, kind, where, index)
                    account_id = str(need(entry, "accountId", where, index))
                except ImportFormatError as error:
                    context.bad_record(error)
                    continue
                if account_id != owner_id:
                    ref = _person(people, account_id, None, None)
                    people[ref].extra[f"x_{kind}"] = True
    return ImportBatch(people=list(people.values()), interactions=interactions, owner=owner,
                       network=NetworkHint(f"X @{owner_handle}", "social"))


def _direct_messages(tree: SourceTree, files: dict[str, list[str]], owner: PersonRecord,
                     people: dict[str, PersonRecord], context: ImportContext
                     ) -> list[InteractionRecord]:
    messages: list[Message] = []
    for kind in ("directMessages", "directMessagesGroup"):
        for where, index, item in _items(tree, files.get(kind, [])):
            try:
                conversation = need(item, "dmConversation", where, index)
                conv_id = str(need(conversation, "conversationId", where, index))
            except ImportFormatError as error:
                context.bad_record(error)
                continue
            raw: list[Any] = [m.get("messageCreate") for m in conversation.get("messages") or []
                              if isinstance(m, dict) and m.get("messageCreate")]
            members = {str(m.get("senderId")) for m in raw} | {
                str(m["recipientId"]) for m in raw if m.get("recipientId")}
            if kind == "directMessages":
                members |= set(conv_id.split("-"))
            refs = tuple(_person(people, member, None, None) if member != owner.source_id
                         and f"x:{member}" != owner.ref else owner.ref
                         for member in sorted(members) if member and member != "None")
            for number, message in enumerate(raw, 1):
                try:
                    when = datetime.fromisoformat(str(message["createdAt"]).replace("Z",
                                                                                    "+00:00"))
                    sender = str(message["senderId"])
                except (KeyError, ValueError):
                    context.bad_record(ImportFormatError(
                        "message without a valid createdAt/senderId", file=where,
                        record=f"{index} (conversation {conv_id}, message {number})"))
                    continue
                messages.append(Message(conversation=conv_id, when=when,
                                        sender=f"x:{sender}", participants=refs,
                                        text=str(message.get("text") or "")))
    return conversation_days(messages, owner.ref, prefix="dm")
