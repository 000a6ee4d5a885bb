"""``kith export vcard [--network N] PATH``: people as vCard 4.0 that round-trips.

Exporting and importing into an empty database gives the same people: names, aliases
(NICKNAME), emails, phones (``tel:`` URIs), every other handle (X, Mastodon, LinkedIn,
GitHub... as ``X-SOCIALPROFILE``, messengers as ``IMPP``), web sites (URL), birthdays
(with or without a year), organisation, notes, tags (CATEGORIES) and a UID. The file is
written atomically and is readable by its owner only.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Any

import click

from kith.api import KithApp, KithError, check_path_text, output, pass_app

_LINE_BREAKS = re.compile("\r\n|[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
"""Everything a reader might take for the end of a line (``str.splitlines`` does)."""
_OTHER_CONTROLS = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f]")


def _escape(text: str) -> str:
    """A TEXT value escaped as RFC 6350 section 3.4 says: backslash, comma, semicolon and
    newline, with CR, CRLF and every other line break taken as a newline, so no value
    can end its line and start a property of its own; other control characters, which
    vCard cannot carry, are dropped."""
    text = (str(text).replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;"))
    text = _LINE_BREAKS.sub("\\\\n", text)
    return _OTHER_CONTROLS.sub("", text)


def _fold(line: str) -> str:
    """Lines longer than 75 octets are folded (RFC 6350 section 3.2)."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts: list[str] = []
    current = b""
    for char in line:
        piece = char.encode("utf-8")
        if len(current) + len(piece) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += piece
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


MESSENGERS = ("telegram", "signal", "whatsapp", "xmpp", "matrix", "skype", "sip")
"""Handle kinds that are instant-messaging addresses: written as ``IMPP:kind:value``."""

PROFILE_URLS = {"x": "https://x.com/{}", "github": "https://github.com/{}",
                "instagram": "https://instagram.com/{}", "bluesky": "https://bsky.app/profile/{}",
                "linkedin": "https://{}", "facebook": "https://{}"}


def profile_url(kind: str, value: str) -> str | None:
    """The web address of a social handle, when kith knows the service."""
    if kind == "mastodon":
        user, _, host = value.lstrip("@").partition("@")
        return f"https://{host}/@{user}" if host else None
    pattern = PROFILE_URLS.get(kind)
    return pattern.format(value) if pattern else None


def handle_line(kind: str, value: str) -> str:
    """A handle other than email, phone and URL: ``IMPP`` for messengers, else
    ``X-SOCIALPROFILE`` (as Apple and Google write it) with the service as ``TYPE``, the
    handle itself as ``X-USER`` (so the import gets it back exactly) and the profile's
    address as the value when there is one."""
    if kind in MESSENGERS:
        return f"IMPP:{kind}:{_escape(value)}"
    user = _OTHER_CONTROLS.sub("", _LINE_BREAKS.sub(" ", value)).replace('"', "'")
    # a parameter value cannot hold a line break or a quote (RFC 6350 section 3.3)
    return (f'X-SOCIALPROFILE;TYPE={kind};X-USER="{user}":'
            f"{_escape(profile_url(kind, value) or value)}")


def person_to_vcard(person: dict[str, Any]) -> str:
    name = person["name"]
    words = name.split()
    family, given = (words[-1], " ".join(words[:-1])) if len(words) > 1 else (name, "")
    lines = ["BEGIN:VCARD", "VERSION:4.0", f"UID:{_escape(person['id'])}",
             f"FN:{_escape(name)}", f"N:{_escape(family)};{_escape(given)};;;"]
    if person.get("aliases"):
        lines.append("NICKNAME:" + ",".join(_escape(a) for a in person["aliases"]))
    for email in person.get("handles", {}).get("email", []):
        lines.append(f"EMAIL:{_escape(email)}")
    for phone in person.get("handles", {}).get("phone", []):
        lines.append(f"TEL;VALUE=uri:tel:{_escape(phone)}")
    for url in person.get("handles", {}).get("url", []):
        lines.append(f"URL:{_escape(url)}")
    for kind, values in person.get("handles", {}).items():
        if kind in ("email", "phone", "url"):
            continue
        for value in values:
            lines.append(handle_line(kind, value))
    birthday = person.get("birthday")
    if birthday:
        lines.append("BDAY:" + _escape(f"--{birthday[2:4]}{birthday[5:7]}"
                                       if birthday.startswith("--")
                                       else birthday.replace("-", "")))
    organisation = (person.get("extra") or {}).get("organisation")
    if organisation:
        lines.append(f"ORG:{_escape(organisation)}")
    if person.get("notes"):
        lines.append(f"NOTE:{_escape(person['notes'])}")
    if person.get("tags"):
        lines.append("CATEGORIES:" + ",".join(_escape(t) for t in person["tags"]))
    lines.append("END:VCARD")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"


def write_private(path: Path, text: str) -> None:
    """Write atomically (temporary file, fsync, rename), readable by the owner only."""
    folder = path.parent if str(path.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@click.command("vcard")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--network", help="Only people in this network.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON summary.")
@pass_app
def export_vcard(app: KithApp, path: Path, network: str | None, as_json: bool) -> None:
    """Write people as vCard 4.0 (PATH; `-` for standard output)."""
    check_path_text(str(path), "the export path", 4096)

    store = app.store
    found = store.find_network(network) if network else None  # raises when not found
    net_id = found.id if found else None
    people = [p for i, p in sorted(store.people_docs().items(), key=lambda x: x[1]["name"])
              if i != "me" and (net_id is None or net_id in p["networks"])]
    text = "".join(person_to_vcard(p) for p in people)
    if str(path) == "-":
        click.echo(text, nl=False)
        return
    if path.is_dir():
        raise KithError(f"{path} is a folder; give a file name like contacts.vcf")
    try:
        write_private(path, text)
    except OSError as error:
        raise KithError(f"cannot write {path}: {error.strerror or error}") from None
    output({"path": str(path), "people": len(people)},
           f"Wrote {len(people)} people to {path}", as_json=as_json)


def register(cli: click.Group) -> None:
    """Add ``export vcard``, creating the ``export`` group if no plugin has yet."""
    group = cli.commands.get("export")
    if group is None:
        @click.group("export")
        def export() -> None:
            """Export people and interactions to other formats."""

        cli.add_command(export)
        group = export
    assert isinstance(group, click.Group)
    group.add_command(export_vcard)
