"""The state one run of kith shares between its faces: database, plugins, configuration.

The CLI keeps one ``KithApp`` in click's context object; the TUI receives the same object,
so both call the same use cases (``kith.services.interactions``, ``kith.services.imports``)
with the same store and plugins, and the same hooks fire.
"""

from __future__ import annotations

import sys
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kith.core.config import load_config
from kith.core.safeoutput import clean_value
from kith.plugins.manager import PluginProblem, Plugins, load_plugins

if TYPE_CHECKING:
    from kith.persistence.store import Store


class KithApp:
    """The composition root: the store (and TinyDB under it) is imported the first time a
    command asks for it, so ``kith --help`` and the plugins' command registration (which
    reach this class through ``kith.api.pass_app``) never load it."""

    def __init__(self, db: Path | None = None, plugins: Plugins | None = None,
                 config: dict[str, Any] | None = None, *, db_must_exist: bool = False,
                 db_named_by: str | None = None):
        self._db = Path(db).expanduser() if db else None
        self.plugins = plugins if plugins is not None else load_plugins()
        self._config = config
        self.db_must_exist = db_must_exist
        self.db_named_by = db_named_by
        """``--db`` or ``$KITH_HOME``: what named the folder, for the error."""

    @property
    def db(self) -> Path:
        """The database folder. A folder named with ``--db`` or ``$KITH_HOME`` must exist
        (except for ``kith init``): a typo in the path would otherwise show an empty
        database."""
        if self._db is None:
            from kith.persistence.store import default_home

            self._db = default_home()
        if self.db_must_exist and not self._db.exists():
            from kith.core.errors import StoreError

            if self.db_named_by == "$KITH_HOME":
                raise StoreError(f"no database folder {self._db} (check the $KITH_HOME path, "
                                 f"or create it with `kith init`)")
            raise StoreError(f"no database folder {self._db} (check the --db path, or create "
                             f"it with `kith --db {self._db} init`)")
        return self._db

    @cached_property
    def config(self) -> dict[str, Any]:
        return self._config if self._config is not None else load_config()

    @cached_property
    def store(self) -> Store:
        from kith.persistence.store import Store

        return Store(self.db, plugins=self.plugins,
                     currency=self.config["kith"].get("currency"))

    def open_existing(self) -> Store:
        """The store, refusing to create one (for read-only commands on a missing db)."""
        if "store" not in self.__dict__:
            from kith.persistence.store import Store

            self.__dict__["store"] = Store(self.db, plugins=self.plugins, create=False)
        return self.store

    @property
    def exponent(self) -> int:
        return int(self.config["kith"].get("currency_exponent", 2))

    def report_problems_to_stderr(self) -> None:
        def report(problem: PluginProblem) -> None:
            print(f"kith: warning: {clean_value(problem)}", file=sys.stderr)

        self.plugins.on_problem(report)
