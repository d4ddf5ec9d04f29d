"""Staff roles and their hourly rates, shared by the hour items (engine.py) and the full-time posts (posts.py)."""
from __future__ import annotations

import numpy as np

from .model import Fagteam, StaffRole


def _role(ctx, team: Fagteam | None, name: str) -> tuple[StaffRole, bool]:
    """The role and whether it is a team role (team roles take precedence)."""
    if team is not None and name in team.medarbejdere:
        return team.medarbejdere[name], True
    return ctx.scenario.medarbejdere[name], False


def _staff_rate(ctx, role: StaffRole, persons: int | None) -> tuple[float, float, str]:
    """(persons, kr. per hour for all of them together, wage group label) for `persons` of a role."""
    groups = role.groups()
    rates = [ctx.rates.hourly(g) for g in groups]
    label = "+".join(dict.fromkeys(groups))
    if persons is None or persons == len(groups):
        return float(len(groups)), float(sum(rates)), label
    return float(persons), float(persons * np.mean(rates)), label


def _teams_for(ctx, names: list[str] | None) -> list[Fagteam]:
    return [t for t in ctx.scenario.fagteams if names is None or t.name in names]
