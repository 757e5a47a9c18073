"""Helpers the tests share: paths, building through the real pipeline, HTML and secrecy checks."""
