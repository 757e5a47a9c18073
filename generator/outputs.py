"""The names of the files and folders a build publishes, in one place.

Pages link to them, open data writes them, the site checks them, and harvesters and readers
bookmark them: a name changed here changes everywhere at once (and breaks their bookmarks).
"""

from __future__ import annotations

OPPNA_DATA = "oppna-data"  # the open-data folder at the site's root; every name below is inside it
DATAPACKAGE = "datapackage.json"
ZIP = "insyn.zip"
XLSX = "insyn.xlsx"
DCAT_RDF = "dcat.rdf"
DCAT_TTL = "dcat.ttl"
PER_UTFORARE = "utforare"  # one CSV per provider: utforare/<utforare_id>.csv

FLODE = "uppfoljningar/flode.xml"  # the Atom feed of new follow-ups, from the site's root
START = "index.html"
NOT_FOUND = "404.html"
SITEMAP = "sitemap.xml"

# Beside the published folder, never in it: Insyn's memory of its last build (site.incremental),
# named `.<folder>` + this. Its files may always be removed: the next build is then a full one.
CACHE_SUFFIX = ".insyn-cache"
