"""Plumbing that knows no domain: YAML reading with line numbers, atomic writes, shipped paths, YAML dump, number
types."""
