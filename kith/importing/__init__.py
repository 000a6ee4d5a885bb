"""Imports: the pure toolkit importers are written with, and the engine that writes a
batch into the store (matching people, linking records made by hand)."""
