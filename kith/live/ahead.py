"""Ask a server for the next batch while this one is read: one request in flight, ahead.

A first pull of a server's collection is a run of batched requests (multiget REPORTs of
200 items, IMAP ``UID FETCH`` of 500 messages), each followed by kith parsing what came.
Done in turn, the server idles while kith parses and kith idles while the server reads its
storage: over 10k contacts and 10k events on Radicale that was half the wall time of
``kith pull``. ``ahead`` sends batch *n + 1* from one worker thread while the caller
parses batch *n*, so the two processes work at once (the server is another process: no
lock shared with kith).

Still one request at a time on the connection (a single worker, each request sent after
the one before has been answered), in the same order, so the server sees what it saw
before; an error is raised where that batch would have been read, and a caller that stops
early waits for the one request still out (the connection is never used by two threads at
once, nor closed under a request).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

Batch = TypeVar("Batch")
Answer = TypeVar("Answer")


def ahead(batches: Iterable[Batch], ask: Callable[[Batch], Answer]) -> Iterator[Answer]:
    """``ask(batch)`` for each batch, in order, the next one asked while this one is used."""
    worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kith-ahead")
    try:
        waiting: Future[Answer] | None = None
        for batch in batches:
            following = worker.submit(ask, batch)  # one worker: sent once the last is in
            if waiting is not None:
                yield waiting.result()
            waiting = following
        if waiting is not None:
            yield waiting.result()
    finally:  # stopped early, or failed: the request out finishes, none is sent after it
        worker.shutdown(wait=True, cancel_futures=True)
