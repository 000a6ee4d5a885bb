"""Live sources: address books, calendars and mailboxes that ``kith pull`` keeps in step.

A layer between ``importing`` (whose people matching it reuses through the use case) and
``domain``: readers that list and fetch what a source holds (a vdir folder, a CardDAV or
CalDAV collection, a Maildir, an IMAP folder), and pure translators from what they read
(vCards, events, mail headers) to records. Nothing here touches the store; the use cases
in ``kith.services.pull`` and ``kith.services.inbox`` decide and write. Only the readers
of remote sources open network connections, and only ``kith pull``/``kith push`` build
them.
"""
