"""`settled_heap` freezes for the block only, and leaves a frozen generation it did not make alone."""

from __future__ import annotations

import gc

from pipeline.heap import settled_heap


def test_freezes_for_the_block_and_hands_back() -> None:
    assert gc.get_freeze_count() == 0
    with settled_heap():
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0


def test_leaves_someone_elses_frozen_generation_alone() -> None:
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with settled_heap():
            pass
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
