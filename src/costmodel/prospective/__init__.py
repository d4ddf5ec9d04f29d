"""Socialstyrelsen's prospective method (report 000): model, schedule, engine, result, one-way sweeps,
parameters, overrides and the uncertainty block."""
