"""What every form shares (the log form and the forms of ``kith.tui.forms``): Esc cancels,
Ctrl+S or the Save button checks and writes; a refusal marks its field, says why under
the form and writes nothing."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, Generic, TypeVar

from textual import on
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from kith.core.errors import KithError
from kith.services.recording import FieldError
from kith.tui.widgets import escape, plain

ResultT = TypeVar("ResultT")


class Dialog(ModalScreen["ResultT | None"], Generic[ResultT]):
    """A form that dismisses with what ``save`` wrote, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel"),
                                             Binding("ctrl+s", "save", "Save")]
    field_ids: Sequence[str] = ()  # the fields a refusal can name
    error_id = "form-error"  # the Static under the fields that says why

    def save(self) -> ResultT:
        """Check the fields and write; raise ``FieldError`` or ``KithError`` to refuse."""
        raise NotImplementedError

    def show_error(self, field: str | None, message: str) -> None:
        for name in self.field_ids:
            self.query_one(f"#{name}").remove_class("-invalid")
        text = plain(message)
        if field:
            # a message that names its field already ("on: cannot read ...", "--on: ...")
            # says it once, as the form names it
            for named in (f"{field}: ", f"--{field}: "):
                if text.lower().startswith(named.lower()):
                    text = text[len(named):]
                    break
        where = f"{field}: " if field else ""
        self.query_one(f"#{self.error_id}", Static).update(
            f"[$error]{escape(where + text)}[/]")
        if field in self.field_ids:
            widget = self.query_one(f"#{field}")
            widget.add_class("-invalid")
            widget.focus()

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        try:
            result = self.save()
        except FieldError as error:
            self.show_error(error.field, str(error))
            return
        except KithError as error:
            self.show_error(None, str(error))
            return
        self.dismiss(result)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
