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
    """A copy of a Result in `to_year` prices (the original is left alone)."""
    from .. import kinds

    if to_year == result.price_year:
        return result
    r = restatement(result.price_year, to_year)
    if not kinds.has_categories(result):  # ex post: every kroner figure × the factor (ExPostResult.restated)
        return result.restated(r.as_dict())
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
        # (an ex-post table of a fixed-year wage table has no basis: the restatement is then all it tells)
        basis = ({"rate_table": None, "indexation": [], "restated": [r.as_dict()]} if t.rate_basis is None
                 else {**t.rate_basis, "restated": [*t.rate_basis.get("restated", []), r.as_dict()]})
        out.append(dataclasses.replace(t, frame=frame, price_year=to_year, rate_basis=basis))
    return out


# --- a whole scenario restated: every kroner input × the factor (for the memo and the analyses) ----------------

_MONEY_FIELDS = ("amount", "fee")
_SCALE_KEYS = ("low", "high", "mode", "mean", "sd")  # location and scale of a distribution; not `shape`


def _is_money_path(path: str) -> bool:
    parts = str(path).split(".")
    return (parts[-1] in _MONEY_FIELDS or (path.startswith("rates.wage_groups.") and parts[-1] == "hourly")
            or (path.startswith("effekter.") and parts[-1] == "price"))


def restated_scenario(scenario, to_year: int):
    """The scenario with every kroner input (amounts, fees, investments, grants, wages, travel, and the kroner
    ranges and rows of its analyses) × the general PL factor and `price_year` set to `to_year`.

    The cost model is linear in kroner, so every output, analyses included, equals the original's × the factor:
    the same restatement as restate_result, for commands that build everything from the scenario (the memo).
    """
    import copy

    from .. import kinds
    from ..prospective.model import Scenario

    if to_year == scenario.price_year:
        return scenario
    r = restatement(scenario.price_year, to_year)
    if kinds.is_expost(scenario):  # its kroner inputs and wages × the factor (ExPostScenario.restated)
        return scenario.restated(r.as_dict())
    f = r.factor
    raw = getattr(scenario, "_raw", None)
    data = copy.deepcopy(raw) if raw is not None else scenario.model_dump(mode="python", warnings=False)
    data["price_year"] = to_year
    for category in ("etablering", "uddannelse", "drift", "sparede_omkostninger", "investeringer"):
        for item in data.get(category) or []:
            for key in _MONEY_FIELDS:
                if isinstance(item.get(key), (int, float)) and not isinstance(item.get(key), bool):
                    item[key] = item[key] * f
    for grant in data.get("tilskud") or []:
        grant["pr_aar"] = [v * f for v in grant["pr_aar"]]
    for effect in data.get("effekter") or []:  # SØM-style consequences are priced in kroner too
        for consequence in effect.get("consequences") or []:
            for price in consequence.get("prices") or []:
                if isinstance(price.get("price"), (int, float)) and not isinstance(price.get("price"), bool):
                    price["price"] = price["price"] * f
    for entry in data.get("uncertainty") or []:
        if _is_money_path(entry.get("parameter", "")):
            for key in _SCALE_KEYS:
                if isinstance(entry.get(key), (int, float)) and not isinstance(entry.get(key), bool):
                    entry[key] = entry[key] * f
    for spec in data.get("sensitivity") or []:
        for row in spec.get("rows") or []:
            if row.get("set"):
                row["set"] = {k: (v * f if _is_money_path(k) and isinstance(v, (int, float)) else v)
                              for k, v in row["set"].items()}
            elif _is_money_path(spec.get("parameter") or "") and isinstance(row.get("value"), (int, float)):
                row["value"] = row["value"] * f
    changed = Scenario.model_validate(data)
    rates = scenario._rate_table
    changed._source_path = scenario._source_path
    changed._raw = data
    changed._rate_table = rates.model_copy(update={
        "price_year": to_year,
        "wage_groups": {k: g.model_copy(update={"hourly": g.hourly * f}) for k, g in rates.wage_groups.items()},
        "travel": rates.travel.model_copy(update={
            "overnight_stay": rates.travel.overnight_stay.model_copy(update={"value": rates.travel.overnight_stay.value * f}),
            "per_diem": rates.travel.per_diem.model_copy(update={"value": rates.travel.per_diem.value * f})}),
        "indexation": (*rates.indexation, r.as_dict()),
    })
    return changed
