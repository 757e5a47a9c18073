"""SPDX licence ids → the names and addresses the data package and the DCAT catalog need.

DCAT-AP-SE (and Sveriges dataportal's harvesting guide) want the Creative Commons URIs
exactly as written here: `http`, with the trailing slash (the six 4.0 licences and CC0 it
lists). Any other SPDX id falls back to its page on spdx.org, which still identifies the
licence unambiguously; the profile's "License - other" then wants it typed a
dcterms:LicenseDocument (dcat.py).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class License:
    spdx: str
    title: str
    url: str  # human-readable page, for the data package
    uri: str  # identifier for RDF (DCAT-AP-SE's controlled list where there is one)
    listed: bool = True  # in DCAT-AP-SE's list of Creative Commons licences; else "License - other"


_KNOWN = {
    "CC0-1.0": ("Creative Commons Zero v1.0 Universal", "https://creativecommons.org/publicdomain/zero/1.0/",
                "http://creativecommons.org/publicdomain/zero/1.0/"),
    "CC-BY-4.0": ("Creative Commons Attribution 4.0 International", "https://creativecommons.org/licenses/by/4.0/",
                  "http://creativecommons.org/licenses/by/4.0/"),
    "CC-BY-SA-4.0": ("Creative Commons Attribution Share Alike 4.0 International",
                     "https://creativecommons.org/licenses/by-sa/4.0/", "http://creativecommons.org/licenses/by-sa/4.0/"),
    **{f"CC-{code.upper()}-4.0": (f"Creative Commons {name} 4.0 International",
                                  f"https://creativecommons.org/licenses/{code}/4.0/",
                                  f"http://creativecommons.org/licenses/{code}/4.0/")
       for code, name in (("by-nc", "Attribution Non Commercial"), ("by-nd", "Attribution No Derivatives"),
                          ("by-nc-sa", "Attribution Non Commercial Share Alike"),
                          ("by-nc-nd", "Attribution Non Commercial No Derivatives"))},
}

# The catalog's own metadata must be CC0 in Sweden (DCAT-AP-SE 3.0.1, dcat:dcterms:license_ca).
CATALOG_METADATA_LICENSE = "http://creativecommons.org/publicdomain/zero/1.0/"


def license_for(spdx: str) -> License:
    if spdx in _KNOWN:
        title, url, uri = _KNOWN[spdx]
        return License(spdx, title, url, uri)
    page = f"https://spdx.org/licenses/{spdx}.html"
    return License(spdx, spdx, page, f"http://spdx.org/licenses/{spdx}", listed=False)
