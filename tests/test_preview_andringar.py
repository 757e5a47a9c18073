"""`insyn serve` tells an editor what would change on publication, compared with the
published package (`--previous`), at the top of every page of the preview."""

from __future__ import annotations

import shutil
import subprocess

from tests.support.build import CONTENT, INSYN, ROOT
from tests.support.html import parse
from tests.test_serve import fetch, free_port, wait_for


def banner_text(html: str) -> str:
    found = [n for n in parse(html).find_all("div") if "insyn-forhandsvisning" in n.attrs.get("class", "")]
    assert len(found) == 1
    return found[0].text


def test_the_preview_lists_what_would_change_against_the_published_package(dataset, minimal_site, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    port = free_port()
    log = (tmp_path / "serve.log").open("w+", encoding="utf-8")
    published = minimal_site / "oppna-data"
    process = subprocess.Popen(
        [*INSYN, "serve", "--data", str(dataset), "--content", str(content),
         "--port", str(port), "--previous", str(published)], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_for(lambda: "Förhandsvisning – inte publicerad" in fetch(base), timeout=120)
        assert banner_text(fetch(base)) == (f"Förhandsvisning – inte publicerad Inga ändringar jämfört med {published}.")
        provider = dataset / "utforare" / "fjallvarden.yaml"
        provider.write_text(provider.read_text(encoding="utf-8").replace(
            "namn: Fjällvårdens Hälsocentral", "namn: Fjällvårdens <b>Nya</b> Hälsocentral"), encoding="utf-8")
        wait_for(lambda: "1 ändring" in fetch(base + "utforare/fjallvarden/"), timeout=90)
        page = fetch(base + "utforare/fjallvarden/")
        assert banner_text(page) == (
            f"Förhandsvisning – inte publicerad Det här skulle ändras vid publicering (1 ändring jämfört med "
            f"{published}): Fjällvårdens <b>Nya</b> Hälsocentral: utforare fjallvarden, namn: "
            "Fjällvårdens Hälsocentral → Fjällvårdens <b>Nya</b> Hälsocentral")
        assert "<b>Nya</b>" not in page.split("insyn-forhandsvisning", 1)[1].split("</div>", 1)[0]
        assert not (minimal_site / "oppna-data" / "andringar.csv").read_text(encoding="utf-8").count("\n") > 1
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()
