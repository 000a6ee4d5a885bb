"""User configuration: one TOML file with documented defaults.

Found at ``$KITH_CONFIG`` or ``<platform config folder>/kith/config.toml``. Every key is
optional; ``DEFAULTS`` below is the documented default for each. Sections:

- ``[kith]``: ``currency`` (ISO code for new databases), ``currency_exponent`` (decimals).
- ``[assessment]``: the ledger's thresholds; every key and its default is documented in
  ``kith.domain.ledger.DEFAULT_RULES`` (``min_months`` 6, ``min_interactions`` 5,
  ``fun_per_occasion`` 2.0, ``fun_per_month`` 2.0 (shown, never deciding),
  ``favour_worth`` 50, ``min_favour_ratio`` 0.5, ``max_unpaid_hours_per_month`` 20,
  ``hourly_rate`` unset, ``trend_change`` 0.2, ``newcomer_months`` 12,
  ``taker_min_favours`` 3, ``taker_grace_months`` 3, ``money_after_days`` 180,
  ``talk_credit_days`` 14, ``dormant_months`` 12), and
  ``[assessment.kinds.KIND]`` overrides them for one network kind. Beneath the user's
  values, a network kind's own rules apply (see ``kith.domain.network_kinds``).
- ``[keep_in_touch]``: ``default_days``, ``by_tag`` and ``by_network`` cadences in days.
- ``[sources.NAME]``: the live sources ``kith pull`` reads (``kind`` and its settings, see
  ``kith.live.definitions``), written by ``kith source add`` and removed by
  ``kith source remove``; ``[inbox_rules.NAME]``: the rules that accept obvious
  suggestions (``kith.live.rules``). kith writes these two sections only, as whole tables
  appended to or cut from the file, so the user's other lines and comments stay as they
  are. A password is never written: a source names a ``password_command``.

There is no ``[values]`` section (an earlier version documented one that nothing read): the
value of an interaction recorded without one comes from the ``estimate_value`` hook, whose
defaults per interaction kind are the network kinds' ``rules["values"]``
(``kith.domain.network_kinds``).
"""

from __future__ import annotations

import copy
import json
import os
import re
import tomllib
from pathlib import Path
from typing import Any

from kith.core.errors import KithError

DEFAULTS: dict[str, Any] = {
    "kith": {"currency": "EUR", "currency_exponent": 2},
    "sources": {},
    "inbox_rules": {},
    "assessment": {},
    "keep_in_touch": {"default_days": None, "by_tag": {"close": 30, "family": 30},
                      "by_network": {}},
}


def config_path() -> Path:
    env = os.environ.get("KITH_CONFIG")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir("kith", appauthor=False)) / "config.toml"


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            _merge(base[key], value)
        else:
            base[key] = value
    return base


def load_config(path: Path | None = None) -> dict[str, Any]:
    """Defaults overlaid with the user's file; a malformed file is a clear error."""
    config = copy.deepcopy(DEFAULTS)
    path = path or config_path()
    if not path.exists():
        return config
    try:
        with path.open("rb") as handle:
            user = tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise KithError(f"{path}: invalid TOML: {error}") from None
    except OSError as error:
        raise KithError(f"{path}: cannot read: {error.strerror or error}") from None
    return _merge(config, user)


WRITABLE_SECTIONS = ("sources", "inbox_rules")
"""The only sections kith writes into the user's file."""

_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")


def check_table_name(name: str, what: str) -> str:
    """A source or rule name: a short lower-case word (it is a bare TOML key)."""
    if not _NAME.match(name):
        raise KithError(f"{what} name {name!r}: use lower-case letters, digits, - or _ "
                        "(at most 40, starting with a letter or digit)")
    return name


def _toml_value(value: Any) -> str:
    """Strings, whole numbers, booleans and lists of them as TOML (JSON's string escapes
    are TOML's basic-string escapes)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):  # TOML also forbids DEL unescaped, which JSON allows
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise KithError(f"cannot write {type(value).__name__} into the configuration file")


def _header(section: str, name: str) -> re.Pattern[str]:
    return re.compile(rf"^\s*\[\s*{section}\s*\.\s*\"?{re.escape(name)}\"?\s*\]\s*(#.*)?$")


def write_table(section: str, name: str, values: dict[str, Any],
                path: Path | None = None) -> Path:
    """Append ``[section.name]`` with ``values`` to the configuration file (created when
    missing); an existing table of that name is an error (remove it first)."""
    assert section in WRITABLE_SECTIONS
    path = path or config_path()
    current = load_config(path)
    if name in current.get(section, {}):
        raise KithError(f"{path}: [{section}.{name}] exists already (remove it first)")
    lines = [f"[{section}.{name}]"] + [f"{key} = {_toml_value(value)}"
                                       for key, value in values.items() if value is not None]
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if text and not text.endswith("\n"):
        text += "\n"
    text += ("\n" if text else "") + "\n".join(lines) + "\n"
    _replace(path, text)
    return path


def remove_table(section: str, name: str, path: Path | None = None) -> bool:
    """Cut ``[section.name]`` (its header down to the next header) from the file; False
    when there is no such table."""
    assert section in WRITABLE_SECTIONS
    path = path or config_path()
    if not path.exists():
        return False
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    header = _header(section, name)
    kept: list[str] = []
    cutting = found = False
    for line in lines:
        if line.lstrip().startswith("["):
            cutting = bool(header.match(line.rstrip("\r\n")))
            found = found or cutting
        if not cutting:
            kept.append(line)
    if not found:
        return False
    _replace(path, "".join(kept))
    return True


def _replace(path: Path, text: str) -> None:
    """Write the whole file through a temporary file and a rename, after checking that
    what is written still parses (a failed write leaves the old file)."""
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:  # never write a file kith cannot read back
        raise KithError(f"{path}: the change would not be valid TOML ({error})") from None
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.kith-tmp")
    try:
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
    except OSError as error:
        raise KithError(f"{path}: cannot write: {error.strerror or error}") from None
