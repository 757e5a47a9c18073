"""A phone number's tel: link dials the number written: the country code in place of the trunk
0, never beside it, and a short number such as 1177 as it is written, which a phone dials as it is."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator.sv.telefon import tel_uri
from tests.support.build import MINIMAL, build_site
from tests.support.html import parse

NUMBERS = [
    # As before: ordinary national and international numbers.
    ("063-14 75 00", "tel:+4663147500"),
    ("063-14 00 00", "tel:+4663140000"),
    ("070-123 45 67", "tel:+46701234567"),
    ("08-123 456 78", "tel:+46812345678"),
    ("020-120 12 12", "tel:+46201201212"),
    ("+46 63 14 75 00", "tel:+4663147500"),
    ("+46 63-14 75 00", "tel:+4663147500"),
    ("+358 9 123 456", "tel:+3589123456"),
    # The trunk prefix in brackets after the country code is not dialled.
    ("+46 (0)63-14 75 00", "tel:+4663147500"),
    ("+46(0)63147500", "tel:+4663147500"),
    ("+46 ( 0 ) 63 14 75 00", "tel:+4663147500"),
    # 00, the prefix dialled before a country code, is not a part of the number.
    ("0046 63 14 75 00", "tel:+4663147500"),
    ("0046 (0)63-14 75 00", "tel:+4663147500"),
    ("00358 9 123 456", "tel:+3589123456"),
    # Short numbers, dialled in Sweden as they are.
    ("1177", "tel:1177"),
    ("112", "tel:112"),
    ("114 14", "tel:11414"),
    (" 1177 ", "tel:1177"),
]


@pytest.mark.parametrize(("written", "uri"), NUMBERS)
def test_a_number_becomes_the_tel_uri_that_dials_it(written: str, uri: str) -> None:
    assert tel_uri(written) == uri


def test_the_footer_and_the_catalog_call_the_number_without_its_trunk_prefix(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    region = data / "region.yaml"
    region.write_text(region.read_text(encoding="utf-8").replace("telefon: 063-14 75 00", "telefon: +46 (0)63-14 75 00"),
                      encoding="utf-8")
    site = build_site(data, tmp_path / "site")
    footer = parse((site / "index.html").read_text(encoding="utf-8")).one("div", **{"class": "md-copyright insyn-kontakt"})
    assert {a.attrs["href"] for a in footer.all("a") if a.attrs["href"].startswith("tel:")} == {"tel:+4663147500"}
    assert re.findall(r"<tel:[^>]*>", (site / "oppna-data" / "dcat.ttl").read_text(encoding="utf-8")) == ["<tel:+4663147500>"]
