"""kith's own exceptions.

Every failure a user can cause (bad input, a missing person, a corrupt file) is a
``KithError``: the faces print its message as one line and exit with code 2. Anything else
reaching the top is a bug.
"""

from __future__ import annotations


class KithError(Exception):
    """A failure to report to the user as one clear line (exit code 2)."""

    exit_code = 2


class ValidationError(KithError):
    """A value that the domain model refuses (fun outside 0-5, a bad date, ...)."""


class NotFound(KithError):
    """A network, person, interaction or opportunity that does not exist."""


class Ambiguous(KithError):
    """A name that matches more than one record; the message lists the candidates."""


class StoreError(KithError):
    """The database cannot be opened or written (corrupt, newer schema, read-only...)."""


class ImportFormatError(KithError):
    """A source file that cannot be read; names the file and the record."""

    def __init__(self, message: str, *, file: str | None = None, record: str | int | None = None):
        # one line, whatever a parser library put in its message (newlines, whole files)
        message = " ".join(str(message).split())
        if len(message) > 300:
            message = message[:297] + "..."
        self.file = file
        self.record = record
        where = ""
        if file is not None:
            where = str(file)
            if record is not None:
                where += f", record {record}"
            where += ": "
        super().__init__(f"{where}{message}")

