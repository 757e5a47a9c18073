"""`insyn serve`: the real build, served on 127.0.0.1, rebuilt when data/ or content/ change.

The preview runs the same pipeline as `insyn build` into a temporary folder (so it shows
exactly what would be published, security policy included) and serves that folder. A
small same-origin script, added to pages only while previewing, asks for the build number
once a second and reloads the page when it changes. Invalid data prints the Swedish
problems in the terminal and the last good build stays on screen.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import threading
import time
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from generator import outputs, pipeline
from generator.problems import BuildError, DataError
from generator.problems.report import format_problems
from generator.settings import BuildSettings, reference_day

_RELOAD_JS = b"""(function () {
  var seen = null;
  function check() {
    fetch("/__insyn/version", {cache: "no-store"}).then(function (r) { return r.text(); })
      .then(function (v) { if (seen !== null && v !== seen) { location.reload(); } seen = v; })
      .catch(function () {});
  }
  check();
  setInterval(check, 1000);
})();
"""
_RELOAD_TAG = b'<script src="/__insyn/reload.js"></script>'
_DEBOUNCE_S = 0.3


class _State:
    def __init__(self, folder: Path):
        self.folder = folder
        self.version = 0
        self.changed = threading.Event()


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _rebuild(state: _State, data_dir: Path, content_dir: Path) -> None:
    """One build; on failure the problems go to the terminal and the last good site stays."""
    settings = BuildSettings(data_dir=data_dir, out_dir=state.folder, content_dir=content_dir,
                             idag=reference_day(), show_progress=False)
    started = time.monotonic()
    try:
        pipeline.build(settings)
    except DataError as error:
        _say(format_problems(error.problems, str(data_dir)))
        _say("Datan har fel. Förhandsvisningen visar det senaste fungerande bygget.")
        return
    except BuildError as error:
        _say(f"Bygget misslyckades i steget {error.stage}: {error.message} [{error.code}]")
        if error.hint:
            _say(f"Så rättar du: {error.hint}")
        _say("Förhandsvisningen visar det senaste fungerande bygget.")
        return
    state.version += 1
    _say(f"Byggt på {time.monotonic() - started:.1f} s. Sidan i webbläsaren laddas om.")


class _Handler(SimpleHTTPRequestHandler):
    state: _State

    def __init__(self, *args: Any, state: _State, **kwargs: Any):
        self.state = state
        super().__init__(*args, directory=str(state.folder), **kwargs)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass  # the terminal is for build messages

    def _send(self, body: bytes, kind: str, status: HTTPStatus = HTTPStatus.OK) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - the base class's name
        path = self.path.split("?", 1)[0]
        if path == "/__insyn/version":
            return self._send(str(self.state.version).encode(), "text/plain; charset=utf-8")
        if path == "/__insyn/reload.js":
            return self._send(_RELOAD_JS, "text/javascript; charset=utf-8")
        if self.state.version == 0:
            text = "Webbplatsen är inte byggd än. Se felen i terminalen."
            return self._send(text.encode(), "text/plain; charset=utf-8", HTTPStatus.SERVICE_UNAVAILABLE)
        file = Path(self.translate_path(path))
        if not file.exists() and (self.state.folder / outputs.NOT_FOUND).is_file():
            page = (self.state.folder / outputs.NOT_FOUND).read_bytes().replace(b"</body>", _RELOAD_TAG + b"</body>", 1)
            return self._send(page, "text/html; charset=utf-8", HTTPStatus.NOT_FOUND)
        if file.is_dir():
            if not path.endswith("/"):
                return super().do_GET()  # the base class redirects to the slash form
            file = file / "index.html"
        if file.suffix == ".html" and file.is_file():
            html = file.read_bytes().replace(b"</body>", _RELOAD_TAG + b"</body>", 1)
            return self._send(html, "text/html; charset=utf-8")
        return super().do_GET()


def _watch(state: _State, folders: list[Path]) -> Any:
    class _Changed(FileSystemEventHandler):
        def on_any_event(self, event: FileSystemEvent) -> None:
            if event.event_type in ("created", "modified", "deleted", "moved"):
                state.changed.set()

    observer = Observer()
    for folder in folders:
        if folder.is_dir():
            observer.schedule(_Changed(), str(folder), recursive=True)
    observer.start()
    return observer


def serve(data_dir: Path, content_dir: Path, port: int) -> None:
    """Build, serve on 127.0.0.1:`port` and rebuild on every change until Ctrl+C."""
    work = Path(tempfile.mkdtemp(prefix="insyn-forhandsvisning-"))
    state = _State(work / "site")
    server = ThreadingHTTPServer(("127.0.0.1", port), partial(_Handler, state=state))
    observer = _watch(state, [data_dir, content_dir])
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _say(f"Förhandsvisningen finns på http://127.0.0.1:{server.server_address[1]}/ – tryck Ctrl+C för att sluta.")
    try:
        _rebuild(state, data_dir, content_dir)
        while True:
            if state.changed.wait(timeout=1.0):
                time.sleep(_DEBOUNCE_S)
                state.changed.clear()
                _rebuild(state, data_dir, content_dir)
    except KeyboardInterrupt:
        _say("Förhandsvisningen är stoppad.")
    finally:
        observer.stop()
        server.shutdown()
        server.server_close()
        shutil.rmtree(work, ignore_errors=True)
