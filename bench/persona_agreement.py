"""How often kith's verdicts agree with what a reader of the two posts expects.

The personas in ``tests/personas/blind/`` were written from the seeds alone (not from the
ledger's code): each is a 2-4 year story told as kith command lines, with, per network and
window, the verdicts a reader would accept and the one they would give. This script builds
each persona in a temporary database by running the real CLI (``build_cli`` through click's
``CliRunner``, with KITH_HOME and KITH_CONFIG in a temporary folder), runs
``kith assess --json --since ... --until ...`` for every window, and prints per persona and
overall: network-windows, verdicts acceptable, verdicts best, advice-word checks passed, and
every miss with kith's own reason.

Usage::

    python bench/persona_agreement.py                 # all personas
    python bench/persona_agreement.py --set blind2    # the fresh set
    python bench/persona_agreement.py --persona maya  # one (repeatable)
    python bench/persona_agreement.py --json out.json # also write every comparison
    python bench/persona_agreement.py --keep /tmp/p   # keep the databases to look into

It asserts nothing: the figures are a measurement (the model is being rewritten; a test with
a threshold belongs with that work).
"""

from __future__ import annotations

import argparse
import importlib
import json
import re
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from click.testing import CliRunner  # noqa: E402

from kith.cli.main import build_cli  # noqa: E402

SETS = ("blind", "blind2")
"""The persona sets under ``tests/personas/``: ``blind`` (12 personas, two sets written
at earlier stops) and ``blind2`` (8 personas written later by someone who had not read
the ledger, measured once as the fresh figure)."""


def persona_set(name: str) -> ModuleType:
    return importlib.import_module(f"tests.personas.{name}")

LABEL = re.compile(r"\{([A-Za-z0-9_]+)\}")
TEXT_FIELDS = ("advice", "next_step", "headline")
"""The fields a must / must-not word is looked for in (the words kith advises with)."""


class StoryError(RuntimeError):
    """A story command kith refused: the persona, not kith's judgement, needs fixing."""


@dataclass
class Comparison:
    persona: str
    network: str
    window: str
    since: str
    until: str
    expected: list[str]
    best: str
    got: str
    acceptable: bool
    is_best: bool
    words_ok: bool | None
    word_problems: list[str] = field(default_factory=list)
    reason: str = ""
    why: str = ""


class Kith:
    """One temporary database, driven through the real command tree."""

    def __init__(self, folder: Path) -> None:
        self.env: dict[str, str | None] = {
            "KITH_HOME": str(folder / "db"), "KITH_CONFIG": str(folder / "config.toml"),
            "KITH_PLUGINS": None, "KITH_BLOCK_PLUGINS": None, "KITH_PLUGINS_DIR": None}
        self.runner = CliRunner()
        self.cli = build_cli()
        self.labels: dict[str, str] = {}

    def run(self, args: list[str]) -> str:
        label = None
        if args and args[0].startswith("#as:"):
            label, args = args[0][4:], [*args[1:], "--json"]
        args = [LABEL.sub(lambda m: self.labels[m.group(1)], a) for a in args]
        result = self.runner.invoke(self.cli, args, env=self.env)
        if result.exit_code != 0:
            detail = (result.stderr if result.stderr_bytes else result.output).strip()
            if result.exception and not isinstance(result.exception, SystemExit):
                detail += f" ({type(result.exception).__name__}: {result.exception})"
            raise StoryError(f"kith {' '.join(args)} -> exit {result.exit_code}: {detail}")
        if label:
            self.labels[label] = json.loads(result.stdout)["id"]
        return result.stdout


def verdict_of(entry: dict[str, Any]) -> str:
    """The verdict in one assessment entry, read defensively."""
    for key in ("verdict", "label", "status"):
        value = entry.get(key)
        if isinstance(value, str) and value:
            return value
    return f"<no verdict; keys: {', '.join(sorted(entry))}>"


def reason_of(entry: dict[str, Any]) -> str:
    """kith's own words for its verdict: headline and next step, else the first reasons."""
    parts = [str(entry[k]) for k in ("headline", "next_step") if entry.get(k)]
    if not parts and isinstance(entry.get("reasons"), list):
        parts = [str(r) for r in entry["reasons"][:2]]
    return " | ".join(parts)


def entries_by_network(payload: Any) -> dict[str, dict[str, Any]]:
    """Assessment entries keyed by network id, whatever the envelope around them."""
    if isinstance(payload, dict):
        for key in ("networks", "assessments", "results"):
            if isinstance(payload.get(key), list):
                payload = payload[key]
                break
        else:
            payload = list(payload.values()) if all(
                isinstance(v, dict) for v in payload.values()) else [payload]
    out: dict[str, dict[str, Any]] = {}
    for entry in payload if isinstance(payload, list) else []:
        if isinstance(entry, dict):
            ident = entry.get("id") or entry.get("network") or entry.get("name")
            if isinstance(ident, dict):
                ident = ident.get("id")
            if ident:
                out.setdefault(str(ident), entry)
    return out


def judge(persona: ModuleType, kith: Kith) -> list[Comparison]:
    """Assess every window the persona names and compare with its expectations."""
    results: list[Comparison] = []
    cache: dict[str, dict[str, dict[str, Any]]] = {}
    for exp in persona.EXPECT:
        since, until = persona.WINDOWS[exp["window"]]
        if exp["window"] not in cache:
            out = kith.run(["assess", "--json", "--since", since, "--until", until])
            cache[exp["window"]] = entries_by_network(json.loads(out))
        entry = cache[exp["window"]].get(exp["network"])
        if entry is None:
            got, reason, text = "<absent>", "network not in kith's assessment", ""
        else:
            got, reason = verdict_of(entry), reason_of(entry)
            text = " ".join(str(entry.get(k, "")) for k in TEXT_FIELDS).lower()
        problems = [f"lacks {w!r}" for w in exp["must"] if w.lower() not in text]
        problems += [f"says {w!r}" for w in exp["must_not"] if w.lower() in text]
        has_words = bool(exp["must"] or exp["must_not"])
        results.append(Comparison(
            persona=persona.NAME, network=exp["network"], window=exp["window"], since=since,
            until=until, expected=list(exp["acceptable"]), best=exp["best"], got=got,
            acceptable=got in exp["acceptable"], is_best=got == exp["best"],
            words_ok=(not problems) if has_words and entry is not None else None,
            word_problems=problems, reason=reason, why=exp["why"]))
    return results


def build_and_judge(name: str, judge_it: bool = True, keep: Path | None = None,
                    chosen: str = "blind") -> tuple[ModuleType, list[Comparison], float]:
    """Build persona ``name`` of the set ``chosen`` in a fresh database (under ``keep``,
    else a temporary one)."""
    persona = persona_set(chosen).load(name)
    with tempfile.TemporaryDirectory(prefix=f"kith-persona-{name}-") as scratch:
        folder = keep / name if keep else Path(scratch)
        if keep and folder.exists():
            raise StoryError(f"{folder} exists: remove it or choose another --keep folder")
        folder.mkdir(parents=True, exist_ok=True)
        kith = Kith(folder)
        started = time.perf_counter()
        for args in persona.STORY:
            kith.run(list(args))
        built = time.perf_counter() - started
        return persona, judge(persona, kith) if judge_it else [], built


def tally(rows: list[Comparison]) -> str:
    worded = [r for r in rows if r.words_ok is not None]
    n = len(rows) or 1
    return (f"{len(rows)} network-windows, acceptable {sum(r.acceptable for r in rows)} "
            f"({100 * sum(r.acceptable for r in rows) / n:.0f}%), best "
            f"{sum(r.is_best for r in rows)} ({100 * sum(r.is_best for r in rows) / n:.0f}%), "
            f"words {sum(bool(r.words_ok) for r in worded)}/{len(worded)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", dest="chosen", choices=SETS, default="blind",
                        help="which persona set (default blind)")
    parser.add_argument("--persona", action="append",
                        help="only this persona of the set (repeatable)")
    parser.add_argument("--json", type=Path, help="also write every comparison here")
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="build each persona's database in DIR/NAME and keep it "
                        "(kith --db DIR/NAME/db assess ...)")
    parser.add_argument("--build-only", action="store_true",
                        help="only check that kith accepts every story command")
    args = parser.parse_args(argv)
    everything: list[Comparison] = []
    known = persona_set(args.chosen).PERSONAS
    unknown = [name for name in args.persona or () if name not in known]
    if unknown:
        parser.error(f"--persona {unknown[0]}: not in {args.chosen} ({', '.join(known)})")
    for name in args.persona or known:
        try:
            persona, rows, built = build_and_judge(name, judge_it=not args.build_only,
                                                   keep=args.keep, chosen=args.chosen)
        except StoryError as error:
            print(f"{name}: story refused by kith: {error}")
            return 2
        everything += rows
        print(f"== {persona.NAME} ({persona.START} to {persona.END}; "
              f"{len(persona.STORY)} commands in {built:.1f}s): {tally(rows)}")
        for r in rows:
            if not r.acceptable:
                print(f"  MISS {r.network} [{r.window} {r.since}..{r.until}] expected "
                      f"{'/'.join(r.expected)} (best {r.best}), got {r.got}: {r.reason}")
            elif not r.is_best:
                print(f"  ok-not-best {r.network} [{r.window}] best {r.best}, got {r.got}")
            if r.word_problems:
                print(f"  WORDS {r.network} [{r.window}] {'; '.join(r.word_problems)}: "
                      f"{r.reason}")
    print(f"== overall: {tally(everything)}")
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in everything], indent=1,
                                        ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
