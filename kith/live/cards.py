"""vCards of a live address book, read into people and written back.

Reading follows the vCard importer of the friends plugin (``plugins/kith_friends/vcard``):
vobject parses one card at a time, the UID is the card's source id (``vcard:UID``, the
key the vCard import uses too, so a contact imported once from a file and then pulled is
the same person), emails and phones become handles. A card vobject cannot read is
skipped, named by its item. Writing (``kith push``) changes only the properties kith
keeps (FN, EMAIL, TEL, BDAY, NOTE, CATEGORIES) in the card the server holds, so the
phone's own properties (photos, addresses, custom labels) survive, and produces vCard 3.0
or keeps the card's own version.
"""

from __future__ import annotations

import re
from typing import Any

from kith.core import limits
from kith.core.errors import ValidationError
from kith.core.model import Person, normalize_handle
from kith.importing.toolkit.records import PersonRecord

SOURCE = "vcard"
"""The importer name in source keys: ``vcard:<UID>`` (as ``kith import vcard``)."""


class CardError(ValueError):
    """A card that cannot be read; the message never quotes the card."""


def read_card(content: bytes, ref: str) -> PersonRecord:
    """One ``.vcf`` item (one card) as a person record; ``CardError`` when unreadable."""
    import vobject

    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252", errors="replace")
    if "BEGIN:VCARD" not in text.upper():
        raise CardError("no BEGIN:VCARD: not a vCard")
    if len(text) > limits.MAX_PROPERTIES_PER_RECORD * limits.MAX_FIELD_BYTES:
        raise CardError("the card is too large")
    try:
        card = vobject.readOne(text)
    except Exception:  # vobject raises many kinds on a bad card
        raise CardError("a line is not a valid vCard property") from None
    try:
        return _person(card, ref)
    except CardError:
        raise
    except (AttributeError, TypeError, ValueError) as error:
        raise CardError(f"the card cannot be read ({type(error).__name__})") from None


def _values(card: Any, key: str) -> list[str]:
    return [str(item.value).strip() for item in card.contents.get(key, [])
            if str(item.value).strip()]


def _birthday(text: str) -> str | None:
    digits = text.replace("-", "")
    if re.fullmatch(r"\d{8}", digits) and not text.startswith("--"):
        return f"{digits[:4]}-{digits[4:6]}-{digits[6:8]}"
    if re.fullmatch(r"--\d{2}-?\d{2}", text):
        return f"--{digits[-4:-2]}-{digits[-2:]}"
    match = re.match(r"(\d{4})-?(\d{2})-?(\d{2})T", text)
    return f"{match.group(1)}-{match.group(2)}-{match.group(3)}" if match else None


def _person(card: Any, ref: str) -> PersonRecord:
    names = _values(card, "fn")
    name = names[0] if names else ""
    if not name and "n" in card.contents:
        parts = card.contents["n"][0].value
        name = " ".join(filter(None, [parts.given, parts.additional, parts.family])).strip()
    handles: dict[str, list[str]] = {}
    for kind, key in (("email", "email"), ("phone", "tel")):
        for raw in _values(card, key):
            try:
                canonical, value = normalize_handle(kind, raw)
            except ValidationError:
                continue
            bucket = handles.setdefault(canonical, [])
            if value not in bucket:
                bucket.append(value)
    emails = handles.get("email", [])
    name = name or (emails[0] if emails else "")
    if len(name) > limits.MAX_NAME:
        raise CardError(f"the card's name is longer than {limits.MAX_NAME} characters")
    notes = "\n".join(_values(card, "note"))
    if len(notes) > limits.MAX_TEXT:
        raise CardError(f"the card's note is longer than {limits.MAX_TEXT:,} characters")
    tags = [t.strip() for item in card.contents.get("categories", [])
            for t in (item.value if isinstance(item.value, list) else str(item.value)
                      .split(",")) if str(t).strip()]
    nicknames = [n.strip() for v in _values(card, "nickname") for n in v.split(",")
                 if n.strip() and n.strip() != name]
    birthday = None
    bdays = _values(card, "bday")
    if bdays:
        birthday = _birthday(bdays[0])
    uid = next(iter(_values(card, "uid")), None)
    return PersonRecord(ref=ref, name=name or "(no name)", handles=handles, source_id=uid,
                        aliases=nicknames, tags=tags, notes=notes, birthday=birthday)


def card_uid(content: bytes) -> str | None:
    """The UID line of a card, read without parsing the rest."""
    match = re.search(rb"^UID[^:\r\n]*:(.+?)\r?$", content, re.MULTILINE | re.IGNORECASE)
    return match.group(1).decode("utf-8", "replace").strip() if match else None


def write_card(person: Person, current: bytes | None, uid: str) -> bytes:
    """``person``'s card: the one the server holds (``current``) with the properties kith
    keeps replaced, or a new vCard 3.0. Checked by parsing it back (strict writing)."""
    import vobject

    if current is not None:
        card = vobject.readOne(current.decode("utf-8-sig", errors="replace"))
    else:
        card = vobject.vCard()
        card.add("version").value = "3.0"
        card.add("uid").value = uid
    for key in ("fn", "email", "tel", "bday", "note", "categories"):
        card.contents.pop(key, None)
    card.add("fn").value = person.name
    if "n" not in card.contents:
        given, _, family = person.name.rpartition(" ")
        card.add("n").value = vobject.vcard.Name(family=family or person.name,
                                                 given=given)
    for email in person.handles.get("email", []):
        card.add("email").value = email
    for phone in person.handles.get("phone", []):
        card.add("tel").value = phone
    if person.birthday:
        card.add("bday").value = person.birthday
    if person.notes:
        card.add("note").value = person.notes
    if person.tags:
        card.add("categories").value = list(person.tags)
    text = card.serialize()
    vobject.readOne(text)  # never write a card kith could not read back
    return text.encode("utf-8")
