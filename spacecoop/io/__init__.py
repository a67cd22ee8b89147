"""Reading and writing RDF: the strict reader, the writers, and where the project's files live."""
