"""The release, in one place: read by the build (``pyproject.toml``), ``--version`` and the cache key."""

__version__ = "0.1.0"
