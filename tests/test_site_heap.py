"""The collector paused while the data is read (site.heap.no_collection): what the block made
goes to the oldest generation, so the young collections after it do not walk it all again,
and a forked child's frozen objects are left where they are."""

from __future__ import annotations

import gc

from generator.site import heap


def _in_generation(obj: object, generation: int) -> bool:
    return any(o is obj for o in gc.get_objects(generation=generation))


def test_what_the_block_made_is_in_the_oldest_generation_after_it() -> None:
    with heap.no_collection():
        assert not gc.isenabled()
        made = [[str(n)] for n in range(1000)]
        assert _in_generation(made, 0)
    assert gc.isenabled()
    assert _in_generation(made, 2) and not _in_generation(made, 0)
    assert _in_generation(made[-1], 2)


def test_frozen_objects_stay_frozen() -> None:
    """In a forked child the parent's objects stay frozen for good (site.parallel)."""
    before = [{"n": n} for n in range(100)]
    enabled = gc.isenabled()
    gc.disable()  # kept off after the block too (as it was before it): nothing else moves `made`
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with heap.no_collection():
            made = [{"n": n} for n in range(100)]
        assert gc.get_freeze_count() == frozen
        assert not _in_generation(before, 2) and not _in_generation(before, 0)
        assert _in_generation(made, 0), "what the block made was moved while objects were frozen"
    finally:
        gc.unfreeze()
        if enabled:  # as the test found it, for the tests after it
            gc.enable()
