"""Views: partnership graphs from the knowledge graph, communities, centrality and change over time."""
