"""Reading the previously published data package: a folder, or the https address of its
`datapackage.json`.

Every file is checked against the size and SHA-256 the descriptor gives, so a package
that was cut short or changed in transit stops the build instead of producing a record
with holes in it. Any failure raises BuildError with a Swedish message; nothing has been
written at that point, so the published site stays as it was.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import ipaddress
import json
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from generator.andringar.compare import TABLES
from generator.andringar.record import HANDELSER, Andring
from generator.opendata.schema import BY_NAME
from generator.problems import BuildError

if TYPE_CHECKING:
    import pandas as pd  # imported where it is used, as in compare.py

DESCRIPTOR = "datapackage.json"
RECORD = "andringar"
TIMEOUT_S = 60
MAX_BYTES = 512 * 1024 * 1024
_HINT = ("Kontrollera adressen eller mappen i --previous. Den ska leda till datapackage.json på den publicerade "
         "webbplatsen, t.ex. https://insyn.example.org/oppna-data/datapackage.json. Bygget stoppades så att "
         "ändringsregistret inte blir ofullständigt; den förra webbplatsen ligger kvar.")


@dataclass(frozen=True)
class PreviousPackage:
    tables: Mapping[str, pd.DataFrame]
    andringar: tuple[Andring, ...]
    sedan: dt.date  # the first publication its change record covers
    publicerad: dt.date | None  # when it was published, if it says


def _fail(message: str) -> BuildError:
    return BuildError("previous-unreadable", f"Det förra datapaketet kunde inte läsas: {message}", _HINT)


def _is_loopback(host: str | None) -> bool:
    if host == "localhost":
        return True
    try:
        return host is not None and ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class _Source:
    """Where the package's files are read from: a folder or a web address."""

    def __init__(self, where: str) -> None:
        self.url: str | None = None
        self.folder: Path | None = None
        if "://" in where:
            parts = urlsplit(where)
            # http only to this machine (tests and a local preview); everything else must be https.
            if parts.scheme != "https" and not (parts.scheme == "http" and _is_loopback(parts.hostname)):
                raise _fail(f"adressen {where} börjar inte med https://.")
            self.url = where if where.endswith(".json") else where.rstrip("/") + "/" + DESCRIPTOR
            self.descriptor = self.url
        else:
            path = Path(where)
            for candidate in (path, path / DESCRIPTOR, path / "oppna-data" / DESCRIPTOR):
                if candidate.is_file():
                    self.folder = candidate.resolve().parent
                    self.descriptor = str(candidate)
                    break
            else:
                raise _fail(f"det finns ingen {DESCRIPTOR} i {where}.")

    def read(self, rel: str) -> bytes:
        if not rel or rel.startswith("/") or "\\" in rel or ".." in rel.split("/") or "://" in rel:
            raise _fail(f"sökvägen {rel!r} i {DESCRIPTOR} pekar utanför datapaketet.")
        if self.folder is not None:
            try:
                return (self.folder / rel).read_bytes()
            except OSError as error:
                raise _fail(f"filen {rel} gick inte att läsa ({error.strerror or error}).") from None
        assert self.url is not None
        address = urljoin(self.url, rel)
        try:
            with urllib.request.urlopen(address, timeout=TIMEOUT_S) as response:  # noqa: S310 - scheme checked above
                data: bytes = response.read(MAX_BYTES + 1)
        except urllib.error.HTTPError as error:
            raise _fail(f"{address} svarade {error.code} {error.reason}.") from None
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise _fail(f"{address} gick inte att hämta ({reason}).") from None
        if len(data) > MAX_BYTES:
            raise _fail(f"{address} är större än {MAX_BYTES // (1024 * 1024)} MB.")
        return data


def _descriptor(source: _Source) -> dict[str, Any]:
    raw = source.read(DESCRIPTOR) if source.folder is None else source.read(Path(source.descriptor).name)
    try:
        loaded = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise _fail(f"{DESCRIPTOR} är inte giltig JSON ({error}).") from None
    if not isinstance(loaded, dict) or not isinstance(loaded.get("resources"), list):
        raise _fail(f"{DESCRIPTOR} saknar listan resources.")
    return loaded


def _checked(source: _Source, resource: Mapping[str, Any]) -> bytes:
    rel = str(resource.get("path", ""))
    data = source.read(rel)
    size, digest = resource.get("bytes"), str(resource.get("hash", ""))
    if size is not None and size != len(data):
        raise _fail(f"{rel} har {len(data)} byte men datapaketet säger {size}; filen är avklippt eller ändrad.")
    if digest.startswith("sha256:") and hashlib.sha256(data).hexdigest() != digest.removeprefix("sha256:"):
        raise _fail(f"{rel} stämmer inte med kontrollsumman i {DESCRIPTOR}; filen är avklippt eller ändrad.")
    return data


def _table(name: str, data: bytes, key: list[str]) -> pd.DataFrame:
    import pandas as pd

    try:
        df = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (UnicodeDecodeError, ValueError, pd.errors.ParserError) as error:
        raise _fail(f"{name}.csv går inte att läsa som CSV ({error}).") from None
    missing = [k for k in key if k not in df.columns]
    if missing:
        raise _fail(f"{name}.csv saknar kolumnen {', '.join(missing)}.")
    if df.duplicated(subset=key).any():
        raise _fail(f"{name}.csv har samma nyckel ({', '.join(key)}) på flera rader.")
    return df


def _date(text: object, what: str) -> dt.date:
    try:
        return dt.date.fromisoformat(str(text)[:10])
    except ValueError:
        raise _fail(f"{what} är inget datum: {text!r}.") from None


def _record(df: pd.DataFrame) -> tuple[Andring, ...]:
    rows = []
    for r in df.to_dict("records"):
        if r.get("handelse") not in HANDELSER or r.get("tabell") not in BY_NAME:
            raise _fail(f"andringar.csv har en rad som inte går att tolka: {r.get('publicering')} nr {r.get('nr')}.")
        try:
            nr = int(r["nr"])
        except (KeyError, ValueError):
            raise _fail(f"andringar.csv har ett ogiltigt nr: {r.get('nr')!r}.") from None
        rows.append(Andring(_date(r["publicering"], "publicering i andringar.csv"), nr, r["tabell"], r["nyckel"],
                            r["handelse"], r.get("utforare") or None, r.get("utforare_namn") or None,
                            r.get("falt") or None, r.get("fore") or None, r.get("efter") or None))
    return tuple(rows)


def read_previous(where: str) -> PreviousPackage:
    """The previous package's comparable tables and change record; raises BuildError."""
    source = _Source(where)
    descriptor = _descriptor(source)
    resources = {str(r.get("name")): r for r in descriptor["resources"] if isinstance(r, dict)}
    tables: dict[str, pd.DataFrame] = {}
    for name in TABLES:
        if name not in resources:
            raise _fail(f"tabellen {name} finns inte i {DESCRIPTOR}.")
        tables[name] = _table(name, _checked(source, resources[name]), list(BY_NAME[name].primary_key))
    andringar: tuple[Andring, ...] = ()
    if RECORD in resources:
        andringar = _record(_table(RECORD, _checked(source, resources[RECORD]), ["publicering", "nr"]))
    publicerad = _date(descriptor["publicerad"], "publicerad i datapackage.json") if "publicerad" in descriptor else None
    created = descriptor.get("created")
    sedan_text = descriptor.get("andringar_sedan") or created
    sedan = _date(sedan_text, "andringar_sedan i datapackage.json") if sedan_text else (publicerad or dt.date.min)
    return PreviousPackage(tables, andringar, sedan, publicerad)
