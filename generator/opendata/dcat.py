"""The DCAT-AP-SE 3.0.1 catalog (`dcat.rdf`, RDF/XML, and `dcat.ttl`) for Sveriges dataportal.

Follows the profile's bundle (3.0.1/bundle.json) and harvesting guide (docs/harvesting.md
in diggsweden/DCAT-AP-SE): no blank nodes for catalog, dataset, distributions, publisher
or contact; absolute IRIs; the publisher as `http://dataportal.se/organisation/SE<orgnr>`;
Creative Commons licences as `http://…/` URIs; the catalog's own metadata under CC0.
`dcterms:format` is the media-type literal the profile lists; `dcat:mediaType` adds the
IANA URI that DCAT-AP expects. Serialised in sorted order (see rdfxml.py) so the bytes repeat.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF

from generator import outputs
from generator.domain.catalog import Catalog
from generator.domain.period import Period
from generator.models.valuetypes import mailto_uri
from generator.opendata import rdfxml
from generator.opendata.downloads import downloads, report_downloads
from generator.opendata.licenses import CATALOG_METADATA_LICENSE, license_for
from generator.opendata.package import description, keywords, title
from generator.sv.telefon import tel_uri

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
DCATAP = Namespace("http://data.europa.eu/r5r/")
EU = "http://publications.europa.eu/resource/authority/"
PUBLISHER_TYPE = {"region": "http://purl.org/adms/publishertype/RegionalAuthority",
                  "kommun": "http://purl.org/adms/publishertype/LocalAuthority"}
# Health for a region's care; a kommun's services are of many kinds, all of them public sector.
THEMES = {"region": (EU + "data-theme/HEAL", EU + "data-theme/GOVE"), "kommun": (EU + "data-theme/GOVE",)}
KEYWORDS = ("uppföljning", "utförare", "avtal", "vård", "tandvård", "egen regi", "privata utförare", "nyckeltal", "insyn")
SWEDISH = URIRef(EU + "language/SWE")
DICTIONARY_PAGE = "om-datan/datakatalog/"


def _orgnr_digits(orgnr: str) -> str:
    return "".join(ch for ch in orgnr if ch.isdigit())


def coverage(catalog: Catalog) -> tuple[dt.date, dt.date] | None:
    """First and last day of the years the follow-ups and key-figure values describe."""
    years = [Period.parse(u.period).year for u in catalog.uppfoljningar.values() if u.period]
    years += [Period.parse(v.period).year for v in catalog.varden]
    if not years:
        return None
    return dt.date(min(years), 1, 1), dt.date(max(years), 12, 31)


def graph(catalog: Catalog, site_url: str) -> Graph:
    base = site_url.rstrip("/") + "/"
    data_base = base + outputs.OPPNA_DATA + "/"
    region = catalog.region
    day = Literal(catalog.uppdaterad.isoformat(), datatype=XSD.date)
    g = Graph()
    g.bind("dcat", DCAT)
    g.bind("dcterms", DCTERMS)
    g.bind("foaf", FOAF)
    g.bind("vcard", VCARD)
    g.bind("dcatap", DCATAP)

    cat = URIRef(data_base + "#katalog")
    dataset = URIRef(data_base + "#datamangd")
    publisher = URIRef("http://dataportal.se/organisation/SE" + _orgnr_digits(region.organisationsnummer))
    contact = URIRef(data_base + "#kontakt")
    landing = URIRef(base + DICTIONARY_PAGE)
    licence = license_for(region.licens)
    data_license = URIRef(licence.uri)
    if not licence.listed:  # DCAT-AP-SE 3.0.1 dcterms:license_di: "License - other" is a typed document
        g.add((data_license, RDF.type, DCTERMS.LicenseDocument))
    sv_title, sv_text = title(catalog), description(catalog)
    en_title = f"Follow-up of {'care ' if region.typ == 'region' else ''}providers – {region.namn}"
    en_text = (f"How {region.namn} follows up everyone who provides services on its behalf, its own units and "
               "private providers alike: providers, contracts and requirements, follow-ups with deficiencies "
               "and measures, follow-up plans, goals and key figures. Public information only.")

    g.add((publisher, RDF.type, FOAF.Agent))
    g.add((publisher, RDF.type, FOAF.Organization))
    g.add((publisher, FOAF.name, Literal(region.namn, lang="sv")))
    g.add((publisher, DCTERMS.type, URIRef(PUBLISHER_TYPE[region.typ])))
    g.add((publisher, DCTERMS.identifier, Literal(_orgnr_digits(region.organisationsnummer))))
    g.add((publisher, FOAF.homepage, URIRef(region.webbplats)))
    g.add((publisher, FOAF.mbox, URIRef(mailto_uri(region.kontakt.epost))))
    g.add((publisher, DCTERMS.description,
           Literal(f"{region.namn} publicerar uppgifterna om hur utförare på dess uppdrag följs upp.", lang="sv")))

    g.add((contact, RDF.type, VCARD.Organization))
    g.add((contact, VCARD.fn, Literal(region.namn)))
    g.add((contact, VCARD.hasEmail, URIRef(mailto_uri(region.kontakt.epost))))
    if region.kontakt.telefon:
        phone = URIRef(data_base + "#kontakt-telefon")
        g.add((contact, VCARD.hasTelephone, phone))
        g.add((phone, RDF.type, VCARD.Voice))
        g.add((phone, VCARD.hasValue, URIRef(tel_uri(region.kontakt.telefon))))

    g.add((cat, RDF.type, DCAT.Catalog))
    g.add((cat, DCTERMS.title, Literal(f"Öppna data från Insyn – {region.namn}", lang="sv")))
    g.add((cat, DCTERMS.title, Literal(f"Open data from Insyn – {region.namn}", lang="en")))
    g.add((cat, DCTERMS.description, Literal(sv_text, lang="sv")))
    g.add((cat, DCTERMS.description, Literal(en_text, lang="en")))
    g.add((cat, DCTERMS.publisher, publisher))
    g.add((cat, DCTERMS.license, URIRef(CATALOG_METADATA_LICENSE)))
    g.add((cat, DCTERMS.issued, day))
    g.add((cat, DCTERMS.modified, day))
    g.add((cat, DCTERMS.language, SWEDISH))
    g.add((cat, FOAF.homepage, URIRef(base)))
    g.add((cat, DCAT.themeTaxonomy, URIRef(EU + "data-theme")))
    g.add((cat, DCAT.dataset, dataset))

    g.add((dataset, RDF.type, DCAT.Dataset))
    g.add((dataset, DCTERMS.title, Literal(sv_title, lang="sv")))
    g.add((dataset, DCTERMS.title, Literal(en_title, lang="en")))
    g.add((dataset, DCTERMS.description, Literal(sv_text, lang="sv")))
    g.add((dataset, DCTERMS.description, Literal(en_text, lang="en")))
    g.add((dataset, DCTERMS.publisher, publisher))
    g.add((dataset, DCAT.contactPoint, contact))
    for word in keywords(region.typ, KEYWORDS):
        g.add((dataset, DCAT.keyword, Literal(word, lang="sv")))
    for theme in THEMES[region.typ]:
        g.add((dataset, DCAT.theme, URIRef(theme)))
    g.add((dataset, DCTERMS.issued, day))
    g.add((dataset, DCTERMS.modified, day))
    g.add((dataset, DCTERMS.language, SWEDISH))
    g.add((dataset, DCTERMS.accessRights, URIRef(EU + "access-right/PUBLIC")))
    g.add((dataset, DCAT.landingPage, landing))
    g.add((dataset, DCTERMS.conformsTo, URIRef("https://specs.frictionlessdata.io/data-package/")))
    span = coverage(catalog)
    if span:
        period = URIRef(data_base + "#tidsperiod")
        g.add((dataset, DCTERMS.temporal, period))
        g.add((period, RDF.type, DCTERMS.PeriodOfTime))
        g.add((period, DCAT.startDate, Literal(span[0].isoformat(), datatype=XSD.date)))
        g.add((period, DCAT.endDate, Literal(span[1].isoformat(), datatype=XSD.date)))

    for item in downloads(region.typ) + report_downloads(catalog):
        dist = URIRef(data_base + "#distribution-" + item.path.replace(".", "-"))
        g.add((dataset, DCAT.distribution, dist))
        g.add((dist, RDF.type, DCAT.Distribution))
        g.add((dist, DCTERMS.title, Literal(item.title, lang="sv")))
        g.add((dist, DCTERMS.title, Literal(item.title_en, lang="en")))
        g.add((dist, DCTERMS.description, Literal(item.description, lang="sv")))
        g.add((dist, DCAT.accessURL, landing))
        g.add((dist, DCAT.downloadURL, URIRef(base + item.folder + item.path)))
        g.add((dist, DCTERMS["format"], Literal(item.media_type)))
        g.add((dist, DCAT.mediaType, URIRef("https://www.iana.org/assignments/media-types/" + item.media_type)))
        g.add((dist, DCTERMS.license, data_license))
        g.add((dist, DCTERMS.issued, day))
        g.add((dist, DCTERMS.modified, day))
        g.add((dist, DCATAP.availability, URIRef(EU + "planned-availability/AVAILABLE")))
        if item.conforms_to:
            g.add((dist, DCTERMS.conformsTo, URIRef(item.conforms_to)))
    return g


def _sorted_copy(g: Graph) -> Graph:
    """The same graph with triples inserted in sorted order: rdflib then writes them in that order."""
    out = Graph()
    for prefix, namespace in g.namespaces():
        out.bind(prefix, namespace, override=True)
    for triple in sorted(g):
        out.add(triple)
    return out


def files(catalog: Catalog, site_url: str) -> Mapping[str, bytes]:
    g = _sorted_copy(graph(catalog, site_url))
    return {
        outputs.DCAT_RDF: rdfxml.serialize(g),
        outputs.DCAT_TTL: g.serialize(format="turtle", encoding="utf-8"),
    }


# With no site address the catalog is written with addresses relative to the file itself:
# RDF/XML and Turtle resolve them against the URL the harvester fetched dcat.rdf from.
PLACEHOLDER_BASE = "https://insyn.invalid/"


def relative(data: bytes) -> bytes:
    """A catalog built on PLACEHOLDER_BASE, with every address made relative to oppna-data/."""
    return data.replace((PLACEHOLDER_BASE + outputs.OPPNA_DATA + "/").encode(), b"").replace(PLACEHOLDER_BASE.encode(), b"../")


def check(data: bytes, fmt: str, base: str = PLACEHOLDER_BASE + outputs.OPPNA_DATA + "/dcat") -> Graph:
    """Parse a written catalog back; raises if it is not RDF or lacks a catalog."""
    g = Graph()
    g.parse(data=data, format=fmt, publicID=base)
    if next(g.subjects(RDF.type, DCAT.Catalog), None) is None:
        raise ValueError("ingen dcat:Catalog i filen")
    return g
