"""Validated input for ex-post (registered-cost) assessments, the method of report 002 (lovende praksis).

A scenario states what an intervention actually used, in one of two ways:

* `registreringer`: hours registered per month, staff group and activity type (with or without participants),
  from a CSV file or inline, plus other expenses ("øvrige udgifter") over the same period. Hours are priced
  with the wage table named in `rates`.
* `drift`: only the published aggregates — the annual operating cost and its split into activities with
  participants, without participants and other expenses. This is all report 002 prints for its five cases.

Unknown keys are errors everywhere (extra="forbid"), so a misspelt key never silently drops a number.
"""
from __future__ import annotations

import copy
import warnings
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    PrivateAttr,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from ..errors import DeprecatedKeyWarning, FieldProblems, ScenarioError
from ..io.fields import NotBool, Number, Year, not_negative
from ..io.validate import did_you_mean
from ..rates.wages import WageTable, load_wage_table
from .keys import upgrade
from .registrations import Registration, parse_month, read_registrations  # noqa: F401 - Registration: one row, read here

# Cost categories of report 002's registration form: time with / without participants, and other expenses.
# `loen_ufordelt` is staff time whose activity split is not known (Spydspidsen's FTE-based variant).
Category = Literal["med_deltagere", "uden_deltagere", "loen_ufordelt", "oevrige_udgifter"]
WAGE_CATEGORIES: tuple[str, ...] = ("med_deltagere", "uden_deltagere", "loen_ufordelt")
CATEGORY_LABELS: dict[str, str] = {
    "med_deltagere": "Aktiviteter med deltagere",
    "uden_deltagere": "Aktiviteter uden deltagere",
    "loen_ufordelt": "Personaletid (ikke fordelt på aktiviteter)",
    "oevrige_udgifter": "Øvrige udgifter",
}
ActivityType = Literal["med_deltagere", "uden_deltagere"]


class Strict(BaseModel):
    """Base of the ex-post models: unknown keys are errors; attribute names are the keys a file gives."""
    # Old key names (keys.py) are renamed before validation, by the loader (with lines) or by
    # ExPostScenario._old_keys (with a DeprecatedKeyWarning); the models know only the new names.
    # The string under each field is its description in the JSON Schema (costmodel.schema): an editor's hover text.
    model_config = ConfigDict(extra="forbid")


class Sourced(Strict):
    """A number with its provenance. `calibrated_from` lists the published figures ("row:measure" keys of
    published_figures_002.csv) the value was inferred from, so reproduction does not count them as checks."""

    value: Number
    """Tallet (enheden står ved feltet, der bruger det)."""
    source: str | None = None
    """Kilde: hvor tallet eller oplysningen kommer fra (rapport, side, tabel). Kan udelades."""
    source_da: str | None = None  # the source in Danish, for the memo (issue 11)
    """Kilden på dansk til budgetnotatet. Standard: `source` trykkes."""
    derivation: str | None = None
    """Hvordan tallet er udledt af de offentliggjorte tal. Kan udelades."""
    calibrated_from: list[str] = Field(default_factory=list)
    """Offentliggjorte tal (nøgler `række:mål` i published_figures_002.csv), værdien er udledt af; reproduktionen
    tæller dem ikke som tjek. Standard: ingen."""


def _coerce_sourced(v: Any) -> Any:
    # A user's own scenario may give a bare number; the shipped scenarios always give value + source.
    if isinstance(v, (int, float)) and not isinstance(v, bool):  # (a bool falls through and is refused)
        return {"value": v}
    return v


SourcedValue = Annotated[Sourced, BeforeValidator(_coerce_sourced)]


def _positive(name: str, s: Sourced | None, loc: tuple | None = None) -> None:
    """`s` must be > 0; the problem is at `loc` (default: the last part of `name`) within the model checked."""
    if s is not None and s.value <= 0:
        raise FieldProblems([(loc or (name.split(".")[-1],), f"{name} must be greater than 0 (got {s.value:g})")])


def _at(loc: tuple, message: str) -> FieldProblems:
    return FieldProblems([(loc, message)])


def _check_all(*checks) -> None:
    """Run each check; raise one FieldProblems with the problems of all of them (each at its own field)."""
    items: list[tuple[tuple, str]] = []
    for check in checks:
        try:
            check()
        except FieldProblems as exc:
            items += exc.items
    if items:
        raise FieldProblems(items)


class Denominator(Strict):
    """Who the cost is divided by: families, children or youths per year (report 002, Table 10-8)."""

    key: str = "deltager"
    """Nævnerens nøgle i udskriften (fx familie, barn). Standard: deltager."""
    singular: str = "deltager"
    """Ental om deltagerne i udskriften (fx familie). Standard: deltager."""
    plural: str = "deltagere"
    """Flertal om deltagerne i udskriften (fx familier). Standard: deltagere."""
    pr_aar: SourcedValue | None = None
    """Deltagere pr. år [antal pr. år]; et tal eller {value, source}. Angiv enten `pr_aar` eller `efter_aar` (eller
    `forloeb`)."""
    efter_aar: dict[str, SourcedValue] | None = None
    """Deltagere pr. kalenderår [antal], fx {2018: 46, 2019: 52}; gennemsnittet bruges. Angiv enten `pr_aar` eller
    `efter_aar`."""
    maaneder_pr_deltager: SourcedValue | None = None
    """Måneder, en deltager er i indsatsen [måneder]; et tal eller {value, source}; giver omkostningen pr. deltager
    pr. måned. Kan udelades."""
    i_perioden: SourcedValue | None = None
    """Deltagere i indsamlingsperioden [antal]; et tal eller {value, source}; til sammenhæng, indgår ikke i
    beregningen. Kan udelades."""

    @field_validator("singular", "plural")
    @classmethod
    def _label(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("a label must not be empty")
        return v

    @model_validator(mode="after")
    def _check(self) -> "Denominator":
        if self.pr_aar is not None and self.efter_aar is not None:
            raise ValueError(f"{self.key}: give either pr_aar or efter_aar, not both")
        checks = [lambda n=n: _positive(f"{self.key}.{n}", getattr(self, n))
                  for n in ("pr_aar", "maaneder_pr_deltager", "i_perioden")]
        checks += [lambda y=y, v=v: _positive(f"{self.key}.efter_aar.{y}", v, ("efter_aar", y))
                   for y, v in (self.efter_aar or {}).items()]
        _check_all(*checks)
        if self.efter_aar is not None and not self.efter_aar:
            raise ValueError(f"{self.key}.efter_aar is empty")
        return self

    def per_year(self) -> float | None:
        """Participants per year [antal/year]: `pr_aar`, or the mean of `efter_aar`; None if neither."""
        if self.pr_aar is not None:
            return self.pr_aar.value
        if self.efter_aar:
            return sum(s.value for s in self.efter_aar.values()) / len(self.efter_aar)
        return None


class Forloeb(Strict):
    """Course-based interventions (Favrskov's børnegrupper): cost per forløb, forløb per year."""

    pr_aar: SourcedValue
    """Forløb pr. år [antal pr. år]; et tal eller {value, source}."""
    deltagere_pr_forloeb: SourcedValue
    """Deltagere pr. forløb [antal]; et tal eller {value, source}; deltagere pr. år = `pr_aar` ×
    `deltagere_pr_forloeb`."""

    @model_validator(mode="after")
    def _check(self) -> "Forloeb":
        _check_all(lambda: _positive("forloeb.pr_aar", self.pr_aar),
                   lambda: _positive("forloeb.deltagere_pr_forloeb", self.deltagere_pr_forloeb))
        return self


class AggregateDrift(Strict):
    """Published aggregates: annual operating cost and its split (shares of the annual cost, summing to 1)."""

    aarlige_omkostninger: SourcedValue
    """Årlige driftsomkostninger, som rapporten offentliggør dem [kr. pr. år]; et tal eller {value, source}."""
    fordeling: dict[Category, SourcedValue]
    """Fordelingen af de årlige driftsomkostninger [andel 0-1], der summerer til 1, på `med_deltagere` (aktiviteter
    med deltagere), `uden_deltagere` (aktiviteter uden deltagere), `loen_ufordelt` (personaletid, ikke fordelt på
    aktiviteter) og `oevrige_udgifter` (øvrige udgifter); hver et tal eller {value, source}."""

    @model_validator(mode="after")
    def _check(self) -> "AggregateDrift":
        problems: list[tuple[tuple, str]] = []
        if self.aarlige_omkostninger.value < 0:
            problems.append((("aarlige_omkostninger",), "aarlige_omkostninger must not be negative "
                             f"(got {self.aarlige_omkostninger.value:g})"))
        if not self.fordeling:
            problems.append((("fordeling",), "fordeling must list at least one category"))
        for cat, s in self.fordeling.items():
            if not 0 <= s.value <= 1:
                problems.append((("fordeling", cat), f"fordeling.{cat} is a share between 0 and 1 (got {s.value:g}); "
                                 "write 71 pct. as 0.71"))
        if problems:
            raise FieldProblems(problems)
        total = sum(s.value for s in self.fordeling.values())
        if abs(total - 1) > 0.005:
            raise FieldProblems([(("fordeling",), f"fordeling shares must sum to 1 (they sum to {total:.4f})")])
        return self


class Expense(Strict):
    """Other expenses ('øvrige udgifter': transport, materials, food, supervision ...) in the period."""

    item: str
    """Udgiftens navn (fx transport, materialer, forplejning, supervision)."""
    amount: Number
    """Beløbet i perioden [kr.], ikke negativt."""
    month: str | None = None
    """Måneden, udgiften hører til (ÅÅÅÅ-MM, fx 2019-03); den tæller med blandt de måneder, registreringerne
    dækker. Gammelt navn: maaned. Kan udelades."""
    source: str | None = None
    """Kilde: hvor tallet eller oplysningen kommer fra (rapport, side, tabel). Kan udelades."""

    @field_validator("amount")
    @classmethod
    def _amount(cls, v: float) -> float:
        return not_negative("amount", v)

    @field_validator("month")
    @classmethod
    def _month(cls, v: str | None) -> str | None:
        # as a registration's month: '2019-3' and '2019-03' are one month, '2019-13' no month at all
        return None if v is None else parse_month(v)


class Registrations(Strict):
    """Registered hours (CSV file and/or inline rows) and other expenses over the collection period.

    The CSV's rows are kept column-wise (registrations.RegistrationTable), not as one object per row: a large
    municipality registers a million rows a year. `table()` gives the CSV's rows followed by the inline ones."""

    csv: str | None = None
    """CSV-fil med kolonnerne month, personalegruppe, hours, aktivitet (og evt. fase), i scenariets mappe eller
    under den. Kan udelades, når `rows` er givet."""
    rows: list[Registration] = Field(default_factory=list)
    """Registreringer skrevet i scenariet, med CSV'ens kolonnenavne: `month`, `personalegruppe`, `hours`,
    `aktivitet`, evt. `fase`. Standard: ingen."""
    maaneder: Annotated[int, NotBool] | None = None
    """Måneder, registreringerne dækker [måneder], mindst antallet af registrerede måneder; årlige omkostninger =
    periodens × 12 / måneder. Standard: antallet af forskellige måneder med registreringer."""
    personalegrupper: dict[str, str] = Field(default_factory=dict)
    """Egne navne på personalegrupper → lønfilens grupper, fx familieterapeut: gruppeleder. Standard: ingen (navnene
    er lønfilens)."""
    oevrige_udgifter: list[Expense] = Field(default_factory=list)
    """Øvrige udgifter i perioden (transport, materialer, forplejning ...): `item`, `amount` [kr.]. Standard: ingen."""
    _csv_path: Path | None = PrivateAttr(default=None)
    _csv_table: Any = PrivateAttr(default=None)

    @property
    def csv_path(self) -> Path | None:
        """The registrations CSV, resolved against the scenario's folder (None if inline only)."""
        return self._csv_path

    def table(self):
        """Every registration, column-wise: the CSV's rows, then the inline ones (a RegistrationTable)."""
        from .registrations import RegistrationTable

        inline = RegistrationTable.from_rows(self.rows) if self.rows else None
        parts = [t for t in (self._csv_table, inline) if t is not None]
        return RegistrationTable.concat(parts) if parts else RegistrationTable.from_rows([])

    @model_validator(mode="after")
    def _load_csv(self, info: ValidationInfo) -> "Registrations":
        if self.maaneder is not None and self.maaneder <= 0:
            raise FieldProblems([(("maaneder",), f"maaneder must be a positive number of months (got {self.maaneder})")])
        if self.csv is not None and self._csv_path is None:
            context = info.context or {}
            base = Path(context.get("base_dir", "."))
            self._csv_path = csv_path_inside(self.csv, base, bool(context.get("allow_outside_paths")))
            self._csv_table = read_registrations(self._csv_path)
        table = self.table()
        if not len(table):
            raise ValueError("registreringer has no rows: give csv: <file> or rows: [...]")
        registered = len(table.months())
        if self.maaneder is not None and self.maaneder < registered:
            # Fewer months than registered would inflate the monthly average, never what a user means.
            raise _at(("maaneder",),
                f"maaneder ({self.maaneder}) is less than the {registered} months that have registrations"
            )
        return self


def csv_path_inside(given: str, base: Path, allow_outside: bool) -> Path:
    """The registrations CSV's resolved path; FieldProblems at `csv` if it leaves the scenario's folder.

    A scenario is often someone else's file: were its `csv:` free, `/etc/shadow`, `../../x` or a symlink out of
    the folder would make the tool read (and report on) any file the user can read. Inside the folder (or below
    it) is the rule; `allow_outside` (the CLI's --allow-outside-paths) lifts it for a user who means it."""
    path = Path(given)
    if allow_outside:
        return (path if path.is_absolute() else base / path).resolve()
    how = ("is an absolute path" if path.is_absolute() else None)
    resolved = (base / path).resolve()
    if how is None:
        try:
            resolved.relative_to(base.resolve())
        except ValueError:
            how = "leads out of the scenario's folder" + (" (through a symlink)" if ".." not in path.parts else "")
    if how:
        raise FieldProblems([(("csv",), f"{given!r} {how}; a registrations CSV must lie in the "
                              "scenario's folder or below it (pass --allow-outside-paths to read it anyway)")])
    return resolved


class Variant(Strict):
    """An alternative cost basis printed alongside the main one (Spydspidsen 'collected', Thisted 'kun 2019')."""

    key: str
    """Variantens nøgle (entydig)."""
    label: str
    """Variantens navn i udskriften (fx kun 2019)."""
    aarlige_omkostninger: SourcedValue
    """Årlige omkostninger i denne variant [kr. pr. år]; et tal eller {value, source}."""
    note: str | None = None
    """Fri bemærkning (indgår ikke i beregningen). Kan udelades."""

    @model_validator(mode="after")
    def _check(self) -> "Variant":
        if self.aarlige_omkostninger.value < 0:
            raise FieldProblems([(("aarlige_omkostninger",), "aarlige_omkostninger must not be negative "
                                  f"(got {self.aarlige_omkostninger.value:g})")])
        return self


class EstablishmentItem(Strict):
    """Establishment (etablering, e.g. training) cost: shown separately, not part of the annual cost."""

    item: str
    """Etableringspostens navn (fx uddannelse)."""
    amount: SourcedValue | None = None
    """Beløb [kr.]; et tal eller {value, source}. Angiv enten `amount` eller `count` og `unit_price`."""
    count: SourcedValue | None = None
    """Antal [antal]; et tal eller {value, source}. Angiv enten `amount` eller `count` og `unit_price`."""
    unit_price: SourcedValue | None = None
    """Pris pr. stk. [kr.]; et tal eller {value, source}. Angiv enten `amount` eller `count` og `unit_price`."""

    @model_validator(mode="after")
    def _check(self) -> "EstablishmentItem":
        if self.amount is None and (self.count is None or self.unit_price is None):
            raise ValueError(f"etablering '{self.item}': give amount, or count and unit_price")
        if self.amount is not None and (self.count is not None or self.unit_price is not None):
            raise ValueError(f"etablering '{self.item}': give amount or count x unit_price, not both")
        negative = [((name,), f"etablering '{self.item}': {name} must not be negative (got {s.value:g})")
                    for name, s in (("amount", self.amount), ("count", self.count), ("unit_price", self.unit_price))
                    if s is not None and s.value < 0]
        if negative:
            raise FieldProblems(negative)
        return self

    def cost(self) -> float:
        """The item's cost [kr.]: `amount`, or `count` × `unit_price`."""
        if self.amount is not None:
            return self.amount.value
        return self.count.value * self.unit_price.value  # type: ignore[union-attr]


class VolumeSensitivity(Strict):
    """Vary participants per year (or per forløb). Parts listed in `scales` (or the share `scaling_share`)
    scale linearly with the number of participants; the rest is fixed."""

    parameter: Literal["deltagere_pr_aar", "deltagere_pr_forloeb"] = "deltagere_pr_aar"
    """Det, der varieres: `deltagere_pr_aar` (deltagere pr. år) eller `deltagere_pr_forloeb` (med `forloeb`).
    Standard: deltagere_pr_aar."""
    key: str | None = None
    """Præfiks for rækkernes nøgler, fx familier_pr_aar → familier_pr_aar=10. Standard: `parameter`."""
    values: list[Number]
    """Parameterens værdier, én række hver [antal], alle over 0."""
    scales: list[Category] | None = None
    """Kategorier, der skalerer lineært med deltagerne: `med_deltagere`, `uden_deltagere`, `loen_ufordelt`,
    `oevrige_udgifter`; resten er fast. Angiv enten `scales` eller `scaling_share`."""
    scaling_share: SourcedValue | None = None
    """Andel af de årlige omkostninger, der skalerer lineært med deltagerne [andel 0-1]; et tal eller {value,
    source}. Angiv enten `scaling_share` eller `scales`."""
    note: str | None = None
    """Fri bemærkning (indgår ikke i beregningen). Kan udelades."""

    @field_validator("values")
    @classmethod
    def _values_bounded(cls, v: list[float]) -> list[float]:  # each is a row of the sweep
        from ..io.limits import MAX_EXPOST_ROWS, check_count

        return check_count(v, len(v), MAX_EXPOST_ROWS, "values")

    @model_validator(mode="after")
    def _check(self) -> "VolumeSensitivity":
        if not self.values:
            raise _at(("values",), "volume.values is empty")
        bad = [((("values", i)), f"volume.values must all be greater than 0 (got {v:g})")
               for i, v in enumerate(self.values) if v <= 0]
        if bad:
            raise FieldProblems(bad)
        if (self.scales is None) == (self.scaling_share is None):
            raise ValueError("volume: give exactly one of scales (categories) or scaling_share (a share)")
        if self.scaling_share is not None and not 0 <= self.scaling_share.value <= 1:
            raise _at(("scaling_share",), "volume.scaling_share is a share between 0 and 1; write 65 pct. as 0.65")
        return self

    @property
    def row_prefix(self) -> str:
        """Prefix of the table's row keys, e.g. ``familier_pr_aar`` in ``familier_pr_aar=10``."""
        return self.key or self.parameter


class Sensitivity(Strict):
    """The `sensitivity:` block of an ex-post scenario: wage changes [fractions, e.g. 0.10 = +10 pct.] and a
    volume table (participants per year or per forløb).
    """
    wages: list[Number] = Field(default_factory=lambda: [0.10, 0.20])
    """Lønændringer, én række hver [andel] (0.10 = +10 pct.), over -1. Standard: [0.10, 0.20]."""
    volume: VolumeSensitivity | None = None
    """Tabel over deltagere pr. år eller pr. forløb. Kan udelades."""

    @field_validator("wages")
    @classmethod
    def _wages_bounded(cls, v: list[float]) -> list[float]:  # each is a row of the sweep
        from ..io.limits import MAX_EXPOST_ROWS, check_count

        return check_count(v, len(v), MAX_EXPOST_ROWS, "wage changes")

    @field_validator("wages")
    @classmethod
    def _wages(cls, v: list[float]) -> list[float]:
        if any(p <= -1 for p in v):
            raise ValueError("wages: a wage change must be greater than -1 (-100 pct.)")
        return v


class ExPostScenario(Strict):
    """An ex-post (registered-cost) scenario, report 002's method (docs/expost_method.md).

    What was used comes from `registreringer` (hours per month, staff group and activity [h], other expenses [kr.])
    or `drift` (published annual cost [kr./year] and its split); unit costs divide by `deltagere` (per year
    [antal/year], months per participant [mdr.]). Amounts are in `price_year` kroner; the wage table is resolved
    during validation (`wage_table()`). Keys follow docs/scenario_format.md; terms: docs/glossary.md.
    """
    kind: Literal["expost"]
    """Scenariets slags: `expost` (registrerede omkostninger, rapport 002's metode)."""
    _wage_table: Any = PrivateAttr(default=None)  # the WageTable, resolved during validation
    _wage_table_for: Any = PrivateAttr(default=None)  # the `rates` it was resolved for
    _base_dir: Any = PrivateAttr(default=None)  # the scenario's folder (a wage table path is relative to it)
    _restatements: tuple = PrivateAttr(default=())  # set by `restated` (--price-year on report and export)
    title: str
    """Indsatsens navn."""
    intervention: str | None = None
    """Indsatsens nøgle i published_figures_002.csv (til reproduktionen). Kan udelades."""
    municipality: str | None = None
    """Kommunen (eller udbyderen). Kan udelades."""
    source: str | dict[str, str] | None = None
    """Kilde: en tekst eller {felt: tekst} (fx report, table). Kan udelades."""
    price_year: Year
    """Prisår: året, hvis priser beløbene står i. En fast lønfil skal have samme prisår; `kommunale_satser`
    indekseres dertil."""
    rates: str = "krl_2019_report002"
    """Lønfil: `kommunale_satser` (dateret, indekseret til `price_year` med lønindekset), en fast lønfil i
    `price_year`'s priser (`krl_2019_report002`: 2019) eller en .yaml-fil ved siden af scenariet. Standard:
    krl_2019_report002."""
    base_key: str = "base"
    """Grundberegningens nøgle i tabellerne. Standard: base."""
    base_label: str = "Grundberegning"
    """Grundberegningens navn i udskriften. Standard: Grundberegning."""
    deltagere: Denominator
    """Hvem omkostningen deles med: `pr_aar` eller `efter_aar`, `singular`/`plural`, evt. `maaneder_pr_deltager`."""
    extra_denominators: list[Denominator] = Field(default_factory=list)
    """Flere nævnere (fx børn ved siden af familier), hver med `key`, `pr_aar` eller `efter_aar`. Standard: ingen."""
    forloeb: Forloeb | None = None
    """Forløbsbaserede indsatser: `pr_aar` og `deltagere_pr_forloeb`; deltagere pr. år er deres produkt. Kan
    udelades."""
    drift: AggregateDrift | None = None
    """Offentliggjorte tal: `aarlige_omkostninger` [kr. pr. år] og `fordeling`. Angiv enten `drift` eller
    `registreringer`."""
    registreringer: Registrations | None = None
    """Registrerede timer (`csv` og/eller `rows`) og øvrige udgifter. Angiv enten `registreringer` eller `drift`."""
    variants: list[Variant] = Field(default_factory=list)
    """Alternative omkostningsgrundlag vist ved siden af grundberegningen: `key`, `label`, `aarlige_omkostninger`.
    Standard: ingen."""
    etablering: list[EstablishmentItem] = Field(default_factory=list)
    """Etableringsomkostninger (fx uddannelse): vises for sig, ikke i de årlige omkostninger. Standard: ingen."""
    sensitivity: Sensitivity = Field(default_factory=Sensitivity)
    """Følsomhedsanalyse: `wages` (lønændringer) og `volume` (deltagere). Standard: lønændringer på 10 og 20 pct."""
    assumptions: list[str] = Field(default_factory=list)
    """Antagelser, hver som en tekst. Standard: ingen."""

    @model_validator(mode="before")
    @classmethod
    def _old_keys(cls, data: Any) -> Any:
        """Old key names (keys.py) still read, with a warning; the loader renames them first, with lines."""
        if not isinstance(data, dict):
            return data
        data = copy.deepcopy(data)
        renamed, clashes = upgrade(data)
        for old, new in renamed:
            warnings.warn(DeprecatedKeyWarning(f"{'.'.join(map(str, old))}: old key name; write {new[-1]!r} "
                                               "(old names are read until the next release)"), stacklevel=2)
        if clashes:
            raise FieldProblems(clashes)
        return data

    @model_validator(mode="after")
    def _check(self, info: ValidationInfo) -> "ExPostScenario":
        # Every problem with its own path (and so its own line): FieldProblems, see loader.problems_from.
        problems: list[tuple[tuple, str]] = []
        if (self.drift is None) == (self.registreringer is None):
            problems.append(((), "give exactly one of drift (published aggregates) or registreringer (registered hours)"))
        if self.forloeb is None and self.deltagere.per_year() is None:
            problems.append((("deltagere",), "deltagere needs pr_aar or efter_aar (or give forloeb with deltagere_pr_forloeb)"))
        if self.forloeb is not None and self.deltagere.per_year() is not None:
            problems.append((("deltagere",), "with forloeb, participants per year are forloeb.pr_aar x "
                             "deltagere_pr_forloeb; drop deltagere.pr_aar"))
        for i, d in enumerate(self.extra_denominators):
            if d.per_year() is None:
                problems.append((("extra_denominators", i), f"extra_denominators.{d.key} needs pr_aar or efter_aar"))
        keys = [v.key for v in self.variants]
        if len(set(keys)) != len(keys):
            problems.append((("variants",), "variants keys must be unique"))
        base = (info.context or {}).get("base_dir")
        if base is not None:
            self._base_dir = Path(base)
        if self.registreringer is not None:
            problems += self._check_staff_groups()
        vol = self.sensitivity.volume
        if vol is not None and vol.parameter == "deltagere_pr_forloeb" and self.forloeb is None:
            problems.append((("sensitivity", "volume", "parameter"),
                             "volume.parameter deltagere_pr_forloeb needs a forloeb section"))
        if vol is not None and vol.parameter == "deltagere_pr_aar" and self.forloeb is not None:
            problems.append((("sensitivity", "volume", "parameter"), "for a forloeb-based scenario vary deltagere_pr_forloeb"))
        if problems:
            raise FieldProblems(problems)
        return self

    def wage_table(self) -> WageTable:
        """The wage table `rates` names (a path is relative to the scenario's folder), read once when the scenario
        is validated (evaluation reads no file): a fixed-year wage table as written, or a dated table (`rates:
        kommunale_satser`) with its wages indexed to `price_year` (rates/wages.py)."""
        if self._wage_table is None or self._wage_table_for != (self.rates, self.price_year):
            self._wage_table = load_wage_table(self.rates, self._base_dir, self.price_year)
            self._wage_table_for = (self.rates, self.price_year)
        return self._wage_table

    def restated(self, restatement: dict) -> "ExPostScenario":
        """A copy in `restatement['to_year']` prices: every kroner input (øvrige udgifter, published annual costs,
        variants, etablering) and every monthly wage of its wage table × the restatement's `factor`, the table
        recording it. Evaluation is linear in kroner, so every output is the original's × the factor."""
        from ..rates.wages import priced

        f = restatement["factor"]
        table = priced(self.wage_table()).restated_by(f, restatement)
        new = self.model_copy(deep=True)
        new.price_year = restatement["to_year"]
        for expense in (new.registreringer.oevrige_udgifter if new.registreringer else []):
            expense.amount *= f
        sourced = [new.drift.aarlige_omkostninger] if new.drift else []
        sourced += [v.aarlige_omkostninger for v in new.variants]
        sourced += [i.amount if i.amount is not None else i.unit_price for i in new.etablering]
        for s in sourced:
            s.value *= f
        new._wage_table, new._wage_table_for = table, (new.rates, new.price_year)
        new._restatements = (*self._restatements, dict(restatement))
        if hasattr(self, "_source_path"):
            new._source_path = self._source_path
        return new

    @property
    def restatements(self) -> tuple[dict, ...]:
        """How the scenario was restated to its price year (`restated`), as plain data; () as written."""
        return self._restatements

    def _check_staff_groups(self, base_dir: Path | None = None) -> list[tuple[tuple, str]]:
        """Every registered staff group must be priced: known to the wage table, directly or via personalegrupper."""
        reg = self.registreringer
        assert reg is not None
        try:
            if base_dir is not None:
                self._base_dir = base_dir
            table = self.wage_table()
        except ValueError as exc:
            return [(("rates",), str(exc))]
        except ScenarioError as exc:  # a dated table that cannot be indexed to this price year: the scenario's field
            first = exc.problems[0] if exc.problems else None
            if first is not None and first.path == "price_year" and first.message.startswith("cannot "):
                return [(("price_year",), f"{first.message} (wage table {self.rates})")]
            raise
        problems: list[tuple[tuple, str]] = []
        if table.price_year != self.price_year:
            problems.append((("price_year",), f"scenario is in {self.price_year} prices but wage table {table.name} "
                             f"is in {table.price_year} prices; for {self.price_year} wages write rates: "
                             "kommunale_satser (the dated table, indexed to price_year) or give a wage table in "
                             f"{self.price_year} prices"))
        known = sorted(table.wage_groups)
        for own, target in reg.personalegrupper.items():
            if target not in table.wage_groups:
                problems.append((("registreringer", "personalegrupper", own),
                    f"registreringer.personalegrupper maps to unknown wage group(s) {target}"
                    f"{did_you_mean(target, known)}; "
                    f"wage table {table.name} has: {', '.join(known)}"
                ))
        unknown = sorted(  # (a group mapped to an unknown wage group is reported above)
            g for g in reg.table().staff_groups()
            if g not in reg.personalegrupper and g not in table.wage_groups
        )
        if unknown:
            where = f" (from {reg.csv_path})" if reg.csv_path else ""
            problems.append((("registreringer",),
                f"unknown staff group(s) {', '.join(unknown)} in registreringer{where}; use one of "
                f"{', '.join(known)} or map them under registreringer.personalegrupper"
            ))
        return problems
