"""SpaceCoop: an open knowledge graph of international space cooperation."""

__version__ = "0.1.0"
