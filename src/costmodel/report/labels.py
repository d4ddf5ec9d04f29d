"""The Danish vocabulary of every output for people (memo, workbook, Markdown, terminal tables, plots): one place.

Words chosen once and used everywhere: "simuleringer" (never "trækninger" or "træk"), "Break-even" (never
"Nulpunkt"), "deltagere" with their number ("8 deltagere", never "8 antal"), "1 person" / "2 personer"
(never "person(er)"), "2020-priser" (never "Prisår: 2020 (2020-priser)"). Machine output (JSON, CSV) keeps the
English keys; these are the words shown for them.
"""
from __future__ import annotations

from ..prospective.result import LABELS as _RESULT_LABELS

# ---- words
DRAWS = "simuleringer"
BREAKEVEN = "Break-even"
SEED_TEXT = "startværdi for tilfældige tal"  # what "seed" is called in a memo
PRICES = "{year}-priser"
# a range marked tool_assumption: true is the scenario author's own, not its source's (a user's own scenario too)
OWN_ASSUMPTION = "antagelse i scenariet, ikke fra kilden"

# ---- measures (the prospective result's own names, and the ex-post kind's)
MEASURES = {
    **_RESULT_LABELS,
    "cost_per_participant": "Omkostninger pr. deltager",
    "cost_per_participant_per_month": "Omkostninger pr. deltager pr. måned",
    "annual_cost": "Årlige driftsomkostninger",
}
SHORT_MEASURES = {
    "net_total": "Nettoomk. i alt",
    "net_per_participant": "Nettoomk. pr. deltager",
    "gross_total": "Bruttoomk. i alt",
    "gross_per_participant": "Bruttoomk. pr. deltager",
    "savings_total": "Sparede omk. i alt",
    "savings_per_participant": "Sparede omk. pr. deltager",
    "participants": "Deltagere i alt",
    "participants_discounted": "Deltagere, tilbagediskonteret",
}

CATEGORIES = {"etablering": "Etablering", "uddannelse": "Uddannelse", "drift": "Drift",
              "investering": "Investering i materiel", "sparede_omkostninger": "Sparede omkostninger"}
# Socialstyrelsen's Vejledning (2021) names the four cost categories so; our "etablering" is its "Forberedelse".
# The tables keep the reports' word "Etablering" (the reproduced reports print it); a memo says the mapping.
VEJLEDNING_CATEGORIES = {"etablering": "Forberedelse", "uddannelse": "Uddannelse", "drift": "Drift af indsats",
                         "investering": "Investering i materiel"}
RESIDUAL_VALUE = "Heraf restværdi (fradrag)"  # the restværdi of the investments, negative, in the last year
GRANTS_RECEIVED = "Tilskud modtaget"
GRANTS_PAID = "Tilskud betalt"
NET_AFTER_GRANTS = "Nettoomkostninger efter tilskud"
RETNING = {"modtaget": "modtaget", "betalt": "betalt"}

PER = {
    "once": "én gang", "team": "pr. fagteam (én gang)", "team_year": "pr. fagteam pr. år",
    "team_week": "pr. fagteam pr. arbejdsuge", "year": "pr. år", "forloeb": "pr. forløb",
    "session": "pr. gruppesession", "participant": "pr. deltager",
}

DISTRIBUTIONS = {"uniform": "ligefordeling", "triangular": "trekantfordeling", "pert": "PERT-fordeling",
                 "normal": "normalfordeling", "lognormal": "lognormalfordeling"}
DISTRIBUTION_SETTINGS = {"low": "lav", "mode": "typisk", "high": "høj", "mean": "middel", "sd": "std.afv.",
                         "shape": "form"}

# ---- column headers of the workbook and the Markdown export
COLUMNS = {
    # inputs
    "section": "Afsnit", "item": "Post", "value": "Værdi", "unit": "Enhed", "per": "Pr.", "who": "Hvem",
    "wage_group": "Lønkategori", "detail": "Detaljer", "source": "Kilde",
    # results
    "measure": "Mål", "label": "Betegnelse", "category": "Kategori", "total": "I alt (kr.)",
    "per_participant": "Pr. deltager (kr.)",
    # cost lines
    "item_id": "Post-id", "team": "Fagteam", "kind": "Type", "year": "År (0 = første)", "quantity": "Antal",
    "hours": "Timer", "unit_kr": "Enhedspris (kr.)", "kroner": "Kroner (udiskonteret)",
    "discount_factor": "Diskonteringsfaktor", "nnv": "NNV (kr.)",
    # sweep and analyses
    "row": "Nøgle", "net_total": "Nettoomk. i alt", "net_per_participant": "Nettoomk. pr. deltager",
    "gross_total": "Bruttoomk. i alt", "gross_per_participant": "Bruttoomk. pr. deltager",
    "parameter": "Parameter", "base_value": "Basisværdi", "low_value": "Lav værdi", "high_value": "Høj værdi",
    "result_low": "Resultat ved lav", "result_high": "Resultat ved høj", "base_result": "Basisresultat",
    "swing": "Udsving", "change": "Ændring", "result": "Resultat", "x_value": "x", "y_value": "y",
    "mean": "Gennemsnit", "sd": "Standardafvigelse", "p2_5": "2,5 pct.", "p5": "5 pct.", "p50": "Median",
    "p95": "95 pct.", "p97_5": "97,5 pct.", "low": "Fra", "high": "Til", "found": "Fundet", "message": "Svar",
    "whole_value": "Første hele værdi",
    # business case (by year, by payer, payback, SØM)
    "participants": "Deltagere", "cost": "Omkostninger", "savings": "Sparede omkostninger", "net": "Netto",
    "cost_nnv": "Omkostninger (NNV)", "savings_nnv": "Sparede omkostninger (NNV)", "net_nnv": "Netto (NNV)",
    "net_cumulative": "Netto, akkumuleret", "net_nnv_cumulative": "Netto (NNV), akkumuleret",
    "investment": "Heraf investering i materiel", "residual_value": "Heraf restværdi", "grants": "Tilskud",
    "grants_nnv": "Tilskud (NNV)", "net_after_grants": "Netto efter tilskud",
    "net_after_grants_nnv": "Netto efter tilskud (NNV)",
    "payer": "Betaler", "udvalg": "Udvalg", "budget_area": "Bevillingsområde", "line": "Post",
    "net_nominal": "Netto (ikke tilbagediskonteret)", "budget_line": "Post (betaler)", "years": "År til tilbagebetaling",
    "budget_year": "Budgetår", "annual_cost": "Årlige omkostninger", "cost_per_participant": "Omkostninger pr. deltager", "price_year": "Prisår",
    # ex-post cost lines and sensitivity tables
    "activity": "Aktivitet", "staff_group": "Personalegruppe", "hourly_rate": "Timeløn (kr.)",
    "period_hours": "Timer i perioden", "period_kroner": "Kroner i perioden",
    "wage_change": "Ændring i lønomkostninger", "participants_per_year": "Deltagere pr. år",
    "participants_per_course": "Deltagere pr. forløb", "cost_per_course": "Omkostninger pr. forløb",
    "cost_per_participant_per_month": "Omkostninger pr. deltager pr. måned",
    "cost_per_participant_udskrevet": "Omkostninger pr. udskrevet",
}

# ---- the ex-post inputs' sections (the YAML's top-level keys) as the workbook's Afsnit column shows them
INPUT_SECTIONS = {"deltagere": "Deltagere", "forloeb": "Forløb", "drift": "Drift", "etablering": "Etablering",
                  "registreringer": "Registreringer", "variants": "Varianter", "sensitivity": "Følsomhed",
                  "extra_denominators": "Andre nævnere"}

# ---- payers and budget areas (result.by_payer)
PAYERS = {"kommune": "Kommune", "region": "Region", "stat": "Stat", "i alt": "I alt"}
BUDGET_AREAS = {"service": "Service", "overfoersler": "Overførsler", "anlaeg": "Anlæg"}

# ---- rate tables, indices and discount rules (names of the data files, in words for a memo)
INDICES = {"fm_pl": "Finansministeriets pris- og lønindeks"}
INDEX_SERIES = {"loen": "løn", "generel_pl": "generel pris- og lønudvikling", "forbrugerpriser": "forbrugerpriser"}
DISCOUNT_RULES = {"fm_2013": "Finansministeriets diskonteringsrente fra 2013",
                  "fm_2021": "Finansministeriets diskonteringsrente fra 2021"}


def payer(name: str) -> str:
    """A payer as a table shows it ('kommune' -> 'Kommune'; a named payer as written)."""
    return PAYERS.get(name, name)


def budget_area(name: str) -> str:
    """A budget area in words ('overfoersler' -> 'Overførsler')."""
    return BUDGET_AREAS.get(name, name)


def prices(year: int) -> str:
    """'2020-priser' (never 'Prisår: 2020 (2020-priser)')."""
    return PRICES.format(year=year)


def persons(n: float) -> str:
    """'1 person', '2 personer'."""
    from .formatting import format_number

    text = format_number(n, 0 if float(n).is_integer() else 1)
    return f"{text} person" if n == 1 else f"{text} personer"


def count(n: float, singular: str, plural: str) -> str:
    """A count with its word in the right number: '1 fagteam', '3 fagteams' (n [antal])."""
    from .formatting import format_number

    text = format_number(n, 0 if float(n).is_integer() else 1)
    return f"{text} {singular if n == 1 else plural}"


def years(n: float) -> str:
    """'3 år', '2,5 år' (n [years])."""
    return count(n, "år", "år")


def payback_text(years_: float | None, label: str = "") -> str:
    """'inden for første år', 'i år 2 (2027)', 'ikke inden for tidshorisonten'."""
    import math

    if years_ is None or (isinstance(years_, float) and math.isnan(years_)):
        return "ikke inden for tidshorisonten"
    n = int(years_)
    when = "inden for første år" if n == 1 else f"i {n}. år"
    return f"{when} ({label})" if label and not label.startswith("År ") else when
