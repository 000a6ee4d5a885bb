"""Keeping a database whole: checking it, repairing it, salvaging records, backups."""
