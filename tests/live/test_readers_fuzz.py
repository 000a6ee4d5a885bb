"""What a server or a folder holds is input like any other: whatever the bytes, the readers
answer with a record or their own one error (which the pull turns into a skipped item
named by its file), never another exception."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from kith.live.cards import CardError, read_card
from kith.live.events import EventError, read_events
from kith.live.mail import parse_header
from tests.live.servers import card, event

NOW = datetime(2026, 6, 15, 12, tzinfo=UTC)
LINES = st.lists(st.one_of(
    st.sampled_from(["BEGIN:VCARD", "END:VCARD", "VERSION:3.0", "FN:Ann", "N:Lee;Ann;;;",
                     "EMAIL:ann@example.org", "BDAY:1990-02-30", "UID:x", "TEL:+33 1 23",
                     "BEGIN:VCALENDAR", "END:VCALENDAR", "BEGIN:VEVENT", "END:VEVENT",
                     "DTSTART:20260601T090000Z", "DTEND:20260601T080000Z",
                     "RRULE:FREQ=WEEKLY;BYDAY=XX", "ATTENDEE:mailto:", "DTSTART;VALUE=DATE:2026",
                     "CATEGORIES:a,b", "NOTE:\\n", " folded", "From: =?utf-8?q?=E9?=",
                     "Date: Mon, 99 Foo 2026", "References: <a> <b>", "To: , ,"]),
    st.text(max_size=30)), max_size=14)


def _bytes(lines: list[str], base: str) -> bytes:
    text = base.replace("END:", "\r\n".join(lines) + "\r\nEND:", 1) if lines else base
    return text.encode("utf-8", "surrogatepass")


@settings(max_examples=150, deadline=None)
@given(lines=LINES, raw=st.binary(max_size=200))
def test_cards_read_or_refuse(lines: list[str], raw: bytes) -> None:
    for content in (_bytes(lines, card("u", "Ann Lee")), raw, b"BEGIN:VCARD\r\n" + raw):
        try:
            record = read_card(content, "item")
        except CardError:
            continue
        assert record.name


@settings(max_examples=150, deadline=None)
@given(lines=LINES, raw=st.binary(max_size=200))
def test_events_read_or_refuse(lines: list[str], raw: bytes) -> None:
    base = event("e", "20260601T090000Z", "Coffee", ("ann@example.org",))
    for content in (_bytes(lines, base), raw, b"BEGIN:VCALENDAR\r\n" + raw):
        try:
            found = read_events(content, NOW - timedelta(days=60), NOW, UTC)
        except EventError:
            continue
        assert all(o.start <= NOW for o in found.occurrences)


@settings(max_examples=150, deadline=None)
@given(lines=LINES, raw=st.binary(max_size=300))
def test_mail_headers_always_read(lines: list[str], raw: bytes) -> None:
    for content in ("\r\n".join(lines).encode("utf-8", "surrogatepass"), raw):
        header = parse_header("k", content)
        assert header.key == "k"


FIELD_LINES = st.lists(st.one_of(
    st.sampled_from(["From: Ann <ann@example.org>", "To: bob@example.org, c@d.e", "Cc: ",
                     "Subject: =?utf-8?q?caf=C3=A9?= ?", "subject: again", " folded",
                     "\tfolded too", "Message-ID: <m1@x>", "In-Reply-To:<m0@x>",
                     "References: <a>\r\n <b>", "List-Id: A list <a.example.org>", "",
                     "From nobody Mon Jan 1", "X-Odd : spaced", ":empty", "Date: Mon, 1 Jun"
                     " 2026 09:00:00 +0000", "no colon", "\r", "To: x\ry@z", "A:\x0bb"]),
    st.text(st.characters(max_codepoint=127), max_size=20)), max_size=10)


@settings(max_examples=300, deadline=None)
@given(lines=FIELD_LINES, end=st.sampled_from(["\r\n", "\n", "\r"]))
def test_field_reader_agrees_with_the_standard_parser(lines: list[str], end: str) -> None:
    """The plain split of header lines gives what ``BytesHeaderParser`` gives, for every
    field kith reads (or declines, and the standard parser reads it)."""
    from email.parser import BytesHeaderParser

    from kith.live.mail import HEADER_FIELDS, _Fields

    raw = end.join(lines).encode("ascii")
    fast = _Fields.read(raw)
    if fast is None:
        return
    slow = BytesHeaderParser().parsebytes(raw)
    for name in HEADER_FIELDS:
        assert fast.get(name) == slow.get(name), (name, raw)
        assert fast.get_all(name, []) == slow.get_all(name, []), (name, raw)
