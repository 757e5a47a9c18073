"""Phone numbers as links: one rule for the footer's tap-to-call link and the DCAT contact point."""

from __future__ import annotations


def tel_uri(number: str) -> str:
    """'063-14 75 00' → 'tel:+4663147500' (a tel: URI needs the country code)."""
    digits = "".join(ch for ch in number if ch.isdigit())
    if number.strip().startswith("+"):
        return "tel:+" + digits
    return "tel:+46" + digits.removeprefix("0")
