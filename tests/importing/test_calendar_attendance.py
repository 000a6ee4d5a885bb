"""Church-calendar imports (issue 30): ``--attended all|none|mine``, and a summary line for
the events outside the import window instead of a bare "0 added"."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import orjson
import pytest

from tests.conftest import FIXTURES

CALENDAR = str(FIXTURES / "matching" / "parish_calendar.ics")
WINDOW = ("--since", "2025-01-01", "--until", "2025-12-31")


def imported(ok: Callable[..., Any], *args: str) -> dict[str, Any]:
    result: dict[str, Any] = orjson.loads(ok(
        "import", "church-calendar", CALENDAR, *WINDOW, "--create-network", "church",
        *args, "--json").stdout)
    return result


@pytest.mark.parametrize(("attended", "added", "not_attended"), [
    ("all", 4, None),
    # only the food bank shift, where Sam gave time, counts
    ("none", 1, "3 events not imported: --attended none"),
    # Mass (accepted) and the shift (gave); the council (declined) and the youth group
    # (not an attendee) are not
    ("mine", 2, "2 events not imported: you are not an attendee, or declined"),
])
def test_attended_chooses_the_events(ok: Callable[..., Any], attended: str, added: int,
                                     not_attended: str | None) -> None:
    result = imported(ok, "--attended", attended, "--me", "sam@example.org")
    assert result["interactions_added"] == added
    said = [w for w in result["warnings"] if "not imported:" in w]
    if not_attended is None:
        assert said == []
    else:
        [line] = said
        assert not_attended in line


def test_attended_mine_needs_my_address(fails: Callable[..., Any]) -> None:
    fails("import", "church-calendar", CALENDAR, *WINDOW, "--create-network", "church",
          "--attended", "mine", match="--me")


def test_events_outside_the_window_are_said(ok: Callable[..., Any]) -> None:
    result = imported(ok)
    [line] = [w for w in result["warnings"] if "outside the import window" in w]
    assert line.startswith("2 events outside the import window 2025-01-01 to 2025-12-31 "
                           "(starting 2019-06-01 to 2031-08-15)")
    text = ok("import", "church-calendar", CALENDAR, "--since", "2030-01-01", "--until",
              "2030-12-31", "--network", "church").stderr
    assert "6 events outside the import window 2030-01-01 to 2030-12-31" in text
