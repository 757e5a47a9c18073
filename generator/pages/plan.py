"""Plan pages: a nämnd's annual follow-up plan set against what actually happened."""

from __future__ import annotations

from generator.domain.catalog import Catalog
from generator.domain.planutfall import UTFALL, antal_per_utfall, utfall_for_plan
from generator.domain.rapportval import sokvag, webbplatsens_rapporter
from generator.pages.render import page
from generator.pages.uppf_common import helpers


def _har_dolda(catalog: Catalog, omraden: set[str], ar: int) -> bool:
    """Whether non-public follow-ups exist that the plan's outcomes cannot show."""
    return any(n and area in omraden and year == str(ar) for (area, year), n in catalog.dolda.items())


def render(catalog: Catalog) -> dict[str, str]:
    pages: dict[str, str] = {}
    rapporter = set(webbplatsens_rapporter(catalog))
    for pid, plan in catalog.planer.items():
        rows = utfall_for_plan(catalog, plan)
        omraden = {p.verksamhetsomrade or catalog.avtal[p.avtal or ""].verksamhetsomrade for p in plan.poster}
        namnd = catalog.namnder[plan.namnd]
        doc = f"uppfoljningsplaner/{pid}.md"
        pages[doc] = page(
            doc, f"Uppföljningsplan {plan.ar}: {namnd.namn}", "plan.html",
            plan=plan, namnd=namnd, rows=rows, antal=antal_per_utfall(rows), UTFALL=UTFALL,
            har_dolda=_har_dolda(catalog, omraden, plan.ar),
            rapport=sokvag(plan.namnd, plan.ar) if (plan.namnd, plan.ar) in rapporter else None, **helpers(catalog),
        )
    return pages
