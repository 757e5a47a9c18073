"""Insyn: turns validated data about providers and their follow-up into a static site and open data."""

__version__ = "0.1.0"
