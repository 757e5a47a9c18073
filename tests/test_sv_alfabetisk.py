"""Lists are written in Swedish alphabetical order, the same order the browser's sort
buttons (Intl.Collator "sv") give, so a list does not reshuffle when a reader clicks A–Ö."""

from __future__ import annotations

from generator.sv.alfabetisk import svensk_nyckel

NAMES = ["Östersund", "Älvros", "Åre", "Zinkgruvan", "aspnäs", "Ängsö", "Émile", "Edsbyn", "Über",
         "Ystad", "Berg", "Ås", "Hälsocentralen Ås", "Hälsocentralen Älvros", "Hälsocentralen Aspen"]
SWEDISH = ["aspnäs", "Berg", "Edsbyn", "Émile", "Hälsocentralen Aspen", "Hälsocentralen Ås",
           "Hälsocentralen Älvros", "Über", "Ystad", "Zinkgruvan", "Åre", "Ås", "Älvros", "Ängsö", "Östersund"]


def test_a_with_ring_before_a_with_dots_before_o_with_dots_after_z() -> None:
    assert sorted(NAMES, key=svensk_nyckel) == SWEDISH


def test_python_order_agrees_with_the_browser(browser) -> None:
    page = browser.new_page()
    try:
        in_browser = page.evaluate(
            "names => names.slice().sort(new Intl.Collator('sv', {numeric: true, sensitivity: 'base'}).compare)",
            NAMES)
    finally:
        page.close()
    assert sorted(NAMES, key=svensk_nyckel) == in_browser


def test_comparison_page_lists_providers_in_swedish_order(dataset, tmp_path) -> None:
    from tests.support.build import build_site

    names = {"fjallvarden.yaml": "Älvros vårdcentral", "halsocentralen-centrum.yaml": "Åre hälsocentral"}
    for file, name in names.items():
        path = dataset / "utforare" / file
        text = path.read_text(encoding="utf-8")
        first = next(line for line in text.splitlines() if line.startswith("namn:"))
        path.write_text(text.replace(first, f"namn: {name}", 1), encoding="utf-8")
    site = build_site(dataset, tmp_path / "site")
    html = (site / "jamfor/halsoval/index.html").read_text(encoding="utf-8")
    assert html.index("Åre hälsocentral") < html.index("Älvros vårdcentral")
