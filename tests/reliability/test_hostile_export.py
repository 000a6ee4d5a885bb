"""vCard export cannot be turned into property injection (issue 14, item 8).

A CR inside a name used to end the FN line and start a property of the attacker's choice
(``EMAIL:attacker@...``) that the next import read back. Every text value is now escaped
as RFC 6350 says (backslash, comma, semicolon, newline) with CR, CRLF and the other line
breaks a reader may split on taken as newlines.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from plugins.kith_friends.vcard_export import _escape, person_to_vcard
from tests.figures import count

INJECTIONS = [
    "Eve\rEMAIL:attacker@evil.example",
    "Eve\r\nEMAIL:crlf@evil.example",
    "Eve\nEMAIL:lf@evil.example",
    "Semi;colon;;; Name",
    "Comma, Name, Jr",
    "Back\\slash\\nName\\",
    "Line\u2028sep\x85next\x0bvt\x0cff EMAIL:sep@evil.example",
    "Mal\x1b[2Jlory",
]
_PROPERTY = re.compile(r"^([A-Za-z-]+)[;:]")


def test_escape_covers_every_special_character_the_rfc_names() -> None:
    assert _escape("a\\b,c;d\ne\rf\r\ng") == "a\\\\b\\,c\\;d\\ne\\nf\\ng"
    assert "\r" not in _escape("x\ry") and "\n" not in _escape("x\u2028y\x85z")


def test_hostile_names_do_not_inject_properties(ok: Callable[..., Any],
                                                 ok_json: Callable[..., Any],
                                                 fails: Callable[..., Any],
                                                 tmp_path: Path) -> None:
    ok("init")
    for index, name in enumerate(INJECTIONS):
        ok("person", "add", name, "--email", f"p{index}@example.org",
           "--note", f"note {name}\r\nTEL:+15550100", "--tag", f"t{index},EMAIL:x@y.z",
           "--handle", f"url=https://example.org/{index};b,c")
    ok("person", "edit", "p0@example.org", "--alias", "Alias\rEMAIL:alias@evil.example")
    fails("person", "edit", "p0@example.org", "--add-handle", "x=a\rEMAIL:x@evil.example",
          match="control characters")
    out = tmp_path / "export.vcf"
    ok("export", "vcard", str(out))
    text = out.read_bytes().decode("utf-8")
    # every physical line is a CRLF-terminated property or a folded continuation
    lines = text.split("\r\n")
    assert lines[-1] == ""
    for line in lines[:-1]:
        assert "\r" not in line and "\n" not in line
        if line.startswith(" "):
            continue
        match = _PROPERTY.match(line)
        assert match, line
        assert match.group(1) in {"BEGIN", "VERSION", "UID", "FN", "N", "NICKNAME", "EMAIL",
                                  "URL", "NOTE", "CATEGORIES", "END"}, line
    assert sum(line.startswith("EMAIL:") for line in lines) == len(INJECTIONS)
    # importing the export gives the same people and no attacker's handle
    other = tmp_path / "other"
    ok("--db", str(other), "init")
    ok("--db", str(other), "import", "vcard", str(out), "--create-network", "friends")
    people = [p for p in ok_json("--db", str(other), "person", "list") if p["id"] != "me"]
    assert len(people) == len(INJECTIONS)
    emails = sorted(e for p in people for e in p["handles"].get("email", []))
    assert emails == sorted(f"p{i}@example.org" for i in range(len(INJECTIONS)))
    assert not any("tel" in p["handles"] or "phone" in p["handles"] for p in people)
    names = {p["handles"]["email"][0]: p["name"] for p in people}
    for index, name in enumerate(INJECTIONS):
        expected = re.sub("\r\n|[\r\u2028\x85\x0b\x0c]", "\n", name).replace("\x1b", "")
        assert names[f"p{index}@example.org"] == expected
        count("vCard injection: hostile names round-tripped without injection")


def test_every_text_property_is_escaped() -> None:
    person = {"id": "id;1\r", "name": "A\rB", "aliases": ["x,y\r"],
              "handles": {"email": ["e@x.org\rEMAIL:z@z.z"], "url": ["u\r\n"]},
              "notes": "n\r", "tags": ["t\r"], "extra": {"organisation": "O;rg\r"},
              "birthday": "1990-04-15"}
    card = person_to_vcard(person)
    assert card.count("\r") == card.count("\r\n")  # CR only as the end of a line
    for line in card.split("\r\n")[:-1]:
        assert "\r" not in line and "\n" not in line
    assert sum(line.startswith("EMAIL") for line in card.split("\r\n")) == 1
    social = person_to_vcard({"id": "i", "name": "N", "handles": {
        "x": ["a\rEMAIL:z@z.z"], "mastodon": ['@a"\n@b.c']}})
    for line in social.split("\r\n")[:-1]:
        assert "\r" not in line and "\n" not in line and not line.upper().startswith("EMAIL")


def test_exports_to_standard_output_stay_exact(ok: Callable[..., Any]) -> None:
    """An export is data, not a message: `-` writes it byte for byte (the terminal-safe
    layer is for what kith says, not for what it exports)."""
    import orjson

    ok("init")
    name = "Bidi \u202eevil\u202c C1\x85 Esc\x1b[2J"
    ok("person", "add", name)
    exported = orjson.loads(ok("export", "json", "-").stdout)
    assert name in [p["name"] for p in exported["tables"]["people"].values()]


def test_a_kith_json_import_applies_the_limits(ok: Callable[..., Any],
                                               fails: Callable[..., Any],
                                               tmp_path: Path) -> None:
    """A kith export is input like any other: a name over the limit is refused."""
    import orjson

    ok("init")
    ok("person", "add", "Ann Lee")
    data = orjson.loads(ok("export", "json", "-").stdout)
    person = next(p for p in data["tables"]["people"].values() if p["id"] != "me")
    person["name"] = "N" * 120_000
    hostile = tmp_path / "export.json"
    hostile.write_bytes(orjson.dumps(data))
    other = tmp_path / "other"
    ok("--db", str(other), "init")
    result = fails("--db", str(other), "import", "kith-json", str(hostile), match="too long")
    assert "NNNNNNNNNN" not in result.stderr
