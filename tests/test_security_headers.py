"""Every page carries a Content-Security-Policy that allows exactly its own scripts, and no
page asks any other host for anything.

The hashes are recomputed here from the finished HTML, independently of the build code,
and a real browser loads pages under the policy to show it blocks nothing the site needs.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.support.serving import serving

# Elements and attributes that make the browser fetch something while showing the page.
_FETCHING = {("script", "src"), ("img", "src"), ("img", "srcset"), ("source", "src"), ("source", "srcset"),
             ("iframe", "src"), ("video", "src"), ("video", "poster"), ("audio", "src"), ("embed", "src"),
             ("object", "data"), ("track", "src"), ("input", "src")}
_FETCHING_LINK_RELS = {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "manifest",
                       "preconnect", "dns-prefetch", "apple-touch-icon"}


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.policies: list[tuple[str, int]] = []  # (content, number of scripts seen before it)
        self.inline: list[str] = []
        self.scripts_seen = 0
        self.in_head = False
        self.head_policy = False
        self.handlers: list[str] = []
        self.fetches: list[str] = []
        self.javascript_urls: list[str] = []
        self._script: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "head":
            self.in_head = True
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "content-security-policy":
            self.policies.append((values.get("content") or "", self.scripts_seen))
            self.head_policy = self.in_head
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append(f"<{tag} {name}>")
            if value and value.strip().lower().startswith("javascript:") and name in {"href", "src", "action", "formaction"}:
                self.javascript_urls.append(f"<{tag} {name}={value}>")
            if (tag, name) in _FETCHING and value:
                self.fetches.extend(part.strip().split(" ")[0] for part in value.split(","))
        if tag == "link" and set((values.get("rel") or "").lower().split()) & _FETCHING_LINK_RELS:
            self.fetches.append(values.get("href") or "")
        if tag == "script":
            self.scripts_seen += 1
            kind = (values.get("type") or "").lower()
            is_js = kind in {"", "text/javascript", "application/javascript", "module"}
            self._script = [] if ("src" not in values and is_js) else None

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False
        if tag == "script" and self._script is not None:
            self.inline.append("".join(self._script))
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def sha256_source(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def directives(policy: str) -> dict[str, list[str]]:
    result = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            result[words[0]] = words[1:]
    return result


@pytest.fixture(scope="module", params=["minimal", "example"])
def site(request) -> Path:
    return request.getfixturevalue(f"{request.param}_site")


def pages(site: Path) -> list[Path]:
    found = sorted(site.rglob("*.html"))
    assert len(found) > 10
    return found


def test_every_page_has_one_policy_in_its_head_before_any_script(site):
    for path in pages(site):
        page = parse(path)
        assert len(page.policies) == 1, path
        assert page.head_policy, path
        assert page.policies[0][1] == 0, f"{path}: ett skript står före policyn"


def test_policy_allows_exactly_the_inline_scripts_on_the_page_and_nothing_else(site):
    inline_total = 0
    for path in pages(site):
        page = parse(path)
        policy = directives(page.policies[0][0])
        assert policy["default-src"] == ["'self'"]
        assert policy["object-src"] == ["'none'"]
        assert policy["base-uri"] == ["'self'"]
        assert policy["form-action"] == ["'self'"]
        script = policy["script-src"]
        assert "'unsafe-inline'" not in script and "'unsafe-eval'" not in script
        assert not [s for s in script if s.startswith(("http", "*", "data:", "blob:"))]
        hashes = {s for s in script if s.startswith("'sha256-")}
        assert hashes == {sha256_source(body) for body in page.inline}, path
        inline_total += len(page.inline)
    assert inline_total > 0  # Material's inline scripts are there, and hashed


def test_no_inline_event_handlers_or_javascript_urls(site):
    for path in pages(site):
        page = parse(path)
        assert page.handlers == [], path
        assert page.javascript_urls == [], path


def test_headers_file_for_hosts_that_honour_it(site):
    text = (site / "_headers").read_text(encoding="utf-8")
    assert "/*" in text.splitlines()
    headers = dict(line.strip().split(": ", 1) for line in text.splitlines() if line.startswith("  "))
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    permissions = dict(part.strip().split("=", 1) for part in headers["Permissions-Policy"].split(","))
    assert permissions.pop("geolocation") == "(self)", "the site itself, and no one else, may ask for the position"
    assert {"camera", "microphone"} <= set(permissions) and set(permissions.values()) == {"()"}, permissions
    policy = directives(headers["Content-Security-Policy"])
    assert policy["object-src"] == ["'none'"] and "'unsafe-inline'" not in policy["script-src"]
    every_hash = {sha256_source(body) for path in pages(site) for body in parse(path).inline}
    assert every_hash <= set(policy["script-src"])


def test_no_page_fetches_anything_from_another_host(site):
    for path in pages(site):
        for url in parse(path).fetches:
            parts = urlsplit(url)
            assert not parts.netloc and parts.scheme in ("", "data"), f"{path}: {url}"


def test_stylesheets_and_scripts_fetch_nothing_from_another_host(site):
    remote = re.compile(r"""(?:url\(\s*["']?|@import\s+["']?)(?:https?:)?//""", re.IGNORECASE)
    for path in [*site.rglob("*.css")]:
        assert not remote.search(path.read_text(encoding="utf-8")), path
    assert not list(site.rglob("*.woff*")) or all("fonts.g" not in p.name for p in site.rglob("*.woff*"))


def test_search_is_built_in_swedish_and_self_hosted(site):
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["sv"], "one index, stemmed as Swedish"
    assert entry["languages"]["sv"]["page_count"] > 10
    # The search code and its Swedish WebAssembly run from the site's own copy.
    assert (site / "pagefind" / "pagefind.js").is_file()
    assert (site / "pagefind" / f"wasm.{entry['languages']['sv']['wasm']}.pagefind").is_file()


@pytest.mark.browser
def test_a_browser_under_the_policy_blocks_nothing_and_search_works(minimal_site, browser):
    with serving(minimal_site) as base:
        requests = _browse_under_the_policy(browser, base)
    assert requests and all(url.startswith(base) or url.startswith("data:") for url in requests), requests


def _browse_under_the_policy(browser, base: str) -> list[str]:
    context = browser.new_context()
    context.add_init_script("window.__csp = []; document.addEventListener('securitypolicyviolation',"
                            " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));")
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    try:
        page = context.new_page()
        for path in ["", "om/programmet/", "utforare/fjallvarden/", "jamfor/halsoval/"]:
            page.goto(base + path, wait_until="networkidle")
            assert page.evaluate("window.__csp") == [], path
        page.goto(base + "sok/?q=uppf%C3%B6ljningen", wait_until="networkidle")
        page.wait_for_selector("[data-insyn-sok-traffar] li", timeout=10000)  # Pagefind's WebAssembly ran
        assert page.evaluate("window.__csp") == []
    finally:
        context.close()
    return requests
