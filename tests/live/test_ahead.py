"""``kith.live.ahead``: batches asked in order, one at a time, the next while this one is
used; an error where its batch is read; a caller that stops early leaves nothing running."""

from __future__ import annotations

import threading

import pytest

from kith.live.ahead import ahead


def test_answers_in_order_and_one_request_at_a_time() -> None:
    out: list[int] = []
    busy = threading.Lock()

    def ask(batch: int) -> int:
        assert busy.acquire(blocking=False), "two requests at once"
        try:
            out.append(batch)
            return batch * 10
        finally:
            busy.release()

    assert list(ahead(range(5), ask)) == [0, 10, 20, 30, 40]
    assert out == [0, 1, 2, 3, 4]
    assert list(ahead([], ask)) == []


def test_the_next_batch_is_asked_while_this_one_is_used() -> None:
    asked = threading.Event()

    def ask(batch: int) -> int:
        if batch == 1:
            asked.set()
        return batch

    answers = ahead([0, 1], ask)
    assert next(answers) == 0
    assert asked.wait(5), "batch 1 was not asked for while batch 0 was used"
    assert list(answers) == [1]


def test_an_error_is_raised_where_its_batch_is_read() -> None:
    def ask(batch: int) -> int:
        if batch == 2:
            raise ValueError("batch 2")
        return batch

    answers = ahead(range(4), ask)
    assert [next(answers), next(answers)] == [0, 1]
    with pytest.raises(ValueError, match="batch 2"):
        next(answers)


def test_stopping_early_waits_for_the_request_out_and_sends_no_more() -> None:
    sent: list[int] = []
    release = threading.Event()

    def ask(batch: int) -> int:
        sent.append(batch)
        if batch == 1:
            release.wait(5)
        return batch

    answers = ahead(range(10), ask)
    assert next(answers) == 0
    threading.Timer(0.2, release.set).start()
    answers.close()  # returns once batch 1 is answered
    assert release.is_set()
    assert sent == [0, 1]
    assert not [t for t in threading.enumerate() if t.name.startswith("kith-ahead")]
