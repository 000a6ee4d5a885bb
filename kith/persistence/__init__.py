"""The database on disk: the store's rooms over TinyDB, atomic files and their journal,
the writers' lock, stamps, and the checks every loaded record passes."""
