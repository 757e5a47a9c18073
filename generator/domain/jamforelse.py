"""How a unit's value stands: against its target, and against the region as a whole.

The rule, stated the same on the "Om datan" page: a value is "about the same" as the
region's when it differs by at most 2 percentage points (percentages) or by at most
5 per cent of the region's value (days, indexes, kronor). Otherwise it is better or
worse following the indicator's direction. Neutral indicators and counts (`antal`: one
unit's count beside the region's total says nothing) are not judged.
"""

from __future__ import annotations

from typing import Literal

from generator.models import Nyckeltal

Lage = Literal["battre", "samma", "samre"]
PROCENTENHETER = 2.0  # tolerance for percentages, in percentage points
ANDEL = 0.05  # tolerance for other units, as a share of the region's value

ORD: dict[Lage, tuple[str, str]] = {  # (symbol, words before the publisher's word): never colour alone
    "battre": ("▲", "bättre än"),
    "samma": ("●", "ungefär som"),
    "samre": ("▼", "sämre än"),
}


def jamforbar(n: Nyckeltal) -> bool:
    """Whether a unit's value can be held against the region's: not for counts or neutral measures."""
    return n.enhet != "antal" and n.riktning != "neutral"


def mot_regionen(n: Nyckeltal, varde: float | None, region: float | None) -> Lage | None:
    if varde is None or region is None or not jamforbar(n):
        return None
    tolerans = PROCENTENHETER if n.enhet == "procent" else abs(region) * ANDEL
    skillnad = varde - region
    if abs(skillnad) <= tolerans:
        return "samma"
    hogre_battre = n.riktning == "hogre_ar_battre"
    return "battre" if (skillnad > 0) == hogre_battre else "samre"


def nar_malet(n: Nyckeltal, varde: float | None) -> bool | None:
    """Whether the value reaches the target, following the direction; None without a target or value."""
    if varde is None or n.malvarde is None or n.riktning == "neutral":
        return None
    return varde >= n.malvarde if n.riktning == "hogre_ar_battre" else varde <= n.malvarde
