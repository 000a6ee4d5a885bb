"""Real servers for the live-source tests, started on 127.0.0.1 with temporary storage.

``Radicale`` (CalDAV and CardDAV, from PyPI, in the test extras) runs as a subprocess
with an htpasswd file, so a wrong password is a real 401. ``Phone`` drives it as a
phone's contacts and calendar apps do: plain HTTP PUT/DELETE of one item.
"""

from __future__ import annotations

import base64
import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

USER = "ann"
PASSWORD = "s3cret"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(port: int, process: subprocess.Popen[bytes], what: str) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        time.sleep(0.05)
    raise RuntimeError(f"{what} did not start on port {port}")


class Radicale:
    def __init__(self, root: Path, options: tuple[str, ...] = ()):
        self.root = root
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        root.mkdir(parents=True, exist_ok=True)
        users = root / "users"
        users.write_text(f"{USER}:{PASSWORD}\n")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "radicale", "--server-hosts", f"127.0.0.1:{self.port}",
             "--storage-filesystem-folder", str(root / "storage"),
             "--auth-type", "htpasswd", "--auth-htpasswd-filename", str(users),
             "--auth-htpasswd-encryption", "plain", "--rights-type", "owner_only",
             "--auth-delay", "0", "--server-delay-on-error", "0",
             "--logging-level", "error", *options],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for(self.port, self.process, "Radicale")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def url(self, collection: str) -> str:
        return f"{self.base}/{USER}/{collection}/"

    # as a phone would -----------------------------------------------------------------
    def request(self, method: str, url: str, body: bytes = b"",
                headers: dict[str, str] | None = None, timeout: float = 10
                ) -> tuple[int, dict[str, str], bytes]:
        token = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
        request = urllib.request.Request(url, data=body or None, method=method, headers={
            "Authorization": f"Basic {token}", **(headers or {})})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()

    def make_collection(self, name: str, *, contacts: bool) -> str:
        url = self.url(name)
        kind = '<d:collection/><c:addressbook/>' if contacts else \
            '<d:collection/><c:calendar/>'
        space = "urn:ietf:params:xml:ns:carddav" if contacts else \
            "urn:ietf:params:xml:ns:caldav"
        body = (f'<?xml version="1.0"?><d:mkcol xmlns:d="DAV:" xmlns:c="{space}"><d:set>'
                f'<d:prop><d:resourcetype>{kind}</d:resourcetype></d:prop></d:set>'
                '</d:mkcol>').encode()
        status, _, _ = self.request("MKCOL", url, body, {"Content-Type": "application/xml"})
        assert status in (201, 405), status  # 405: exists already
        return url

    def put(self, collection: str, name: str, content: str) -> None:
        kind = "text/vcard" if content.startswith("BEGIN:VCARD") else "text/calendar"
        status, _, _ = self.request("PUT", self.url(collection) + name, content.encode(),
                                    {"Content-Type": f"{kind}; charset=utf-8"})
        assert status in (200, 201, 204), status

    def get(self, collection: str, name: str) -> bytes:
        status, _, body = self.request("GET", self.url(collection) + name)
        assert status == 200, status
        return body

    def delete(self, collection: str, name: str) -> None:
        status, _, _ = self.request("DELETE", self.url(collection) + name)
        assert status in (200, 204), status


TUNED = ("--storage-use-mtime-and-size-for-item-cache", "True")
"""Radicale's own speed setting (3.2+): an item's cache entry is checked against the
file's mtime and size instead of a SHA-256 of its content, so a request that touches
every item (the CTag) stats the files instead of reading them."""


@contextlib.contextmanager
def radicale(root: Path, options: tuple[str, ...] = ()) -> Iterator[Radicale]:
    server = Radicale(root, options)
    try:
        yield server
    finally:
        server.stop()


def card(uid: str, name: str, email: str | None = None, **extra: str) -> str:
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"UID:{uid}", f"FN:{name}",
             f"N:{name.split()[-1]};{name.split()[0]};;;"]
    if email:
        lines.append(f"EMAIL:{email}")
    lines += [f"{key.upper()}:{value}" for key, value in extra.items()]
    return "\r\n".join([*lines, "END:VCARD", ""])


def event(uid: str, start: str, summary: str, attendees: tuple[str, ...] = (),
          minutes: int = 60, rrule: str | None = None) -> str:
    from datetime import datetime, timedelta

    begins = datetime.strptime(start, "%Y%m%dT%H%M%SZ")
    ends = (begins + timedelta(minutes=minutes)).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//kith tests//EN", "BEGIN:VEVENT",
             f"UID:{uid}", f"DTSTAMP:{start}", f"DTSTART:{start}", f"DTEND:{ends}",
             f"SUMMARY:{summary}"]
    if rrule:
        lines.append(f"RRULE:{rrule}")
    lines += [f"ATTENDEE;CN={a.split('@')[0]}:mailto:{a}" for a in attendees]
    return "\r\n".join([*lines, "END:VEVENT", "END:VCALENDAR", ""])


class Dovecot:
    """A real IMAP server (Dovecot, from the Debian packages) on 127.0.0.1, with its own
    configuration, run and mail folders under ``root``; one user, plain passwords.
    Dovecot's own processes run as its users, so ``root`` must be reachable by them (a
    folder of ``/tmp`` opened to all, not pytest's private one: ``dovecot_root``)."""

    def __init__(self, root: Path):
        import pwd
        import shutil
        import textwrap

        binary = shutil.which("dovecot") or "/usr/sbin/dovecot"
        self.root = root
        self.port = free_port()
        owner = pwd.getpwnam("nobody")
        for folder in ("run", "state", "mail", "home"):
            (root / folder).mkdir(parents=True, exist_ok=True)
        for folder in ("mail", "home"):
            os.chown(root / folder, owner.pw_uid, owner.pw_gid)
        (root / "users").write_text(f"{USER}:{{PLAIN}}{PASSWORD}\n")
        (root / "dovecot.conf").write_text(textwrap.dedent(f"""\
            base_dir = {root}/run
            state_dir = {root}/state
            log_path = {root}/dovecot.log
            protocols = imap
            listen = 127.0.0.1
            ssl = no
            disable_plaintext_auth = no
            auth_mechanisms = plain login
            mail_location = maildir:{root}/mail/%u
            first_valid_uid = 1
            auth_failure_delay = 0
            passdb {{
              driver = passwd-file
              args = scheme=PLAIN username_format=%u {root}/users
            }}
            userdb {{
              driver = static
              args = uid={owner.pw_uid} gid={owner.pw_gid} home={root}/home/%u
            }}
            service imap-login {{
              inet_listener imap {{
                address = 127.0.0.1
                port = {self.port}
              }}
              inet_listener imaps {{
                port = 0
              }}
            }}
            service anvil {{
              chroot =
            }}
            service imap-login {{
              chroot =
            }}
            """))
        self.process = subprocess.Popen([binary, "-F", "-c", str(root / "dovecot.conf")],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        wait_for(self.port, self.process, "Dovecot")
        self.url = f"imap://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def append(self, message: bytes, folder: str = "INBOX") -> None:
        """Deliver one message as a mail client saving it would (IMAP APPEND)."""
        import imaplib

        connection = imaplib.IMAP4("127.0.0.1", self.port)
        try:
            connection.login(USER, PASSWORD)
            status, _ = connection.append(folder, None, None, message)
            assert status == "OK", status
        finally:
            connection.logout()


@contextlib.contextmanager
def dovecot() -> Iterator[Dovecot]:
    import shutil
    import tempfile

    root = Path(tempfile.mkdtemp(prefix="kith-dovecot-"))
    root.chmod(0o755)
    try:
        server = Dovecot(root)
        try:
            yield server
        finally:
            server.stop()
    finally:
        shutil.rmtree(root, ignore_errors=True)


def dovecot_missing() -> str | None:
    """Why the IMAP tests cannot run here, or ``None`` when they can."""
    import shutil

    if shutil.which("dovecot") is None and not Path("/usr/sbin/dovecot").exists():
        return ("Dovecot is not installed (Debian: apt-get install dovecot-imapd; .ci/run "
                "installs it when run as root)")
    if not Path("/usr/lib/dovecot/imap").exists():
        return "Dovecot's IMAP server is not installed (apt-get install dovecot-imapd)"
    try:
        import pwd

        pwd.getpwnam("nobody")
    except KeyError:
        return "no user 'nobody' to run Dovecot's mail processes as"
    return None


def mail(sender: str, to: str, subject: str, when: str, message_id: str,
         reply_to: str | None = None) -> bytes:
    lines = [f"From: {sender}", f"To: {to}", f"Subject: {subject}", f"Date: {when}",
             f"Message-ID: <{message_id}>"]
    if reply_to:
        lines += [f"In-Reply-To: <{reply_to}>", f"References: <{reply_to}>"]
    return ("\r\n".join(lines) + "\r\n\r\nThe body, which kith never reads.\r\n").encode()
