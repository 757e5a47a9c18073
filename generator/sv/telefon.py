"""Phone numbers as links: one rule for the footer's tap-to-call link, the provider page's and
the DCAT contact point. RFC 3966: a tel: URI is a global number (+ and the country code), or a
local number, which the RFC wants with its context (`;phone-context=+46`); a short number is
linked without it, as `tel:1177`: phones' dialers take `;` for "wait" and would not simply
call it, and a short number is only ever dialled where it is local."""

from __future__ import annotations

import re

# "+46 (0)63-14 75 00": the 0 in brackets is dialled only from within Sweden, never after +46.
_TRUNK = re.compile(r"\(\s*0\s*\)")
# Swedish short numbers (112, 1177, 114 14) reach a service from anywhere in Sweden alone.
_SVERIGE = "+46"


def tel_uri(number: str) -> str:
    """'063-14 75 00', '+46 (0)63-14 75 00' and '0046 63 14 75 00' → 'tel:+4663147500';
    '1177' → 'tel:1177' (a short number has no country code to put first)."""
    text = number.strip()
    digits = "".join(ch for ch in text if ch in "0123456789")
    if text.startswith("+") or digits.startswith("00"):  # international, "00" the prefix dialled before it
        digits = "".join(ch for ch in _TRUNK.sub("", text) if ch in "0123456789")
        return "tel:+" + (digits if text.startswith("+") else digits[2:])
    if digits.startswith("0"):  # national: the trunk 0 gives way to the country code
        return "tel:" + _SVERIGE + digits[1:]
    return f"tel:{digits}"
