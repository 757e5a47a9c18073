"""The bytes a phone downloads for its first search, measured in Debian chromium.

The built site is served from a local http.server; the search page is opened with a query
in its address, as the header's search box sends it, and every response under pagefind/
is counted once the first hits are shown. http.server sends files as they are; a web host
that compresses (GitHub Pages does) sends the JavaScript and WebAssembly gzipped, so both
figures are given: as stored, and with what is not already compressed gzipped.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


@dataclass(frozen=True)
class Download:
    files: int
    stored: int
    gzipped: int
    hits: int


def first_query(site: Path, words: str) -> Download:
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    bodies: dict[str, bytes] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"])
            context = browser.new_context(viewport={"width": 375, "height": 800}, is_mobile=True)
            page = context.new_page()
            page.on("response", lambda r: bodies.__setitem__(r.url, r.body()) if "/pagefind/" in r.url and r.ok else None)
            page.goto(base + "sok/?q=" + quote(words))
            page.locator("[data-insyn-sok-traffar] li").first.wait_for(timeout=60_000)
            page.wait_for_load_state("networkidle")
            hits = page.locator("[data-insyn-sok-traffar] li").count()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    stored = sum(map(len, bodies.values()))
    gzipped = sum(len(b) if b[:2] == b"\x1f\x8b" else len(gzip.compress(b, 6)) for b in bodies.values())
    return Download(len(bodies), stored, gzipped, hits)
