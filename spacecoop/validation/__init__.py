"""Validation: the SHACL shapes (pySHACL, or compiled to SPARQL) and the violation checks."""
