"""A CardDAV address book or CalDAV calendar, read (and written) through ``caldav``.

The ``caldav`` library (python-caldav) carries the HTTP session (one connection, kept
alive, for every request of a pull), the authentication (Basic and Digest, negotiated on a
401) and a safe XML parser (no entities, no network); kith asks it for these WebDAV
requests:

- a depth-0 PROPFIND of the collection's CTag alone (``token``): an unchanged CTag means
  nothing to read, in one round trip (sent ahead by ``ask_token`` while kith reads its
  database). It asks for the CTag *only*: a server computes each
  property it is asked for, and Radicale computes both the CTag and the sync token by
  reading every item of the collection, so asking for both (as kith did) cost the server
  twice the work on every nothing-new pull. A server without a CTag is asked for its sync
  token instead.
- an RFC 6578 ``sync-collection`` REPORT (``changes``): with the sync token of the last
  pull, the server names only what was added, changed or deleted since (no listing of
  10,000 hrefs); with none (a first pull), or when the server has forgotten the token,
  every item with its ETag, and the token to give next time. A server without the report
  gets the PROPFIND of every item's ETag (``listing``) instead.
- a multiget REPORT of the changed items (200 at a time, the next asked for while kith
  reads this one: ``kith.live.ahead``), and PUT/DELETE with
  ``If-Match`` for writing back.

``caldav``'s own object model is CalDAV-only, so these requests (the same for CardDAV and
CalDAV but for one namespace) are written here, on its client.

Every failure is one ``KithError`` line naming the URL: a server that cannot be reached,
refuses the credentials (401/403) or answers an error (500); nothing is read half.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urljoin, urlparse

from kith.core.errors import KithError

DAV = "DAV:"
CARDDAV = "urn:ietf:params:xml:ns:carddav"
CALDAV = "urn:ietf:params:xml:ns:caldav"
CALENDARSERVER = "http://calendarserver.org/ns/"
BATCH = 200
TIMEOUT = 30

_CTAG_BODY = (f'<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="{DAV}" '
              f'xmlns:cs="{CALENDARSERVER}"><d:prop><cs:getctag/></d:prop></d:propfind>')
_SYNC_TOKEN_BODY = (f'<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="{DAV}">'
                    '<d:prop><d:sync-token/></d:prop></d:propfind>')
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


def _sync_body(token: str | None) -> str:
    from xml.sax.saxutils import escape

    return (f'<?xml version="1.0" encoding="utf-8"?><d:sync-collection xmlns:d="{DAV}">'
            f'<d:sync-token>{escape(token or "")}</d:sync-token><d:sync-level>1'
            '</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>')


class Refused(KithError):
    """The server refused one request (an HTTP status, or a WebDAV precondition), not
    the credentials: a caller may try another way."""

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Changes:
    """What a ``sync-collection`` report said: the token to give next time, the items
    added or changed (name: ETag) and those deleted. ``complete``: ``versions`` is every
    item of the collection (a first sync, or one whose old token the server forgot), so
    what the last pull knew and is not there is gone."""

    token: str
    versions: dict[str, str]
    deleted: list[str]
    complete: bool


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
        self._asked: Any = None

    # requests ------------------------------------------------------------------------
    def _request(self, method: str, url: str, body: str = "",
                 headers: dict[str, str] | None = None, *, ok: tuple[int, ...] = (200, 207)
                 ) -> Any:
        from caldav.lib import error

        try:
            response = self.client.request(url, method, body, headers or {})
        except error.AuthorizationError as problem:
            conditions = list(getattr(problem, "preconditions", None) or ())
            if getattr(problem, "status", None) == 403 and conditions:
                # a precondition (DAV:valid-sync-token, DAV:supported-report): this
                # request is refused, not the credentials
                names = ", ".join(c.rsplit("}", 1)[-1] for c in conditions)
                raise Refused(f"{self.shown}: the server answered HTTP 403 to {method} "
                              f"({names})", 403) from None
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
            raise Refused(f"{self.shown}: the server answered HTTP {status} to {method}",
                          status)
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
    def _property(self, body: str, *keys: str) -> str | None:
        response = self._request("PROPFIND", self.url, body, {"Depth": "0"})
        for _href, props in self._responses(response):
            for key in keys:
                element = props.get(key)
                if element is not None and (element.text or "").strip():
                    return str(element.text).strip()
        return None

    def token(self) -> str | None:
        """The CTag (or, from a server without one, the sync token); see the module. The
        answer to ``ask_token`` when that was called."""
        if self._asked is not None:
            asked, self._asked = self._asked, None
            return asked.result()
        return self._token_now()

    def _token_now(self) -> str | None:
        return self._property(_CTAG_BODY, _tag(CALENDARSERVER, "getctag")) or \
            self._property(_SYNC_TOKEN_BODY, _tag(DAV, "sync-token"))

    def ask_token(self) -> None:
        """Send the token request now, from a thread, and let ``token`` collect the answer:
        a server computes a CTag by reading its whole collection (0.6 s for 10k items on
        Radicale), time in which kith reads its own database instead of waiting. Nothing
        else is sent on the connection before ``token`` has its answer."""
        from concurrent.futures import Future
        from threading import Thread

        asked: Future[str | None] = Future()

        def send() -> None:
            try:
                asked.set_result(self._token_now())
            except BaseException as error:  # raised where the token is read
                asked.set_exception(error)

        self._asked = asked
        Thread(target=send, name="kith-token", daemon=True).start()

    def changes(self, since: str | None) -> Changes | None:
        """What changed since the sync token ``since`` (every item when ``None``, or when
        the server no longer knows it); ``None`` from a server without the report."""
        headers = {"Depth": "0", "Content-Type": "application/xml; charset=utf-8"}
        try:
            response = self._request("REPORT", self.url, _sync_body(since), headers,
                                     ok=(207,))
        except Refused:
            if since:  # a token the server forgot (403 valid-sync-token, 409, 410...)
                return self.changes(None)
            return None  # no sync-collection here (403, 405, 501): the listing instead
        tree = getattr(response, "tree", None)
        if tree is None:
            return None
        token = (tree.findtext(_tag(DAV, "sync-token")) or "").strip()
        if not token:
            return None
        versions: dict[str, str] = {}
        deleted: list[str] = []
        own = unquote(self.path).rstrip("/")
        for item in tree.iter(_tag(DAV, "response")):
            href = item.findtext(_tag(DAV, "href")) or ""
            path = urlparse(urljoin(self.url, href)).path
            if unquote(path).rstrip("/") == own:
                if " 507 " in f"{item.findtext(_tag(DAV, 'status')) or ''} ":
                    return None  # truncated by the server: the full listing instead
                continue
            status = item.findtext(_tag(DAV, "status")) or ""
            if " 404 " in f"{status} ":
                deleted.append(path)
                continue
            etag = None
            for propstat in item.iter(_tag(DAV, "propstat")):
                if " 200 " in f"{propstat.findtext(_tag(DAV, 'status')) or ''} ":
                    etag = propstat.find(f"{_tag(DAV, 'prop')}/{_tag(DAV, 'getetag')}")
            versions[path] = (etag.text or "").strip() if etag is not None else ""
        return Changes(token, versions, deleted, complete=not since)

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
        """The items, by multiget REPORTs of ``BATCH``; the next batch is asked for while
        the caller reads this one (``kith.live.ahead``)."""
        from kith.live.ahead import ahead

        wanted = list(names)
        batches = [wanted[start:start + BATCH] for start in range(0, len(wanted), BATCH)]
        for batch, got in ahead(batches, self._multiget):
            for name in batch:
                version, body = got.get(name, ("", None))  # type: ignore[arg-type]
                yield name, version, body

    def _multiget(self, batch: list[str]) -> tuple[list[str], dict[str, tuple[str, bytes]]]:
        data = _tag(CARDDAV, "address-data") if self.contacts else \
            _tag(CALDAV, "calendar-data")
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
        return batch, got

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
