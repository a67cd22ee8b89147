"""Importers: public tables (GCAT's catalogues) turned into the generated layers of ``graph/``."""
