"""A CardDAV address book or CalDAV calendar, read (and written) through ``caldav``.

The ``caldav`` library (python-caldav) carries the HTTP session, the authentication
(Basic and Digest, negotiated on a 401) and a safe XML parser (no entities, no network);
kith asks it for four WebDAV requests: a PROPFIND of the collection's CTag and sync token
(one round trip: an unchanged token means nothing to read), a PROPFIND of every item's
ETag, a multiget REPORT of the changed items (200 at a time), and PUT/DELETE with
``If-Match`` for writing back. ``caldav``'s own object model is CalDAV-only, so the
listing and multiget (the same for CardDAV and CalDAV but for one namespace) are written
here, on its client.

Every failure is one ``KithError`` line naming the URL: a server that cannot be reached,
refuses the credentials (401/403) or answers an error (500); nothing is read half.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import unquote, urljoin, urlparse

from kith.core.errors import KithError

DAV = "DAV:"
CARDDAV = "urn:ietf:params:xml:ns:carddav"
CALDAV = "urn:ietf:params:xml:ns:caldav"
CALENDARSERVER = "http://calendarserver.org/ns/"
BATCH = 200
TIMEOUT = 30

_TOKEN_BODY = (f'<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="{DAV}" '
               f'xmlns:cs="{CALENDARSERVER}"><d:prop><cs:getctag/><d:sync-token/></d:prop>'
               '</d:propfind>')
_LIST_BODY = (f'<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="{DAV}">'
              '<d:prop><d:getetag/><d:resourcetype/></d:prop></d:propfind>')


def _multiget(contacts: bool, hrefs: list[str]) -> str:
    from xml.sax.saxutils import escape

    space, report, data = (CARDDAV, "addressbook-multiget", "address-data") if contacts \
        else (CALDAV, "calendar-multiget", "calendar-data")
    links = "".join(f"<d:href>{escape(h)}</d:href>" for h in hrefs)
    return (f'<?xml version="1.0" encoding="utf-8"?><x:{report} xmlns:d="{DAV}" '
            f'xmlns:x="{space}"><d:prop><d:getetag/><x:{data}/></d:prop>{links}'
            f'</x:{report}>')


def _tag(space: str, name: str) -> str:
    return f"{{{space}}}{name}"


class DavCollection:
    """One collection URL (``.../user/contacts/``, ``.../user/calendar/``)."""

    def __init__(self, url: str, *, username: str | None, password: str | None,
                 contacts: bool):
        from caldav.davclient import DAVClient

        from kith.live.definitions import shown_url

        self.url = url if url.endswith("/") else url + "/"
        self.shown = shown_url(self.url)
        self.contacts = contacts
        self.path = urlparse(self.url).path
        self.client = DAVClient(url=self.url, username=username, password=password,
                                timeout=TIMEOUT, enable_rfc6764=False)

    # requests ------------------------------------------------------------------------
    def _request(self, method: str, url: str, body: str = "",
                 headers: dict[str, str] | None = None, *, ok: tuple[int, ...] = (200, 207)
                 ) -> Any:
        from caldav.lib import error

        try:
            response = self.client.request(url, method, body, headers or {})
        except error.AuthorizationError:
            raise KithError(f"{self.shown}: the server refused the credentials (HTTP 401); "
                            "check username and password_command") from None
        except error.DAVError as problem:
            raise KithError(f"{self.shown}: the server answered an error "
                            f"({type(problem).__name__})") from None
        except Exception as problem:  # the HTTP layer's connection errors are many kinds
            raise KithError(f"{self.shown}: cannot reach the server "
                            f"({type(problem).__name__})") from None
        status = int(response.status)
        if status in (401, 403):
            raise KithError(f"{self.shown}: the server refused the credentials (HTTP "
                            f"{status}); check username and password_command")
        if status not in ok:
            raise KithError(f"{self.shown}: the server answered HTTP {status} to {method}")
        return response

    def _responses(self, response: Any) -> Iterator[tuple[str, dict[str, Any]]]:
        tree = getattr(response, "tree", None)
        if tree is None:
            raise KithError(f"{self.shown}: the server's answer is not WebDAV XML")
        for item in tree.iter(_tag(DAV, "response")):
            href = item.findtext(_tag(DAV, "href")) or ""
            props: dict[str, Any] = {}
            for propstat in item.iter(_tag(DAV, "propstat")):
                status = propstat.findtext(_tag(DAV, "status")) or ""
                if " 200 " not in f"{status} ":
                    continue
                prop = propstat.find(_tag(DAV, "prop"))
                for child in prop if prop is not None else ():
                    props[child.tag] = child
            # kept as the server wrote it (percent-encoded): sent back as it came
            yield urlparse(urljoin(self.url, href)).path, props

    # Collection ----------------------------------------------------------------------
    def token(self) -> str | None:
        response = self._request("PROPFIND", self.url, _TOKEN_BODY, {"Depth": "0"})
        for _href, props in self._responses(response):
            for key in (_tag(DAV, "sync-token"), _tag(CALENDARSERVER, "getctag")):
                element = props.get(key)
                if element is not None and (element.text or "").strip():
                    return str(element.text).strip()
        return None

    def listing(self) -> dict[str, str]:
        response = self._request("PROPFIND", self.url, _LIST_BODY, {"Depth": "1"})
        found: dict[str, str] = {}
        own = unquote(self.path).rstrip("/")
        for href, props in self._responses(response):
            kind = props.get(_tag(DAV, "resourcetype"))
            if unquote(href).rstrip("/") == own or (kind is not None and len(kind)):
                continue  # the collection itself, or a sub-collection
            etag = props.get(_tag(DAV, "getetag"))
            found[href] = (etag.text or "").strip() if etag is not None else ""
        return found

    def fetch(self, names: Iterable[str]) -> Iterator[tuple[str, str, bytes | None]]:
        wanted = list(names)
        data = _tag(CARDDAV, "address-data") if self.contacts else \
            _tag(CALDAV, "calendar-data")
        for start in range(0, len(wanted), BATCH):
            batch = wanted[start:start + BATCH]
            response = self._request("REPORT", self.url, _multiget(self.contacts, batch),
                                     {"Depth": "1",
                                      "Content-Type": "application/xml; charset=utf-8"})
            got: dict[str, tuple[str, bytes]] = {}
            for href, props in self._responses(response):
                etag = props.get(_tag(DAV, "getetag"))
                content = props.get(data)
                if content is not None and content.text:
                    got[href] = ((etag.text or "").strip() if etag is not None else "",
                                 content.text.encode("utf-8"))
            for name in batch:
                version, body = got.get(name, ("", None))  # type: ignore[arg-type]
                yield name, version, body

    def put(self, name: str, content: bytes, version: str | None) -> str:
        """Write one item; ``version`` is its ETag (``If-Match``, so a change made on the
        server meanwhile is refused rather than overwritten), ``None`` for a new one."""
        headers = {"Content-Type": "text/vcard; charset=utf-8" if self.contacts
                   else "text/calendar; charset=utf-8"}
        if version:
            headers["If-Match"] = version
        else:
            headers["If-None-Match"] = "*"
        from kith.live.definitions import shown_url

        url = urljoin(self.url, name)
        try:
            response = self._request("PUT", url, content.decode("utf-8"), headers,
                                     ok=(200, 201, 204))
        except KithError as error:
            if "HTTP 412" in str(error):
                raise KithError(f"{shown_url(url)}: changed on the server since the last pull "
                                "(HTTP 412); pull again first") from None
            raise
        etag = response.headers.get("ETag") if response.headers else None
        return str(etag or "")

    def delete(self, name: str, version: str | None) -> None:
        headers = {"If-Match": version} if version else {}
        self._request("DELETE", urljoin(self.url, name), "", headers, ok=(200, 204, 404))
