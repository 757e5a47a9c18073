"""Everything that knows the site engine, one concept a module.

config (mkdocs.yml + settings, the extension policy) → stage (the engine's input folder) →
engine (the only module that imports MkDocs) under clock (the build time) → linkcheck, tidy,
csp (post-processing) → search → verify → publish (lock, scratch folder, swap). The order
is the pipeline's (generator/pipeline.py); nothing here imports the pipeline or the preview.
"""
