"""How a generated page is made: Jinja2 with autoescape into one raw-HTML block.

Data values are never markup. They reach the page only through autoescaped Jinja2, and
the page title through an escaped front-matter string (Material prints it unescaped).
Markdown sees one HTML block it passes through untouched; no snippets, no attr_list.

A page is a pure function of its template, its path, its title and its view (the context),
so a build may keep every page source under the hash of those (`remembering`): a rebuild
after one edit then renders only the pages whose view changed, and takes the rest as they
were. The view is hashed as pickled: equal bytes are equal views.
"""

from __future__ import annotations

import dataclasses
import functools
import html
import json
import pickle
import posixpath
import typing
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup
from pydantic import BaseModel

from generator import outputs
from generator.memo import digest, values_key
from generator.pages import format as fmt
from generator.pages import varden
from generator.sv import vocabulary as voc

if TYPE_CHECKING:
    from generator.textmemo import Texts

TEMPLATES = Path(__file__).parent / "templates"

_env = Environment(
    loader=FileSystemLoader(str(TEMPLATES)),
    autoescape=select_autoescape(default=True, default_for_string=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)


class Sekretess(Protocol):
    """A follow-up, whole or as its rows show it (rader.Uppfoljningsutdrag)."""

    @property
    def sekretess(self) -> tuple[str, ...]: ...


def hemlig(u: Sekretess, field: str) -> bool:
    """Whether a follow-up's field is withheld (its value is already emptied by the Catalog)."""
    return field in u.sekretess


def sokfilter(namn: str, varde: str) -> Markup:
    """The attribute that puts a page under `varde` in the search's filter `namn` (site.search,
    assets/insyn-sok.js, which shows the value as a choice). Pagefind decodes character
    references in a filter's value twice, as HTML and once more of its own: escaped once, a
    value holding the text `&lt;` was filtered and shown as `<`, `&#65;` as `A`. Escaped twice,
    it is the value as written."""
    twice = html.escape(html.escape(f"{namn}:{varde}", quote=True), quote=True)
    return Markup(f'data-pagefind-filter="{twice}"')  # noqa: S704 - escaped twice above


# Sort order of results, best first, so a sortable column sorts by meaning, not by code.
RESULTAT_RANK = {"uppfyller": 1, "uppfyller_delvis": 2, "uppfyller_inte": 3, "ej_bedomd": 4}


def site_path(doc_path: str) -> str:
    """The URL path MkDocs gives a docs file: `utforare/x.md` → `utforare/x/`, `index.md` → ``."""
    stem = doc_path.removesuffix(".md")
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def relative_url(from_doc: str, to_site_path: str) -> str:
    """A link from the page built from `from_doc` to a site path such as `avtal/x/`."""
    target = to_site_path or "./"
    fragment = ""
    if "#" in target:
        target, fragment = target.split("#", 1)
        fragment = "#" + fragment
    rel = _relpath(target.rstrip("/") or ".", site_path(from_doc).rstrip("/") or ".")
    if rel == ".":
        rel = "./"
    elif target.endswith("/") or target == "./":
        rel += "/"
    return rel + fragment


@functools.lru_cache(maxsize=65536)
def _relpath(path: str, start: str) -> str:
    """`posixpath.relpath` for the site's own relative paths, without its `abspath` calls:
    a national build asks about 100,000 times, mostly the same few questions per page."""
    parts = [p for p in path.split("/") if p not in ("", ".")]
    base = [p for p in start.split("/") if p not in ("", ".")]
    if ".." in parts or ".." in base or path.startswith("/") or start.startswith("/"):
        return posixpath.relpath(path, start)
    common = 0
    for a, b in zip(parts, base, strict=False):
        if a != b:
            break
        common += 1
    rel = [".."] * (len(base) - common) + parts[common:]
    return "/".join(rel) if rel else "."


T = TypeVar("T")

_memo: ContextVar[Texts | None] = ContextVar("sidminne", default=None)
# Within `remembering`: id of each frozen model (or value, `hashed`) pickled so far → (it, its hash).
_hashed: ContextVar[dict[int, tuple[object, str]] | None] = ContextVar("hashade", default=None)


@contextmanager
def remembering(memo: Texts | None) -> Iterator[None]:
    """Within this block `page` takes a source from `memo` when its view is as before, and
    keeps every source it gives there for the next build (None: every page is rendered)."""
    token, hashed = _memo.set(memo), _hashed.set({})
    try:
        yield
    finally:
        _hashed.reset(hashed)
        _memo.reset(token)


def page(doc_path: str, title: str, template: str, sidtitel: str | None = None, **context: Any) -> str:
    """One Markdown file: escaped title in front matter, then the rendered HTML block.

    `title` is the page's heading; `sidtitel`, when given, is the browser tab's title."""
    return remembered("sida", doc_path, (title, template, sidtitel, sorted(context.items())),
                      lambda: _rendered(doc_path, title, template, sidtitel, context))


def remembered(kind: str, doc_path: str, view: Any, make: Callable[[], str]) -> str:
    """`make()`, a pure function of `kind`, `doc_path` and `view` (picklable), or the text it gave
    for an equal view in the last build, within `remembering`."""
    memo = _memo.get()
    if memo is None or not memo.keeps:
        return make()
    return memo.text(kind, [doc_path, _pickled(view)], make)


@functools.cache
def _models() -> dict[type, Any]:
    """Every pydantic model class → how to pickle it: as its class and its values, without the
    set of the fields it was given (a set's order changes from one process to the next, and
    the key with it); and each `shared_row` class → as its hash. A table the pickler looks up
    in C: twice as fast as a Python hook that sees every object. The models and rows are all
    defined when the first page is rendered."""
    found: dict[type, Any] = {}
    todo = [BaseModel]
    while todo:
        for model in todo.pop().__subclasses__():
            found[model] = _model_hash if model.model_config.get("frozen") and _holds_models(model) else _model_values
            todo.append(model)
    found.update(dict.fromkeys(_SHARED_ROWS, _row_hash))
    return found


# The frozen dataclasses whose objects many views share (`shared_row`).
_SHARED_ROWS: set[type] = set()


def shared_row(cls: type[T]) -> type[T]:
    """Class decorator for a frozen dataclass whose objects many pages' views share (a
    follow-up's row is on its contract's, its provider's, its goals' pages and in the lists):
    within `remembering` each one is pickled once and stands as its hash in every view."""
    _SHARED_ROWS.add(cls)
    return cls


def _row_hash(row: Any) -> tuple[Any, ...]:
    found = _hash_once(row, lambda: (type(row), tuple(getattr(row, f.name) for f in dataclasses.fields(row))))
    return row.__reduce_ex__(pickle.HIGHEST_PROTOCOL) if found is None else (_hash_of, (found,))


def _holds_models(model: type[BaseModel]) -> bool:
    """Whether a model holds others: an entity (a follow-up, a contract, a provider), hashed once
    (_model_hash). A leaf (a key-figure value, an address) is quicker pickled where it stands:
    the national provider pages hold 150,000 key-figure values, each hashed on its own 0.8 s."""
    return any(_names_a_model(field.annotation) for field in model.model_fields.values())


def _names_a_model(annotation: Any) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_names_a_model(arg) for arg in typing.get_args(annotation))


def _model_values(model: BaseModel) -> tuple[type, tuple[()], tuple[Any, ...]]:
    return type(model), (), (model.__dict__, model.__pydantic_extra__, model.__pydantic_private__)


def _model_hash(model: BaseModel) -> tuple[Callable[[str], str], tuple[str]] | tuple[type, tuple[()], tuple[Any, ...]]:
    """A frozen model holding others (the data's entities) as the hash of its class and values,
    pickled once within `remembering`: the pages' views share them (a follow-up is on its own page, its
    contract's, its provider's and the lists), and pickled whole every time they came to 133 MB
    for the national site's 10,000 pages. The model is kept with its hash, so its id stays its
    own until the block ends."""
    found = _hash_once(model, lambda: _model_values(model))
    return _model_values(model) if found is None else (_hash_of, (found,))


def hashed(value: Any) -> Any:
    """`value` as a view's key holds it: within `remembering` the hash of its pickle, made once
    per object (every provider page showing a key figure holds all of its values); outside, itself."""
    found = _hash_once(value, lambda: value)
    return value if found is None else found


def _hash_once(owner: object, values: Callable[[], Any]) -> str | None:
    """The hash of `values()` pickled, made once for `owner` within `remembering` (None outside
    it). The owner is kept with its hash, so its id stays its own until the block ends."""
    hashed = _hashed.get()
    if hashed is None:
        return None
    found = hashed.get(id(owner))
    if found is None:
        found = hashed[id(owner)] = (owner, digest(_pickled(values())))
    return found[1]


def _hash_of(hashed: str) -> str:
    """How a model's hash is pickled: as this call (views are pickled to be compared, never read back)."""
    return hashed


def _pickled(view: Any) -> bytes:
    return values_key(view, _models())


def _rendered(doc_path: str, title: str, template: str, sidtitel: str | None, context: dict[str, Any]) -> str:
    body = _env.get_template(template).render(
        title=title, url=lambda target: relative_url(doc_path, target), **context
    )
    front_title = html.escape(sidtitel or title, quote=True)
    front = "---\ntitle: " + json.dumps(front_title, ensure_ascii=False) + "\n---\n\n"
    return front + '<div class="insyn">\n' + body.strip() + "\n</div>\n"


# Site paths of every entity page, as the data contract fixes them.
def path_utforare(id_: str) -> str:
    return f"utforare/{id_}/"


def path_avtal(id_: str) -> str:
    return f"avtal/{id_}/"


def path_uppfoljning(id_: str) -> str:
    return f"uppfoljningar/{id_}/"


def path_jamfor(id_: str) -> str:
    return f"jamfor/{id_}/"


def path_mal(id_: str) -> str:
    return f"mal/{id_}/"


def path_plan(id_: str) -> str:
    return f"uppfoljningsplaner/{id_}/"


# Registered once: every template and macro may use these; none of them reads the catalog.
_env.globals.update({
    "voc": voc,
    "filer": outputs,  # published file names: url(filer.OPPNA_DATA ~ "/" ~ filer.ZIP)
    "label": voc.label,
    "datum": fmt.datum,
    "manad": fmt.manad,
    "period": fmt.period,
    "tal": fmt.tal,
    "matvarde": fmt.matvarde,
    "kronor": fmt.kronor,
    "sprak": fmt.sprak,
    "iso": fmt.iso,
    "stycken": fmt.stycken,
    "textblock": fmt.textblock,
    "hemlig": hemlig,
    "sokfilter": sokfilter,
    "saknas": varden.saknas,  # Python, not macros: about 260,000 cells on a national site's provider pages
    "periodvarde": varden.periodvarde,
    "path_utforare": path_utforare,
    "path_avtal": path_avtal,
    "path_uppfoljning": path_uppfoljning,
    "path_jamfor": path_jamfor,
    "path_mal": path_mal,
    "path_plan": path_plan,
})


def add_globals(**helpers: Any) -> None:
    """Make `helpers` callable from every template: for Python helpers that build on this
    module themselves (pages.uppfoljningstabell), so it cannot import them."""
    _env.globals.update(helpers)
