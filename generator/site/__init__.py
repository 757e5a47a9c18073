"""Everything that knows the site engine: configuration, the engine run, post-processing, publishing.

Material for MkDocs reaches end of life in 2027; nothing outside this package imports MkDocs.
"""
