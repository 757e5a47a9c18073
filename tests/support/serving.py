"""A folder served over HTTP on the loopback, in a thread of the test's own process: what a
browser or a reader of `--previous` fetches from a published site."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass  # a request line per file would bury the test's own output


class HeadersHandler(QuietHandler):
    """Sends the site's `_headers` with every response, as Netlify and Cloudflare Pages do."""

    headers_sent: list[tuple[str, str]] = []

    def end_headers(self) -> None:
        for name, value in self.headers_sent:
            self.send_header(name, value)
        super().end_headers()


def headers_file(root: Path) -> list[tuple[str, str]]:
    """The headers `_headers` in `root` gives every path: the site writes one rule, `/*`."""
    rules: dict[str, list[tuple[str, str]]] = {}
    path = ""
    for line in (root / "_headers").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if line[0].isspace():
            name, value = line.strip().split(":", 1)
            rules[path].append((name.strip(), value.strip()))
        else:
            path = line.strip()
            rules[path] = []
    assert list(rules) == ["/*"], rules
    return rules["/*"]


@contextmanager
def serving(root: Path, server_class: type[http.server.ThreadingHTTPServer] = http.server.ThreadingHTTPServer,
            *, with_headers_file: bool = False) -> Iterator[str]:
    """The base URL (`http://127.0.0.1:<port>/`) of `root` while the block runs; with
    `with_headers_file`, every response has the headers of the site's `_headers`."""
    handler: type[QuietHandler] = QuietHandler
    if with_headers_file:
        handler = type("SiteHeadersHandler", (HeadersHandler,), {"headers_sent": headers_file(root)})
    server = server_class(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
