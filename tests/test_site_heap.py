"""The collector paused while the data is read (site.heap.no_collection): what the block made
goes to the oldest generation, so the young collections after it do not walk it all again,
and a forked child's frozen objects are left where they are. While the pages are made
(site.heap.collecting_only_new) it collects only what they make."""

from __future__ import annotations

import gc
import weakref

from generator.site import heap, parallel


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
    heap.freeze()
    try:
        frozen = gc.get_freeze_count()
        with heap.no_collection():
            made = [{"n": n} for n in range(100)]
        assert gc.get_freeze_count() == frozen
        assert not _in_generation(before, 2) and not _in_generation(before, 0)
        assert _in_generation(made, 0), "what the block made was moved while objects were frozen"
    finally:
        heap.unfreeze()
        if enabled:  # as the test found it, for the tests after it
            gc.enable()


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_while_the_pages_are_made_what_the_build_holds_is_never_walked_and_new_cycles_are_collected() -> None:
    """heap.collecting_only_new: a full collection walks none of what the build held when the
    block began (frozen), and the cycles the block makes are still collected by themselves,
    without a call (rendering every national page without the collector kept 230 MB of them)."""
    held = [{"n": n} for n in range(100)]
    gc.collect()
    with heap.collecting_only_new():
        assert gc.isenabled() and gc.get_freeze_count() >= len(held)
        assert not any(_in_generation(held, generation) for generation in (0, 1, 2))
        first = _Cycle()
        gone = weakref.ref(first)
        del first
        for _ in range(200_000):  # garbage in cycles, as a page's rendering leaves some
            _Cycle()
            if gone() is None:
                break
        assert gone() is None, "a cycle made in the block was never collected"
    assert gc.get_freeze_count() == 0 and _in_generation(held, 2)


def test_a_process_forked_while_the_pages_are_made_leaves_the_build_frozen() -> None:
    """The provider pages are forked within the block: the fork's own freezing (parallel.frozen)
    leaves the block's in place until the block ends."""
    with heap.collecting_only_new():
        with parallel.beside(len, "sidor") as counted:
            assert counted() == 5
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0


def test_what_the_build_holds_is_never_walked_until_it_is_let_go_of_and_then_gone() -> None:
    """A rebuild holds its catalog until it waits for its writers (heap.Held): meanwhile no
    collection walks it (the engine makes several), and once let go of it is gone and
    nothing is left frozen."""
    class Entity:
        pass
    catalog = [Entity() for _ in range(100)]
    first = weakref.ref(catalog[0])
    held = heap.Held()
    held.add(catalog)
    del catalog
    held.freeze()
    try:
        assert gc.get_freeze_count() > 0
        assert not any(_in_generation(first(), generation) for generation in (0, 1, 2))
    finally:
        held.let_go()
    assert first() is None and gc.get_freeze_count() == 0


def test_what_is_held_within_a_frozen_build_is_left_to_the_one_that_froze_it() -> None:
    """In a forked child the parent's objects stay frozen for good (site.parallel)."""
    heap.freeze()
    try:
        held = heap.Held()
        held.add([object() for _ in range(10)])
        held.freeze()
        held.let_go()
        assert gc.get_freeze_count() > 0
    finally:
        heap.unfreeze()


def test_whether_the_build_is_frozen_is_known_without_counting_and_always_right() -> None:
    """The build asks whether its objects are frozen before every fork and in every child;
    gc.get_freeze_count counts them (20 ms for a national rebuild's million), so heap keeps
    the answer. It must match the collector's state after every way in and out."""
    def agrees() -> None:
        assert heap.frozen() == (gc.get_freeze_count() > 0)
    agrees()
    with heap.collecting_only_new():
        agrees()
        with parallel.frozen():
            agrees()
        agrees()
    agrees()
    with parallel.frozen():
        assert heap.frozen()
        with heap.no_collection():
            agrees()
    agrees()
    held = heap.Held()
    held.add([object()])
    held.freeze()
    assert heap.frozen()
    held.let_go()
    agrees()
    assert not heap.frozen()


def test_what_a_build_that_ends_its_process_holds_is_kept_frozen_until_the_process_ends(monkeypatch) -> None:
    """`insyn build` ends its process with the build (cli.run): letting go of a national
    catalog there is 0.4 s of CPU for nothing. Held(left_to_exit=True) keeps what it holds,
    still frozen for the collector; an ordinary Held (insyn serve, a test) lets go."""
    monkeypatch.setattr(heap, "_LEFT", [])
    class Entity:
        pass
    catalog = [Entity() for _ in range(100)]
    first = weakref.ref(catalog[0])
    held = heap.Held(left_to_exit=True)
    held.add(catalog)
    del catalog
    held.freeze()
    try:
        held.let_go()
        held.let_go()
        assert first() is not None and gc.get_freeze_count() > 0
        assert not any(_in_generation(first(), generation) for generation in (0, 1, 2))
        assert len(heap._LEFT) == 1
    finally:
        heap._LEFT.clear()
        heap.unfreeze()
    assert first() is None
