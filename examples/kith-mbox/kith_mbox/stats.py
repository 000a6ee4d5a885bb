"""``kith mbox stats PATH``: what a file holds, before importing it (reads only)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import click

from kith.api import KithError, echo, emit_json


def summarize(path: Path, top: int = 10) -> dict[str, Any]:
    from kith_mbox.source import mails

    messages = 0
    threads: set[str] = set()
    thread_days: set[tuple[str, str]] = set()
    senders: Counter[str] = Counter()
    names: dict[str, str] = {}
    first = last = None
    for mail in mails(path):
        messages += 1
        threads.add(mail.thread)
        if mail.sender[1]:
            senders[mail.sender[1]] += 1
            names.setdefault(mail.sender[1], mail.sender[0])
        if mail.when:
            thread_days.add((mail.thread, mail.when.date().isoformat()))
            first = mail.when if first is None or mail.when < first else first
            last = mail.when if last is None or mail.when > last else last
    return {"path": str(path), "messages": messages, "threads": len(threads),
            "thread_days": len(thread_days),
            "first": first.isoformat() if first else None,
            "last": last.isoformat() if last else None,
            "top_senders": [{"address": a, "name": names.get(a, a), "messages": n}
                            for a, n in senders.most_common(top)]}


@click.group()
def mbox() -> None:
    """Email in mbox files (from the kith-mbox plugin)."""


@mbox.command()
@click.argument("path", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def stats(path: Path, top: int, as_json: bool) -> None:
    """Messages, threads, date range and top senders of an mbox (writes nothing)."""
    try:
        data = summarize(path, top)
    except KithError:
        raise
    if as_json:
        emit_json(data)  # never click.echo: names from mail may hold control characters
        return
    echo(f"{data['messages']} messages in {data['threads']} threads "
               f"({data['thread_days']} thread-days), {data['first'] or '?'} to "
               f"{data['last'] or '?'}")
    for item in data["top_senders"]:
        echo(f"  {item['messages']:>6}  {item['name']} <{item['address']}>")  # terminal-safe
