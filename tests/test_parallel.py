"""A step run beside the build, or in it where a second process would not pay: the caller
gets the same result, and failures, either way."""

from __future__ import annotations

import os

import pytest

from generator.problems import BuildError
from generator.site import parallel


def _where(x: int) -> tuple[int, int]:
    return os.getpid(), x * 2


def _fails() -> None:
    raise BuildError("search-index-missing", "Sökindexet kunde inte byggas.", "Bygg igen.")


@pytest.mark.parametrize("wanted", [True, False])
def test_the_same_result_from_either_process(wanted: bool) -> None:
    with parallel.beside_if(wanted, _where, 21) as result:
        pid, value = result()
    assert value == 42
    assert (pid != os.getpid()) == wanted


@pytest.mark.parametrize("wanted", [True, False])
def test_a_failure_reaches_the_caller_when_it_waits(wanted: bool) -> None:
    with pytest.raises(BuildError) as failure, parallel.beside_if(wanted, _fails) as result:
        result()
    assert failure.value.code == "search-index-missing" and failure.value.hint == "Bygg igen."
