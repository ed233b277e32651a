"""Kampung: a static site generator for Indonesian village information portals."""

__version__ = "0.1.0"
