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


@contextmanager
def serving(root: Path, server_class: type[http.server.ThreadingHTTPServer] = http.server.ThreadingHTTPServer,
            ) -> Iterator[str]:
    """The base URL (`http://127.0.0.1:<port>/`) of `root` while the block runs."""
    server = server_class(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
