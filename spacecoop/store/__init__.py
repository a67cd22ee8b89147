"""Holding and querying a graph: the in-process stores, SPARQL endpoints, query files and results."""
