"""A flat, sorted RDF/XML writer: the same graph gives the same bytes in every process.

rdflib's own RDF/XML serialisers order namespaces and subjects by set iteration, which
Python randomises per process, so two builds of the same data would differ. This writer
emits one node element per subject, subjects and properties sorted, no blank nodes
(DCAT-AP-SE harvesting forbids them for the things we describe anyway).
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from rdflib import RDF, BNode, Graph, Literal, URIRef

_RDF = str(RDF)


def _qname(namespaces: list[tuple[str, str]], uri: str) -> str:
    for prefix, ns in namespaces:
        if uri.startswith(ns) and uri[len(ns):].replace("-", "").replace("_", "").isalnum():
            return f"{prefix}:{uri[len(ns):]}"
    raise ValueError(f"ingen namnrymd för {uri}")


def serialize(g: Graph) -> bytes:
    """RDF/XML of `g`; every namespace used by a predicate or type must be bound in `g`."""
    namespaces = sorted(((p, str(n)) for p, n in g.namespaces() if p), key=lambda pn: -len(pn[1]))
    used: set[str] = {"rdf"}
    body: list[str] = []
    for subject in sorted(set(g.subjects()), key=str):
        if isinstance(subject, BNode):
            raise ValueError("blanka noder skrivs inte")
        types = sorted(str(t) for t in g.objects(subject, RDF.type))
        element = _qname(namespaces, types[0]) if types else "rdf:Description"
        used.add(element.split(":")[0])
        body.append(f"  <{element} rdf:about={quoteattr(str(subject))}>")
        for predicate, obj in sorted(g.predicate_objects(subject)):
            if predicate == RDF.type and str(obj) == (types[0] if types else None):
                continue
            name = _qname(namespaces, str(predicate))
            used.add(name.split(":")[0])
            if isinstance(obj, URIRef):
                body.append(f"    <{name} rdf:resource={quoteattr(str(obj))}/>")
            elif isinstance(obj, Literal):
                attrs = ""
                if obj.language:
                    attrs = f" xml:lang={quoteattr(obj.language)}"
                elif obj.datatype:
                    attrs = f" rdf:datatype={quoteattr(str(obj.datatype))}"
                body.append(f"    <{name}{attrs}>{escape(str(obj))}</{name}>")
            else:
                raise ValueError("blanka noder skrivs inte")
        body.append(f"  </{element}>")
    declared = [f"  xmlns:{p}={quoteattr(ns)}" for p, ns in sorted(namespaces) if p in used]
    if "rdf" not in {p for p, _ in namespaces}:
        declared.insert(0, f"  xmlns:rdf={quoteattr(_RDF)}")
    text = '<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF\n' + "\n".join(declared) + "\n>\n"
    return (text + "\n".join(body) + "\n</rdf:RDF>\n").encode("utf-8")
