"""kith's reminders as calendar items the phone shows and notifies: follow-ups and
keep-in-touch as to-dos (VTODO), birthdays as yearly all-day events (VEVENT).

Each item's UID is derived from what it reminds of (``kith-reminder-followup-ID``,
``-touch-PERSON``, ``-birthday-PERSON``), so publishing again updates it in place; a
follow-up done, or someone no longer overdue, becomes a completed to-do rather than
vanishing. Items are built without ``DTSTAMP`` so that their text says whether anything
changed (``stamp`` adds it when writing).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime

PREFIX = "kith-reminder-"


@dataclass(frozen=True)
class Reminder:
    uid: str
    text: str
    """The VCALENDAR without DTSTAMP."""

    @property
    def name(self) -> str:
        return f"{self.uid}.ics"

    @property
    def digest(self) -> str:
        return hashlib.blake2b(self.text.encode(), digest_size=12).hexdigest()


def _escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r", "").replace("\n", "\\n"))[:300]


def _wrap(body: list[str]) -> str:
    return "\r\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//kith//reminders//EN",
                        *body, "END:VCALENDAR", ""])


def todo(uid: str, summary: str, due: date, *, done: bool, description: str = "") -> Reminder:
    body = ["BEGIN:VTODO", f"UID:{uid}", f"SUMMARY:{_escape(summary)}",
            f"DUE;VALUE=DATE:{due:%Y%m%d}",
            f"STATUS:{'COMPLETED' if done else 'NEEDS-ACTION'}"]
    if description:
        body.append(f"DESCRIPTION:{_escape(description)}")
    if not done:
        body += ["BEGIN:VALARM", "ACTION:DISPLAY", f"DESCRIPTION:{_escape(summary)}",
                 "TRIGGER;RELATED=START:PT9H", "END:VALARM"]
    return Reminder(uid, _wrap([*body, "END:VTODO"]))


def birthday(uid: str, name: str, day: str) -> Reminder | None:
    """A yearly all-day event; ``day`` is ``YYYY-MM-DD`` or ``--MM-DD``."""
    month_day = day[-5:]
    year = day[:4] if not day.startswith("--") else "2000"
    try:
        start = date.fromisoformat(f"{year}-{month_day}")
    except ValueError:
        return None
    body = ["BEGIN:VEVENT", f"UID:{uid}", f"SUMMARY:{_escape(f'Birthday: {name}')}",
            f"DTSTART;VALUE=DATE:{start:%Y%m%d}", "RRULE:FREQ=YEARLY", "TRANSP:TRANSPARENT",
            "BEGIN:VALARM", "ACTION:DISPLAY", f"DESCRIPTION:{_escape(f'Birthday: {name}')}",
            "TRIGGER;RELATED=START:PT9H", "END:VALARM", "END:VEVENT"]
    return Reminder(uid, _wrap(body))


def stamp(reminder: Reminder, moment: datetime) -> bytes:
    """The item as written: with the DTSTAMP every VTODO/VEVENT must carry."""
    line = f"DTSTAMP:{moment:%Y%m%dT%H%M%SZ}"
    text = reminder.text.replace(f"UID:{reminder.uid}\r\n",
                                 f"UID:{reminder.uid}\r\n{line}\r\n", 1)
    return text.encode("utf-8")
