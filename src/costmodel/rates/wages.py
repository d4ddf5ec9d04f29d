"""Monthly wage tables: monthly wage costs per staff group turned into hourly rates.

hourly rate = monthly wage cost x 12 x (1 + overhead) / effective hours per year (report 002, annex 10.3).
Two kinds of file give them: a fixed-year wage table (`salary_tables/<name>.yaml`, e.g. report 002's
krl_2019_report002, or a file next to the scenario), read as written; and a dated table (`kind: dated_rates`,
dated_rates.py), whose wages of the years nearest a price year are indexed to it with the løn index
(PricedWageTable says how). Every number carries its source.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import ClassVar
from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..errors import InputError, ScenarioError


class _Strict(BaseModel):
    # The string under each field is its description in the JSON Schema (costmodel.schema): an editor's hover text.
    model_config = ConfigDict(extra="forbid", frozen=True)


class TableValue(_Strict):
    """A positive number with its source."""
    value: float = Field(gt=0, allow_inf_nan=False)
    """Værdien, over 0 (enheden står ved feltet, der bruger den)."""
    source: str
    """Kilde: hvor værdien kommer fra (statistik, år, tabel)."""
    derivation: str | None = None
    """Hvordan værdien er udledt. Kan udelades."""


class WageGroup(_Strict):
    """A staff group of report 002's wage table: monthly wage cost [kr./month] or a blend of groups.

    `wage_from: <dated table>.<group>` takes the monthly wage cost from the dated table (the one place a public
    wage is stated), its value of exactly the table's price year (a report's table is that year's observation,
    never indexed); `source` then says where the report uses it.
    """
    # Words a user writes for the monthly wage cost (trial F16), suggested in the unknown-key message.
    KEY_HINTS: ClassVar[dict[str, str]] = {k: "monthly_wage_cost" for k in (
        "value", "monthly", "monthly_wage", "monthly_cost", "wage", "maanedsloen", "månedsløn", "maanedslon", "loen",
        "løn", "loenomkostning", "lønomkostning", "hourly", "amount")}
    label: str
    """Personalegruppens navn på dansk, som udskriften viser det."""
    monthly_wage_cost: float | None = Field(None, gt=0, allow_inf_nan=False)
    """Månedlig lønomkostning [kr. pr. måned] inkl. pension, tillæg og feriepenge. Angiv præcis én af
    `monthly_wage_cost`, `blend_of` og `wage_from`."""
    blend_of: list[str] | None = None
    """Tabellens andre grupper (med `monthly_wage_cost`), hvis månedslønninger gennemsnittet tages af. Angiv præcis
    én af `monthly_wage_cost`, `blend_of` og `wage_from`."""
    printed_hourly_rate: float | None = Field(None, gt=0, allow_inf_nan=False)
    """Timelønnen, rapporten trykker [kr. pr. time], til sammenligning; indgår ikke i beregningen. Kan udelades."""
    source: str
    """Kilde til lønnen (statistik, år, evt. indeksering)."""
    derivation: str | None = None
    """Hvordan lønnen er udledt. Kan udelades."""
    wage_from: str | None = None  # "<dated table>.<group>" the monthly wage cost was read from
    """`<dateret tabel>.<gruppe>` (fx kommunale_satser.socialraadgiver): månedslønnen hentes fra den daterede tabels
    værdi for netop tabellens prisår, uden indeksering (har tabellen ingen værdi for det år, afvises den). Angiv
    præcis én af `monthly_wage_cost`, `blend_of` og `wage_from`."""

    @model_validator(mode="after")
    def _one_basis(self) -> "WageGroup":
        if (self.monthly_wage_cost is None) == (self.blend_of is None):
            raise ValueError(f"wage group {self.label!r}: give monthly_wage_cost or blend_of, not both/neither")
        return self


class WageTable(_Strict):
    """Report 002's wage table: monthly wage costs [kr./month] to hourly rates [kr./h] with overhead [fraction] and
    effective hours per year [h/year], in `price_year` prices.
    """
    name: str
    """Lønfilens navn (fx vores_loen_2025)."""
    price_year: int = Field(ge=1990, le=2100)
    """Prisår: året, hvis lønninger tabellen har; skal være scenariets `price_year`."""
    description: str
    """Beskrivelse af tabellen (fx Månedlige lønomkostninger 2025)."""
    overhead: TableValue
    """Overhead [andel] lagt på lønnen (0.20 = 20 pct.): `value`, `source`."""
    effective_hours_per_year: TableValue
    """Effektive timer pr. årsværk [timer pr. år] (årstimenorm, typisk 1418): `value`, `source`."""
    months_per_year: TableValue
    """Måneder pr. år [måneder] (12): `value`, `source`."""
    wage_groups: dict[str, WageGroup]
    """Personalegrupperne: nøgle → `label`, `source` og præcis én af `monthly_wage_cost`, `blend_of` eller
    `wage_from`. Timeløn = månedsløn × 12 × (1 + overhead) / effektive timer."""

    @model_validator(mode="before")
    @classmethod
    def _wages_from_dated_table(cls, data: object) -> object:
        if not isinstance(data, dict) or not isinstance(data.get("wage_groups"), dict):
            return data
        from ..errors import FieldProblems
        from .table import dated_wage_group

        year, problems, groups = data.get("price_year"), [], dict(data["wage_groups"])
        for key, group in groups.items():
            if not isinstance(group, dict) or "wage_from" not in group or not isinstance(year, int):
                continue
            loc = ("wage_groups", key, "wage_from")
            if "monthly_wage_cost" in group or "blend_of" in group:
                problems.append((loc, "give wage_from, monthly_wage_cost or blend_of, only one"))
                continue
            try:
                name, dated_key, dated = dated_wage_group(group["wage_from"])
            except (ValueError, ScenarioError) as exc:
                problems.append((loc, str(exc)))
                continue
            observed = dated.wage_groups[dated_key].values.get(year)
            if observed is None:
                problems.append((loc, f"{name}.{dated_key} has no {year} value (a {year} wage table takes that "
                                      f"year's observation, not an indexed one); it has "
                                      f"{', '.join(map(str, sorted(dated.wage_groups[dated_key].values)))}"))
                continue
            skon = " (skøn)" if observed.estimate else ""
            groups[key] = {**group, "monthly_wage_cost": observed.value,
                           "source": f"{name}.{dated_key} {year}: {observed.source}{skon}; used in {group.get('source', '')}"}
        if problems:
            raise FieldProblems(problems)
        return {**data, "wage_groups": groups}

    @model_validator(mode="after")
    def _blends_known(self) -> "WageTable":
        for key, g in self.wage_groups.items():
            for part in g.blend_of or []:
                other = self.wage_groups.get(part)
                if other is None or other.monthly_wage_cost is None:
                    raise ValueError(f"wage group {key}: blend_of names {part!r}, which is not a plain wage group")
        return self

    def monthly(self, group: str) -> float:
        """Monthly wage cost of a group [kr./month] (a blend: the mean of its groups' wages)."""
        g = self._group(group)
        if g.blend_of:
            # Report 002 notes a/b: the blend is the average of the *wages*, then converted like any wage.
            return sum(self.wage_groups[p].monthly_wage_cost for p in g.blend_of) / len(g.blend_of)  # type: ignore[misc]
        return g.monthly_wage_cost  # type: ignore[return-value]

    def hourly_rate(self, group: str) -> float:
        """kr. per hour incl. overhead, unrounded (the report prints it rounded to whole kroner)."""
        return (
            self.monthly(group)
            * self.months_per_year.value
            * (1 + self.overhead.value)
            / self.effective_hours_per_year.value
        )

    def _group(self, group: str) -> WageGroup:
        try:
            return self.wage_groups[group]
        except KeyError:
            known = ", ".join(sorted(self.wage_groups))
            raise InputError(f"unknown staff group {group!r} in wage table {self.name}; known groups: {known}") from None


class PricedWageTable(WageTable):
    """A wage table as a scenario prices hours with it: read from a dated table (`dated`, its wages of the years
    nearest the price year indexed to it, `indexation` says how) and/or restated to another year's prices
    (`restated`). Made in code only: a file is read as a WageTable, so these keys in a file stay unknown keys."""
    dated: bool = False
    indexation: tuple[dict, ...] = ()
    restated: tuple[dict, ...] = ()

    def restated_by(self, factor: float, restatement: dict) -> "PricedWageTable":
        """This table with every monthly wage cost [kr./month] × `factor` (a blend follows its parts) and its price
        year the restatement's `to_year`; the restatement is recorded."""
        groups = {k: (g if g.monthly_wage_cost is None
                      else g.model_copy(update={"monthly_wage_cost": g.monthly_wage_cost * factor}))
                  for k, g in self.wage_groups.items()}
        return self.model_copy(update={"price_year": restatement["to_year"], "wage_groups": groups,
                                       "restated": (*self.restated, dict(restatement))})


def basis_of_wages(table: WageTable) -> dict:
    """Which wage table a result rests on, its price year, whether it is a dated table, and how it was indexed and
    restated, as plain data (outputs print it; the keys are those of rates.table.basis_of)."""
    return {
        "rate_table": table.name,
        "rate_table_price_year": table.price_year,
        "dated_table": bool(getattr(table, "dated", False)),
        "indexation": [dict(x) for x in getattr(table, "indexation", ())],
        "restated": [dict(x) for x in getattr(table, "restated", ())],
    }


def priced(table: WageTable) -> PricedWageTable:
    """`table` as a PricedWageTable (a fixed-year table: not dated, not indexed)."""
    if isinstance(table, PricedWageTable):
        return table
    # the groups as objects: their `wage_from` is already resolved (as dicts they would be resolved again)
    return PricedWageTable(**{k: getattr(table, k) for k in WageTable.model_fields})


def load_wage_table(name: str, base_dir: Path | None = None, price_year: int | None = None) -> WageTable:
    """The wage table `name` names: a fixed-year wage table (salary_tables/<name>.yaml, or a path ending in
    .yaml/.yml relative to `base_dir`, the scenario's folder) as written, or a dated table (`kind: dated_rates`,
    salary_tables/rates/<name>.yaml or a path) with its monthly wages of the years nearest `price_year` indexed to
    `price_year` (default: its latest wages). Read through the project's validation (safe YAML, problems with
    file, field and line); InputError if there is no such table or it holds hourly rates, not monthly wages."""
    from .table import resolve_path

    path = resolve_path(name, base_dir).resolve()
    if not path.is_file():
        raise InputError(f"wage table {name!r} not found (looked for {path}); available: "
                         f"{', '.join(available_wage_tables()) or 'none'}")
    return _load_wage_table(path, name, path.stat().st_mtime, price_year)


def available_wage_tables() -> list[str]:
    """The shipped tables this reader can load (fixed-year wage tables and dated tables; not the tables of hourly
    rates), by name."""
    from .table import loadable_tables

    return loadable_tables(load_wage_table)


@lru_cache(maxsize=16)
def _load_wage_table(path: Path, name: str, mtime: float, price_year: int | None) -> WageTable:
    from ..io.validate import validate_data
    from ..io.yamlio import load_yaml

    data, lines = load_yaml(path)
    if isinstance(data, dict) and data.get("kind") == "dated_rates":
        from .table import load_source_table

        dated = load_source_table(str(path))  # validated (and cached) as a dated table
        fields = dated.monthly_wage_fields(price_year or dated.latest_year())
        return PricedWageTable.model_validate(fields)
    if isinstance(data, dict) and "months_per_year" not in data and "wage_groups" in data and (
            "overhead_included" in data or "hours_per_day" in data):
        raise InputError(
            f"{name!r} is a rate table of hourly rates; registered hours are priced from monthly wage costs: name "
            f"the dated table (kommunale_satser, indexed to the price year) or a wage table of monthly wage costs "
            f"(docs/scenario_format.md, 'Wage tables of the ex-post kind')")
    return validate_data(data, lines, WageTable, str(path))
