"""Benchmark: importing a large X archive (issue 4 target: 100k tweets and 50k direct
messages import in <= 10 s and re-import, finding nothing new, in <= 5 s).

Generates ``bench/data/x-archive-100k/`` once (2,000 correspondents; replies and mentions
over 5 years; 50k DMs across 3,000 conversations), then runs ``kith import x-archive`` as
a real process into a fresh database, then again (median of 3 each).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

# What an installed kith costs: pip compiles kith's bytecode at install, so a shell that
# sets PYTHONDONTWRITEBYTECODE would make every run compile kith anew and time that
# instead (about 100 ms a command on this machine). The first run writes the bytecode.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

DATA = Path(__file__).parent / "data" / "x-archive-100k"
KITH = str(Path(sys.executable).parent / "kith")


def generate(folder: Path, tweets: int = 100_000, dms: int = 50_000) -> Path:
    rng = random.Random(3)
    data = folder / "data"
    data.mkdir(parents=True)
    start = datetime(2019, 1, 1, tzinfo=UTC)
    people = [(str(5000 + i), f"friend{i}", f"Friend {i}") for i in range(2000)]

    def write(name: str, var: str, items: list[object]) -> None:
        (data / name).write_text(f"{var} = " + json.dumps(items))

    write("account.js", "window.YTD.account.part0", [{"account": {
        "username": "bench", "accountId": "1", "accountDisplayName": "Bench"}}])
    parts = []
    for part in range(2):
        items = []
        for n in range(part * tweets // 2, (part + 1) * tweets // 2):
            when = start + timedelta(minutes=n * 26)
            who = rng.choice(people)
            items.append({"tweet": {
                "id_str": str(10**9 + n), "full_text": f"@{who[1]} hello {n}",
                "created_at": when.strftime("%a %b %d %H:%M:%S %z %Y"),
                "in_reply_to_user_id_str": who[0] if n % 2 else None,
                "in_reply_to_screen_name": who[1] if n % 2 else None,
                "entities": {"user_mentions": [{"screen_name": who[1], "name": who[2],
                                                "id_str": who[0]}]}}})
        name = "tweets.js" if part == 0 else f"tweets-part{part}.js"
        write(name, f"window.YTD.tweets.part{part}", items)
        parts.append({"fileName": f"data/{name}", "globalName": f"YTD.tweets.part{part}",
                      "count": str(len(items))})
    conversations = []
    per = dms // 3000
    for c in range(3000):
        who = rng.choice(people)
        messages = []
        for m in range(per):
            when = start + timedelta(days=rng.random() * 1800)
            mine = rng.random() < 0.5
            messages.append({"messageCreate": {
                "id": f"{c}-{m}", "senderId": "1" if mine else who[0],
                "recipientId": who[0] if mine else "1", "text": "hi?" if m % 3 else "hello",
                "createdAt": when.strftime("%Y-%m-%dT%H:%M:%S.000Z")}})
        conversations.append({"dmConversation": {"conversationId": f"1-{who[0]}-{c}",
                                                 "messages": messages}})
    write("direct-messages.js", "window.YTD.direct_messages.part0", conversations)
    manifest = {"dataTypes": {
        "account": {"files": [{"fileName": "data/account.js"}]}, "tweets": {"files": parts},
        "directMessages": {"files": [{"fileName": "data/direct-messages.js"}]}}}
    (data / "manifest.js").write_text("window.__THAR_CONFIG = " + json.dumps(manifest))
    return folder


def timed(args: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(args, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    if not (DATA / "data" / "manifest.js").exists():
        shutil.rmtree(DATA, ignore_errors=True)
        generate(DATA)
    firsts, agains = [], []
    for _ in range(3):
        home = Path(tempfile.mkdtemp(prefix="kith-bench-x-")) / "db"
        env = {**os.environ, "KITH_HOME": str(home), "KITH_CONFIG": "/nonexistent.toml"}
        firsts.append(timed([KITH, "import", "x-archive", str(DATA), "--create-network",
                             "social"], env))
        agains.append(timed([KITH, "import", "x-archive", str(DATA)], env))
        shutil.rmtree(home.parent, ignore_errors=True)
    print(f"x-archive import, 100k tweets + 50k DMs   {statistics.median(firsts):6.2f} s"
          "   target <= 10 s")
    print(f"x-archive re-import (nothing new)         {statistics.median(agains):6.2f} s"
          "   target <= 5 s")


if __name__ == "__main__":
    main()
