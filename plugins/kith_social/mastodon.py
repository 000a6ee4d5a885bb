"""Mastodon account archive (``.tar.gz`` or folder) and ``following_accounts.csv``.

From ``outbox.json`` (ActivityStreams): posts that mention or reply to someone become
conversation-days with them; direct posts (addressed only to people) are private
messages; boosts (``Announce``) and likes credit the author of the status when its URI
names them. The owner comes from ``actor.json``. The separate CSV of followed accounts
(``Account address,Show boosts,...``) adds people with their handles.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from kith.api import (
    ImportBatch,
    ImportContext,
    ImportFormatError,
    Message,
    NetworkHint,
    PersonRecord,
    conversation_days,
    open_source,
    read_limited,
)
from kith_social.jsdata import need, parse_json

PUBLIC = "https://www.w3.org/ns/activitystreams#Public"
STATUS_URI = re.compile(r"^https?://([^/]+)/users/([^/]+)/statuses/")
PROFILE_URI = re.compile(r"^https?://([^/]+)/(?:users/|@)([^/]+)/?$")


def _listed(value: Any) -> list[Any]:
    """A field that holds a list: the list, one item alone, or (anything else) none."""
    if isinstance(value, list):
        return value
    return [value] if isinstance(value, str | dict) else []


def visibility(activity: dict[str, Any], followers: str) -> str:
    to, cc = _listed(activity.get("to")), _listed(activity.get("cc"))
    if PUBLIC in to:
        return "public"
    if PUBLIC in cc:
        return "unlisted"
    if followers in to or followers in cc:
        return "followers"
    return "direct"


def _text(value: Any) -> str | None:
    """A field that must be text (an archive edited or made by another program can hold an
    object or a number anywhere): the text, or None."""
    return value if isinstance(value, str) and value else None


def _handle(name: str, href: str) -> str | None:
    """``@user@host`` from a mention's name (``@user`` for local users) and href."""
    name = name.strip()
    if name.count("@") >= 2:
        return name
    match = PROFILE_URI.match(href or "")
    if match:
        return f"@{match.group(2)}@{match.group(1)}"
    host = urlparse(href or "").hostname
    return f"@{name.lstrip('@')}@{host}" if host and name else None


def _person(people: dict[str, PersonRecord], handle: str, url: str | None = None) -> str:
    ref = f"mastodon:{handle.lower()}"
    if ref not in people:
        people[ref] = PersonRecord(ref=ref, name=handle, handles={"mastodon": [handle]},
                                   source_id=handle.lower())
        if url:
            people[ref].handles["url"] = [url]
    return ref


def parse_following_csv(path: Path, text: str, context: ImportContext) -> ImportBatch:
    people: dict[str, PersonRecord] = {}
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if not header or header[0].strip() != "Account address":
        raise ImportFormatError("not a Mastodon following_accounts.csv (expected the header "
                                "'Account address,Show boosts,...')", file=str(path), record=1)
    for line, row in enumerate(reader, 2):
        if not row or not row[0].strip():
            continue
        address = row[0].strip()
        if "@" not in address:
            context.bad_record(ImportFormatError(f"not an account address: {address!r}",
                                                 file=str(path), record=f"line {line}"))
            continue
        ref = _person(people, "@" + address.lstrip("@"))
        people[ref].extra["mastodon_following"] = True
    return ImportBatch(people=list(people.values()), network=NetworkHint("Mastodon", "social"))


def parse(path: Path, context: ImportContext) -> ImportBatch:
    if path.suffix.lower() == ".csv":
        return parse_following_csv(path, read_limited(path).decode("utf-8-sig"), context)
    with open_source(path) as tree:
        names = tree.names()
        outbox_name = next((n for n in names if n.rsplit("/", 1)[-1] == "outbox.json"), None)
        actor_name = next((n for n in names if n.rsplit("/", 1)[-1] == "actor.json"), None)
        if not outbox_name or not actor_name:
            raise ImportFormatError("not a Mastodon archive: needs outbox.json and actor.json",
                                    file=str(path))
        actor = parse_json(tree.read_bytes(actor_name), tree.describe(actor_name))
        outbox = parse_json(tree.read_bytes(outbox_name), tree.describe(outbox_name))
        likes_name = next((n for n in names if n.rsplit("/", 1)[-1] == "likes.json"), None)
        likes = parse_json(tree.read_bytes(likes_name), tree.describe(likes_name)) \
            if likes_name else {}
    where = str(path)
    if not isinstance(actor, dict):
        raise ImportFormatError("actor.json is not an object", file=where)
    actor_id = _text(need(actor, "id", where, "actor.json"))
    username = _text(need(actor, "preferredUsername", where, "actor.json"))
    if not actor_id or not username:
        raise ImportFormatError("actor.json: 'id' and 'preferredUsername' must be text",
                                file=where, record="actor.json")
    host = urlparse(actor_id).hostname or "unknown"
    me = f"@{username}@{host}".lower()
    for key in ("url", "name", "followers"):
        if actor.get(key) is not None and _text(actor.get(key)) is None:
            context.bad_record(ImportFormatError(f"'{key}' is not text; left out",
                                                 file=where, record="actor.json"))
    owner = PersonRecord(ref="owner", name=_text(actor.get("name")) or username,
                         handles={"mastodon": [me],
                                  "url": [_text(actor.get("url")) or actor_id]})
    followers = _text(actor.get("followers")) or f"{actor_id}/followers"
    people: dict[str, PersonRecord] = {}
    messages: list[Message] = []
    items = outbox.get("orderedItems") if isinstance(outbox, dict) else None
    if not isinstance(items, list):
        raise ImportFormatError("outbox.json has no orderedItems list", file=where)
    context.progress(0, len(items))
    for index, activity in enumerate(items, 1):
        record = f"outbox item {index}"
        try:
            if not isinstance(activity, dict):
                raise ImportFormatError("not an activity", file=where, record=record)
            kind = activity.get("type")
            try:
                when = datetime.fromisoformat(str(need(activity, "published", where, record))
                                              .replace("Z", "+00:00"))
            except ValueError:
                raise ImportFormatError(f"bad published time {activity.get('published')!r}",
                                        file=where, record=record) from None
        except ImportFormatError as error:
            context.bad_record(error)
            continue
        obj = activity.get("object")
        if kind == "Announce" and isinstance(obj, str):
            match = STATUS_URI.match(obj)
            if match and f"@{match.group(2)}@{match.group(1)}".lower() != me:
                ref = _person(people, f"@{match.group(2)}@{match.group(1)}")
                messages.append(Message(f"boost-{ref}", when, "owner", (ref,), kind="boost"))
        elif kind == "Create" and isinstance(obj, dict):
            seen = visibility(activity, followers)
            refs = []
            tags = _listed(obj.get("tag"))
            for tag in tags:
                if isinstance(tag, dict) and tag.get("type") == "Mention":
                    href = _text(tag.get("href"))
                    if tag.get("href") is not None and href is None:
                        context.bad_record(ImportFormatError(
                            "a mention's 'href' is not text; left out", file=where,
                            record=record))
                    handle = _handle(_text(tag.get("name")) or "", href or "")
                    if handle and handle.lower() != me:
                        refs.append(_person(people, handle, href))
            if not refs:
                continue
            text = re.sub(r"<[^>]+>", " ", str(obj.get("content") or ""))
            if seen == "direct":
                conversation = str(obj.get("conversation") or "-".join(sorted(refs)))
                messages.append(Message(f"direct-{conversation}", when, "owner",
                                        tuple(refs), text=text))
            else:
                kind_word = "reply" if obj.get("inReplyTo") else "mention"
                for ref in refs:
                    messages.append(Message(f"public-{ref}", when, "owner", (ref,),
                                            kind=kind_word, text=text))
        context.progress(1, None)
    liked = likes.get("orderedItems") if isinstance(likes, dict) else None
    for uri in liked or []:
        match = STATUS_URI.match(str(uri))
        if match and f"@{match.group(2)}@{match.group(1)}".lower() != me:
            ref = _person(people, f"@{match.group(2)}@{match.group(1)}")
            people[ref].extra["mastodon_likes"] = people[ref].extra.get("mastodon_likes", 0) + 1
    interactions = conversation_days(messages, "owner", prefix="outbox",
                                     default_kind="mention")
    return ImportBatch(people=list(people.values()), interactions=interactions, owner=owner,
                       network=NetworkHint(f"Mastodon {me}", "social"))
