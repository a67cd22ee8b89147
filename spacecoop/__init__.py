"""SpaceCoop: an open knowledge graph of international space cooperation.

The public API (:mod:`spacecoop.api`) is importable from here:

>>> import spacecoop
>>> sorted(name for name in spacecoop.__all__ if name != "__version__")
['brokers', 'communities', 'load', 'partnerships', 'queries', 'query']
"""

__version__ = "0.1.0"

__all__ = ["__version__", "load", "query", "queries", "partnerships", "communities", "brokers"]


def __getattr__(name: str):
    """Import the API on first use, so that ``spacecoop --version`` stays quick."""
    if name in __all__:
        from spacecoop import api

        return getattr(api, name)
    raise AttributeError(f"module 'spacecoop' has no attribute {name!r}")
