"""The report's files as their readers open them: `insyn rapport` writes a tagged PDF/UA
(pdftotext, pikepdf), a DOCX (python-docx) and a presentation (python-pptx) with the same
headings and tables; and canaries planted in a non-public follow-up and in withheld
fields appear in none of them."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pikepdf
import pptx
import pytest
import yaml

from generator import pipeline
from generator.memo import Memo
from generator.rapport import bygg_rapport, filer, pdf, pdfkalla
from generator.rapport.bilder import MAX_ROWS, bildtabeller
from generator.rapport.dokument import Dokument, Lista, Sektion, Stycke, Tabell, Underrubrik
from generator.rapport.innehall import dokument
from generator.rapport.word import cell_text
from generator.settings import reference_day
from generator.validate.rules import SECRET_FIELDS
from tests.support.build import MINIMAL, run_insyn

CANARY = "KANARIE"


def _withheld() -> dict[str, object]:
    """A 2026 follow-up with every field that may be withheld withheld, each holding a canary."""
    return {
        "avtal": "lov-fjallvarden", "typ": "fordjupad_uppfoljning", "period": "2026", "status": "genomford",
        "genomford": "2026-04-05", "resultat": "uppfyller_inte", "granskare": "KANARIE-GRANSKARE",
        "sammanfattning": "KANARIE-SAMMANFATTNING", "kommentar_utforare": "KANARIE-KOMMENTAR",
        "redovisad": {"organ": "KANARIE-ORGAN", "datum": "2026-04-20", "paragraf": "KANARIE-PARAGRAF"},
        "brister": [{"krav": "journal", "beskrivning": "KANARIE-BRIST", "allvarlighet": "hog", "paverkan": "KANARIE-PAVERKAN"}],
        "handlingsplan": {"beslutad": "2026-04-20", "atgarder": [
            {"beskrivning": "KANARIE-ATGARD", "senast": "2026-05-31", "status": "pagaende"}]},
        "dokument": [{"titel": "KANARIE-DOKUMENT", "url": "https://www.regionjh.se/kanarie", "diarienummer": "KANARIE-DNR"}],
        "mal": ["god-och-nara-vard"],
        "sekretess": list(SECRET_FIELDS),
    }


def _non_public() -> dict[str, object]:
    return {
        "avtal": "uppdrag-centrum", "typ": "avvikelse", "period": "2026-05", "status": "genomford",
        "genomford": "2026-06-01", "resultat": "uppfyller_inte", "sammanfattning": "KANARIE-DOLD-SAMMANFATTNING",
        "brister": [{"krav": "tillganglighet", "beskrivning": "KANARIE-DOLD-BRIST", "allvarlighet": "hog"}],
        "handlingsplan": {"atgarder": [{"beskrivning": "KANARIE-DOLD-ATGARD", "senast": "2026-09-30", "status": "planerad"}]},
        "dokument": [{"titel": "KANARIE-DOLD-DOKUMENT", "url": "https://www.regionjh.se/kanarie-dold"}],
        "publik": False,
    }


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("rapportfiler")
    data = root / "data"
    shutil.copytree(MINIMAL, data)
    folder = data / "uppfoljningar" / "2026"
    folder.mkdir()
    for name, doc in (("fordjupad-hemlig.yaml", _withheld()), ("avvikelse-dold.yaml", _non_public())):
        (folder / name).write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    out = root / "ut"
    for period in ("ar", "T1"):
        result = run_insyn("rapport", "--namnd", "regionstyrelsen", "--ar", "2026", "--period", period,
                           "--data", str(data), "--out", str(out))
        assert result.returncode == 0, result.stderr
        assert CANARY not in result.stdout + result.stderr
    return data, out


@pytest.fixture(scope="module")
def dok(written: tuple[Path, Path]):
    catalog = pipeline.check(written[0], reference_day())
    return dokument(catalog, bygg_rapport(catalog, "regionstyrelsen", 2026))


def test_command_writes_three_files_and_never_overwrites(written: tuple[Path, Path]) -> None:
    data, out = written
    assert sorted(p.name for p in out.iterdir()) == [
        "regionstyrelsen-2026-t1.docx", "regionstyrelsen-2026-t1.pdf", "regionstyrelsen-2026-t1.pptx",
        "regionstyrelsen-2026.docx", "regionstyrelsen-2026.pdf", "regionstyrelsen-2026.pptx"]
    before = (out / "regionstyrelsen-2026.pdf").read_bytes()
    again = run_insyn("rapport", "--namnd", "regionstyrelsen", "--ar", "2026", "--data", str(data), "--out", str(out))
    assert again.returncode == 2 and "finns redan" in again.stderr
    assert (out / "regionstyrelsen-2026.pdf").read_bytes() == before


def test_command_never_writes_through_a_link_even_to_nothing(written: tuple[Path, Path], tmp_path: Path) -> None:
    """A link where the report goes, pointing to a file not yet there: the PDF was made there,
    in someone else's folder."""
    data, _ = written
    out, elsewhere = tmp_path / "rapporter", tmp_path / "nagon-annans" / "fil.pdf"
    out.mkdir()
    elsewhere.parent.mkdir()
    (out / "regionstyrelsen-2026.pdf").symlink_to(elsewhere)
    refused = run_insyn("rapport", "--namnd", "regionstyrelsen", "--ar", "2026", "--data", str(data), "--out", str(out))
    assert refused.returncode == 2 and "finns redan" in refused.stderr
    assert list(elsewhere.parent.iterdir()) == [] and [p.name for p in out.iterdir()] == ["regionstyrelsen-2026.pdf"]


def test_command_explains_a_wrong_nämnd_or_period(written: tuple[Path, Path]) -> None:
    data, _ = written
    wrong = run_insyn("rapport", "--namnd", "kulturnamnden", "--ar", "2026", "--data", str(data))
    assert wrong.returncode == 2 and "Nämnden kulturnamnden finns inte" in wrong.stderr and "regionstyrelsen" in wrong.stderr
    period = run_insyn("rapport", "--namnd", "regionstyrelsen", "--ar", "2026", "--period", "T4", "--data", str(data))
    assert period.returncode == 2 and "Välj ett av T1, T2, delar, ar" in period.stderr


def test_command_refuses_a_year_with_nothing_to_report(written: tuple[Path, Path], tmp_path: Path) -> None:
    """A mistyped year (2062 for 2026) gave a report of zeros for a year with no plan and no
    follow-up, as if the nämnd had followed nothing up, and said nothing of it."""
    data, _ = written
    out = tmp_path / "rapporter"
    for year in ("2062", "1999", "99999999999"):
        refused = run_insyn("rapport", "--namnd", "regionstyrelsen", "--ar", year, "--data", str(data), "--out", str(out))
        assert refused.returncode == 2, refused.stdout
        assert f"Regionstyrelsen har ingen uppföljningsplan och ingen uppföljning för {year}" in refused.stderr
        assert "År med uppgifter: 2025, 2026." in refused.stderr and "Traceback" not in refused.stderr
    assert not out.exists()


def test_command_says_when_a_nämnd_has_nothing_yet(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    region = yaml.safe_load((data / "region.yaml").read_text(encoding="utf-8"))
    region["namnder"].append({"id": "kulturnamnden", "namn": "Kulturnämnden"})
    (data / "region.yaml").write_text(yaml.safe_dump(region, allow_unicode=True, sort_keys=False), encoding="utf-8")
    refused = run_insyn("rapport", "--namnd", "kulturnamnden", "--ar", "2026", "--data", str(data), "--out", str(tmp_path / "ut"))
    assert refused.returncode == 2
    assert "Kulturnämnden har ingen uppföljningsplan och ingen uppföljning att rapportera ännu." in refused.stderr
    assert not (tmp_path / "ut").exists()


def test_pdf_headings_in_order(written: tuple[Path, Path], dok) -> None:
    text = subprocess.run(["pdftotext", "-layout", str(written[1] / "regionstyrelsen-2026.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    positions = [flat.find(s.rubrik) for s in dok.sektioner]
    assert -1 not in positions and positions == sorted(positions)
    # The date and data version on every page.
    pages = text.split("\f")[:-1]
    assert len(pages) > 2 and all("data uppdaterad 1 oktober 2026" in " ".join(p.split()) for p in pages)
    # And its number, of how many, as a reader citing the report needs.
    assert [f"Sida {i} av {len(pages)}" in " ".join(p.split()) for i, p in enumerate(pages, 1)] == [True] * len(pages)


def structure(node: pikepdf.Dictionary, out: list[tuple[str, str | None]]) -> list[tuple[str, str | None]]:
    kind = node.get("/S")
    if kind is not None:
        alt = node.get("/Alt")
        out.append((str(kind), str(alt) if alt is not None else None))
    kids = node.get("/K")
    for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
        if isinstance(kid, pikepdf.Dictionary):
            structure(kid, out)
    return out


def test_pdf_is_tagged_pdf_ua(written: tuple[Path, Path], dok) -> None:
    with pikepdf.open(written[1] / "regionstyrelsen-2026.pdf") as pdf:
        assert str(pdf.Root.Lang) == "sv"
        assert pdf.Root.MarkInfo.Marked is True
        assert str(pdf.docinfo.Title) == dok.titel
        with pdf.open_metadata() as meta:
            assert meta.get("pdfuaid:part") == "1"
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        outline = [item.title for item in pdf.open_outline().root]
        assert outline[0] == dok.titel
        tags = structure(pdf.Root.StructTreeRoot, [])
    kinds = [k for k, _ in tags]
    tables = sum(isinstance(b, Tabell) for s in dok.sektioner for b in s.block)
    assert kinds.count("/Table") == tables
    assert "/TH" in kinds and "/THead" in kinds and "/Caption" in kinds


@pytest.mark.made_each_time
def test_a_character_no_font_has_still_gives_a_tagged_pdf(tmp_path: Path) -> None:
    """Valid data may hold any text. PDF/UA-1 requires every character to be shown, so a report
    whose text holds one that no font here has is laid out without claiming PDF/UA-1, with its
    tags, its title and its language all the same, instead of failing the build."""
    catalog = pipeline.check(MINIMAL, reference_day())
    dok = Dokument("Rapport om 中𣫄", (), (Sektion("s", "Avsnitt", (Stycke("Ett stycke."),)),), "Sidfot")
    path = tmp_path / "rapport.pdf"
    path.write_bytes(pdf.pdf_bytes.__wrapped__(pdfkalla.kalla(catalog, dok, "regionstyrelsen", 2026, None)))
    with pikepdf.open(path) as made:
        assert made.Root.MarkInfo.Marked is True and str(made.Root.Lang) == "sv"
        assert str(made.docinfo.Title) == dok.titel
        assert [k for k, _ in structure(made.Root.StructTreeRoot, [])].count("/H1") == 1
        with made.open_metadata() as meta:
            assert meta.get("pdfuaid:part") is None
    # And a report that every font here can show still claims it (test_pdf_is_tagged_pdf_ua).


def _docx_order(document: docx.document.Document) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith(("Title", "Heading"))]


def test_docx_has_real_headings_and_tables(written: tuple[Path, Path], dok) -> None:
    document = docx.Document(str(written[1] / "regionstyrelsen-2026.docx"))
    expected = [("Title", dok.titel)]
    for s in dok.sektioner:
        expected.append(("Heading 1", s.rubrik))
        expected += [("Heading 2", b.text) for b in s.block if isinstance(b, Underrubrik)]
    assert _docx_order(document) == expected
    tabeller = [b for s in dok.sektioner for b in s.block if isinstance(b, Tabell)]
    assert len(document.tables) == len(tabeller)
    for word, t in zip(document.tables, tabeller, strict=True):
        rows = [[c.text for c in row.cells] for row in word.rows]
        assert rows[0] == list(t.kolumner)
        assert rows[1:] == [[cell_text(c) for c in r] for r in (*t.rader, *([t.summa] if t.summa else []))]
    assert document.core_properties.language == "sv-SE"
    assert 'w:val="sv-SE"' in document.styles["Normal"].element.xml


def test_docx_tables_captions_and_lists_keep_words_own_styles(written: tuple[Path, Path], dok) -> None:
    """The secretary pastes the report into the årsbokslut: each table keeps Word's table grid,
    its caption Word's Caption style, each list Word's bullets (word.py looks each style up once
    per document, so a style given to the wrong paragraph would show here)."""
    document = docx.Document(str(written[1] / "regionstyrelsen-2026.docx"))
    blocks = [b for s in dok.sektioner for b in s.block]
    rubriker = [b.rubrik for b in blocks if isinstance(b, Tabell)]
    punkter = [cell_text(p) for b in blocks if isinstance(b, Lista) for p in b.punkter]
    assert rubriker and punkter, "the example's report has tables and lists, or the test proves nothing"
    assert [p.text for p in document.paragraphs if p.style.name == "Caption"] == rubriker
    assert [t.style.name for t in document.tables] == ["Table Grid"] * len(rubriker)
    assert [p.text for p in document.paragraphs if p.style.name == "List Bullet"] == punkter


def test_presentation_has_a_slide_per_question_with_the_same_tables(written: tuple[Path, Path], dok) -> None:
    prs = pptx.Presentation(str(written[1] / "regionstyrelsen-2026.pptx"))
    slides = list(prs.slides)
    assert slides[0].shapes.title.text == dok.titel
    planned = bildtabeller(dok)
    assert [s.shapes.title.text for s in slides[1:]] == [title for title, _ in planned]
    headings = {s.rubrik for s in dok.sektioner} | {b.text for s in dok.sektioner for b in s.block if isinstance(b, Underrubrik)}
    assert all(title in headings or title.split(" – ")[0] in headings for title, _ in planned)
    for slide, (_, t) in zip(slides[1:], planned, strict=True):
        (shape,) = [sh for sh in slide.shapes if sh.has_table]
        rows = [[cell.text for cell in row.cells] for row in shape.table.rows]
        assert rows[0] == list(t.kolumner)
        body = [[cell_text(c) for c in r] for r in t.rader[:MAX_ROWS]] + ([[cell_text(c) for c in t.summa]] if t.summa else [])
        assert rows[1:] == body
    with zipfile.ZipFile(written[1] / "regionstyrelsen-2026.pptx") as z:
        slide_xml = z.read("ppt/slides/slide2.xml").decode()
    assert 'lang="sv-SE"' in slide_xml and prs.core_properties.language == "sv-SE"
    titles = {s.shapes.title.text for s in slides}
    assert {"Vilka mål, uppdrag och nyckeltal finns?", "Hur ser måluppfyllelsen ut?",
            "Vilka åtgärder genomförs om målen inte nås?"} <= titles


def _pdf_text_everywhere(path: Path) -> str:
    """Every string and every decoded stream of the PDF, not only what pdftotext shows."""
    parts = [subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout]
    with pikepdf.open(path) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream):
                try:
                    parts.append(obj.read_bytes().decode("latin-1"))
                except pikepdf.PdfError:
                    continue
            elif isinstance(obj, pikepdf.Dictionary):
                parts.append(repr(obj))
    return "\n".join(parts)


def _zip_text(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return "\n".join(z.read(name).decode("utf-8", "replace") for name in z.namelist()) + "\n".join(z.namelist())


def test_canaries_reach_no_report_file(written: tuple[Path, Path]) -> None:
    out = written[1]
    for path in sorted(out.iterdir()):
        text = _pdf_text_everywhere(path) if path.suffix == ".pdf" else _zip_text(path)
        assert CANARY not in text, path.name
        assert CANARY not in path.name
    # The planted follow-ups are there, counted: the withheld one by its (public) type, the hidden one only as a number.
    document = docx.Document(str(out / "regionstyrelsen-2026.docx"))
    body = "\n".join(p.text for p in document.paragraphs)
    assert "1 uppföljning inom nämndens områden år 2026 är inte offentlig" in body


@pytest.mark.made_each_time  # the PDFs too: laid out again, as in another run
def test_files_repeat_byte_for_byte(written: tuple[Path, Path], dok) -> None:
    """The same data gives the same bytes: a rebuild changes nothing (no clock in the files)."""
    from generator.rapport import bilder, word

    catalog = pipeline.check(written[0], reference_day())
    day = catalog.uppdaterad
    # __wrapped__: the functions themselves, not their in-process cache.
    assert word.docx_bytes.__wrapped__(dok, day) == (written[1] / "regionstyrelsen-2026.docx").read_bytes()
    assert bilder.pptx_bytes.__wrapped__(dok, day) == (written[1] / "regionstyrelsen-2026.pptx").read_bytes()
    kalla = pdfkalla.kalla(catalog, dok, "regionstyrelsen", 2026, catalog.publicering.webbadress)
    assert pdf.pdf_bytes.__wrapped__(kalla) == (written[1] / "regionstyrelsen-2026.pdf").read_bytes()


def test_a_reports_pdf_is_taken_from_the_memo_by_its_document_and_laid_out_again_for_another_address(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A rebuild finds the PDF by the report's document without making its layout's input again
    (national size: most of the reports' second); another site address, in the PDF's links, lays
    it out anew."""
    catalog = pipeline.check(MINIMAL, reference_day())
    made_for: list[str | None] = []
    kalla = pdfkalla.kalla

    def noted(catalog: object, dok: object, namnd: str, ar: int, site_url: str | None) -> str:
        made_for.append(site_url)
        return kalla(catalog, dok, namnd, ar, site_url)  # type: ignore[arg-type]

    monkeypatch.setattr(pdfkalla, "kalla", noted)
    monkeypatch.setattr(pdf, "pdf_bytes", lambda kalla: kalla.encode("utf-8"))  # the layout is not what is tested
    first = filer(catalog, "regionstyrelsen", 2026, site_url="https://insyn.example.se/", memo=Memo(None, tmp_path / "1"))
    again = filer(catalog, "regionstyrelsen", 2026, site_url="https://insyn.example.se/",
                  memo=Memo(tmp_path / "1", tmp_path / "2"))
    moved = filer(catalog, "regionstyrelsen", 2026, site_url="https://ny.example.se/", memo=Memo(tmp_path / "1", tmp_path / "3"))
    assert made_for == ["https://insyn.example.se/", "https://ny.example.se/"]
    assert again == first
    assert b"https://ny.example.se/" in moved["regionstyrelsen-2026.pdf"]
    assert b"https://ny.example.se/" not in first["regionstyrelsen-2026.pdf"]


_FILES_AND_MODULES = """
import sys
from pathlib import Path
from generator import pipeline
from generator.memo import Memo
from generator.rapport import filer, pdf
from generator.settings import reference_day
layouts = []
laid_out = pdf._laid_out
pdf._laid_out = lambda kalla: layouts.append(1) or laid_out(kalla)
catalog = pipeline.check(Path(sys.argv[1]), reference_day())
files = filer(catalog, "regionstyrelsen", 2026, memo=Memo(Path(sys.argv[2]), Path(sys.argv[3])))
print(sorted(files), sorted(m for m in ("pptx", "docx") if m in sys.modules), len(layouts))
"""


def test_report_files_from_the_memo_load_none_of_the_libraries_that_write_them(tmp_path: Path) -> None:
    """A rebuild whose reports are as before takes their files from the memo: python-docx and
    python-pptx, half a second and more to import in a writer, are never loaded, and Typst's
    program is never started."""
    def run(previous: str, new: str) -> str:
        result = subprocess.run([sys.executable, "-c", _FILES_AND_MODULES, str(MINIMAL), str(tmp_path / previous),  # noqa: S603
                                 str(tmp_path / new)], capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()

    names = "['regionstyrelsen-2026.docx', 'regionstyrelsen-2026.pdf', 'regionstyrelsen-2026.pptx']"
    assert run("saknas", "1") == f"{names} ['docx', 'pptx'] 1"
    assert run("1", "2") == f"{names} [] 0"


def test_a_nämnd_with_a_long_name_gets_its_reports_and_its_site(tmp_path: Path) -> None:
    """Word and PowerPoint hold a title of at most 255 characters: a nämnd's name of 214 stopped
    the build and `insyn rapport` with a traceback (the contract allows far longer names)."""
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    name = "Regionstyrelsens " + "utskott för uppföljning " * 12
    region = data / "region.yaml"
    region.write_text(region.read_text(encoding="utf-8").replace("namn: Regionstyrelsen", f"namn: {name.strip()}", 1),
                      encoding="utf-8")
    built = run_insyn("build", "--data", str(data), "--out", str(tmp_path / "site"))
    assert built.returncode == 0, built.stderr
    out = tmp_path / "rapporter"
    made = run_insyn("rapport", "--namnd", "regionstyrelsen", "--ar", "2026", "--period", "T1", "--data", str(data),
                     "--out", str(out))
    assert made.returncode == 0, made.stderr
    word = docx.Document(str(out / "regionstyrelsen-2026-t1.docx"))
    title = word.core_properties.title
    assert len(title) == 255 and title.endswith("…") and title.startswith(name.strip()[:200])
    assert name.strip() in "\n".join(p.text for p in word.paragraphs)  # whole on the first page
    assert len(pptx.Presentation(str(out / "regionstyrelsen-2026-t1.pptx")).core_properties.title) == 255


def test_the_command_says_the_date_the_site_says(tmp_path: Path) -> None:
    """A follow-up done after the hand-typed `publicering.uppdaterad` (1 October): the site and
    the open data say 2 November, and so does the report `insyn rapport` writes."""
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    (data / "uppfoljningar" / "2026").mkdir()
    done = {"avtal": "uppdrag-centrum", "typ": "muntlig_uppfoljning", "period": "2026", "status": "genomford",
            "genomford": "2026-11-02", "resultat": "uppfyller"}
    (data / "uppfoljningar" / "2026" / "muntlig-centrum-2026.yaml").write_text(yaml.safe_dump(done), encoding="utf-8")
    site = pipeline.compare(pipeline.check(data, reference_day()), None, reference_day())[0]
    assert site.uppdaterad.isoformat() == "2026-11-02"  # what the build publishes (start page, package, DCAT)
    result = run_insyn("rapport", "--namnd", "regionstyrelsen", "--ar", "2026", "--data", str(data),
                       "--out", str(tmp_path / "ut"))
    assert result.returncode == 0, result.stderr
    text = " ".join(p.text for p in docx.Document(str(tmp_path / "ut" / "regionstyrelsen-2026.docx")).paragraphs)
    assert "i de öppna datan, uppdaterade 2 november 2026." in text
