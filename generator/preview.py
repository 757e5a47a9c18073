"""`insyn serve`: the real build, served on 127.0.0.1, rebuilt when data/ or content/ change.

The preview runs the same pipeline as `insyn build` into a temporary folder (so it shows
exactly what would be published, security policy included) and serves that folder. A
small same-origin script, added to pages only while previewing, asks for the build number
once a second and reloads the page when it changes. Invalid data prints the Swedish
problems in the terminal and at the top of every page, and the last good build stays on
screen. A banner lists what would change on publication, compared with the published site
(or `--previous`); see generator.andringar.banner.
"""

from __future__ import annotations

import dataclasses
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

import yaml
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from generator import outputs, pipeline
from generator.andringar import banner
from generator.problems import BuildError, DataError, oserror
from generator.problems.report import format_problems
from generator.progress import wants_progress
from generator.settings import BuildSettings, reference_day
from generator.site.stopping import stop_cleanly

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
# Not "run the command again": the preview builds again by itself when a file is saved.
_AGAIN = "Rätta felen och spara filen: förhandsvisningen byggs om av sig själv."


class _State:
    def __init__(self, folder: Path):
        self.folder = folder
        self.version = 0
        self.changed = threading.Event()
        self.banner = ""  # shown at the top of every page while previewing


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _build(settings: BuildSettings) -> tuple[str | None, str | None]:
    """Build compared with `settings.previous`; if that cannot be read, build without it.
    Returns (what it was compared with, why not)."""
    try:
        pipeline.build(settings)
        return settings.previous, None
    except BuildError as error:
        if error.code != "previous-unreadable" or settings.previous is None:
            raise
        pipeline.build(dataclasses.replace(settings, previous=None))
        return None, f"Kunde inte jämföra med den publicerade webbplatsen: {error.message}"


def _rebuild(state: _State, data_dir: Path, content_dir: Path, previous: str | None = None,
             progress: bool = False) -> None:
    """One build; on failure the problems go to the terminal and the page, and the last good site
    stays. `progress`: each stage on the terminal as `insyn build` shows it."""
    settings = BuildSettings(data_dir=data_dir, out_dir=state.folder, content_dir=content_dir,
                             idag=reference_day(), show_progress=progress, previous=previous)
    started = time.monotonic()
    try:
        compared_with, note = _build(settings)
    except DataError as error:
        report = format_problems(error.problems, str(data_dir), _AGAIN)
        _say(report)
        _say("Datan har fel. Förhandsvisningen visar det senaste fungerande bygget.")
        state.banner = banner.problems(report)
        state.version += 1
        return
    except BuildError as error:
        lines = [f"Bygget misslyckades i steget {error.stage}: {error.message} [{error.code}]"]
        if error.hint:
            lines.append(f"Så rättar du: {error.hint}")
        for line in lines:
            _say(line)
        _say("Förhandsvisningen visar det senaste fungerande bygget.")
        # Not "Datan har fel": a broken link in content/ or mkdocs.yml stops the build too.
        state.banner = banner.problems("\n".join(lines), "Bygget misslyckades")
        state.version += 1
        return
    state.banner = banner.changes(banner.this_publication(state.folder, settings.idag), compared_with, note)
    state.version += 1
    _say(f"Byggt på {time.monotonic() - started:.1f} s. Sidan i webbläsaren laddas om.")


class _Server(ThreadingHTTPServer):
    """A browser that leaves a page before it has loaded, or stops a download, closes its
    connection while a file is still being sent: nothing is wrong then, and the terminal,
    which is for build messages, shows nothing. Any other error is shown as before."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


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
        if path == "/__insyn/forhandsvisning.css":
            return self._send(banner.CSS, "text/css; charset=utf-8")
        if not (self.state.folder / "index.html").is_file():
            waiting = "<p>Webbplatsen byggs. Sidan visas av sig själv när den är klar.</p>"
            page = ('<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Förhandsvisning</title>'
                    f'</head><body>{self.state.banner or waiting}</body></html>')
            html = page.encode().replace(b"</head>", banner.LINK + b"</head>", 1)
            html = html.replace(b"</body>", _RELOAD_TAG + b"</body>", 1)
            return self._send(html, "text/html; charset=utf-8", HTTPStatus.SERVICE_UNAVAILABLE)
        file = Path(self.translate_path(path))
        if not file.exists() and (self.state.folder / outputs.NOT_FOUND).is_file():
            missing = self._decorate((self.state.folder / outputs.NOT_FOUND).read_bytes())
            return self._send(missing, "text/html; charset=utf-8", HTTPStatus.NOT_FOUND)
        if file.is_dir():
            if not path.endswith("/"):
                return super().do_GET()  # the base class redirects to the slash form
            file = file / "index.html"
        if file.suffix == ".html" and file.is_file():
            return self._send(self._decorate(file.read_bytes()), "text/html; charset=utf-8")
        return super().do_GET()

    def _decorate(self, html: bytes) -> bytes:
        """The preview's additions: the reload script and the banner, first thing in the body."""
        html = html.replace(b"</body>", _RELOAD_TAG + b"</body>", 1).replace(b"</head>", banner.LINK + b"</head>", 1)
        start = html.find(b"<body")
        end = html.find(b">", start) + 1 if start != -1 else 0
        return html[:end] + self.state.banner.encode() + html[end:] if end else html


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


def published_site(data_dir: Path | str) -> str | None:
    """The published site's address, publicering.webbadress in region.yaml, if it has one.
    CI compares with it too when the repository has no INSYN_SITE_URL (publish.yml)."""
    try:
        region = yaml.safe_load((Path(data_dir) / "region.yaml").read_text(encoding="utf-8"))
        address = region["publicering"]["webbadress"]
    except (OSError, yaml.YAMLError, KeyError, TypeError):
        return None
    if not isinstance(address, str) or not address.startswith("https://"):
        return None
    return address


def published_package(data_dir: Path) -> str | None:
    """The published site's data package, from publicering.webbadress, to compare with."""
    address = published_site(data_dir)
    return None if address is None else address.rstrip("/") + "/oppna-data/datapackage.json"


def serve(data_dir: Path, content_dir: Path, port: int, previous: str | None = None) -> None:
    """Build, serve on 127.0.0.1:`port` and rebuild on every change until Ctrl+C; the banner
    compares with `previous`, or else the published site (publicering.webbadress)."""
    previous = previous or published_package(data_dir)
    work = Path(tempfile.mkdtemp(prefix="insyn-forhandsvisning-"))
    state = _State(work / "site")
    try:
        server = _Server(("127.0.0.1", port), partial(_Handler, state=state))
    except OSError as error:
        shutil.rmtree(work, ignore_errors=True)
        raise BuildError("port-unavailable", f"Förhandsvisningen kan inte använda porten {port}: {oserror.reason(error)}.",
                         "Stäng programmet som använder porten, eller välj en annan med --port, t.ex. --port 8001.") from None
    observer = _watch(state, [data_dir, content_dir])
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _say(f"Förhandsvisningen finns på http://127.0.0.1:{server.server_address[1]}/ – tryck Ctrl+C för att sluta.")
    # Stopped with `kill` or by a program that runs it (SIGTERM), or by closing its terminal
    # (SIGHUP), as with Ctrl+C: otherwise the preview's folder, a whole site with its caches,
    # stayed in the system's temporary folder.
    try:
        with stop_cleanly():
            # The first build is a whole one (a national one takes minutes): its stages are
            # shown as `insyn build` shows them; a rebuild, mostly seconds, says it has begun.
            _say("Bygger webbplatsen …")
            _rebuild(state, data_dir, content_dir, previous, progress=wants_progress())
            while True:
                if state.changed.wait(timeout=1.0):
                    time.sleep(_DEBOUNCE_S)
                    state.changed.clear()
                    _say("Något har ändrats. Bygger om …")
                    _rebuild(state, data_dir, content_dir, previous)
    except KeyboardInterrupt:
        _say("Förhandsvisningen är stoppad.")
    finally:
        observer.stop()
        server.shutdown()
        server.server_close()
        shutil.rmtree(work, ignore_errors=True)
