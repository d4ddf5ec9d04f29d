"""The prospective scenario: what a cost assessment after Socialstyrelsen's cost model is built from.

YAML keys use the Danish domain words users know (fagteams, forløb, deltagere, etablering, uddannelse, drift,
sparede omkostninger); everything else is English. Unknown keys are errors everywhere.
"""
from __future__ import annotations

import datetime as dt
import math
from typing import Annotated, Any, ClassVar, Literal, Union

from pydantic import (
    BaseModel,
    PrivateAttr,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationInfo,
    field_validator,
    model_validator,
)

from ..errors import FieldProblems
from ..io import limits
from ..io.fields import AtLeastOne, Count, NonNeg, Number, Pos, Year
from .uncertainty import UncertainParameter, path_problems


def _share(value: float, what: str = "a share") -> float:
    if not 0 <= value <= 1:
        raise ValueError(f"{what} is between 0 and 1 (got {value:g}); write 25 % as 0.25")
    return value


# How often an item occurs. Quantities per calendar year are worked out in engine/schedule.py.
Per = Literal[
    "once",  # once for the whole intervention, in the first year
    "team",  # once per fagteam, in the first year (e.g. establishment)
    "team_year",  # per fagteam per year of the horizon
    "team_week",  # per fagteam per working week while the team runs a forløb
    "year",  # per year of the horizon, for the whole intervention (e.g. shared supervision)
    "forloeb",  # per forløb
    "session",  # per group session (forløb × sessioner_pr_forloeb, or the item's own `sessioner`)
    "participant",  # per deltager (in the participant group, if one is named)
    # per working week (the rate table's weeks a year) of every year in which forløb run: per fagteam, or once
    # for the whole intervention; replaces `times: 46` with `per: team_year`
    "team_year_week",
    "year_week",
]
Category = Literal["etablering", "uddannelse", "drift", "sparede_omkostninger"]


class Strict(BaseModel):
    """Base of the prospective models: unknown keys are errors, defaults validated too."""
    # The string under each field is its description in the JSON Schema (costmodel.schema): an editor's hover text.
    model_config = ConfigDict(extra="forbid", validate_default=True)


class Source(Strict):
    """Where a scenario comes from: report, section, table, quote."""
    report: str
    """Rapporten eller publikationen, tallene kommer fra (titel, udgiver, år)."""
    section: str | None = None
    """Afsnittet i rapporten, tallene står i. Kan udelades."""
    table: str | None = None
    """Tabellen i rapporten, tallene står i. Kan udelades."""
    quote: str | None = None
    """Et citat fra rapporten, der underbygger tallene. Kan udelades."""


class Assumption(Strict):
    """An assumption the report does not state but its figures require; kept visible in the scenario."""

    id: str
    """Antagelsens korte nøgle (fx `a1`), som tabeller og budgetnotat henviser til."""
    text: str
    """Antagelsen: hvad scenariet forudsætter, som rapporten ikke siger, men dens tal kræver (note til modelløren;
    må være på engelsk)."""
    evidence: str
    """Belægget: hvorfor antagelsen holder, fx hvilke af rapportens tal den forklarer."""
    # Danish wordings for the memo (issue 11): `text`/`evidence` may be notes in any language; a memo for a
    # committee prints these when given
    text_da: str | None = None
    """Antagelsen på dansk til budgetnotatet. Standard: `text` trykkes."""
    evidence_da: str | None = None
    """Belægget på dansk til budgetnotatet. Standard: `evidence` trykkes."""


class StaffRole(Strict):
    """A staff role: its wage group (or one per person) and `count` persons per fagteam."""
    label: str | None = None
    """Rollens navn på dansk (fx Gruppefacilitator), til læseren. Kan udelades."""
    wage_group: str | list[str]  # a list gives one wage group per person, e.g. [sosu_assistent, fysioterapeut]
    """Lønkategori: en nøgle under satstabellens `wage_groups` (fx `socialpaedagog`), eller en liste med én
    lønkategori pr. person (fx [sosu_assistent, fysioterapeut]); så er `count` listens længde."""
    count: Count = 1  # persons of this role in one fagteam (1 for roles outside the teams)
    """Personer med rollen i ét fagteam [antal] (1 for en rolle uden for teamene). Standard: 1, eller listens
    længde, når `wage_group` er en liste."""
    source: str | None = None
    """Kilde: hvor tallet eller oplysningen kommer fra (rapport, side, tabel). Kan udelades."""

    @model_validator(mode="after")
    def _list_matches_count(self) -> "StaffRole":
        if isinstance(self.wage_group, list):
            if not self.wage_group:
                raise ValueError("wage_group list is empty")
            if len(self.wage_group) != self.count:
                if "count" in self.model_fields_set:
                    raise ValueError(
                        f"wage_group lists {len(self.wage_group)} persons but count is {self.count}"
                    )
                self.count = len(self.wage_group)
        return self

    @field_validator("count")
    @classmethod
    def _count_bounded(cls, v: int) -> int:  # each person is a wage-group entry the engine walks
        return limits.check(v, limits.MAX_STAFF_PER_ROLE, "count (persons of this role in one fagteam)")

    def groups(self) -> list[str]:
        """The wage group of each person in the role."""
        return list(self.wage_group) if isinstance(self.wage_group, list) else [self.wage_group] * max(self.count, 1)


class Fagteam(Strict):
    """A kind of team; `count` teams of this kind run forløb side by side."""

    name: str
    """Fagteamtypens navn (entydigt); poster henviser til det med `teams`."""
    count: Count = 1
    """Fagteams af denne type, der kører forløb side om side [antal]. Standard: 1."""
    medarbejdere: dict[str, StaffRole] = Field(default_factory=dict)
    """Teamets roller: rollens navn → `wage_group` (lønkategori) og `count` (personer pr. team). Poster henviser til
    rollen med `who` eller `attendees`. Standard: ingen."""
    source: str | None = None
    """Kilde: hvor tallet eller oplysningen kommer fra (rapport, side, tabel). Kan udelades."""

    @field_validator("count")
    @classmethod
    def _count_bounded(cls, v: int) -> int:
        return limits.check(v, limits.MAX_TEAMS, "count (fagteams of this kind)")


class Forloeb(Strict):
    """How forløb are scheduled and filled. Either per year (`pr_fagteam_pr_aar`) or in all (`i_alt_pr_fagteam`)."""

    pr_fagteam_pr_aar: Pos | None = None
    """Forløb, ét fagteam starter pr. år [antal pr. år], fordelt jævnt over året fra `start_aar`. Angiv enten denne
    eller `i_alt_pr_fagteam`. Case management: caseload × årsværk × 12 / forløbets måneder (12 × 2,5 × 12 / 6 = 60)."""
    i_alt_pr_fagteam: AtLeastOne | None = None
    """Forløb pr. fagteam i alt over hele horisonten [antal], kørt i forlængelse af hinanden fra `start_aar`. Angiv
    enten denne eller `pr_fagteam_pr_aar`."""
    deltagere_pr_forloeb: Pos
    """Deltagere i ét forløb [antal]; 1 ved individuelle forløb (case management)."""
    laengde_aar: Pos
    """Ét forløbs længde [år]: 12 uger = 12/46 = 0.26, 6 måneder = 6/12 = 0.5. Med `start_aar` højst horisonten."""
    sessioner_pr_forloeb: NonNeg = 0
    """Gruppesessioner i ét forløb [antal]; en post med `per: session` gælder hver af dem. Standard: 0."""
    deltagere_taelles: Literal["end", "start"] = "end"
    """Hvornår et forløbs deltagere tælles: `end` (i det år forløbet slutter, regnet fra begyndelsen af startåret)
    eller `start` (i startåret). De giver det samme for forløb på højst et år. Standard: end."""
    source: str | None = None
    """Kilde: hvor tallet eller oplysningen kommer fra (rapport, side, tabel). Kan udelades."""
    # --- issue 14: set-up period, forløb cut by the horizon, completion ---
    # Years of set-up before the first forløb starts (deltagere start after it; staff items by the year run).
    start_aar: NonNeg = 0
    """Opstartsperiode, før det første forløb starter [år]; deltagerne starter efter den, mens stillinger og poster
    pr. år følger deres egne år. Standard: 0."""
    # A forløb the horizon cuts off: count all its deltagere ("alle", the default, as report 000 did), a share
    # by the part inside the horizon ("andel"), or none ("ingen").
    afkortede_forloeb: Literal["alle", "andel", "ingen"] = "alle"
    """Hvad et forløb, horisonten skærer af, tæller af deltagere: `alle` (alle dets deltagere, som rapport 000),
    `andel` (den andel, der ligger inden for horisonten) eller `ingen`. Poster pr. deltager (`per: participant`,
    fx besparelser) følger reglen som deltagerne; poster pr. forløb og pr. session tælles fuldt uanset reglen.
    Standard: alle."""
    # Share of deltagere who complete the forløb (results are then also stated per completing deltager).
    gennemfoerelsesandel: Number | None = None
    """Gennemførelsesandel: andelen af deltagerne, der gennemfører forløbet [andel 0-1, over 0]; så vises resultatet
    også pr. gennemført deltager. Kan udelades."""

    @field_validator("pr_fagteam_pr_aar")
    @classmethod
    def _per_year_bounded(cls, v: float | None) -> float | None:  # one schedule slot per forløb and year
        return limits.check(v, limits.MAX_FORLOEB_PER_YEAR, "pr_fagteam_pr_aar (forløb per fagteam per year)")

    @field_validator("i_alt_pr_fagteam")
    @classmethod
    def _total_bounded(cls, v: int | None) -> int | None:
        return limits.check(v, limits.MAX_FORLOEB_TOTAL, "i_alt_pr_fagteam (forløb per fagteam in all)")

    @model_validator(mode="after")
    def _one_schedule(self) -> "Forloeb":
        if (self.pr_fagteam_pr_aar is None) == (self.i_alt_pr_fagteam is None):
            raise ValueError("give exactly one of pr_fagteam_pr_aar and i_alt_pr_fagteam")
        return self

    @field_validator("gennemfoerelsesandel")
    @classmethod
    def _completion_share(cls, v: float | None) -> float | None:
        if v is not None:
            _share(v, "gennemfoerelsesandel")
            if v == 0:
                raise ValueError("gennemfoerelsesandel is 0: nobody completes, so there is nothing to divide by")
        return v


class ParticipantGroup(Strict):
    """A group of deltagere and its share of all deltagere [0-1] (deltagergrupper)."""
    name: str
    """Deltagergruppens navn (fx § 85); poster med `per: participant` henviser til den med `group`."""
    share: Number
    """Gruppens andel af alle deltagere [andel 0-1]; gruppernes andele summerer til 1."""
    source: str | None = None
    """Kilde: hvor tallet eller oplysningen kommer fra (rapport, side, tabel). Kan udelades."""

    @field_validator("share")
    @classmethod
    def _share_range(cls, v: float) -> float:
        return _share(v)


class Window(Strict):
    """A window of time [years]: after each forløb's start (an hours item's `during`), or within the horizon from the
    start of the intervention (an item's `active`)."""

    # A post's window says the same with start_aar/aar (trial F26): an unknown key among these is told its name here
    # (io/validate.py reads KEY_HINTS where it says "unknown key"); one name each, no aliases.
    KEY_HINTS: ClassVar[dict[str, str]] = {"start_aar": "start_years", "aar": "years"}

    start_years: NonNeg = 0
    """Vinduets start [år], regnet fra forløbets start (`during`) eller fra indsatsens start (`active`). Standard: 0."""
    years: Pos
    """Vinduets længde [år]."""



# ---- who pays and who saves (issue 11: by payer) ------------------------------------------------------------
# Every cost and saving belongs to a payer and, optionally, a budget area. Kept in one block of its own, `budget:`,
# on an item or on the scenario (the default for its items), so scenarios without one need no edit: everything
# is then paid by (and saved for) the municipality's service frame.

BudgetArea = Literal["service", "overfoersler", "anlaeg"]


class Budget(Strict):
    """Payer (kommune, region, stat or a named other), committee (udvalg), budget area and an own line."""

    payer: str = "kommune"
    """Betaler (for en besparelse: den, der sparer): `kommune`, `region`, `stat` eller navnet på en anden betaler.
    Standard: scenariets `budget.payer`, ellers kommune."""
    udvalg: str | None = None
    """Det udvalg, der ejer budgetlinjen (fx Socialudvalget). Standard: scenariets `budget.udvalg` (kun for samme
    betaler)."""
    area: BudgetArea | None = None  # default: service (anlæg for investments, overførsler only where stated)
    """Bevillingsområde: `service`, `overfoersler` eller `anlaeg`. Standard: scenariets `budget.area`, ellers
    service (anlæg for investeringer)."""
    line: str | None = None  # its own line in the by-payer table (e.g. "§ 85-støtte"); default by category
    """Egen linje i fordelingen på betalere (fx "§ 85-støtte"). Standard: kategorien (Etablering, Uddannelse,
    Drift); en besparelse får sin egen linje med postens navn."""

    @field_validator("payer")
    @classmethod
    def _payer_named(cls, v: str) -> str:
        v = v.strip()
        if not v:
            raise ValueError("payer is empty; write kommune, region, stat or the name of another payer")
        return v


class ScenarioBudget(Budget):
    """The scenario's default budget for its items, and the calendar year its first budget year is."""

    first_year: Year | None = None
    """Kalenderåret for budgetår 1 (fx 2026); så hedder budgetårene 2026, 2027 ... i stedet for År 1. Kan udelades."""



# ---- effects, SØM style (issue 11) ----------------------------------------------------------------------------
# Socialstyrelsen's SØM turns an intervention's effect into money: a success rate net of the baseline, the
# consequences per successful citizen per year, and a price for each consequence split between payers. An
# `effekter:` block does the same inside the scenario, so its savings come by year and by payer.


class EffectPrice(Strict):
    """What one unit of a consequence costs one payer [kr. per unit, the scenario's price year]."""

    payer: str = "kommune"
    """Betaleren, der sparer: `kommune`, `region`, `stat` eller navnet på en anden betaler. Standard: kommune."""
    price: NonNeg
    """Prisen på én enhed af konsekvensen for denne betaler [kr. pr. enhed, scenariets prisår]."""
    udvalg: str | None = None
    """Det udvalg, besparelsen lander hos (fx Socialudvalget). Kan udelades."""
    area: BudgetArea | None = None
    """Bevillingsområde: `service`, `overfoersler` eller `anlaeg`. Standard: service."""
    source: str | None = None
    """Kilde: hvor tallet eller oplysningen kommer fra (rapport, side, tabel). Kan udelades."""


class Consequence(Strict):
    """A consequence per successful citizen per year (e.g. 150 fewer hours of § 85-støtte), priced per payer."""

    id: str | None = None
    """Konsekvensens korte nøgle. Kan udelades."""
    item: str
    """Konsekvensen (fx Færre timer § 85-støtte); navnet på dens besparelseslinje."""
    quantity: NonNeg  # units per successful citizen per year
    """Enheder pr. succesfuld borger pr. år [enheder pr. år] (fx 150 timer)."""
    unit: str = "enheder"
    """Enhedens navn (fx timer, døgn, måneder). Standard: enheder."""
    prices: list[EffectPrice] = Field(min_length=1, max_length=20)  # a price per payer: a handful
    """Prisen pr. enhed for hver betaler (1-20): `payer`, `price` [kr. pr. enhed], evt. `udvalg`, `area`, `source`."""
    source: str | None = None
    """Kilde: hvor tallet eller oplysningen kommer fra (rapport, side, tabel). Kan udelades."""


class Effect(Strict):
    """An effect: the share of deltagere who succeed beyond the baseline, and what each success saves a year.

    Successes are counted when the deltagere are (the forløb's end, unless `forloeb.deltagere_taelles` says
    start); their consequences run from `start_after_years` after that for `lasting_years`, cut at the horizon.
    As in SØM, an effect is not phased in gradually."""

    id: str
    """Effektens nøgle; følsomhed og break-even henviser til den som `effekter.<id>.success_rate`."""
    label: str
    """Effektens navn på dansk i tabeller og budgetnotat."""
    success_rate: Number  # share of deltagere, net of the baseline (12 % with, 2 % without: 0.10)
    """Succesrate (netto): andelen af deltagerne, der lykkes ud over basisniveauet [andel 0-1]: 12 % med indsatsen
    og 2 % uden er 0.10."""
    lasting_years: Pos = 1
    """Hvor længe konsekvenserne af en succes varer [år], højst 10 (SØM's horisont); skæres af ved tidshorisonten.
    Standard: 1."""
    start_after_years: NonNeg = 0
    """Tid fra deltagerne tælles (forløbets slutning) til konsekvenserne begynder [år]. Standard: 0."""
    consequences: list[Consequence] = Field(min_length=1, max_length=50)
    """Konsekvenserne pr. succesfuld borger pr. år (1-50), hver med en pris pr. betaler."""
    source: str | None = None
    """Kilde: hvor tallet eller oplysningen kommer fra (rapport, side, tabel). Kan udelades."""
    enabled: bool = True
    """`false` slår effekten fra (bruges af følsomhedsrækker). Standard: true."""

    @field_validator("success_rate")
    @classmethod
    def _rate_share(cls, v: float) -> float:
        return _share(v, "success_rate (net of the baseline)")

    @field_validator("lasting_years")
    @classmethod
    def _som_horizon(cls, v: float) -> float:
        if v > 10:
            raise ValueError("an effect lasting over 10 years is beyond SØM's horizon; split it or shorten it")
        return v


class _ItemBase(Strict):
    id: str | None = None
    """Postens nøgle. Giv en, når en følsomhedsrække eller `uncertainty` henviser til posten (fx
    `drift.supervision.hours`): et listenummer (`drift.6.hours`) flytter sig, når en post tilføjes. Kan udelades."""
    item: str
    """Postens navn, som tabeller og budgetnotat viser det."""
    per: Per
    """Hvor ofte posten forekommer: `once` (én gang for hele indsatsen, første år), `team` (én gang pr. fagteam,
    første år), `team_year` (pr. fagteam pr. år), `team_week` (pr. fagteam pr. arbejdsuge, mens teamet kører
    forløb), `team_year_week` (pr. fagteam pr. arbejdsuge i hvert år med forløb), `year` (pr. år for hele
    indsatsen), `year_week` (pr. arbejdsuge i hvert år med forløb, for hele indsatsen), `forloeb` (pr. forløb),
    `session` (pr. gruppesession) eller `participant` (pr. deltager)."""
    times: NonNeg = 1
    """Gange, posten forekommer pr. `per` [antal] (fx 9 supervisioner pr. år). Standard: 1."""
    group: str | None = None  # participant group the item applies to (scales with its share)
    """Deltagergruppen (`deltagergrupper.*.name`), posten gælder; den skalerer med gruppens andel. Kun med `per:
    participant`. Standard: alle deltagere."""
    teams: list[str] | None = None  # fagteam kinds the item applies to (default: all)
    """Fagteamtyper (deres `name`), posten gælder for. Standard: alle fagteams."""
    # For items by the year or week (team_year, team_week, year): only within this window of the horizon,
    # counted from the start of the intervention (e.g. a licence paid for 2,5 of 3 years).
    active: Window | None = None
    """Kun for poster pr. år eller uge (`team_year`, `team_week`, `year`, `team_year_week`, `year_week`): vinduet i
    horisonten, posten løber i, regnet fra indsatsens start (`start_years`, `years` [år]; fx en licens i 2,5 af 3
    år). Standard: hele horisonten."""
    enabled: bool = True
    """`false` slår posten fra (bruges af følsomhedsrækker, fx "uden FIT"). Standard: true."""
    source: str | None = None
    """Kilde: hvor tallet eller oplysningen kommer fra (rapport, side, tabel). Kan udelades."""
    note: str | None = None
    """Fri bemærkning til modelløren (indgår ikke i beregningen). Kan udelades."""
    budget: Budget | None = None  # who pays or saves (default: the scenario's budget, else kommune, service)
    """Hvem der betaler posten (eller sparer den): `payer`, `udvalg`, `area`, `line`. Standard: det, scenariets
    `budget:` siger, ellers kommune og område service."""
    # per: session only: how many of the forløb's sessions the item applies to (e.g. the first 4 sessions last
    # 2 hours), or "resten" (the forløb's sessioner_pr_forloeb less the numbers of the category's other items)
    sessioner: NonNeg | Literal["resten"] | None = None
    """Kun med `per: session`: hvor mange af forløbets sessioner posten gælder [antal] (fx 4 for de første 4), eller
    `resten` (forløbets `sessioner_pr_forloeb` minus kategoriens andre posters tal). Standard: alle sessioner."""

    @model_validator(mode="after")
    def _active_for_periodic(self):
        if self.active is not None and self.per not in ("team_year", "team_week", "year", "team_year_week",
                                                        "year_week"):
            raise ValueError("active goes with per: team_year, team_week, year, team_year_week or year_week")
        if self.sessioner is not None and self.per != "session":
            raise ValueError("sessioner goes with per: session")
        return self


class HoursItem(_ItemBase):
    """Staff time: hours × persons × the role's hourly wage."""

    who: str
    """Rollen, hvis tid posten er: en nøgle under `fagteams.*.medarbejdere` eller `medarbejdere`; rollens
    lønkategori giver timelønnen [kr. pr. time]."""
    persons: AtLeastOne | Literal["all"] = "all"
    """Hvor mange af rollens personer [antal], højst rollens antal, eller `all` (alle rollens personer). Standard:
    all."""
    hours: NonNeg | None = None
    """Timer pr. person pr. forekomst [timer]. Angiv præcis én af `hours`, `days` og `hours_per_week`."""
    days: NonNeg | None = None  # working days, converted with the rate table's hours per day
    """Arbejdsdage pr. person pr. forekomst [dage], omregnet med satstabellens timer pr. dag. Angiv præcis én af
    `hours`, `days` og `hours_per_week`."""
    hours_per_week: NonNeg | None = None
    """Timer pr. person pr. uge [timer pr. uge], med `weeks` eller `during`. Angiv præcis én af `hours`, `days` og
    `hours_per_week`."""
    weeks: NonNeg | Literal["forloeb"] | None = None  # "forloeb": the forløb's length in working weeks
    """Uger til `hours_per_week` [uger], eller `forloeb` (forløbets længde i arbejdsuger). Angiv enten `weeks` eller
    `during` med `hours_per_week`."""
    # Spread over calendar years after each forløb start: hours_per_week x weeks_per_year per year, or
    # `hours` x `times` per year, for the years of the window.
    during: Window | None = None
    """Kun med `per: forloeb` eller `per: participant`: spred tiden over kalenderårene efter hvert forløbs start
    (`start_years`, `years` [år]): `hours_per_week` × arbejdsuger pr. år, eller `hours` × `times` pr. år, i vinduets
    år. Standard: det hele i forløbets startår."""

    @model_validator(mode="after")
    def _hours_given_once(self) -> "HoursItem":
        given = [k for k in ("hours", "days", "hours_per_week") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of hours, days, or hours_per_week (with weeks or during)")
        if self.during is not None and self.per not in ("forloeb", "participant"):
            raise ValueError("during goes with per: forloeb or per: participant")
        if self.hours_per_week is None:
            if self.weeks is not None:
                raise ValueError("weeks goes with hours_per_week")
            if self.during is not None and self.hours is None:
                raise ValueError("during goes with hours_per_week or hours")
        elif (self.weeks is None) == (self.during is None):
            raise ValueError("hours_per_week needs exactly one of weeks and during")
        return self


class AmountItem(_ItemBase):
    """A purchase or fee in kroner."""

    amount: NonNeg
    """Beløb pr. forekomst [kr., scenariets prisår]."""


class CourseItem(Strict):
    """A training course (uddannelse): fee, staff days and travel."""

    id: str | None = None
    """Postens nøgle. Giv en, når en følsomhedsrække eller `uncertainty` henviser til posten (fx
    `drift.supervision.hours`): et listenummer (`drift.6.hours`) flytter sig, når en post tilføjes. Kan udelades."""
    course: str
    """Kursets navn, som tabeller og budgetnotat viser det."""
    days: NonNeg
    """Kursusdage pr. deltagende medarbejder [dage]; tiden koster dage × satstabellens timer pr. dag × timeløn.
    Skriv 0 for medarbejdere på `stillinger`, hvis løn stillingen allerede betaler."""
    fee: NonNeg
    """Kursusgebyr [kr.], for hele kurset eller pr. person efter `fee_basis`."""
    fee_basis: Literal["per_course", "per_person"]
    """Hvad `fee` gælder: `per_course` (ét gebyr pr. afholdt kursus) eller `per_person` (pr. deltagende medarbejder)."""
    held: Literal["once", "per_team"] = "per_team"
    """Hvor ofte kurset holdes: `once` (én gang for hele indsatsen) eller `per_team` (for hvert fagteam). Standard:
    per_team."""
    attendees: str  # a staff role; all persons of that role attend
    """Rollen, der deltager (en nøgle under `fagteams.*.medarbejdere` eller `medarbejdere`); alle rollens personer
    deltager."""
    teams: list[str] | None = None
    """Fagteamtyper (deres `name`), posten gælder for. Standard: alle fagteams."""
    overnight_stays: NonNeg = 0  # per person
    """Overnatninger pr. deltager [antal], til satstabellens overnatningssats. Standard: 0."""
    per_diem_days: NonNeg | None = None  # timedagpenge (døgn) per person; default: one per overnight stay
    """Døgn med timedagpenge pr. deltager [dage], til satstabellens sats. Standard: én pr. overnatning."""
    enabled: bool = True
    """`false` slår posten fra (bruges af følsomhedsrækker, fx "uden FIT"). Standard: true."""
    source: str | None = None
    """Kilde: hvor tallet eller oplysningen kommer fra (rapport, side, tabel). Kan udelades."""
    note: str | None = None
    """Fri bemærkning til modelløren (indgår ikke i beregningen). Kan udelades."""
    budget: Budget | None = None  # who pays (default: the scenario's budget, else kommune, service)
    """Hvem der betaler posten (eller sparer den): `payer`, `udvalg`, `area`, `line`. Standard: det, scenariets
    `budget:` siger, ellers kommune og område service."""

    @property
    def travel_days(self) -> float:
        """Days with per diem (timedagpenge) [days]: `per_diem_days`, else one per overnight stay."""
        # Per diem is paid per døgn away; the published training figures fit one døgn per night
        # (3 nights cost three times 1 night: docs/derivations.md, D-travel).
        if self.per_diem_days is not None:
            return self.per_diem_days
        return self.overnight_stays


def _item_kind(value: Any) -> str:
    # called with the input dict when validating and with the model when serialising (model_dump, costmodel.dump)
    if isinstance(value, CourseItem):
        return "course"
    if isinstance(value, AmountItem):
        return "amount"
    if isinstance(value, dict):
        if "course" in value:
            return "course"
        if "amount" in value:
            return "amount"
        return "hours"
    return "hours"


Item = Annotated[
    Union[
        Annotated[HoursItem, Tag("hours")],
        Annotated[AmountItem, Tag("amount")],
        Annotated[CourseItem, Tag("course")],
    ],
    Discriminator(_item_kind),
]
CostItem = Annotated[
    Union[Annotated[HoursItem, Tag("hours")], Annotated[AmountItem, Tag("amount")]],
    Discriminator(_item_kind),
]


# --- issue 14: full-time posts, investments and grants (the official model's missing steps) ---------------------


class Post(Strict):
    """Staff as full-time posts (årsværk): costed at hourly rate × the rate table's effective hours a year (1.418),
    Socialstyrelsen's convention, for the years the post runs."""

    # an item's window says the same with start_years/years (see Window.KEY_HINTS)
    KEY_HINTS: ClassVar[dict[str, str]] = {"start_years": "start_aar", "years": "aar"}

    id: str | None = None
    """Postens nøgle. Giv en, når en følsomhedsrække eller `uncertainty` henviser til posten (fx
    `drift.supervision.hours`): et listenummer (`drift.6.hours`) flytter sig, når en post tilføjes. Kan udelades."""
    item: str
    """Stillingens navn, som tabeller og budgetnotat viser det (fx Koordinator)."""
    who: str  # a staff role (its wage group sets the hourly rate)
    """Rollen på stillingen (en nøgle under `fagteams.*.medarbejdere` eller `medarbejdere`); dens (gennemsnitlige)
    timeløn × satstabellens effektive timer (1.418) er prisen pr. årsværk."""
    aarsvaerk: Pos
    """Fuldtidsstillinger [årsværk] (0.5 = halv tid). For en rolle i et fagteam: årsværk pr. team i alt, ikke pr.
    person; ganges med teamets `count`."""
    start_aar: NonNeg = 0  # years after the start of the intervention [years]
    """Hvornår stillingen begynder, regnet fra indsatsens start [år]. Standard: 0."""
    aar: Pos | None = None  # for how many years [years]; default: to the end of the horizon
    """Hvor mange år stillingen løber [år]. Standard: til horisontens slutning."""
    kategori: Literal["etablering", "drift"] = "drift"
    """Omkostningskategori: `drift` eller `etablering` (fx opstartsmånederne). Standard: drift."""
    teams: list[str] | None = None  # a team role: per fagteam of these kinds (default all)
    """For en rolle i et fagteam: stillingen gælder pr. fagteam af disse typer. Standard: alle fagteams."""
    enabled: bool = True
    """`false` slår stillingen fra (bruges af følsomhedsrækker). Standard: true."""
    source: str | None = None
    """Kilde: hvor tallet eller oplysningen kommer fra (rapport, side, tabel). Kan udelades."""
    note: str | None = None
    """Fri bemærkning til modelløren (indgår ikke i beregningen). Kan udelades."""

    @field_validator("aarsvaerk")
    @classmethod
    def _posts_sane(cls, v: float) -> float:
        if v > 500:
            raise ValueError(f"{v:g} årsværk is not a staff of a social intervention; give full-time posts (0.5 = half time)")
        return v


class Investment(Strict):
    """Investering i materiel: bought in a year, written down straight to 0 over its lifetime; bought again when
    the lifetime ends inside the horizon (unless `genanskaffes: false`); what is left at the end of the horizon
    (restværdi) is deducted in the last year."""

    id: str | None = None
    """Postens nøgle. Giv en, når en følsomhedsrække eller `uncertainty` henviser til posten (fx
    `drift.supervision.hours`): et listenummer (`drift.6.hours`) flytter sig, når en post tilføjes. Kan udelades."""
    item: str
    """Materiellets navn, som tabeller og budgetnotat viser det."""
    amount: Pos
    """Anskaffelsespris [kr.]."""
    aar: NonNeg = 0  # year of purchase after the start [years]
    """Anskaffelsesår, regnet fra indsatsens start [år]. Standard: 0."""
    levetid: Pos | None = None  # lifetime [years]; default: by `type` from salary_tables/levetider/oes.yaml
    """Levetid [år], 0.25-100. Angiv enten `levetid` eller `type`."""
    type: str | None = None  # licens, it_udstyr, bil, inventar, installation, bygning
    """Slags materiel med Økonomistyrelsens levetid (salary_tables/levetider/oes.yaml): `licens` (3 år), `it_udstyr`
    (3), `bil` (5), `inventar` (5), `installation` (20) eller `bygning` (50). Angiv enten `type` eller `levetid`."""
    genanskaffes: bool = True
    """Købes igen, når levetiden udløber inden for horisonten. Standard: true."""
    restvaerdi: bool = True
    """Træk restværdien (lineær afskrivning) ved horisontens slutning fra i sidste år. Standard: true."""
    enabled: bool = True
    """`false` slår investeringen fra (bruges af følsomhedsrækker). Standard: true."""
    source: str | None = None
    """Kilde: hvor tallet eller oplysningen kommer fra (rapport, side, tabel). Kan udelades."""
    note: str | None = None
    """Fri bemærkning til modelløren (indgår ikke i beregningen). Kan udelades."""

    @model_validator(mode="after")
    def _lifetime_given(self) -> "Investment":
        if (self.levetid is None) == (self.type is None):
            raise ValueError("give levetid (years) or type (a kind of asset with a default lifetime), not both")
        if self.levetid is not None and not 0.25 <= self.levetid <= 100:
            # the lower bound also bounds the re-purchases within a horizon (at most 200)
            raise ValueError(f"levetid {self.levetid:g} years: give a lifetime from 0.25 to 100 years")
        return self


class Grant(Strict):
    """Tilskud mv. (Trin 4): grants received (modtaget, e.g. from a fund) or paid (betalt), by year.

    `modpart` names the other party (who gives a grant received, who gets a grant paid; outside the by-payer
    table); `budget:` says who on this side receives or pays it, in the vocabulary of every other `budget:`
    block (payer, udvalg, area, line; default the scenario's payer, area service)."""

    id: str | None = None
    """Postens nøgle. Giv en, når en følsomhedsrække eller `uncertainty` henviser til posten (fx
    `drift.supervision.hours`): et listenummer (`drift.6.hours`) flytter sig, når en post tilføjes. Kan udelades."""
    item: str
    """Tilskuddets navn (fx Driftstilskud), som tabeller og budgetnotat viser det."""
    retning: Literal["modtaget", "betalt"] = "modtaget"
    """`modtaget` (fx fondsmidler) eller `betalt`. Standard: modtaget."""
    pr_aar: list[NonNeg] = Field(min_length=1, max_length=50)
    """Beløbet i hvert år af horisonten fra det første [kr. pr. år], 1-50 år."""
    modpart: str | None = Field(default=None, max_length=200)
    """Modparten: den fond eller myndighed, der giver tilskuddet (modtaget) eller får det (betalt). Kan udelades."""
    budget: Budget | None = None  # who receives (pays) it on this side; default the scenario's payer, service
    """Hvem på denne side der modtager (betaler) tilskuddet: `payer`, `udvalg`, `area`, `line`. Standard: scenariets
    betaler, område service."""
    source: str | None = None
    """Kilde: hvor tallet eller oplysningen kommer fra (rapport, side, tabel). Kan udelades."""
    note: str | None = None
    """Fri bemærkning til modelløren (indgår ikke i beregningen). Kan udelades."""


class SweepRow(Strict):
    """One row of a one-way table: the value (or several `set` values) and its Danish label."""
    value: Any
    """Parameterens værdi i rækken (tabellens `parameter`)."""
    label: str
    """Rækkens navn på dansk i tabeller og budgetnotat (fx Caseload 10)."""
    key: str | None = None  # defaults to "<table key>=<value>"
    """Rækkens nøgle. Standard: `<tabellens key>=<value>`."""
    set: dict[str, Any] | None = None  # several parameters at once; default {parameter: value}
    """Flere parametre på én gang: {punktum-sti: værdi}. Standard: {parameter: value}."""

    def row_key(self, table_key: str) -> str:
        """The row's key: its own `key`, else ``<table key>=<value>``."""
        return self.key or f"{table_key}={self.value}"


class SweepSpec(Strict):
    """A one-way sensitivity table as the scenario declares it (its results are a tables.SweepTable)."""

    key: str
    """Tabellens nøgle (entydig)."""
    title: str
    """Tabellens overskrift."""
    parameter: str | None = None  # dotted path into the scenario, e.g. forloeb.deltagere_pr_forloeb
    """Punktum-sti til parameteren, rækkerne ændrer (fx forloeb.deltagere_pr_forloeb); listeelementer ved `id` eller
    `name`. Kan udelades, når hver række har `set`."""
    source: str | None = None
    """Kilde til rækkernes værdier. Kan udelades."""
    source_da: str | None = None  # the source in Danish, for the memo (issue 11)
    """Kilden på dansk til budgetnotatet. Standard: `source` trykkes."""
    rows: list[SweepRow] = Field(min_length=1)
    """Tabellens rækker (mindst én): `value` (eller `set`) og `label`."""

    @model_validator(mode="after")
    def _rows_settable(self) -> "SweepSpec":
        for row in self.rows:
            if row.set is None and self.parameter is None:
                raise ValueError(f"row {row.label!r} has no 'set' and the table has no 'parameter'")
        return self


def row_changes(spec: SweepSpec, row: SweepRow) -> dict:
    """The changes one sensitivity row makes: {dotted path: value}."""
    return dict(row.set) if row.set is not None else {spec.parameter: row.value}


class Scenario(Strict):
    """A prospective cost assessment, Socialstyrelsen's method (report 000; docs/scenario_format.md).

    Fagteams run forløb of deltagere over `horizon_years` [years]; etablering, uddannelse and drift items cost hours
    [h] at their wage group's rate [kr./h] or amounts [kr.]; sparede omkostninger are the support the intervention
    replaces. Amounts are in `price_year` kroner, discounted at `discount_rate` [fraction per year] or the rate
    table's. A loaded scenario carries its rate table (evaluation reads no file). Terms: docs/glossary.md.
    """
    _source_path: Any = PrivateAttr(default=None)
    _raw: Any = PrivateAttr(default=None)  # the validated input as written, for overrides
    _rate_table: Any = PrivateAttr(default=None)  # the RateTable, resolved when the scenario is loaded
    _lines: Any = PrivateAttr(default=None)  # line of each field path in its file (for remarks that name a line)
    kind: Literal["prospective"] = "prospective"
    """Scenariets slags: `prospective` (en omkostningsvurdering af en planlagt indsats). Registrerede omkostninger
    skrives `kind: expost`. Standard: prospective."""
    title: str
    """Indsatsens navn."""
    municipality: str | None = None
    """Kommunen (eller udbyderen), vurderingen gælder. Kan udelades."""
    source: Source
    """Publikationen, tallene kommer fra: `report`, evt. `section`, `table`, `quote`."""
    price_year: Year
    """Prisår: året, hvis priser resultatet står i (indekset dækker 1991-2026). Satstabellen indekseres dertil: løn
    med lønindekset, rejser med det generelle PL-indeks."""
    rates: str
    """Satstabel: `kommunale_satser` (daterede offentlige lønninger), `rates_2020` (rapport 000's) eller en sti til
    en .yaml-fil, relativt til scenariet (jeres egen tabel)."""
    horizon_years: Pos
    """Tidshorisont [år], højst 50; brøker virker (2.5 = to hele år og et halvt)."""
    discount_rate: Number | None = None  # a constant rate; overrides the dated rule below
    """Fast diskonteringsrente [andel pr. år] (0.035 = 3,5 pct.), fra 0 til under 1; går forud for
    `diskonteringsregel`. Kan udelades."""
    # Dated discounting (salary_tables/discounting/finansministeriet.yaml): the rule named, else the rule in force
    # on the date of assessment, else the rule in force today.
    vurderingsdato: dt.date | None = None
    """Vurderingsdato, skrevet ÅÅÅÅ-MM-DD (2026-11-30): diskonteringsreglen i kraft den dag. Standard: i dag."""
    diskonteringsregel: str | None = None
    """Diskonteringsregel: `fm_2013` (4/3/2 pct., til 6. januar 2021) eller `fm_2021` (3,5/2,5/1,5 pct. siden 7.
    januar 2021), fra salary_tables/discounting/. Standard: reglen i kraft på `vurderingsdato`, ellers i dag."""
    fagteams: list[Fagteam] = Field(min_length=1)
    """Fagteamtyperne (mindst én): `name`, `count` (teams af typen), `medarbejdere` (roller)."""
    medarbejdere: dict[str, StaffRole] = Field(default_factory=dict)  # roles outside the teams
    """Roller uden for teamene (fx visitation, psykolog, kontaktpersonen, hvis støtte spares): rollens navn →
    `wage_group`, `count`. Standard: ingen."""
    forloeb: Forloeb
    """Forløbene: hvor mange pr. fagteam, hvor lange, deltagere og sessioner pr. forløb."""
    deltagergrupper: list[ParticipantGroup] = Field(
        default_factory=lambda: [ParticipantGroup(name="alle", share=1.0)]
    )
    """Deltagergrupper med andele, der summerer til 1; poster med `per: participant` og `group` skalerer med
    andelen. Standard: én gruppe, alle, med andel 1."""
    etablering: list[Item] = Field(default_factory=list)
    """Etablering (vejledningens forberedelse): planlægning, kick-off, rekruttering; time-, beløbs- og kursusposter.
    Standard: ingen."""
    uddannelse: list[Item] = Field(default_factory=list)
    """Uddannelse: kurser (`course`) og time- og beløbsposter. Standard: ingen."""
    drift: list[Item] = Field(default_factory=list)
    """Drift af indsatsen: time-, beløbs- og kursusposter. Standard: ingen."""
    sparede_omkostninger: list[CostItem] = Field(default_factory=list)
    """Sparede omkostninger: den støtte, indsatsen erstatter (time- og beløbsposter); trækkes fra i
    nettoomkostningerne. Standard: ingen."""
    # --- issue 14: posts, investments, grants ---
    stillinger: list[Post] = Field(default_factory=list, max_length=500)
    """Fuldtidsstillinger (årsværk), kostet til timeløn × 1.418 effektive timer for hvert år, de løber (højst 500).
    Standard: ingen."""
    investeringer: list[Investment] = Field(default_factory=list, max_length=500)
    """Investering i materiel: købt i et år, afskrevet lineært over levetiden, restværdien trukket fra i sidste år
    (højst 500). Standard: ingen."""
    tilskud: list[Grant] = Field(default_factory=list, max_length=500)
    """Tilskud mv. (trin 4): modtaget eller betalt, pr. år (højst 500). Standard: ingen."""
    assumptions: list[Assumption] = Field(default_factory=list)
    """Antagelser, rapporten ikke siger, men dens tal kræver: `id`, `text`, `evidence`. Standard: ingen."""
    sensitivity: list[SweepSpec] = Field(default_factory=list)
    """Envejsfølsomhedstabeller: `key`, `title`, `parameter` (eller `set` pr. række), `rows`. Standard: ingen."""
    effekter: list[Effect] = Field(default_factory=list, max_length=50)  # before uncertainty, whose paths name it
    """Effekter i SØM-stil (højst 50): succesrate og konsekvenser pr. succesfuld borger, prissat pr. betaler.
    Standard: ingen."""
    uncertainty: list[UncertainParameter] = Field(default_factory=list)  # see uncertainty_model.py
    """Fordelinger for usikre parametre (tornado, spindeldiagram, probabilistisk følsomhedsanalyse): `parameter`,
    `distribution` og dens nøgler, `source`. Standard: ingen."""
    notes: str | None = None
    """Frie noter til scenariet. Kan udelades."""
    # ---- issue 11: payer, the alternative
    budget: ScenarioBudget | None = None  # default payer/udvalg/area of every item; first budget year
    """Scenariets standardbudget for alle poster (`payer`, `udvalg`, `area`, `line`) og `first_year` (kalenderåret
    for budgetår 1). Standard: kommune, område service."""
    basisalternativ: str | None = None  # scenario file (relative to this one) to compare against
    """Scenariefil (relativt til denne), som `costmodel compare` sætter først som basisalternativ. Kan udelades."""

    @field_validator("horizon_years")
    @classmethod
    def _horizon_sane(cls, v: float) -> float:
        if v > 50:
            raise ValueError("a horizon over 50 years is not a cost assessment horizon")
        return v

    @field_validator("discount_rate")
    @classmethod
    def _rate_sane(cls, v: float | None) -> float | None:
        if v is not None and not 0 <= v < 1:
            raise ValueError(f"a discount rate is a fraction from 0 up to 1 (got {v:g}); write 3.5 % as 0.035")
        return v

    @model_validator(mode="after")
    def _references(self) -> "Scenario":
        # Every problem with its own path (and so its own line): FieldProblems, see loader.problems_from.
        problems: list[tuple[tuple, str]] = []
        total = sum(g.share for g in self.deltagergrupper)
        if abs(total - 1) > 1e-9:
            problems.append((("deltagergrupper",), f"deltagergrupper shares add up to {total:g}, not 1"))
        group_names = {g.name for g in self.deltagergrupper}
        team_names = {t.name for t in self.fagteams}
        if len(team_names) != len(self.fagteams):
            problems.append((("fagteams",), "fagteams have duplicate names"))
        if sum(t.count for t in self.fagteams) == 0:
            problems.append((("fagteams",), "every fagteam has count 0, so there are no deltagere to divide by"))
        for category in ("etablering", "uddannelse", "drift", "sparede_omkostninger"):
            for i, it in enumerate(getattr(self, category)):
                where = (category, i)
                if getattr(it, "group", None) and it.group not in group_names:
                    problems.append((where + ("group",),
                                     f"unknown participant group {it.group!r}; known: {', '.join(sorted(group_names))}"))
                for t in it.teams or []:
                    if t not in team_names:
                        problems.append((where + ("teams",), f"unknown fagteam {t!r}; known: {', '.join(sorted(team_names))}"))
                role = getattr(it, "who", None) or getattr(it, "attendees", None)
                if role is not None and not self._role_known(role, it.teams):
                    key = "who" if getattr(it, "who", None) else "attendees"
                    problems.append((where + (key,),
                                     f"unknown staff role {role!r}; known: {', '.join(sorted(self._all_roles()))}"))
                elif isinstance(it, HoursItem) and isinstance(it.persons, int):
                    most = self._role_size(it.who, it.teams)
                    if it.persons > most:
                        problems.append((where + ("persons",), f"persons is {it.persons} but role {it.who!r} has "
                                         f"{most} person{'s' if most != 1 else ''}"))
                if getattr(it, "group", None) and getattr(it, "per", None) != "participant":
                    problems.append((where + ("group",), "group scales an item by the participant group's share, "
                                     f"so it goes with per: participant (this item is per: {it.per})"))
        problems += self._issue14_problems(team_names)
        if problems:
            raise FieldProblems(problems)
        return self

    @model_validator(mode="after")
    def _work_bounded(self) -> "Scenario":
        """Each size is bounded on its own; their product, the engine's work, is bounded too (io/limits.py)."""
        f = self.forloeb
        slots = limits.schedule_slots(f.pr_fagteam_pr_aar, f.i_alt_pr_fagteam, f.laengde_aar, self.horizon_years)
        items = sum(len(getattr(self, c, None) or []) for c in ("etablering", "uddannelse", "drift",
                                                                 "sparede_omkostninger", "stillinger", "tilskud",
                                                                 "investeringer"))
        work = slots * (items + 1) * len(self.fagteams)
        if work > limits.MAX_EVALUATION_WORK:
            raise ValueError(f"{slots:,} forløb slots x {items:,} cost items x {len(self.fagteams)} fagteam kinds "
                             f"is {work:,} units of work for one evaluation, above the bound of "
                             f"{limits.MAX_EVALUATION_WORK:,}; fewer forløb per year or fewer items")
        runs = 1 + sum(len(s.rows) for s in self.sensitivity) + 2 * len(self.uncertainty)
        if work * runs > limits.MAX_SCENARIO_WORK:
            raise ValueError(f"{work:,} units of work per evaluation x {runs:,} evaluations (the scenario, its "
                             f"sensitivity rows and uncertainty ranges) is above the bound of "
                             f"{limits.MAX_SCENARIO_WORK:,}; fewer forløb per year, items or rows")
        return self

    @field_validator("sensitivity")
    @classmethod
    def _sweep_rows_bounded(cls, v: list) -> list:  # each row is a scenario validated and evaluated
        return limits.check_count(v, sum(len(spec.rows) for spec in v), limits.MAX_SWEEP_ROWS,
                                  "rows in the sensitivity tables")

    @field_validator("uncertainty", mode="before")
    @classmethod
    def _uncertain_bounded(cls, v):
        return limits.check_count(v, len(v) if isinstance(v, list) else 0, limits.MAX_UNCERTAIN,
                                  "entries in the uncertainty block")

    def _issue14_problems(self, team_names: set[str]) -> list[tuple[tuple, str]]:
        """Posts, sessions, and a forløb that does not fit the horizon (issue 14)."""
        problems: list[tuple[tuple, str]] = []
        f = self.forloeb
        if f.start_aar + f.laengde_aar > self.horizon_years + 1e-9:
            hint = ""
            if f.laengde_aar >= 1 and float(f.laengde_aar).is_integer():
                # A new user writes weeks or months here (trial/FINDINGS.md F12): name both readings.
                hint = (f"; laengde_aar is in years: {f.laengde_aar:g} weeks are {f.laengde_aar:g}/46 = "
                        f"{f.laengde_aar / 46:.3f} years, {f.laengde_aar:g} months are {f.laengde_aar:g}/12 = "
                        f"{f.laengde_aar / 12:.3f} years")
            if f.start_aar >= 1 and float(f.start_aar).is_integer():  # months written as years (F12)
                hint += (f"; start_aar is in years: {f.start_aar:g} months are {f.start_aar:g}/12 = "
                         f"{f.start_aar / 12:.3f} years")
            where = "start_aar + laengde_aar" if f.start_aar else "laengde_aar"
            problems.append((("forloeb", "laengde_aar"), f"one forløb ({where} = {f.start_aar + f.laengde_aar:g} "
                             f"years) is longer than the horizon of {self.horizon_years:g} years{hint}"))
        for category in ("etablering", "uddannelse", "drift", "sparede_omkostninger"):
            fixed = sum(it.sessioner for it in getattr(self, category)
                        if getattr(it, "sessioner", None) not in (None, "resten") and it.enabled)
            if fixed > f.sessioner_pr_forloeb + 1e-9:
                problems.append(((category,), f"items give sessioner adding up to {fixed:g}, more than the forløb's "
                                 f"sessioner_pr_forloeb ({f.sessioner_pr_forloeb:g})"))
        for i, post in enumerate(self.stillinger):
            where = ("stillinger", i)
            for t in post.teams or []:
                if t not in team_names:
                    problems.append((where + ("teams",), f"unknown fagteam {t!r}; known: {', '.join(sorted(team_names))}"))
            if not self._role_known(post.who, post.teams):
                problems.append((where + ("who",),
                                 f"unknown staff role {post.who!r}; known: {', '.join(sorted(self._all_roles()))}"))
            if post.start_aar >= self.horizon_years:
                problems.append((where + ("start_aar",), f"the post starts at year {post.start_aar:g}, at or after "
                                 f"the end of the horizon ({self.horizon_years:g} years)"))
        for i, grant in enumerate(self.tilskud):
            if len(grant.pr_aar) > math.ceil(self.horizon_years - 1e-9):
                problems.append((("tilskud", i, "pr_aar"), f"{len(grant.pr_aar)} years of amounts for a horizon of "
                                 f"{self.horizon_years:g} years"))
        for i, inv in enumerate(self.investeringer):
            if inv.aar >= self.horizon_years:
                problems.append((("investeringer", i, "aar"), f"bought in year {inv.aar:g}, at or after the end of "
                                 f"the horizon ({self.horizon_years:g} years)"))
        return problems

    def _role_size(self, role: str, teams: list[str] | None) -> int:
        """Persons of a role (the fewest among the chosen teams for a team role)."""
        sizes = [len(t.medarbejdere[role].groups()) for t in self.fagteams
                 if (teams is None or t.name in teams) and role in t.medarbejdere]
        if sizes:
            return min(sizes)
        return len(self.medarbejdere[role].groups()) if role in self.medarbejdere else 1

    @field_validator("uncertainty")
    @classmethod
    def _uncertainty_paths(cls, v: list, info: ValidationInfo) -> list:
        problems = path_problems(info.data, v, cls.model_fields)  # the fields above are validated by now
        if problems:
            raise FieldProblems(problems)
        return v

    def wage_groups(self) -> set[str]:
        """Every wage group a staff role of the scenario is paid at."""
        roles = [*self.medarbejdere.values(), *(r for t in self.fagteams for r in t.medarbejdere.values())]
        return {g for role in roles for g in role.groups()}

    def _all_roles(self) -> set[str]:
        roles = set(self.medarbejdere)
        for t in self.fagteams:
            roles |= set(t.medarbejdere)
        return roles

    def _role_known(self, role: str, teams: list[str] | None) -> bool:
        if role in self.medarbejdere:
            return True
        chosen = [t for t in self.fagteams if teams is None or t.name in teams]
        return bool(chosen) and all(role in t.medarbejdere for t in chosen)

    def items(self):
        """(category, index, item) for every enabled item."""
        for category in ("etablering", "uddannelse", "drift", "sparede_omkostninger"):
            for i, it in enumerate(getattr(self, category)):
                if it.enabled:
                    yield category, i, it
