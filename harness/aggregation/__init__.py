"""Aggregation: strategies, the forest of aggregation trees, and the proof plan over it."""
