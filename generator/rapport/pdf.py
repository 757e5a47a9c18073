"""The report as a tagged PDF/UA-1, made with WeasyPrint from the page's own HTML.

Why WeasyPrint and not Chromium's print: it is a Python library, so `make site` and CI
build the PDF without a browser (Chromium is only a test tool here); it writes PDF/UA-1
(`pdf_variant="pdf/ua-1"`): tagged structure with real tables and header cells, the
document language, the title shown in the window, bookmarks from the headings, and the
SVG charts as figures with their text alternative; and it lays out paged media from CSS,
so the report's date and data version stand in the margin of every page.
"""

from __future__ import annotations

import functools
import os
import signal
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

from generator.site import parallel

# The report's stylesheet: screen and print on the site, and the whole style of the PDF.
# Given to WeasyPrint beside the document, not inside it: its page margins use CSS for paged
# media (element(), running()) that the Nu Html Checker does not know, and inside <style> an
# autoescaped quote would stay `&#34;` and drop the rule that numbers the pages.
PRINT_CSS = Path(__file__).parent.parent / "site" / "theme" / "assets" / "insyn-rapport.css"


# A report's layout takes memory in proportion to its HTML: about 800 MB for the 1.4 MB of a
# national regionstyrelsen report. From this size on, the build's writers lay out one such
# report at a time (see `one_large_at_a_time`); smaller ones never wait.
LARGE_HTML = 400_000
_large: AbstractContextManager[object] | None = None


def one_large_at_a_time(lock: AbstractContextManager[object]) -> None:
    """Share `lock` (a multiprocessing lock made before the writers were forked) for the
    layout of large reports in this process."""
    global _large
    _large = lock


def print_css() -> str:
    return PRINT_CSS.read_text(encoding="utf-8")


# A pure function of its HTML and style, and the slow one of the three formats: called again in
# the same process (`insyn rapport`, a test writing the same report twice) it lays out once.
# A build lays its reports out in forked writers, whose cache goes with them: across builds
# the files memo keeps the PDFs (rapport.filer), and a test run its own (tests/support/made_once.py).
@functools.lru_cache(maxsize=16)
def pdf_bytes(html: str, css: str) -> bytes:
    lock = _large if _large is not None and len(html) >= LARGE_HTML else None
    if lock is None:
        return _laid_out(html, css)
    with lock:
        # In a child of its own, whose memory goes when it ends: laid out here, a large
        # report left the writer 160 MB larger (what the allocator keeps, WeasyPrint's caches)
        # while it waited for the next large layout, the national build's peak.
        made = _in_a_child(lambda: _laid_out(html, css))
    return made if made is not None else _laid_out(html, css)  # failed there: fails here, as it says


def _laid_out(html: str, css: str) -> bytes:
    # Imported here, not at the top: WeasyPrint takes half a second to import, and `insyn
    # validate`, a rebuild whose reports come from the memo and every test that lays out none
    # should not pay for it.
    import weasyprint

    from generator.rapport import pdfsidor

    pdfsidor.once_per_page()
    data = weasyprint.HTML(string=html).write_pdf(stylesheets=[weasyprint.CSS(string=css)], pdf_variant="pdf/ua-1")
    assert data is not None  # write_pdf returns the bytes when no target is given
    return bytes(data)


def _in_a_child(make: Callable[[], bytes]) -> bytes | None:
    """`make()` in a forked child (os.fork: a writer is a daemon, which multiprocessing lets
    have no children); None when the child failed (the caller then makes it itself, to raise
    the same error here). A child ended by a signal raises `step-killed` instead."""
    import weasyprint  # noqa: F401 - imported once, before the fork, for the next child too

    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # the child
        os.close(read)
        parallel.named("layout")
        code = 1
        try:
            data = make()
            with os.fdopen(write, "wb") as out:
                out.write(data)
            code = 0
        finally:
            os._exit(code)
    os.close(write)
    try:
        with os.fdopen(read, "rb") as answer:
            data = answer.read()
    except BaseException:
        # Stopped while it waits (the build failed elsewhere, SIGTERM, Ctrl+C): the layout
        # stops too, instead of running on alone for up to a minute of CPU at national size.
        os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)
        raise
    _, status = os.waitpid(child, 0)
    code = os.waitstatus_to_exitcode(status)
    if code < 0:  # ended by a signal, most often the system's when memory ran out: laid out
        # again here, in the writer, which is larger still, it would run out again
        raise parallel.ended_without_a_word(code)
    return data if code == 0 else None
