"""The use cases: one function per thing a person does, called by every face.

The CLI and the TUI parse and present; the services decide and write, in one transaction,
and fire the hooks after the commit."""
