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
    "grants_total": "Tilskud (modtaget negativt)",
    "net_after_grants_total": "Nettoomk. efter tilskud i alt",
    "net_after_grants_per_participant": "Nettoomk. efter tilskud pr. deltager",
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

NO_PAYBACK = "ingen inden for horisonten"  # the payback table's budget year where cumulative net stays above 0

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
    "net_at_horizon": "Akkumuleret netto ved horisonten (ikke tilbagediskonteret)",
    "net_after_grants_at_horizon": "Akkumuleret netto efter tilskud ved horisonten (ikke tilbagediskonteret)",
    "budget_year": "Budgetår", "annual_cost": "Årlige omkostninger", "cost_per_participant": "Omkostninger pr. deltager", "price_year": "Prisår",
    "completers": "Gennemførte deltagere", "cost_per_completer": "Omkostninger pr. gennemført deltager",
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
PAYERS = {"kommune": "Kommune", "region": "Region", "stat": "Stat", "i alt": "I alt", "tilskud": "Tilskud",
          "i alt efter tilskud": "I alt efter tilskud"}
BUDGET_AREAS = {"service": "Service", "overfoersler": "Overførsler", "anlaeg": "Anlæg"}

# ---- rate tables, indices and discount rules (names of the data files, in words for a memo)
INDICES = {"fm_pl": "Finansministeriets pris- og lønindeks"}
INDEX_SERIES = {"loen": "løn", "generel_pl": "generel pris- og lønudvikling", "forbrugerpriser": "forbrugerpriser"}
DISCOUNT_RULES = {"fm_2013": "Finansministeriets diskonteringsrente fra 2013",
                  "fm_2021": "Finansministeriets diskonteringsrente fra 2021"}


def payer(name: str) -> str:
    """A payer as a table shows it ('kommune' -> 'Kommune'; a named payer as written)."""
    return PAYERS.get(name, name)


INVESTMENT_TYPES = {"licens": "licens", "it_udstyr": "it-udstyr", "bil": "bil", "inventar": "inventar",
                    "installation": "installation", "bygning": "bygning"}


def investment_type(key: str | None) -> str:
    """An investment's type in words ('it_udstyr' -> 'it-udstyr'), for the lifetime it sets by default."""
    return INVESTMENT_TYPES.get(key or "", str(key or "").replace("_", " "))


def payer_in_sentence(name: str) -> str:
    """A payer inside a sentence: 'kommunen betaler', 'regionen', 'staten'; a named payer as written."""
    return {"kommune": "kommunen", "region": "regionen", "stat": "staten"}.get(name, name)


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


MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
          "november", "december")


def month(key: str) -> str:
    """'2025-03' -> 'marts 2025' (a registration month in words); anything else as written, never an error."""
    year, _, m = str(key).partition("-")
    if not (year.isdigit() and len(year) == 4 and m.isdigit() and 1 <= int(m) <= 12):
        return str(key)
    return f"{MONTHS[int(m) - 1]} {year}"


def _noun_plural(word: str) -> str | None:
    """A Danish staff noun in the plural ('socialrådgiver' -> 'socialrådgivere', 'pædagog' -> 'pædagoger',
    'sygeplejerske' -> 'sygeplejersker'); None where no simple rule holds (a vowel ending other than -e)."""
    low = word.lower()
    if low.endswith(("er", "ig")):
        return word + "e"
    if low.endswith("e"):
        return word + "r"
    if low[-1:].isalpha() and low[-1] not in "aiouyæøå":
        return word + "er"
    return None


def _plural(label: str) -> str | None:
    """A role's label in the plural, or None if it is not a noun a rule can bend: the part before a parenthesis
    ('Psykolog (kommunalt ansat)' -> 'Psykologer (kommunalt ansat)'), each side of a ' / ', and only a last word
    whose other words are joined compounds ('Social- og sundhedsassistent'), never an adjective before it
    ('Administrativ medarbejder' would need 'administrative')."""
    head, bracket, tail = label.partition(" (")
    parts = []
    for part in head.split(" / "):
        words = part.split(" ")
        if any(not (w.endswith("-") or w == "og") for w in words[:-1]):
            return None
        last = _noun_plural(words[-1])
        if last is None:
            return None
        parts.append(" ".join(words[:-1] + [last]))
    return " / ".join(parts) + bracket + tail


def _lower_first(text: str) -> str:
    """'Socialrådgiver' -> 'socialrådgiver' inside a sentence; 'SOSU-assistent' and 'HK' stay."""
    return text[:1].lower() + text[1:] if text[:2].istitle() or (len(text) == 1) else text


def role_plural(label: str, n: float) -> str:
    """A role's label in a sentence, in the plural for more than one: 'socialrådgivere', 'leder' (n [årsværk or
    persons]); a label no rule can bend keeps its wording."""
    return _lower_first((_plural(label) or label) if n > 1 else label)


def staff(n: float, label: str) -> str:
    """Staff of one kind in a sentence, by the role's label (never its key): '3 socialrådgivere', '1 leder'; a
    label no rule can bend keeps its wording: '2 personer: socialpædagogisk vejleder (sygeplejerske)' (n [persons])."""
    from .formatting import format_number

    text = format_number(n, 0 if float(n).is_integer() else 1)
    if n == 1:
        return f"{text} {_lower_first(label)}"
    many = _plural(label)
    return f"{text} {_lower_first(many)}" if many else f"{persons(n)}: {_lower_first(label)}"


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
