"""Plugin panels: one tab each, and an error panel instead of any panel that fails.

A panel fails while *building* (its factory or its ``compose`` raises) or while
*refreshing* (its ``refresh_panel`` or an event handler raises). Either way the host
swaps in an ``ErrorPanel`` naming the plugin, and kith keeps running.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Static

from kith.api import PanelContext, build_panel
from kith.tui.widgets import escape


class ErrorPanel(Static):
    """What the user sees instead of a broken panel."""

    def __init__(self, plugin: str, title: str, error: BaseException) -> None:
        super().__init__(
            f"[$error]The {escape(title)!s} panel of plugin [b]{escape(plugin)}[/b] failed: "
            f"{escape(type(error).__name__)}: {escape(error)}[/]\n\nThe rest of kith works "
            f"as usual. Run `kith plugins` for details, or block the plugin with "
            f"KITH_BLOCK_PLUGINS={escape(plugin)}.", classes="error-panel")
        self.plugin = plugin


class PanelHost(Vertical):
    """Holds one plugin's panel."""

    DEFAULT_CSS = "PanelHost { height: 1fr; }"  # sized even while empty, so it gets Show

    def __init__(self, plugin: str, title: str, factory: Any, context: PanelContext,
                 **kwargs: Any):
        super().__init__(**kwargs)
        self.plugin, self.title, self.factory, self.context = plugin, title, factory, context
        self.failed: BaseException | None = None
        self.built = False

    def activate(self) -> None:
        """Build the panel the first time its tab is shown (plugins may be slow)."""
        if not self.built:
            self.built = True
            self.mount_all(list(self.build()))

    def build(self) -> ComposeResult:
        try:
            widget = build_panel(self.factory, self.context)  # a store-only factory too
            if not isinstance(widget, Widget):
                raise TypeError(f"the panel factory returned {type(widget).__name__}, "
                                "not a Textual widget")
        except Exception as error:
            self.failed = error
            self.app.plugins_problem(  # type: ignore[attr-defined]  # KithTUI's
                self.plugin, f"panel {self.title!r}", error)
            yield ErrorPanel(self.plugin, self.title, error)
            return
        self._guard(widget)
        yield widget

    def _guard(self, widget: Widget) -> None:
        """Catch what the panel's handlers raise (``on_mount``, ``on_click``...) before it
        reaches Textual, which would stop the app: the panel is replaced instead."""
        dispatch = widget._on_message

        async def guarded(message: Any) -> None:
            try:
                await dispatch(message)
            except Exception as error:
                self.fail(error)

        widget._on_message = guarded  # type: ignore[method-assign]

    def fail(self, error: BaseException) -> None:
        """Replace the panel by an error panel (after it raised)."""
        if self.failed is not None:
            return
        self.failed = error
        self.app.plugins_problem(  # type: ignore[attr-defined]  # KithTUI's
            self.plugin, f"panel {self.title!r}", error)
        for child in self.children:
            child.display = False  # a widget whose handler raised may be half-built
        self.mount(ErrorPanel(self.plugin, self.title, error))

    def main_widget(self) -> Widget | None:
        """The panel's first focusable widget, if it has one."""
        return next((w for w in self.query("*") if w.focusable), None)

    def refresh_data(self) -> None:
        if self.failed is not None or not self.children:
            return
        panel = self.children[0]
        refresh = getattr(panel, "refresh_panel", None)
        if refresh is None:
            return
        try:
            refresh()
        except Exception as error:
            self.fail(error)


def host_of(error: BaseException, widgets: list[PanelHost]) -> PanelHost | None:
    """The panel host whose widgets raised ``error`` (from the traceback's frames)."""
    traceback = error.__traceback__
    hosts = set(widgets)
    while traceback is not None:
        owner = traceback.tb_frame.f_locals.get("self")
        if isinstance(owner, Widget):
            node: Any = owner
            while node is not None:
                if node in hosts:
                    return node
                node = node.parent
        traceback = traceback.tb_next
    return None
