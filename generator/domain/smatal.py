"""Small numbers: a key-figure value resting on too few answers is never shown or published.

One rule, applied once when the Catalog is made, so every page, chart, comparison, CSV
and workbook gets the same blank value with the same reason. A percentage from 8 children
is noise that looks like a fact, and a cell of a few people can point at someone.

The rule holds for women and men together: if one of them is too small, both are blanked,
so a suppressed cell can never be worked out from the total and the other sex. If the
total is too small, its parts are too.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from generator.models import NyckeltalsVarde

FOR_FA = "För få svar för att redovisa"
MINSTA_ANTAL = 10  # the default; region.yaml publicering.minsta_antal overrides it


def for_fa(v: NyckeltalsVarde, minsta: int) -> bool:
    """Whether the value itself rests on fewer answers or cases than the minimum."""
    return v.antal is not None and v.antal < minsta


def undertryck(varden: Iterable[NyckeltalsVarde], minsta: int = MINSTA_ANTAL) -> tuple[NyckeltalsVarde, ...]:
    """The values with every too-small cell blanked and given the reason, the order kept."""
    rows = tuple(varden)
    # Only the groups with a too-small cell can blank anything: at national size a few of the
    # 56,000 (0.12 s to group all 150,000 values on the rebuild's one-core start).
    small_groups = {(v.utforare, v.nyckeltal, v.period) for v in rows if for_fa(v, minsta)}
    if not small_groups:
        return rows
    groups: dict[tuple[str, str, str], dict[str, NyckeltalsVarde]] = defaultdict(dict)
    for v in rows:
        key = (v.utforare, v.nyckeltal, v.period)
        if key in small_groups:
            groups[key][v.kon] = v
    blank: set[tuple[str, str, str, str]] = set()
    for key, by_kon in groups.items():
        small = {kon for kon, v in by_kon.items() if for_fa(v, minsta)}
        if "T" in small or small & {"K", "M"}:
            small |= {"K", "M"} & by_kon.keys()  # both sexes, or neither: no working back from T
        blank |= {(*key, kon) for kon in small}
    return tuple(
        v.model_copy(update={"varde": None, "anmarkning": FOR_FA})
        if (v.utforare, v.nyckeltal, v.period, v.kon) in blank and v.varde is not None else v
        for v in rows
    )
