"""Kampung: a static site generator for Indonesian village information portals."""

__version__ = "0.1.0"
# Where `kampung ci` tells a village's CI to install Kampung from, at the tag of this version
# (unless this Kampung was itself installed from git: then at that exact commit).
REPOSITORY = "https://github.com/kampung-desa/kampung"
