"""vCard contacts (2.1, 3.0, 4.0): one file with many cards, or a folder of ``.vcf``.

Parsed with vobject, one card at a time, so a bad card is reported by file and card
number: the rest is imported and the bad ones listed (``--strict`` stops at the first
bad card instead). vCard 2.1's
quoted-printable values, which vobject rejects, are decoded first. Handled traps: folded
lines, Apple's grouped ``item1.EMAIL``, birthdays without a year (``--0415``) or as text,
``TEL;VALUE=uri:tel:...``, base64 photos (ignored), non-Latin names, contacts with only an
organisation or only a last name. The card's UID is its source id, so a re-import matches
on UID first, then on email or phone.
"""

from __future__ import annotations

import contextlib
import json
import quopri
import re
from pathlib import Path
from typing import Any

from kith.api import (
    MAX_FIELD_BYTES,
    MAX_NAME,
    MAX_PROPERTIES_PER_RECORD,
    MAX_TEXT,
    ImportBatch,
    ImportContext,
    ImportFormatError,
    NetworkHint,
    PersonRecord,
    ValidationError,
    is_id,
    kind_of_profile_url,
    list_files,
    normalize_handle,
    read_limited,
)

CARD = re.compile(r"BEGIN:VCARD\s*?\r?\n.*?END:VCARD", re.IGNORECASE | re.DOTALL)


def split_cards(text: str) -> list[tuple[int, str | None, str, int]]:
    """``(card number, card text or None if unclosed, problem, first line)`` for every
    BEGIN:VCARD."""
    starts = [m.start() for m in re.finditer(r"^BEGIN:VCARD", text, re.IGNORECASE | re.M)]
    cards: list[tuple[int, str | None, str, int]] = []
    line, previous = 1, 0
    for number, start in enumerate(starts, 1):
        line += text.count("\n", previous, start)
        previous = start
        end = starts[number] if number < len(starts) else len(text)
        chunk = text[start:end]
        match = CARD.match(chunk)
        if match is None:
            cards.append((number, None, "the card is never closed (no END:VCARD)", line))
        else:
            cards.append((number, match.group(0), "", line))
    return cards


def decode_quoted_printable(card: str) -> str:
    """vCard 2.1: join soft line breaks and decode ``ENCODING=QUOTED-PRINTABLE`` values."""
    if "QUOTED-PRINTABLE" not in card.upper():
        return card
    card = re.sub(r"=\r?\n", "", card)
    lines = []
    for line in card.splitlines():
        head, sep, value = line.partition(":")
        if sep and "QUOTED-PRINTABLE" in head.upper():
            charset = re.search(r"CHARSET=([\w-]+)", head, re.IGNORECASE)
            raw = quopri.decodestring(value.encode("ascii", errors="replace"))
            value = raw.decode(charset.group(1) if charset else "utf-8", errors="replace")
            value = value.replace("\r\n", "\\n").replace("\n", "\\n")  # stay one line
            head = re.sub(r";(ENCODING=)?QUOTED-PRINTABLE", "", head, flags=re.IGNORECASE)
            head = re.sub(r";CHARSET=[\w-]+", "", head, flags=re.IGNORECASE)
        lines.append(f"{head}{sep}{value}")
    return "\r\n".join(lines) + "\r\n"


def _birthday(value: Any) -> tuple[str | None, str | None]:
    """``(birthday, text)``: ISO or ``--MM-DD``, or the text kith could not read."""
    text = str(value).strip()
    digits = text.replace("-", "")
    if re.fullmatch(r"\d{8}", digits) and not text.startswith("--"):
        return f"{digits[:4]}-{digits[4:6]}-{digits[6:8]}", None
    if re.fullmatch(r"--\d{2}-?\d{2}", text):
        return f"--{digits[-4:-2]}-{digits[-2:]}", None
    match = re.match(r"(\d{4})-?(\d{2})-?(\d{2})T", text)
    if match:
        return f"{match.group(1)}-{match.group(2)}-{match.group(3)}", None
    return None, text or None


def social_handle(item: Any) -> tuple[str, str] | None:
    """``(kind, handle)`` of an ``X-SOCIALPROFILE``, ``IMPP`` or ``X-KITH-HANDLE`` line,
    normalised by ``kith.core.handles``; ``None`` for one kith cannot read (skipped, never
    the reason a card fails)."""
    value = str(item.value).strip()
    params = {k.upper(): v for k, v in (item.params or {}).items()}
    try:
        if item.name.upper() == "IMPP":
            scheme, _, address = value.partition(":")
            return normalize_handle(scheme, address) if address else None
        kinds = [str(t).lower() for t in params.get("TYPE", []) if str(t).strip()]
        if item.name.upper() == "X-KITH-HANDLE":
            return normalize_handle(kinds[0], value) if kinds and value else None
        user = next((str(u).strip().strip('"') for u in params.get("X-USER", [])), "")
        kind = kinds[0] if kinds else (kind_of_profile_url(value) or "")
        if not kind or not (user or value):
            return None
        if value and kind_of_profile_url(value) == kind:
            return normalize_handle(kind, value)  # the profile's address says it all
        return normalize_handle(kind, user or value)
    except ValidationError:
        return None


def card_to_person(card: Any, ref: str) -> PersonRecord:
    contents = card.contents

    def values(key: str) -> list[Any]:
        return [item.value for item in contents.get(key, [])]

    name = next((str(v).strip() for v in values("fn") if str(v).strip()), "")
    if not name and "n" in contents:
        parts = contents["n"][0].value
        name = " ".join(filter(None, [parts.prefix, parts.given, parts.additional,
                                      parts.family, parts.suffix])).strip()
    organisations = [" ".join(filter(None, v if isinstance(v, list) else [v])).strip()
                     for v in values("org")]
    organisations = [o for o in organisations if o]
    nicknames = [n.strip() for v in values("nickname")
                 for n in (v if isinstance(v, list) else [v]) if str(n).strip()]
    emails = [str(v).strip() for v in values("email") if str(v).strip()]
    name = name or (organisations[0] if organisations else "") or (nicknames[0] if nicknames
                                                                     else "") or \
        (emails[0] if emails else "")
    handles: dict[str, list[str]] = {}
    for email in emails:
        try:
            kind, value = normalize_handle("email", email)
            handles.setdefault(kind, []).append(value)
        except ValidationError:
            continue
    for tel in values("tel"):
        text = str(tel).strip()
        try:
            kind, value = normalize_handle("phone", text)
            handles.setdefault(kind, []).append(value)
        except ValidationError:
            continue
    for url in values("url"):
        if str(url).strip():
            handles.setdefault("url", []).append(str(url).strip())
    for item in [*contents.get("x-socialprofile", []), *contents.get("impp", []),
                 *contents.get("x-kith-handle", [])]:
        found = social_handle(item)
        if found:
            handles.setdefault(found[0], []).append(found[1])
    birthday, birthday_text = (None, None)
    if "bday" in contents:
        birthday, birthday_text = _birthday(contents["bday"][0].value)
    tags = [t.strip() for v in values("categories") for t in (v if isinstance(v, list)
                                                               else str(v).split(","))
            if t.strip()]
    notes = "\n".join(str(v).strip() for v in values("note") if str(v).strip())
    extra: dict[str, Any] = {}
    if organisations:
        extra["organisation"] = organisations[0]
    if birthday_text:
        extra["birthday_text"] = birthday_text
    if "kind" in contents and str(contents["kind"][0].value).lower() == "org":
        extra["kind"] = "org"
    for text in values("x-kith-extra"):
        with contextlib.suppress(ValueError, TypeError):
            loaded = json.loads(str(text))
            if isinstance(loaded, dict):
                extra = {**loaded, **extra}
    cadence = next((int(str(v).strip()) for v in values("x-kith-cadence")
                    if str(v).strip().isdigit() and int(str(v).strip()) > 0), None)

    if len(name) > MAX_NAME or any(len(a) > MAX_NAME for a in nicknames):
        raise ValueError(f"the card's name is longer than {MAX_NAME} characters")
    if len(notes) > MAX_TEXT:
        raise ValueError(f"the card's note is longer than {MAX_TEXT:,} characters")
    uid = next((str(v).strip() for v in values("uid") if str(v).strip()), None)
    # without a UID, email or phone, the name is all a re-import can match on
    return PersonRecord(ref=ref, name=name or "(no name)", handles=handles, source_id=uid,
                        aliases=[n for n in nicknames if n != name], tags=tags, notes=notes,
                        birthday=birthday, extra=extra, cadence_days=cadence,
                        kith_id=uid if uid and is_id(uid) else None,
                        match_by_name=not uid and not handles)


_BINARY = re.compile(r"^(?:[\w-]+\.)?(PHOTO|LOGO|SOUND|KEY)[;:]", re.IGNORECASE)
_UNFOLD = re.compile(r"\r?\n[ \t]")


def check_card(card: str) -> str:
    """The card without the binary properties kith ignores (photos, logos, sounds, keys),
    or a ``ValueError`` naming the limit it breaks: at most ``MAX_PROPERTIES_PER_RECORD``
    properties and ``MAX_FIELD_BYTES`` per property, checked before vobject parses it.
    The message never quotes the card (it holds personal data)."""

    lines = _UNFOLD.sub("", card).splitlines()
    kept = [line for line in lines if not _BINARY.match(line)]
    if len(kept) > MAX_PROPERTIES_PER_RECORD + 3:  # BEGIN, VERSION, END
        raise ValueError(f"the card has {len(kept):,} properties "
                         f"(at most {MAX_PROPERTIES_PER_RECORD:,})")
    for number, line in enumerate(kept, 1):
        if len(line) > MAX_FIELD_BYTES:
            raise ValueError(f"property {number} of the card is longer than "
                             f"{MAX_FIELD_BYTES // 1024} KB")
    return "\r\n".join(kept) + "\r\n"


def _parse_problem(error: Exception, first_line: int) -> str:
    """What went wrong, with the file's line number but never the line itself."""
    line = getattr(error, "lineNumber", None)
    where = f" near line {first_line + int(line) - 1}" if isinstance(line, int) else \
        f" (card starts at line {first_line})"
    if isinstance(error, ValueError) and str(error).startswith(("the card", "property")):
        return f"{error}{where}"
    return f"a line is not a valid vCard property{where}"


def parse(path: Path, context: ImportContext) -> ImportBatch:
    import vobject


    links: list[Path] = []
    if path.is_dir():
        files, links = list_files(path, (".vcf",))
    else:
        files = [path]
    if not files:
        raise ImportFormatError("no .vcf files in this folder", file=str(path))
    people: list[PersonRecord] = []
    for link in links:
        context.warn(f"{link}: a link, not followed (kith never follows links)")
    for file in files:
        raw = read_limited(file, follow=file == path)
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")
        cards = split_cards(text)
        if not cards and text.strip():
            problem = ImportFormatError("no BEGIN:VCARD found: not a vCard file", file=str(file))
            if len(files) == 1:
                raise problem  # not the format at all
            context.bad_record(problem)
        for number, card_text, problem_text, first_line in cards:
            try:
                if card_text is None:
                    raise ValueError(problem_text)
                card = vobject.readOne(decode_quoted_printable(check_card(card_text)))
                people.append(card_to_person(card, f"{file.name}#{number}"))
            except Exception as error:  # vobject raises many kinds on bad cards
                why = problem_text or _parse_problem(error, first_line)
                context.bad_record(ImportFormatError(f"unreadable card: {why}", file=str(file),
                                                     record=f"card {number}"))
            context.progress(1, None)
    return ImportBatch(people=people, network=NetworkHint("Friends", "friends"))
