"""What ``kith doctor``, ``kith backup`` and ``kith restore`` do, by name, in one place.

Each job has a room of its own: ``check`` (find every problem, change nothing),
``repair`` (mend without dropping a readable record, with ``salvage`` and ``mend``),
``backups`` (make, list, read from), ``restore`` (switch to a backup in one step). This
module only names them for the commands and the tests that use them together.
"""

from __future__ import annotations

from kith.persistence.snapshots import verify_backup
from kith.reliability.backups import backups, clock_notice, incomplete_backups, make_backup
from kith.reliability.check import Problem, check
from kith.reliability.repair import Repair, repair
from kith.reliability.restore import restore

__all__ = ["Problem", "Repair", "backups", "check", "clock_notice", "incomplete_backups",
           "make_backup", "repair", "restore", "verify_backup"]
