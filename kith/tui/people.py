"""People: a table filtered as you type, and a page per person.

Filtering 10k people must answer within a keystroke, so each person is reduced once to
one lower-cased haystack (name, aliases, handles, tags, networks) and the table shows at
most ``ROW_LIMIT`` matches: a terminal shows a few dozen rows anyway, and refilling
10k rows would cost far more than the search.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Static

from kith.core.errors import NotFound
from kith.core.model import ME, describe_relationship
from kith.core.parsing import describe_value
from kith.core.safeoutput import cell
from kith.core.words import birthday, counted, day, days_ago
from kith.services.person_page import PersonPage, person_page, timeline
from kith.tui.forms import PersonForm
from kith.tui.journal import FollowUpForm, NoteForm, RelateForm
from kith.tui.messages import DataChanged, OpenPerson
from kith.tui.reminders import follow_up_lines
from kith.tui.widgets import KithFooter, KithInput, LazyPane, escape

ROW_LIMIT = 100
TAGS_COLUMN_FROM = 100
"""Columns from which the people table has room for its Tags column."""
NOTE_COLUMN_FROM = 110
"""Columns from which a person's timeline has room for its Note column (below, the note
of the highlighted row is shown under the table)."""


@dataclass(frozen=True)
class Row:
    id: str
    name: str
    networks: str
    tags: str
    last: str
    haystack: str


def people_rows(store: Any) -> list[Row]:
    """Every person as a table row with its search haystack, by name."""
    if not store.exists:
        return []
    stats = store.person_stats()
    names = {n.id: n.name for n in store.networks()}
    rows = []
    for ident, doc in store.people_docs().items():
        if ident == ME:
            continue
        networks = ", ".join(names.get(n, n) for n in doc.get("networks", {}))
        tags = ", ".join(doc.get("tags", ()))
        handles = " ".join(f"{k}:{v}" for k, values in doc.get("handles", {}).items()
                           for v in (values if isinstance(values, list) else [values]))
        last = max((s.get("last", "") for s in stats.get(ident, {}).values()), default="")
        haystack = " ".join([doc["name"], *doc.get("aliases", ()), handles, tags, networks,
                             " ".join(doc.get("networks", {}))]).lower()
        rows.append(Row(ident, doc["name"], networks, tags, last[:10], haystack))
    rows.sort(key=lambda r: r.name.lower())
    return rows


def matching(rows: list[Row], text: str) -> list[Row]:
    """Rows containing every word of ``text`` (any order, any field)."""
    words = text.lower().split()
    if not words:
        return rows
    if len(words) == 1:
        word = words[0]
        return [r for r in rows if word in r.haystack]
    return [r for r in rows if all(w in r.haystack for w in words)]


class PeoplePane(LazyPane, Vertical):
    """The filter, a count, and the table; Enter opens the person's page.

    The tab opens with the filter focused, so typing a name filters and no letter acts as
    a key ("mur" never opens the merge form); Down or Enter moves to the table, Esc too,
    and there the letters are keys again (the footer shows them)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "focus_filter", "Filter", show=False),
        Binding("e", "edit", "Edit"),
        Binding("down", "to_table", "Table", show=False),
    ]

    def __init__(self, kith: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.kith = kith
        self.rows: list[Row] = []
        self.found: list[Row] = []
        self.shown: list[Row] = []
        self.last_text: str | None = None
        self.narrow: bool | None = None

    def compose(self) -> ComposeResult:
        yield KithInput(placeholder="Filter by name, handle, tag or network", id="people-filter",
                        compact=True)
        yield Static("", id="people-count")
        yield DataTable(id="people-table", cursor_type="row", zebra_stripes=True)

    def refresh_data(self) -> None:
        self.rows = people_rows(self.kith.store)
        self.last_text = None
        self.apply_filter(self.query_one("#people-filter", Input).value)

    @on(Input.Changed, "#people-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.apply_filter(event.value)

    @on(Input.Submitted, "#people-filter")
    def _filter_submitted(self) -> None:
        self.query_one("#people-table", DataTable).focus()

    def apply_filter(self, text: str) -> None:
        # typing on only narrows: search the last matches, not everyone
        narrower = self.last_text is not None and text.lower().startswith(self.last_text)
        found = matching(self.found if narrower else self.rows, text)
        self.found, self.last_text = found, text.lower()
        shown = found[:ROW_LIMIT]
        table = self.query_one("#people-table", DataTable)
        narrow = self.size.width < TAGS_COLUMN_FROM
        if shown != self.shown or table.row_count != len(shown) or narrow != self.narrow:
            self.shown = shown
            if narrow != self.narrow or not table.columns:
                self.narrow = narrow
                table.clear(columns=True)
                # on a narrow terminal the tags go (the filter still finds them) rather
                # than cutting Last contact
                table.add_columns("Name", "Networks", *(() if narrow else ("Tags",)),
                                  "Last contact")
            else:
                table.clear()
            # Text cells (kith.core.safeoutput): plain strings would be parsed as markup, and
            # control characters in names reach the terminal
            table.add_rows([(cell(r.name), cell(r.networks),
                             *(() if narrow else (cell(r.tags),)), r.last) for r in shown])
        total = len(self.rows)
        if not text.strip():
            count = f"{total:,} people" + (f" (first {ROW_LIMIT} shown: type to filter)"
                                           if total > ROW_LIMIT else "")
        else:
            count = f"{len(found):,} of {total:,} match" + (
                f" (first {ROW_LIMIT} shown)" if len(found) > ROW_LIMIT else "")
        self.query_one("#people-count", Static).update(count)

    def on_resize(self) -> None:
        if self.loaded and (self.size.width < TAGS_COLUMN_FROM) != self.narrow:
            self.apply_filter(self.query_one("#people-filter", Input).value)

    @on(DataTable.RowSelected, "#people-table")
    def _open(self, event: DataTable.RowSelected) -> None:
        if 0 <= event.cursor_row < len(self.shown):
            self.post_message(OpenPerson(self.shown[event.cursor_row].id))

    def action_focus_filter(self) -> None:
        self.query_one("#people-filter", Input).focus()

    def main_widget(self) -> DataTable[str]:
        return self.query_one("#people-table", DataTable)

    def entry_widget(self) -> Input:
        return self.query_one("#people-filter", Input)

    def action_to_table(self) -> None:
        self.main_widget().focus()

    def highlighted(self) -> Row | None:
        """The row under the table's cursor (whatever has the focus)."""
        row = self.query_one("#people-table", DataTable).cursor_row
        return self.shown[row] if 0 <= row < len(self.shown) else None

    def action_edit(self) -> None:
        row = self.highlighted()
        person = self.kith.store.get_person(row.id) if row else None
        if person is None:
            self.app.notify("No person selected.", severity="warning")
            return
        self.app.open_form(PersonForm(self.kith, person), "Updated")  # type: ignore[attr-defined]


class PersonScreen(Screen[None]):
    """One person: details, keep-in-touch status, opportunities, relationships, follow-ups,
    notes, timeline (the ``PersonPage`` that ``kith person show`` presents too); refreshed
    after every write (``refresh_data``)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("l", "log", "Log"),
        Binding("e", "edit", "Edit"),
        Binding("h", "app.hear", "Need"),
        Binding("m", "app.merge", "Merge"),
        Binding("j", "note", "Note"),
        Binding("u", "follow_up", "Follow up"),
        Binding("k", "relate", "Relate"),
    ]

    def __init__(self, kith: Any, person_id: str, today: date) -> None:
        super().__init__()
        self.kith = kith
        self.page = self._read(person_id)
        self.person = self.page.person
        self.today = today
        self.stale = False

    def _read(self, ref: str) -> PersonPage:
        # the timeline is loaded in the background (``load_timeline``): not here
        return person_page(self.kith.store, ref, recent=0, config=self.kith.config)

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="person-page"):
            yield Static(self.details(), id="person-details")
            yield Static(self.keep_in_touch(), id="person-keep")
            yield Static(self.opportunities(), id="person-opportunities")
            journal_text = self.journal()  # relationships, follow-ups, notes
            journal = Static(journal_text, id="person-journal")
            journal.display = bool(journal_text)
            yield journal
            yield Static("Timeline (newest first)", classes="heading")
            yield DataTable(id="timeline", cursor_type="row")
            # on a narrow terminal the note goes here, under the table, for the row the
            # cursor is on, instead of a column cut to a few letters
            note = Static("", id="timeline-note")
            note.display = False
            yield note
        yield KithFooter()

    def on_mount(self) -> None:
        self.title = self.person.name
        self.load_timeline()

    def on_screen_resume(self) -> None:
        if self.stale:
            self.refresh_data()

    def refresh_data(self) -> None:
        """Show what was written since (an edit, a merge, an interaction, another process)."""
        self.stale = False
        try:
            # by id (or the one it was merged into), never by a name it might match
            if self.kith.store.get_person(self.person.id) is None:
                raise NotFound(self.person.id)
            self.page = self._read(self.person.id)
        except NotFound:  # removed by another process
            self.app.notify(f"{self.person.name} is no longer in the database.",
                            severity="warning", markup=False)
            self.dismiss()
            return
        self.person = self.page.person
        self.title = self.person.name
        self.query_one("#person-details", Static).update(self.details())
        self.query_one("#person-keep", Static).update(self.keep_in_touch())
        self.query_one("#person-opportunities", Static).update(self.opportunities())
        journal_text = self.journal()
        journal = self.query_one("#person-journal", Static)
        journal.update(journal_text)
        journal.display = bool(journal_text)
        self.load_timeline()

    def action_edit(self) -> None:
        self.app.open_form(PersonForm(self.kith, self.person), "Updated")  # type: ignore[attr-defined]

    def action_note(self) -> None:
        self.app.push_screen(NoteForm(self.kith, self.person), self._journaled)

    def action_follow_up(self) -> None:
        self.app.push_screen(FollowUpForm(self.kith, self.person), self._journaled)

    def action_relate(self) -> None:
        self.app.push_screen(RelateForm(self.kith, self.person), self._journaled)

    def _journaled(self, written: Any) -> None:
        if written is not None:
            self.app.notify(f"Saved for {self.person.name}", markup=False)
            self.post_message(DataChanged("journal"))

    def details(self) -> str:
        p = self.page.person
        names = self.page.network_names
        lines = [f"[b]{escape(p.name)}[/b]"]
        if p.networks:
            lines.append("networks: " + ", ".join(escape(names.get(n, n)) for n in p.networks))
        if p.tags:
            lines.append("tags: " + escape(", ".join(p.tags)))
        for kind, values in p.handles.items():
            lines.append(f"{kind}: " + escape(", ".join(values)))
        if p.birthday:
            lines.append(f"birthday: {escape(birthday(p.birthday))}")
        if p.notes:
            lines.append(escape(p.notes))
        return "\n".join(lines)

    def keep_in_touch(self) -> str:
        cadence, last = self.page.cadence, self.page.last_contact
        if not last:
            status = "no contact recorded yet"
        else:
            days = (self.today - date.fromisoformat(last[:10])).days
            status = f"last contact {day(last, today=self.today)} ({days_ago(days)})"
            if cadence and days > cadence:
                status += f": [$warning]overdue by {counted(days - cadence, 'day')}[/]"
            elif cadence:
                status += f": in touch (every {counted(cadence, 'day')})"
        if not cadence:
            status += "; no keep-in-touch cadence"
        return "Keep in touch: " + status

    def journal(self) -> str:
        """Relationships, open follow-ups and dated notes (newest first); "" if none."""

        page = self.page
        parts = [f"{describe_relationship(r.kind)} {escape(r.name)}"
                 for r in page.relationships]
        follow_ups = follow_up_lines(self.kith.store, self.today, person=page.person.id,
                                     items=page.follow_ups)
        if follow_ups:
            parts += ["Follow-ups:", *follow_ups]
        if page.notes:
            parts.append("Notes (newest first):")
            parts += [f"  {n.on}  {escape(n.text)}" for n in page.notes]
        return "\n".join(parts)

    def opportunities(self) -> str:
        mine = self.page.opportunities
        if not mine:
            return "Opportunities: none heard yet"
        return "Opportunities:\n" + "\n".join(
            f"  {o.type}: {escape(o.text)} ({o.status})" for o in mine)

    @work(thread=True, exclusive=True)
    def load_timeline(self) -> None:
        store = self.kith.store
        names = self.page.network_names
        items = timeline(store, self.person.id)
        items.reverse()
        rows = [(i.when.strftime("%Y-%m-%d %H:%M"), escape(names.get(i.network, i.network)),
                 i.direction, i.kind, describe_value(i.value, store.currency),
                 escape(i.note[:60])) for i in items]
        self.app.call_from_thread(self._show_timeline, rows)

    def narrow(self) -> bool:
        """Too narrow for the Note column at a useful width."""
        return self.size.width < NOTE_COLUMN_FROM

    def _show_timeline(self, rows: list[tuple[str, ...]]) -> None:
        self.timeline_rows = rows
        table = self.query_one("#timeline", DataTable)
        table.clear(columns=True)
        narrow = self.narrow()
        columns = ["When", "Network", "Way", "Kind", "Value"] + ([] if narrow else ["Note"])
        table.add_columns(*columns)
        # narrow: the day without its time, so Value keeps its width
        table.add_rows([(row[0][:10] if narrow else row[0], *row[1:len(columns)])
                        for row in rows])
        self.query_one("#timeline-note", Static).display = narrow and any(r[5] for r in rows)
        self._show_note(table.cursor_row)

    def on_resize(self) -> None:
        if getattr(self, "timeline_rows", None) is not None and \
                self.narrow() != (len(self.query_one("#timeline", DataTable).columns) == 5):
            self._show_timeline(self.timeline_rows)

    @on(DataTable.RowHighlighted, "#timeline")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_note(event.cursor_row)

    def _show_note(self, row: int) -> None:
        rows = getattr(self, "timeline_rows", [])
        note = rows[row][5] if 0 <= row < len(rows) else ""
        self.query_one("#timeline-note", Static).update(f"Note: {note}" if note else "Note: -")

    def action_log(self) -> None:
        network = next(iter(self.person.networks), "")
        self.app.action_log(people=self.person.name, network=network)  # type: ignore[attr-defined]
