"""Restate a result in another year's prices: every kroner figure × the general PL index factor (`--price-year`).

Restating moves a finished result between price years with one factor (price_index.restate, series generel_pl);
it does not re-price the inputs. The result and every table say from which year, with which index and factor.
"""
from __future__ import annotations

import dataclasses

from ..rates.price_index import PRICE_SERIES, Restatement, restate
from ..tables import SweepTable

# Measures that are counts, years or rates, not kroner (everything else in a Result's measures is kroner).
NOT_KRONER = {"participants", "participants_discounted", "horizon_years", "discount_rate", "completers",
              "completers_discounted"}


def restatement(from_year: int, to_year: int) -> Restatement:
    """The factor from `from_year` to `to_year` prices (ValueError outside the index's years)."""
    return restate("resultat", PRICE_SERIES, from_year, to_year)


def restate_result(result, to_year: int):
    """A copy of a prospective Result in `to_year` prices (the original is left alone)."""
    if to_year == result.price_year:
        return result
    r = restatement(result.price_year, to_year)
    lines = result.lines.copy()
    for column in ("unit_kr", "kroner", "nnv"):
        if column in lines:
            lines[column] = lines[column] * r.factor
    measures = {k: (v if k in NOT_KRONER else v * r.factor) for k, v in result.measures.items()}
    return dataclasses.replace(result, lines=lines, measures=measures, restated_to=to_year,
                               restatements=(*result.restatements, r.as_dict()))


def restate_tables(tables: list[SweepTable], to_year: int) -> list[SweepTable]:
    """Sweep tables with their kroner columns in `to_year` prices; their basis says how."""
    out = []
    for t in tables:
        if t.price_year is None or t.price_year == to_year:
            out.append(t)
            continue
        r = restatement(t.price_year, to_year)
        frame = t.frame.copy()
        for column, unit in t.units.items():
            if unit == "kr." and column in frame:
                frame[column] = frame[column] * r.factor
        basis = None if t.basis is None else {**t.basis, "restated": [*t.basis.get("restated", []), r.as_dict()]}
        out.append(dataclasses.replace(t, frame=frame, price_year=to_year, basis=basis))
    return out
