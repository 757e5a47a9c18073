"""Page kind 'listor' (being written)."""

from __future__ import annotations

from generator.catalog import Catalog


def render(catalog: Catalog) -> dict[str, str]:
    return {}
