"""Nothing withheld leaves through the downloads: every byte of oppna-data/, inside the
zip and the workbook too, and every file and folder name, is searched for the canaries
planted in withheld and non-public fixtures and for the sole trader's personnummer."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

FORBIDDEN = (
    b"HEMLIG-KANARIE-SEKRETESS", b"HEMLIG-KANARIE-EJ-PUBLIK",
    b"19121212-1212", b"121212-1212", b"1212121212", b"191212121212",
)


def _members(name: str, data: bytes) -> list[tuple[str, bytes]]:
    """The file itself and, for zip containers (insyn.zip, insyn.xlsx), every member unpacked."""
    out = [(name, data)]
    if data[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for info in archive.infolist():
                out.extend(_members(f"{name}!{info.filename}", archive.read(info)))
    return out


def everything(folder: Path) -> list[tuple[str, bytes]]:
    found = []
    for path in sorted(folder.rglob("*")):
        rel = str(path.relative_to(folder))
        found.append((f"namn:{rel}", rel.encode("utf-8")))
        if path.is_file():
            found.extend(_members(rel, path.read_bytes()))
    return found


@pytest.mark.parametrize("site", ["minimal_site", "example_site"])
def test_no_canary_or_personnummer_in_any_open_data_byte(site: str, request: pytest.FixtureRequest) -> None:
    folder = request.getfixturevalue(site) / "oppna-data"
    contents = everything(folder)
    names = {name for name, _ in contents}
    assert {"datapackage.json", "insyn.zip", "insyn.xlsx", "dcat.rdf", "dcat.ttl"} <= names
    assert any(n.startswith("insyn.xlsx!xl/worksheets/") for n in names)  # the workbook was looked inside
    assert any(n.startswith("insyn.zip!") for n in names)
    leaks = [(name, secret) for name, data in contents for secret in FORBIDDEN if secret in data]
    assert leaks == []


def test_the_canary_search_would_see_a_leak(tmp_path: Path) -> None:
    """The search reaches inside compressed members: a planted canary there is found."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<c>HEMLIG-KANARIE-SEKRETESS</c>" * 50)
    (tmp_path / "insyn.xlsx").write_bytes(buffer.getvalue())
    assert b"HEMLIG-KANARIE-SEKRETESS" not in buffer.getvalue()  # compressed: a plain grep misses it
    contents = everything(tmp_path)
    assert [name for name, data in contents if b"HEMLIG-KANARIE-SEKRETESS" in data] == [
        "insyn.xlsx!xl/worksheets/sheet1.xml"]
