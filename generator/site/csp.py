"""Content-Security-Policy for the built site: a `<meta>` tag in every page, and `_headers`.

GitHub Pages sends no security headers, so each page carries its own policy as a meta tag.
Material emits a few small inline scripts; instead of allowing inline scripts in general,
each page's policy lists the SHA-256 hash of exactly the inline scripts on that page,
computed from the finished HTML. Hosts that honour a `_headers` file (Netlify,
Cloudflare Pages) also get the real headers, with every hash used anywhere on the site.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from generator.problems import BuildError

_CHARSET = re.compile(r"<meta\s+charset=[\"']?utf-8[\"']?\s*/?>", re.IGNORECASE)
_HEAD = re.compile(r"<head(\s[^>]*)?>", re.IGNORECASE)
_JS_TYPES = {"", "text/javascript", "application/javascript", "module"}
META_NAME = 'http-equiv="Content-Security-Policy"'

# Everything from the site itself; nothing from anyone else. Material's icons are inline
# SVG data URIs in its stylesheet (img-src data:); the search runs in a same-origin worker.
# Pagefind's search is WebAssembly from the site itself: 'wasm-unsafe-eval' lets a page
# compile WebAssembly and nothing else (no eval, no inline script without its hash).
_FIXED = (
    "default-src 'self'",
    "img-src 'self' data:",
    "style-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)


def script_hash(body: str) -> str:
    """The CSP source for one inline script: its exact text, hashed."""
    digest = hashlib.sha256(body.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def scripts_of(tree: LexborHTMLParser) -> list[str]:
    """The bodies of the inline scripts a browser would run (JSON data blocks are not run)."""
    bodies = []
    for node in tree.css("script"):
        attrs = node.attributes
        if "src" in attrs or (attrs.get("type") or "").strip().lower() not in _JS_TYPES:
            continue
        bodies.append(node.text(deep=True))
    return bodies


def policy(hashes: list[str]) -> str:
    script = " ".join(["script-src 'self' 'wasm-unsafe-eval'", *sorted(set(hashes))])
    return "; ".join([_FIXED[0], script, *_FIXED[1:]])


def with_policy(html: str, scripts: list[str], page: str) -> tuple[str, list[str]]:
    """`html` with a policy that allows exactly `scripts` (its inline scripts), and their hashes."""
    hashes = [script_hash(body) for body in scripts]
    tag = f'<meta {META_NAME} content="{policy(hashes)}">'
    anchor = _CHARSET.search(html) or _HEAD.search(html)
    if anchor is None:
        raise BuildError("page-without-head", f"Sidan {page} saknar <head>, så ingen säkerhetspolicy kan läggas in.",
                         "Kontrollera sidmallen.")
    return html[: anchor.end()] + "\n  " + tag + html[anchor.end():], hashes


def _headers_file(hashes: list[str]) -> str:
    return "\n".join([
        "# Säkerhetsrubriker för webbhotell som läser _headers (t.ex. Netlify, Cloudflare Pages).",
        "# Skapad av insyn build; ändringar skrivs över vid nästa bygge.",
        "/*",
        f"  Content-Security-Policy: {policy(hashes)}; frame-ancestors 'self'",
        "  X-Content-Type-Options: nosniff",
        "  Referrer-Policy: strict-origin-when-cross-origin",
        # Geolocation for the site itself only: "Sortera efter avstånd från mig" on the comparison
        # pages asks for the position when pressed. No other origin, and no other feature.
        "  Permissions-Policy: camera=(), microphone=(), geolocation=(self), payment=(), usb=()",
        "  X-Frame-Options: SAMEORIGIN",
        "",
    ])


def write_headers(root: Path, hashes: Iterable[str]) -> None:
    """`_headers` with every hash used anywhere on the site."""
    (root / "_headers").write_text(_headers_file(list(hashes)), encoding="utf-8")

