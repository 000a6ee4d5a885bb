"""A birthday calendar (iCalendar, RFC 5545): one yearly all-day event per person.

Written by hand rather than with ``icalendar``: the format needed is a dozen lines per
event, and escaping and line folding are the only traps (both handled here). A birthday
without a year starts in 2000; the 29th of February recurs on the last day of February
in other years (``BYMONTHDAY=-1``), as calendar programs expect.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from kith.export import fold_line

if TYPE_CHECKING:
    from kith.persistence.store import Store


def escape(text: str) -> str:
    cleaned = "".join(c if c.isprintable() else " " for c in text)
    return (cleaned.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,"))


def birthdays_ics(store: Store) -> tuple[str, int]:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//kith//birthdays//EN",
             "CALSCALE:GREGORIAN", "X-WR-CALNAME:Birthdays (kith)"]
    count = 0
    for doc in sorted(store.people_docs().values(), key=lambda d: d["name"].casefold()):
        birthday = doc.get("birthday")
        if not birthday:
            continue
        year = "2000" if birthday.startswith("--") else birthday[:4]
        month, day = birthday[-5:-3], birthday[-2:]
        rule = "RRULE:FREQ=YEARLY"
        if (month, day) == ("02", "29"):
            rule = "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1"
        lines += ["BEGIN:VEVENT", f"UID:birthday-{doc['id']}@kith", f"DTSTAMP:{stamp}",
                  f"DTSTART;VALUE=DATE:{year}{month}{day}", rule,
                  f"SUMMARY:{escape(doc['name'])}'s birthday", "TRANSP:TRANSPARENT",
                  "END:VEVENT"]
        count += 1
    lines.append("END:VCALENDAR")
    return "\r\n".join(fold_line(line) for line in lines) + "\r\n", count
