"""Gleaner: newsletters in, curated threaded posts out."""

__version__ = "0.1.0"
