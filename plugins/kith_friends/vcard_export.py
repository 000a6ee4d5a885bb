"""``kith export vcard [--network N] PATH``: people as vCard 4.0 that round-trips.

Exporting and importing into an empty database gives the same people: names, every
alias (one NICKNAME each), emails, phones (``tel:`` URIs), every other handle (X, Mastodon,
LinkedIn, GitHub... as ``X-SOCIALPROFILE`` with a real profile URL, messengers as
``IMPP``, the rest as ``X-KITH-HANDLE``), web sites (URL), birthdays (with or without a
year), organisation, notes, tags (CATEGORIES), the keep-in-touch cadence
(``X-KITH-CADENCE``), other source fields (``X-KITH-EXTRA``) and the kith id as UID. The
file is written atomically and is readable by its owner only.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import click

from kith.api import (
    KithApp,
    ValidationError,
    fold_line,
    handle_user,
    normalize_handle,
    output,
    pass_app,
    profile_url,
    write_private,
)

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

_PARAM_SAFE = re.compile(r"^[^\";:,\s]+$")


def _param(value: str) -> str:
    """A parameter value: bare when RFC 6350 allows it (as Apple writes ``x-user=name``),
    else quoted; a quote or line break, which no parameter can hold, is replaced."""
    clean = _OTHER_CONTROLS.sub("", _LINE_BREAKS.sub(" ", value)).replace('"', "'")
    return clean if _PARAM_SAFE.match(clean) else f'"{clean}"'


def handle_line(kind: str, value: str) -> str:
    """A handle other than email, phone and URL. Messengers are ``IMPP:kind:value``; a
    handle with a profile page is ``X-SOCIALPROFILE`` as Apple and Google write it: the
    service as ``TYPE``, the user name as ``X-USER`` and the profile's URL as the value
    (``X-SOCIALPROFILE;TYPE=linkedin;X-USER=hschmidt:https://www.linkedin.com/in/
    hschmidt/``). A handle without one (a Mastodon name without its server, a LinkedIn
    member URN, a service kith does not know) would not be a valid profile: it is written
    as kith's own ``X-KITH-HANDLE;TYPE=kind:value``, which kith reads back and other
    programs ignore."""
    if kind in MESSENGERS:
        return f"IMPP:{kind}:{_escape(value)}"
    url = profile_url(kind, value)
    if url is None:
        return f"X-KITH-HANDLE;TYPE={_param(kind)}:{_escape(value)}"
    return (f"X-SOCIALPROFILE;TYPE={_param(kind)};X-USER={_param(handle_user(kind, value))}:"
            f"{_escape(url)}")


def _canonical(handles: dict[str, list[str]]) -> dict[str, list[str]]:
    """Handles in today's one form per kind, for a database written before it (a
    ``linkedin`` typed as ``hschmidt`` is still exported as its profile URL)."""
    result: dict[str, list[str]] = {}
    for kind, values in handles.items():
        for value in values:
            try:
                kind_now, value_now = normalize_handle(kind, value)
            except ValidationError:
                kind_now, value_now = kind, value
            bucket = result.setdefault(kind_now, [])
            if value_now not in bucket:
                bucket.append(value_now)
    return result


def person_to_vcard(person: dict[str, Any]) -> str:
    """One person as a vCard 4.0 that kith reads back whole: every alias as its own
    ``NICKNAME`` (a comma-separated list comes back as its first name in some readers),
    every handle, notes, tags, the birthday, the keep-in-touch cadence
    (``X-KITH-CADENCE``), what sources knew beyond the common fields (``X-KITH-EXTRA``,
    JSON) and the kith id as ``UID``, so a re-import matches the same person."""
    name = person["name"]
    words = name.split()
    family, given = (words[-1], " ".join(words[:-1])) if len(words) > 1 else (name, "")
    lines = ["BEGIN:VCARD", "VERSION:4.0", f"UID:{_escape(person['id'])}",
             f"FN:{_escape(name)}", f"N:{_escape(family)};{_escape(given)};;;"]
    lines += [f"NICKNAME:{_escape(alias)}" for alias in person.get("aliases") or ()]
    handles = _canonical(person.get("handles") or {})
    for email in handles.get("email", []):
        lines.append(f"EMAIL:{_escape(email)}")
    for phone in handles.get("phone", []):
        lines.append(f"TEL;VALUE=uri:tel:{_escape(phone)}")
    for url in handles.get("url", []):
        lines.append(f"URL:{_escape(profile_url('url', url) or url)}")
    for kind, values in handles.items():
        if kind in ("email", "phone", "url"):
            continue
        for value in values:
            lines.append(handle_line(kind, value))
    birthday = person.get("birthday")
    if birthday:
        lines.append("BDAY:" + _escape(f"--{birthday[2:4]}{birthday[5:7]}"
                                       if birthday.startswith("--")
                                       else birthday.replace("-", "")))
    extra = dict(person.get("extra") or {})
    organisation = extra.pop("organisation", None)
    if organisation:
        lines.append(f"ORG:{_escape(organisation)}")
    if person.get("notes"):
        lines.append(f"NOTE:{_escape(person['notes'])}")
    if person.get("tags"):
        lines.append("CATEGORIES:" + ",".join(_escape(t) for t in person["tags"]))
    if person.get("cadence_days"):
        lines.append(f"X-KITH-CADENCE:{int(person['cadence_days'])}")
    if extra:
        lines.append("X-KITH-EXTRA:" + _escape(json.dumps(extra, ensure_ascii=False,
                                                          sort_keys=True, default=str)))
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
