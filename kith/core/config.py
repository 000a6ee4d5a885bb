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

There is no ``[values]`` section (an earlier version documented one that nothing read): the
value of an interaction recorded without one comes from the ``estimate_value`` hook, whose
defaults per interaction kind are the network kinds' ``rules["values"]``
(``kith.domain.network_kinds``).
"""

from __future__ import annotations

import copy
import os
import tomllib
from pathlib import Path
from typing import Any

from kith.core.errors import KithError

DEFAULTS: dict[str, Any] = {
    "kith": {"currency": "EUR", "currency_exponent": 2},
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
