"""`insyn serve`: a preview on 127.0.0.1 that follows changes in content/ and data/, and
keeps showing the last good build when the data turns invalid."""

from __future__ import annotations

import http.server
import os
import pty
import re
import select
import shutil
import signal
import socket
import struct
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator import preview as preview_module
from generator.preview import _Server as PreviewServer
from tests.support.build import CONTENT, INSYN, MINIMAL, ROOT, as_from_a_terminal
from tests.support.serving import serving


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - our own preview
        return response.read().decode("utf-8")


def wait_for(condition, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.3)
    pytest.fail("förhandsvisningen svarade inte som väntat i tid")


@pytest.fixture
def preview(dataset: Path, tmp_path: Path) -> Iterator[tuple[str, Path, Path, subprocess.Popen[str]]]:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    port = free_port()
    log = (tmp_path / "serve.log").open("w+", encoding="utf-8")
    temporary = tmp_path / "tmp"  # the system's temporary folder, as the preview sees it
    temporary.mkdir()
    process = subprocess.Popen(
        [*INSYN, "serve", "--data", str(dataset), "--content", str(content),
         "--port", str(port)], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "TMPDIR": str(temporary)}, preexec_fn=as_from_a_terminal)
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_for(lambda: "Om programmet" in fetch(base + "om/programmet/"), timeout=120)
        yield base, dataset, content, process
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def test_serves_the_built_site_on_localhost_with_the_reload_script(preview):
    base, *_ = preview
    page = fetch(base)
    assert "<html" in page and 'http-equiv="Content-Security-Policy"' in page
    assert '<script src="/__insyn/reload.js"></script>' in page  # same origin: allowed by the policy
    assert "location.reload" in fetch(base + "__insyn/reload.js")
    with pytest.raises(urllib.error.HTTPError) as missing:
        fetch(base + "finns-inte/")
    assert missing.value.code == 404
    assert 'lang="sv"' in missing.value.read().decode("utf-8")  # the site's own Swedish 404 page


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGHUP], ids=["kill", "terminal-closed"])
def test_a_preview_stopped_from_outside_says_so_and_leaves_no_folder_behind(preview, tmp_path, stop):
    """SIGTERM (`kill`, a program that runs the preview) and SIGHUP (its terminal closed) stop
    it as Ctrl+C does: its folder, a whole site with its caches, does not stay in the system's
    temporary folder."""
    *_, process = preview
    assert list((tmp_path / "tmp").iterdir()), "the preview keeps its site somewhere else: the test proves nothing"
    process.send_signal(stop)
    assert process.wait(timeout=60) == 0
    assert list((tmp_path / "tmp").iterdir()) == []
    assert "Förhandsvisningen är stoppad." in (tmp_path / "serve.log").read_text(encoding="utf-8")


def test_a_change_in_content_shows_within_seconds(preview):
    base, _, content, _ = preview
    version = fetch(base + "__insyn/version")
    page = content / "om" / "programmet.md"
    page.write_text(page.read_text(encoding="utf-8").replace("# Om programmet", "# Om programmet NYTT ORD"),
                    encoding="utf-8")
    # The build number changes once the new build is in place: that is what reloads the browser.
    wait_for(lambda: fetch(base + "__insyn/version") != version, timeout=60)
    assert "NYTT ORD" in fetch(base + "om/programmet/")


def test_a_change_in_data_shows_and_invalid_data_keeps_the_last_good_build(preview, tmp_path):
    base, data, _, _ = preview
    first = fetch(base + "__insyn/version")
    region = data / "region.yaml"
    text = region.read_text(encoding="utf-8")
    assert "Region Exempelland" in text
    region.write_text(text.replace("Region Exempelland", "Region Ändradland"), encoding="utf-8")
    wait_for(lambda: "Region Ändradland" in fetch(base) and fetch(base + "__insyn/version") != first, timeout=60)
    time.sleep(1)  # let any rebuild queued by a second file event finish
    good = fetch(base + "__insyn/version")

    region.write_text("namn: [trasig\n", encoding="utf-8")
    log = tmp_path / "serve.log"
    wait_for(lambda: "Datan har fel" in log.read_text(encoding="utf-8"), timeout=60)
    assert "region.yaml" in log.read_text(encoding="utf-8")
    assert "Region Ändradland" in fetch(base)
    # The page reloads once to show the problems at the top, above the last good build.
    wait_for(lambda: "Datan har fel" in fetch(base) and "region.yaml" in fetch(base), timeout=30)
    assert fetch(base + "__insyn/version") != good



def test_invalid_data_in_the_preview_says_to_save_not_to_run_the_command_again(tmp_path, capsys):
    """The preview builds again by itself when a file is saved: 'kör kommandot igen' sent staff
    to stop it and start it again, a whole new build."""
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    (data / "region.yaml").write_text("namn: [trasig\n", encoding="utf-8")
    state = preview_module._State(tmp_path / "site")
    preview_module._rebuild(state, data, CONTENT)
    terminal = capsys.readouterr().err
    for shown in (terminal, state.banner):
        assert "region.yaml" in shown
        assert "Rätta felen och spara filen: förhandsvisningen byggs om av sig själv." in shown
        assert "kör kommandot igen" not in shown




def test_a_broken_link_in_content_is_not_called_a_fault_in_the_data(tmp_path, capsys):
    """The banner said 'Datan har fel' above a broken link in content/, and staff looked in data/."""
    data, content = tmp_path / "data", tmp_path / "content"
    shutil.copytree(MINIMAL, data)
    shutil.copytree(CONTENT, content)
    (content / "om" / "tillganglighet.md").write_text("# Tillgänglighet\n\nSe [sidan](finns-inte.md).\n",
                                                      encoding="utf-8")
    state = preview_module._State(tmp_path / "site")
    preview_module._rebuild(state, data, content)
    assert "<h2>Bygget misslyckades – sidan nedan är det senaste fungerande bygget</h2>" in state.banner
    assert "Datan har fel" not in state.banner
    assert "finns-inte.md" in state.banner and "finns-inte.md" in capsys.readouterr().err


def test_on_a_terminal_the_preview_shows_its_build_as_it_goes(dataset: Path, tmp_path: Path) -> None:
    """The first build is a whole one (25 s for the example, minutes at national size): it showed
    nothing on the terminal until it was done, and the browser said the site was not built.
    Now its stages are shown as `insyn build` shows them, and a rebuild says it has begun."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    port = free_port()
    leader, follower = pty.openpty()
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    process = subprocess.Popen([*INSYN, "serve", "--data", str(dataset), "--content", str(content), "--port", str(port)],
                               cwd=ROOT, stdin=subprocess.DEVNULL, stdout=follower, stderr=follower,
                               env={**env, "TMPDIR": str(tmp_path)}, preexec_fn=as_from_a_terminal)
    os.close(follower)
    seen = b""

    def shown(text: str, timeout: float = 120) -> str:
        nonlocal seen
        deadline = time.monotonic() + timeout
        while text.encode() not in seen:
            ready, _, _ = select.select([leader], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                pytest.fail(f"{text!r} kom aldrig: {seen.decode(errors='replace')[-2000:]}")
            seen += os.read(leader, 65536)
        return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", seen.decode(errors="replace"))  # without colours

    try:
        page = urllib.request.Request(f"http://127.0.0.1:{port}/")
        with pytest.raises(urllib.error.HTTPError) as waiting:
            shown("Bygger webbplatsen …", timeout=60)
            urllib.request.urlopen(page, timeout=5)  # noqa: S310 - our own preview
        assert "Webbplatsen byggs. Sidan visas av sig själv när den är klar." in waiting.value.read().decode("utf-8")
        first = shown("Byggt på")
        assert "✓ Läser datan" in first and "✓ Skapar sidor" in first
        region = dataset / "region.yaml"
        region.write_text(region.read_text(encoding="utf-8").replace("Region Exempelland", "Region Ändradland"),
                          encoding="utf-8")
        assert "Något har ändrats. Bygger om …" in shown("Bygger om …", timeout=30)
    finally:
        process.terminate()
        process.wait(timeout=30)
        os.close(leader)


def test_a_port_in_use_is_a_swedish_message_with_exit_1(dataset: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([*INSYN, "serve", "--data", str(dataset),
                                 "--port", str(port)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stderr
    assert "[port-unavailable]" in result.stderr and f"porten {port}" in result.stderr
    assert "Traceback" not in result.stderr


def _stop_a_download(server_class: type[http.server.ThreadingHTTPServer], folder: Path) -> None:
    """A browser leaving while a large file is still being sent: its connection closes at once."""
    with serving(folder, server_class) as base:
        with socket.create_connection(("127.0.0.1", urllib.parse.urlsplit(base).port or 80)) as client:
            client.sendall(b"GET /stor.bin HTTP/1.1\r\nHost: localhost\r\n\r\n")
            assert client.recv(1024).startswith(b"HTTP/1.0 200")
            client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # reset, not FIN
        time.sleep(1.0)


def test_a_browser_that_stops_a_download_leaves_the_terminal_clean(tmp_path: Path,
                                                                   capfd: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "stor.bin").write_bytes(b"x" * 8_000_000)
    _stop_a_download(http.server.ThreadingHTTPServer, tmp_path)
    assert "Traceback" in capfd.readouterr().err, "the plain server prints the reset: the test can tell"
    _stop_a_download(PreviewServer, tmp_path)
    assert capfd.readouterr().err == ""
