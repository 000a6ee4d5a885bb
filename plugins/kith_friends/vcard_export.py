"""``kith export vcard [--network N] PATH``: people as vCard 4.0 that round-trips.

Exporting and importing into an empty database gives the same people: names, aliases
(NICKNAME), emails, phones (``tel:`` URIs), every other handle (X, Mastodon, LinkedIn,
GitHub... as ``X-SOCIALPROFILE``, messengers as ``IMPP``), web sites (URL), birthdays
(with or without a year), organisation, notes, tags (CATEGORIES) and a UID. The file is
written atomically and is readable by its owner only.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import click

from kith.api import KithApp, fold_line, output, pass_app, write_private

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
    return "\r\n".join(fold_line(line) for line in lines) + "\r\n"


@click.command("vcard")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--network", help="Only people in this network.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON summary.")
@pass_app
def export_vcard(app: KithApp, path: Path, network: str | None, as_json: bool) -> None:
    """Write people as vCard 4.0 (PATH; `-` for standard output)."""
    store = app.store
    found = store.find_network(network) if network else None  # raises when not found
    net_id = found.id if found else None
    people = [p for i, p in sorted(store.people_docs().items(), key=lambda x: x[1]["name"])
              if i != "me" and (net_id is None or net_id in p["networks"])]
    text = "".join(person_to_vcard(p) for p in people)
    if str(path) == "-":
        click.echo(text, nl=False)
        return
    write_private(path, text)  # checks the path; a folder or a failed write is a KithError
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
