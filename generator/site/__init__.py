"""Everything that knows the site engine, one concept a module.

ownership (which --out may be replaced) → config (mkdocs.yml + settings, the extension
policy) → stage (the engine's input folder; parallel runs open data beside it) → engine
(the only module that imports MkDocs) under clock (the build time) → postprocess (linkcheck,
tidy, csp in one pass) → search (Pagefind) → verify → publish (lock, scratch folder, swap).
The order is the pipeline's (generator/pipeline.py); nothing here imports the pipeline or
the preview.
"""
