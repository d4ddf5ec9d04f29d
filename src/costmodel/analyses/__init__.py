"""Sensitivity and probabilistic analyses of a prospective scenario (one module each; see docs/analyses.md)."""
