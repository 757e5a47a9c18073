"""The site engine behind a small interface; the only module that imports MkDocs or runs Zensical.

Material for MkDocs reaches end of life in 2027. Anything that can turn a folder of Markdown
pages and a configuration in mkdocs.yml's format into a folder of HTML can take MkDocs'
place: a class with `name` and `build`, handed to the pipeline. Zensical, which reads the
same configuration and theme overrides, is one (`Zensical`, measured in bench/engines.py).
"""

from __future__ import annotations

import fcntl
import logging
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Collection, Iterable, Mapping
from html import escape as html_escape
from pathlib import Path
from typing import Any, Protocol

import jinja2
import jinja2.bccache
import markupsafe
import yaml
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException, PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from generator import outputs
from generator.memo import link
from generator.problems import BuildError
from generator.site import tree
from generator.site.config import nav_pages
from generator.site.incremental import html_path


class Engine(Protocol):
    """Builds `pages` (Markdown, assets, static files) into the empty or missing folder `out`.

    With `only` (docs-relative paths of Markdown pages), it renders just those pages: every
    other page stays part of the site (links to it resolve, the sitemap lists it, the
    navigation shows its title from its front matter) but is not written, because the build
    reuses its finished HTML from the last build (site.incremental). Unless `others` is False:
    then the pages outside `only` and the navigation are left out altogether, and no sitemap
    is written (the caller keeps the last build's, which listed the same pages).

    With `html` (docs-relative paths of Markdown pages), it may take those pages' text after
    the front matter as finished HTML, as Insyn's generated pages are (one HTML block, which
    Markdown passes through unchanged), instead of converting it.
    """

    name: str

    def build(self, pages: Path, out: Path, config: Mapping[str, Any], only: Collection[str] | None = None,
              html: Collection[str] = (), others: bool = True) -> None: ...


class _Collect(logging.Handler):
    """MkDocs' warnings, kept so that a failed build can say what went wrong."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


# MkDocs' warnings about links and the menu (MkDocs 1.6's words), said in Swedish: staff read
# them in the terminal, the preview and CI's log after editing content/ or mkdocs.yml. Another
# warning is passed on as MkDocs wrote it.
_SWEDISH = [
    (re.compile(r"Doc file '(?P<page>.+?)' contains a link '(?P<link>.+?)', but the target(?: '(?P<target>.+?)')? "
                r"is not found among documentation files\.$"),
     "Sidan {page} länkar till '{link}', men {target} finns inte."),
    (re.compile(r"Doc file '(?P<page>.+?)' contains a link '(?P<link>.+?)', but the doc '(?P<doc>.+?)' "
                r"does not contain an anchor '(?P<anchor>.+?)'\.$"),
     "Sidan {page} länkar till '{link}', men sidan {doc} har ingen rubrik eller ankare {anchor}."),
    (re.compile(r"Doc file '(?P<page>.+?)' contains a link '(?P<link>.+?)', but there is no such anchor on this page\."
                r"(?P<footnote> This seems to be a footnote that is never referenced\.)?$"),
     "Sidan {page} länkar till '{link}', men sidan har ingen rubrik eller ankare med det namnet.{footnote}"),
    (re.compile(r"Doc file '(?P<page>.+?)' contains an unrecognized relative link '(?P<link>.+?)', it was left as is\.$"),
     "Sidan {page} har länken '{link}', som inte leder till någon sida: länka till sidans .md-fil."),
    (re.compile(r"Doc file '(?P<page>.+?)' contains an absolute link '(?P<link>.+?)', it was left as is\.$"),
     "Sidan {page} har länken '{link}', som börjar med /: länka till sidans .md-fil, räknat från sidan själv."),
    (re.compile(r"A reference to '(?P<page>.+?)' is included in the 'nav' configuration, "
                r"which is not found in the documentation files\.$"),
     "Menyn (nav i mkdocs.yml) har sidan {page}, men den finns inte i content/."),
]
_SUGGESTION = re.compile(r" Did you mean '(?P<suggestion>.+?)'\?$")


def in_swedish(message: str) -> str:
    """MkDocs' warning about a link or the menu in Swedish; any other as it is."""
    suggestion = _SUGGESTION.search(message)
    core = message[:suggestion.start()] if suggestion else message
    for pattern, swedish in _SWEDISH:
        found = pattern.match(core)
        if found:
            parts = {key: value or "" for key, value in found.groupdict().items()}
            parts["target"] = parts.get("target") or parts.get("link", "")
            if parts.get("footnote"):
                parts["footnote"] = " Det ser ut att vara en fotnot som ingen text hänvisar till."
            said = swedish.format(**parts)
            return said + (f" Menade du '{suggestion.group('suggestion')}'?" if suggestion else "")
    return message


_DIRTY_WARNING = "A 'dirty' build is being performed"


class _DropDirtyWarning(logging.Filter):
    """MkDocs warns that a dirty build may get the navigation wrong; here it cannot, since
    every navigation page is rendered (see Engine), so the warning must not stop strict mode."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(_DIRTY_WARNING)


class _RenderOnly(BasePlugin):  # type: ignore[type-arg,no-untyped-call]  # MkDocs' plugin base: generic, untyped
    """Marks every page outside `only` as unchanged, which MkDocs' dirty build then skips; a
    skipped page in the navigation is still read, since every rendered page shows its title."""

    def __init__(self, only: Collection[str]) -> None:
        super().__init__()
        self.only = frozenset(only)

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        for file in files.documentation_pages():
            if file.src_uri not in self.only:
                file.is_modified = _unchanged  # type: ignore[method-assign]
        return files

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        for page in nav.pages:
            if page.file.src_uri not in self.only:
                page.read_source(config)
        return nav


def _unchanged() -> bool:
    return False


class _OnlyThese(BasePlugin):  # type: ignore[type-arg,no-untyped-call]  # MkDocs' plugin base: generic, untyped
    """Leaves out every page that is neither rendered (`only`) nor in the navigation, and the
    sitemap that would list them: MkDocs makes a page, with its URLs, of every file it is
    given, and the sitemap of them all. After one edit at national size that was most of
    its time for 11,500 pages, of which it rendered six."""

    def __init__(self, only: Collection[str]) -> None:
        super().__init__()
        self.only = frozenset(only)

    def on_config(self, config: MkDocsConfig, /) -> MkDocsConfig:
        config.theme.static_templates.discard(outputs.SITEMAP)  # MkDocs' template, which also writes the .gz
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        # The sitemap's template too: left out of the templates above, MkDocs would copy it as a
        # file of the theme, unrendered, where the published sitemap is then linked in.
        wanted = self.only | nav_pages(config.nav)
        return Files([file for file in files if file.src_uri != outputs.SITEMAP
                      and (not file.is_documentation_page() or file.src_uri in wanted)])


class _FinishedHtml(BasePlugin):  # type: ignore[type-arg,no-untyped-call]  # MkDocs' plugin base: generic, untyped
    """Pages whose text is one finished HTML block skip Markdown: Python-Markdown would pass the
    block through as it is, but only after parsing all of it with its HTML parser (md_in_html),
    which was two thirds of MkDocs' time per generated page. The theme still renders each one.

    Nor does the engine hold every such page's HTML at once. MkDocs reads all pages before it
    writes the first, keeping each one's content meanwhile (at national size about 200 MB per
    engine, beside a report's layout: the build's peak). While the theme renders, a page's
    content is a marker; the HTML is read again from the page's file as the page is written,
    and checked to be what MkDocs read."""

    def __init__(self, html: Collection[str]) -> None:
        super().__init__()
        self.html = frozenset(html)
        self.kept: dict[str, tuple[int, int, str]] = {}  # page → length and hash of its HTML, its marker

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if page.file.src_uri not in self.html:
            return markdown
        # Material's content partial adds a heading to content without "<h1": the marker
        # keeps the page's answer.
        marker = _MARKER_H1 if "<h1" in markdown else _MARKER
        self.kept[page.file.src_uri] = (len(markdown), hash(markdown), marker)
        return ""

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        kept = self.kept.get(page.file.src_uri)
        return html if kept is None else kept[2]

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        kept = self.kept.pop(page.file.src_uri, None)
        if kept is None:
            return output
        length, digest, marker = kept
        assert page.file.abs_src_path is not None  # a finished page is a file of the input folder
        source = Path(page.file.abs_src_path).read_text(encoding="utf-8-sig")  # as MkDocs reads it
        markdown = source[len(source) - length:]
        if len(markdown) != length or hash(markdown) != digest or output.count(marker) != 1:
            raise PluginError(f"sidan {page.file.src_uri} ändrades medan den byggdes. Bygg igen och låt "
                              "mappen som bygget arbetar i vara orörd tills bygget är klart")
        return output.replace(marker, markdown.strip(), 1)


# Comments, so no data value can hold one (data values are escaped): replaced whole.
_MARKER = "<!-- insyn: sidans innehåll -->"
_MARKER_H1 = "<!-- insyn: sidans innehåll, med <h1 -->"


class _RememberedTemplates(jinja2.BytecodeCache):
    """The theme's templates compiled once per process: MkDocs makes a new Jinja environment
    for every build, and `insyn serve` builds again after every edit (Jinja checks each
    template's source against the checksum, so an edited template is compiled again)."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


_TEMPLATES = _RememberedTemplates()


class _Compiled(BasePlugin):  # type: ignore[type-arg,no-untyped-call]  # MkDocs' plugin base: generic, untyped
    def on_env(self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        env.bytecode_cache = _TEMPLATES
        return env


class MkDocs:
    """MkDocs with Material, run in-process; its warnings stop the build (strict mode).

    Rendering only some pages uses MkDocs' own dirty build (`mkdocs build --dirty`), with
    "changed" decided by the caller's content hashes instead of file times."""

    name = "MkDocs"

    def build(self, pages: Path, out: Path, config: Mapping[str, Any], only: Collection[str] | None = None,
              html: Collection[str] = (), others: bool = True) -> None:
        # One file per output folder: two engines may run at once on the same pages (site.split).
        config_file = pages.parent / f"mkdocs-{out.name}.yml"
        full = {**config, "docs_dir": str(pages), "site_dir": str(out)}
        config_file.write_text(yaml.safe_dump(full, allow_unicode=True, sort_keys=False), encoding="utf-8")
        collect = _Collect()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(collect)
        dirty_filter = _DropDirtyWarning()
        build_logger = logging.getLogger("mkdocs.commands.build")
        build_logger.addFilter(dirty_filter)
        try:
            cfg = load_config(config_file=str(config_file))
            cfg.plugins["insyn-compiled-templates"] = _Compiled()
            if only is not None:
                cfg.plugins["insyn-render-only"] = _RenderOnly(only)
                if not others:
                    cfg.plugins["insyn-only-these"] = _OnlyThese(only)
            if html:
                cfg.plugins["insyn-finished-html"] = _FinishedHtml(html)
            # Material prints site_name into every page without escaping (MkDocs' theme
            # templates do not autoescape), and it holds the region's name from the data.
            # Escaped once here, as Markup, so the templates' own `| e` leaves it alone.
            cfg["site_name"] = markupsafe.escape(cfg["site_name"])
            mkdocs_build(cfg, dirty=only is not None)
        except (MkDocsException, SystemExit) as error:
            detail = "; ".join(in_swedish(message) for message in collect.messages[:5]) or str(error)
            raise BuildError("engine-failed", f"MkDocs kunde inte bygga sidorna: {detail}",
                             "Kontrollera länkarna i content/ och menyn (nav) i mkdocs.yml. En trasig länk stoppar bygget.") from None
        finally:
            logger.removeHandler(collect)
            build_logger.removeFilter(dirty_filter)


class Zensical:
    """Zensical, Material's successor, run as a program of its own on the same configuration
    and theme overrides (it reads mkdocs.yml's format). bench/engines.py measures it beside
    MkDocs; the build still uses MkDocs.

    Zensical renders every page of its input, into a folder inside its project (the input's
    parent folder), where its cache also lies and makes unchanged pages cheap. When the other
    pages are not wanted at all (`others` False, as in a rebuild), its input is a folder of
    links to the pages asked for, the navigation's pages and every file that is not a page;
    otherwise the whole input. What is asked for is copied from its output into `out` (see
    Engine). Its own search is off: the site's search is Pagefind's, made after the engine.
    """

    name = "Zensical"

    def build(self, pages: Path, out: Path, config: Mapping[str, Any], only: Collection[str] | None = None,
              html: Collection[str] = (), others: bool = True) -> None:
        project = pages.parent
        built = project / f"zensical-{out.name}"
        asked = set(only or ())
        listed = tree.files(pages) if only is not None else set()  # listed once, for the input and the output
        # Its cache lies in the project's root, one for all builds of these pages: two at once (site.split
        # runs two engines on the same pages) take turns instead of writing it together.
        with (project / _ZENSICAL_LOCK).open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if only is None or others:
                _zensical(pages, built, config)
            else:
                given = asked | nav_pages(config.get("nav"))
                view = Path(tempfile.mkdtemp(prefix="zensical-sidor-", dir=project))
                try:
                    _linked(pages, view, [rel for rel in listed if not rel.endswith(".md") or rel in given])
                    _zensical(view, built, config)
                finally:
                    shutil.rmtree(view)  # made above, for this build alone
            left_out = {html_path(rel) for rel in listed if rel.endswith(".md") and rel not in asked}
            _copied(built, out, left_out if others else left_out | {outputs.SITEMAP})


def _zensical(source: Path, built: Path, config: Mapping[str, Any]) -> None:
    """Zensical run on `source` into `built`, both in the same project folder (it removes what
    it wrote before for a page that is gone)."""
    project = source.parent
    config_file = project / f"{built.name}.yml"
    full = {**config, "docs_dir": source.name, "site_dir": built.name, "plugins": {"search": {"enabled": False}},
            # As for MkDocs: the theme prints site_name unescaped in places, and it holds the
            # region's name from the data. A text is all YAML carries, so it goes escaped: where
            # Zensical escapes it again, a "&" shows as "&amp;", never as markup.
            "site_name": html_escape(str(config["site_name"]))}
    config_file.write_text(yaml.safe_dump(full, allow_unicode=True, sort_keys=False), encoding="utf-8")
    ran = subprocess.run([sys.executable, "-m", "zensical", "build", "--strict", "-f", str(config_file)],  # noqa: S603 - our own interpreter
                         capture_output=True, text=True, check=False, cwd=project)
    if ran.returncode != 0:
        detail = " ".join((ran.stderr or ran.stdout).strip().splitlines()[-3:])
        raise BuildError("engine-failed", f"Zensical kunde inte bygga sidorna: {detail}",
                         "Zensicals eget meddelande står efter kolonet. Rätta det det pekar på i mkdocs.yml "
                         "eller content/; webbplatsen byggs fortfarande med MkDocs (insyn build).")


def _linked(pages: Path, folder: Path, files: Iterable[str]) -> None:
    """`files` of `pages` linked (else copied) into the empty `folder`."""
    made: set[str] = set()
    for rel in files:
        target = str(folder / rel)
        tree.make_folder_of(target, made)
        link(pages / rel, target)


_ZENSICAL_LOCK = ".zensical.lock"


def _copied(built: Path, out: Path, left_out: Collection[str]) -> None:
    """What an engine writes into `out` (see Engine): every file of `built` but `left_out` (the
    pages not asked for, and the sitemap when they are not part of the site). Copies, not links:
    the build finishes its pages in place, and Zensical's folder must stay its own."""
    made: set[str] = set()
    for rel in tree.files(built):
        if rel not in left_out:
            target = str(out / rel)
            tree.make_folder_of(target, made)
            shutil.copyfile(built / rel, target)
