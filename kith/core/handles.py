"""Handles in one form per kind, whichever door they come through.

A person's LinkedIn account arrives as a profile URL in a LinkedIn export, as
``linkedin.com/in/x`` pasted from a browser, as ``in/x`` or as ``x`` typed by hand, and as
``X-SOCIALPROFILE`` in a vCard; unless all of these become one value, the import cannot see
that the person typed by hand is the one in the export. Every door (``person add``/``edit``,
importers, the vCard reader, merges, the store's index) goes through ``normalize_handle``,
because ``kith.core.model.Person`` normalises its handles when it is built; the vCard
writer uses ``handle_user`` and ``profile_url`` to write them back as values that Apple
Contacts and Google Contacts read.

Canonical forms:

- ``email``: lower case, without ``mailto:``;
- ``phone``: digits, with a leading ``+`` when it had one (``tel:`` dropped);
- ``linkedin``: ``linkedin.com/in/<slug>`` (or ``linkedin.com/company/...``, ``/pub/...``);
  a member URN (``urn:li:member:123``) stays a URN;
- ``x`` (and ``twitter``), ``github``, ``instagram``, ``telegram``, ``bluesky``: the bare user
  name, lower case, from ``@name``, ``name`` or the profile URL;
- ``mastodon``: ``@user@host`` from ``user@host``, ``@user@host`` or ``https://host/@user``
  (``https://host/users/user`` too); ``@user`` alone when no host is known;
- ``facebook``: ``facebook.com/<name>`` (``fb.com`` and ``m.facebook.com`` included);
- ``url`` and any other kind: as typed, trimmed (``url`` loses its scheme, ``www.`` and a
  trailing slash, and is lower-cased).

A social value in a shape kith does not recognise is kept (lower-cased) rather than
refused: databases written before these forms must still load; only emails and phone
numbers are refused when they cannot be one.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from kith.core.errors import ValidationError
from kith.core.limits import MAX_SHORT, check_text

_KIND_RE = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)

USER_NAME_KINDS: dict[str, tuple[str, ...]] = {
    "x": ("x.com", "twitter.com", "mobile.twitter.com", "mobile.x.com"),
    "github": ("github.com",),
    "instagram": ("instagram.com",),
    "telegram": ("t.me", "telegram.me"),
    "bluesky": ("bsky.app/profile",),
}
"""Kinds whose handle is a bare user name, with the hosts (and path prefix) of their
profile pages."""

PROFILE_PAGES: dict[str, str] = {
    "x": "https://x.com/{}", "github": "https://github.com/{}",
    "instagram": "https://www.instagram.com/{}", "telegram": "https://t.me/{}",
    "bluesky": "https://bsky.app/profile/{}",
}

KIND_ALIASES = {"twitter": "x", "gh": "github", "ig": "instagram", "fb": "facebook",
                "li": "linkedin"}
"""Other names users and files give a kind."""


def _fail(message: str) -> ValidationError:
    return ValidationError(message)


def _strip_url(value: str) -> str:
    """``value`` without scheme, ``www.``/``m.``, query, fragment and trailing slash."""
    value = _SCHEME.sub("", value.strip())
    value = re.sub(r"^(www\.|m\.|mobile\.)", "", value, flags=re.IGNORECASE)
    value = re.split(r"[?#]", value, maxsplit=1)[0]
    return value.rstrip("/")


def _linkedin(value: str) -> str:
    if value.lower().startswith("urn:li:"):
        return value.lower()
    bare = _strip_url(value)
    if not bare.lstrip("@"):
        raise _fail(f"not a linkedin handle: {value!r}")  # "#", "/": no profile in it
    bare = re.sub(r"^[a-z]{2,3}\.linkedin\.com", "linkedin.com", bare, flags=re.IGNORECASE)
    lowered = bare.lower()
    if lowered.startswith("linkedin.com/"):
        path = bare[len("linkedin.com/"):]
    elif "/" not in bare and "." not in bare:
        path = "in/" + bare.lstrip("@")
    elif re.match(r"^(in|pub|company|school|profile)/", lowered):
        path = bare
    else:
        return lowered  # not a shape kith knows: kept as it was written, lower-cased
    path = unquote(path).lower()
    return f"linkedin.com/{path}"


def _user_name(kind: str, value: str) -> str:
    bare = _strip_url(value) if ("/" in value or _SCHEME.match(value)) else value.strip()
    lowered = bare.lower()
    for host in USER_NAME_KINDS[kind]:
        if lowered.startswith(host + "/"):
            bare = bare[len(host) + 1:].split("/", 1)[0]
            break
    name = bare.lstrip("@").lower()
    return name or value.lower()


def _mastodon(value: str) -> str:
    text = value.strip()
    if "/" in text or _SCHEME.match(text):
        bare = _strip_url(text)
        host, _, path = bare.partition("/")
        match = re.match(r"^(?:@|users/|u/)([^/@]+)$", path)
        if host and match:
            return f"@{match.group(1).lower()}@{host.lower()}"
    return "@" + text.lstrip("@").lower()


def _facebook(value: str) -> str:
    text = value.strip()
    query = ""
    id_match = re.search(r"[?&]id=(\d+)", text)
    if id_match:
        query = f"?id={id_match.group(1)}"
    bare = _strip_url(text)
    bare = re.sub(r"^fb\.com", "facebook.com", bare, flags=re.IGNORECASE)
    if bare.lower().startswith("facebook.com/"):
        path = bare[len("facebook.com/"):]
    elif "/" not in bare and bare.lstrip("@"):
        path = bare.lstrip("@")
    else:
        return bare.lower()  # not a shape kith knows: kept as written, lower-cased
    return f"facebook.com/{path.lower()}{query}"


def normalize_handle(kind: str, value: str) -> tuple[str, str]:
    """``(kind, value)`` in canonical form (see the module's docstring), so that the same
    account matches across sources; a value that cannot be a handle of its kind is a
    ``ValidationError`` saying so."""
    kind = kind.strip().lower()
    kind = KIND_ALIASES.get(kind, kind)
    value = written = value.strip()
    if not _KIND_RE.match(kind):
        raise _fail(f"handle kind must be a word like email or x, not {kind!r}")
    if not value:
        raise _fail(f"the {kind} handle is empty")
    check_text(value, f"a {kind} handle", MAX_SHORT)
    if not value.isprintable():
        raise _fail(f"a {kind} handle cannot hold control characters")
    if kind == "email":
        value = re.sub(r"^mailto:", "", value, flags=re.IGNORECASE).lower()
        if "@" not in value or " " in value:
            raise _fail(f"not an email address: {value!r}")
    elif kind == "phone":
        value = re.sub(r"^tel:", "", value, flags=re.IGNORECASE)
        digits = re.sub(r"[^\d]", "", value)
        if len(digits) < 3:
            raise _fail(f"not a phone number: {value!r}")
        value = ("+" if value.lstrip().startswith("+") else "") + digits
    elif kind in USER_NAME_KINDS:
        value = _user_name(kind, value)
    elif kind == "mastodon":
        value = _mastodon(value)
    elif kind == "linkedin":
        value = _linkedin(value)
    elif kind == "facebook":
        value = _facebook(value)
    elif kind == "url":
        value = _strip_url(value).lower() or value.lower()
    if not value:  # "#" or "https://" alone: nothing left once the address is read
        raise _fail(f"not a {kind} handle: {written!r}")
    return kind, value


def handle_user(kind: str, value: str) -> str:
    """The user name inside a canonical handle (what Apple writes as ``X-USER``):
    ``linkedin.com/in/x`` -> ``x``, ``@u@host`` -> ``u@host``... ``value`` otherwise."""
    if kind == "linkedin" and value.startswith("linkedin.com/in/"):
        return value[len("linkedin.com/in/"):]
    if kind == "facebook" and value.startswith("facebook.com/") and "?" not in value:
        return value[len("facebook.com/"):]
    if kind == "mastodon":
        return value.lstrip("@")
    return value


def profile_url(kind: str, value: str) -> str | None:
    """The web address of a canonical handle, when there is one (``None`` for a Mastodon
    account without a host, a LinkedIn URN or a kind kith does not know)."""
    if kind == "mastodon":
        user, _, host = value.lstrip("@").partition("@")
        return f"https://{host}/@{user}" if host else None
    if kind == "linkedin":
        return f"https://www.{value}/" if value.startswith("linkedin.com/") else None
    if kind == "facebook":
        return f"https://www.{value}" if value.startswith("facebook.com/") else None
    if kind == "url":
        return f"https://{value}"
    pattern = PROFILE_PAGES.get(kind)
    return pattern.format(value) if pattern else None


def kind_of_profile_url(url: str) -> str | None:
    """Which kind a profile's web address belongs to (``None`` when kith cannot tell)."""
    bare = _strip_url(url).lower()
    host, _, path = bare.partition("/")
    if host.endswith("linkedin.com"):
        return "linkedin"
    if host in ("facebook.com", "fb.com"):
        return "facebook"
    for kind, hosts in USER_NAME_KINDS.items():
        if any(bare.startswith(h + "/") for h in hosts):
            return kind
    if path.startswith("@") and "/" not in path:
        return "mastodon"
    return None
