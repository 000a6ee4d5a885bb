"""Finding the installed plugin packages: the ``kith`` entry points, read cheaply.

``importlib.metadata.entry_points`` builds a distribution object for every installed
package and parses metadata with the ``email`` package: on a small virtual environment
that was 190 million instructions, 40% of ``kith --help``, paid by every command. What
kith needs is much less: which installed packages declare ``[kith]`` entry points, their
values, and the package's version for the plugin listing. So each folder of ``sys.path``
is listed once, each ``*.dist-info`` (and ``*.egg-info``) folder's ``entry_points.txt`` is
read, and only those naming ``[kith]`` are parsed, by the format's own rules (an INI file:
``[group]`` headers, ``name = module:attr`` lines, ``#`` comments). The first
distribution of a name on ``sys.path`` wins, as with ``importlib.metadata``.

Zipped eggs and other exotic finders are not looked into; a plugin installed that way is
not found (the plugin guide says to install plugins with pip).
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

GROUP = "kith"
_DIST_FOLDER = re.compile(r"^(?P<name>[^-]+)(?:-(?P<version>[^-]+))?.*\.(?:dist|egg)-info$")


@dataclass(frozen=True)
class PluginEntry:
    """One ``[kith]`` entry point of an installed package."""

    name: str
    value: str
    """``module`` or ``module:attribute``."""
    dist: str
    version: str | None

    def load(self) -> Any:
        """Import the module (and the attribute) the entry point names."""
        module_name, _, attribute = self.value.partition(":")
        found: Any = importlib.import_module(module_name.strip())
        for part in filter(None, attribute.strip().split(".")):
            found = getattr(found, part)
        return found


def entry_points(group: str = GROUP, paths: Iterable[str] | None = None) -> list[PluginEntry]:
    """The entry points of ``group`` of every package installed on ``paths`` (``sys.path``)."""
    seen: set[str] = set()
    found: list[PluginEntry] = []
    for folder in (sys.path if paths is None else paths):
        try:
            names = sorted(os.listdir(folder or "."))
        except OSError:
            continue
        for name in names:
            matched = _DIST_FOLDER.match(name)
            if matched is None:
                continue
            dist = _normalise(matched["name"])
            if dist in seen:
                continue
            seen.add(dist)
            text = _read(os.path.join(folder or ".", name, "entry_points.txt"))
            if text is None or f"[{group}]" not in text:
                continue
            version = matched["version"] or _version_from_metadata(os.path.join(folder, name))
            found += [PluginEntry(key, value, dist, version)
                      for key, value in _section(text, group)]
    return found


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _read(path: str) -> str | None:
    try:
        with open(path, encoding="utf-8") as file:
            return file.read()
    except (OSError, UnicodeDecodeError):
        return None


def _section(text: str, group: str) -> list[tuple[str, str]]:
    """``name = value`` pairs of the ``[group]`` section of an ``entry_points.txt``."""
    pairs: list[tuple[str, str]] = []
    inside = False
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            inside = line[1:-1].strip() == group
            continue
        if inside and "=" in line:
            key, _, value = line.partition("=")
            if key.strip() and value.strip():
                pairs.append((key.strip(), value.strip()))
    return pairs


def _version_from_metadata(folder: str) -> str | None:
    """The ``Version:`` header of a distribution whose folder name does not carry it."""
    for name in ("METADATA", "PKG-INFO"):
        text = _read(os.path.join(folder, name))
        if text is None:
            continue
        for line in text.splitlines():
            if not line.strip():
                break  # the headers end at the first blank line
            if line.lower().startswith("version:"):
                return line.split(":", 1)[1].strip() or None
    return None
