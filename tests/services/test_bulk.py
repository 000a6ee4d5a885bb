"""The cycle collector is paused only for a bulk read and always comes back."""

from __future__ import annotations

import gc

import pytest

from kith.services.bulk import no_cycle_collection


def test_the_collector_is_paused_during_and_restored_after_even_on_error() -> None:
    assert gc.isenabled()
    with no_cycle_collection():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), no_cycle_collection():
        raise ValueError("a bad read")
    assert gc.isenabled()


def test_a_caller_that_paused_it_keeps_it_paused() -> None:
    gc.disable()
    try:
        with no_cycle_collection():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
