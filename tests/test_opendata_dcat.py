"""The catalog Sveriges dataportal harvests: RDF that parses, with the properties
DCAT-AP-SE 3.0.1 makes mandatory (tests/dcat_ap_se_3_0_1_required.json, taken from the
profile's bundle.json) and the recommended ones we can fill, with absolute IRIs that point
at files that exist."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import RDF, Graph, URIRef, namespace
from rdflib.compare import isomorphic

from generator.opendata.schema import TABLES

PROFILE = json.loads((Path(__file__).parent / "dcat_ap_se_3_0_1_required.json").read_text(encoding="utf-8"))


def expand(curie: str) -> URIRef:
    prefix, local = curie.split(":", 1)
    return URIRef(PROFILE["prefixes"][prefix] + local)


@pytest.fixture(params=["minimal_site", "example_site"])
def site(request: pytest.FixtureRequest) -> Path:
    return request.getfixturevalue(request.param)


@pytest.fixture
def rdf(site: Path) -> Graph:
    g = Graph()
    g.parse(site / "oppna-data" / "dcat.rdf", format="xml")
    return g


def site_url(rdf: Graph) -> str:
    """publicering.webbadress, as the catalog's own IRI carries it."""
    catalog = next(rdf.subjects(RDF.type, namespace.DCAT.Catalog))
    return str(catalog).removesuffix("oppna-data/#katalog")


def test_rdf_and_turtle_say_the_same_thing(rdf: Graph, site: Path) -> None:
    turtle = Graph().parse(site / "oppna-data" / "dcat.ttl", format="turtle")
    assert len(rdf) > 100 and isomorphic(rdf, turtle)


def test_catalog_dataset_and_distributions_have_title_publisher_and_licence(rdf: Graph) -> None:
    catalogs = list(rdf.subjects(RDF.type, namespace.DCAT.Catalog))
    datasets = list(rdf.subjects(RDF.type, namespace.DCAT.Dataset))
    distributions = list(rdf.subjects(RDF.type, namespace.DCAT.Distribution))
    assert len(catalogs) == 1 and len(datasets) == 1
    # One per CSV, the zip, the descriptor, the workbook; and the nämnds' reports (PDF, DOCX, PPTX each).
    reports = {str(rdf.value(d, namespace.DCAT.downloadURL)) for d in distributions} - {
        str(rdf.value(d, namespace.DCAT.downloadURL)) for d in distributions
        if "/oppna-data/" in str(rdf.value(d, namespace.DCAT.downloadURL))}
    assert len(distributions) == len(TABLES) + 3 + len(reports)
    assert len(reports) % 3 == 0 and all("/rapporter/" in url for url in reports)
    for thing in (*catalogs, *datasets):
        assert {t.language for t in rdf.objects(thing, namespace.DCTERMS.title)} == {"sv", "en"}
        publisher = rdf.value(thing, namespace.DCTERMS.publisher)
        assert str(rdf.value(publisher, namespace.FOAF.name)).startswith("Region ")
    assert rdf.value(catalogs[0], namespace.DCTERMS.license) == URIRef(PROFILE["fixed_values"]["catalog_license"])
    for dist in distributions:
        assert rdf.value(dist, namespace.DCTERMS.title) is not None
        assert rdf.value(dist, namespace.DCTERMS.license) == URIRef("http://creativecommons.org/publicdomain/zero/1.0/")


@pytest.mark.parametrize("cls", sorted(PROFILE["classes"]))
def test_every_mandatory_property_of_the_profile_is_there(rdf: Graph, cls: str) -> None:
    spec = PROFILE["classes"][cls]
    things = list(rdf.subjects(RDF.type, expand(cls)))
    assert things, f"ingen {cls}"
    for thing in things:
        missing = [p for p in spec["mandatory"] if rdf.value(thing, expand(p)) is None]
        assert missing == [], (str(thing), missing)
        skipped = [p for p in spec["recommended"] if rdf.value(thing, expand(p)) is None]
        assert set(skipped) <= set(PROFILE["not_filled"]), (str(thing), skipped)


def test_publisher_access_rights_and_themes_use_the_controlled_vocabularies(rdf: Graph) -> None:
    fixed = PROFILE["fixed_values"]
    dataset = next(rdf.subjects(RDF.type, namespace.DCAT.Dataset))
    publisher = rdf.value(dataset, namespace.DCTERMS.publisher)
    assert str(publisher) == fixed["publisher_iri_prefix"] + "2321000214"  # both datasets: Region JH's number
    assert str(rdf.value(publisher, namespace.DCTERMS.type)) in fixed["publisher_types"]
    assert rdf.value(dataset, namespace.DCTERMS.accessRights) == URIRef(fixed["access_rights_public"])
    themes = {str(t).rsplit("/", 1)[1] for t in rdf.objects(dataset, namespace.DCAT.theme)}
    assert themes == {"HEAL", "GOVE"}
    contact = rdf.value(dataset, namespace.DCAT.contactPoint)
    assert str(rdf.value(contact, URIRef("http://www.w3.org/2006/vcard/ns#hasEmail"))).startswith("mailto:")


def test_every_download_address_is_absolute_and_names_a_written_file(rdf: Graph, site: Path) -> None:
    base = site_url(rdf)
    assert base.startswith("https://") and base.endswith("/")
    for dist in rdf.subjects(RDF.type, namespace.DCAT.Distribution):
        url = str(rdf.value(dist, namespace.DCAT.downloadURL))
        assert url.startswith((base + "oppna-data/", base + "rapporter/"))
        assert (site / url.removeprefix(base)).is_file(), url
        assert str(rdf.value(dist, namespace.DCAT.accessURL)) == base + "om-datan/datakatalog/"
        media = str(rdf.value(dist, namespace.DCTERMS["format"]))
        assert str(rdf.value(dist, namespace.DCAT.mediaType)) == "https://www.iana.org/assignments/media-types/" + media
    for node in set(rdf.subjects()) | {o for o in rdf.objects() if isinstance(o, URIRef)}:
        assert str(node).startswith(("http://", "https://", "mailto:", "tel:")), node


def test_a_site_under_a_sub_path_gets_addresses_under_that_path() -> None:
    from generator import pipeline
    from generator.opendata import dcat
    from generator.settings import reference_day
    from tests.support.build import MINIMAL

    catalog = pipeline.check(MINIMAL, reference_day())
    g = dcat.check(dcat.files(catalog, "https://region.github.io/insyn")["dcat.rdf"], "xml")
    urls = {str(o) for o in g.objects(None, namespace.DCAT.downloadURL)}
    assert "https://region.github.io/insyn/oppna-data/insyn.zip" in urls
    assert all(u.startswith(("https://region.github.io/insyn/oppna-data/", "https://region.github.io/insyn/rapporter/"))
               for u in urls)


@pytest.mark.parametrize(("spdx", "uri", "listed"), [
    ("CC-BY-NC-4.0", "http://creativecommons.org/licenses/by-nc/4.0/", True),
    ("CC-BY-NC-ND-4.0", "http://creativecommons.org/licenses/by-nc-nd/4.0/", True),
    ("ODbL-1.0", "http://spdx.org/licenses/ODbL-1.0", False),
])
def test_a_licence_is_one_the_profile_lists_or_a_licence_document(spdx: str, uri: str, listed: bool) -> None:
    """DCAT-AP-SE 3.0.1 (dcterms:license_di) takes a Creative Commons licence from its list by
    its URI, or "License - other", typed dcterms:LicenseDocument: ODbL was neither."""
    import dataclasses

    from generator import pipeline
    from generator.opendata import dcat
    from generator.settings import reference_day
    from tests.support.build import MINIMAL

    catalog = pipeline.check(MINIMAL, reference_day())
    catalog = catalog.replaced(region=dataclasses.replace(catalog.region, licens=spdx) if dataclasses.is_dataclass(
        catalog.region) else catalog.region.model_copy(update={"licens": spdx}))
    g = dcat.check(dcat.files(catalog, "https://insyn.example.org/")["dcat.rdf"], "xml")
    licences = {o for d in g.subjects(RDF.type, namespace.DCAT.Distribution) for o in g.objects(d, namespace.DCTERMS.license)}
    assert licences == {URIRef(uri)}
    assert ((URIRef(uri), RDF.type, namespace.DCTERMS.LicenseDocument) in g) is not listed
