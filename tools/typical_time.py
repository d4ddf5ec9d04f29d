"""Typical staff time, uddannelse and supervision from the shipped assessments; each value with its scenario and
source. Writes src/costmodel/prospective/typical_time.yaml (staff time: per session and facilitator, all-in, per
forløb, per deltager, per fagteam and year) and typical_training.yaml (uddannelse per trained medarbejder in kr.
and days, supervision hours per medarbejder and year, the supervisor per fagteam and year; the rule is
docs/derivations.md, D-typical-training). Both are used by `costmodel validate` and `costmodel new` and shown in
docs/egen_indsats.md.

    PYTHONPATH=src python tools/typical_time.py          # print the tables
    PYTHONPATH=src python tools/typical_time.py --write  # and write the data files

The five ex-post assessments of report 002 (scenarios/lovende_praksis_*.yaml) publish annual costs and their
shares, not staff hours, so no hours can be derived from them; they are listed as such. Their uddannelse enters
where the report prints it (Holstebro, from the published figures in costmodel/reproduction/data).
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import costmodel  # noqa: E402
from costmodel import kinds  # noqa: E402
from costmodel.prospective import typical_training  # noqa: E402
from costmodel.prospective.typical_time import DATA, METRICS, metrics  # noqa: E402
from costmodel.rates.price_index import PRICE_SERIES, restate  # noqa: E402

PUBLISHED_002 = ROOT / "src" / "costmodel" / "reproduction" / "data" / "published_figures_002.csv"
TRAINING_PRICE_YEAR = 2020  # report 000's price year: kroner in typical_training.yaml are in 2020 prices


def compute() -> dict:
    values: dict[str, list] = {k: [] for k in METRICS}
    not_derivable = []
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        scenario = costmodel.load(path)
        if not kinds.is_prospective(scenario):
            not_derivable.append({"scenario": f"scenarios/{path.name}", "reason": (
                "report 002 publishes annual costs and their shares, not staff hours")})
            continue
        source = f"{scenario.source.report}; {scenario.source.section or ''}".strip("; ")
        for key, value in metrics(scenario).items():
            if value is not None:
                values[key].append({"scenario": f"scenarios/{path.name}", "title": scenario.title,
                                    "value": round(value, 2), "source": source})
    return {
        "description": ("Staff hours in drift (whole horizon, undiscounted) of the shipped assessments, computed "
                        "by tools/typical_time.py from the scenarios; regenerate with --write."),
        "units": dict(METRICS),
        "values": values,
        "not_derivable": not_derivable,
    }


def holstebro_training() -> dict[str, dict]:
    """Uddannelse per trained medarbejder as report 002 prints it for Holstebro (9.5): total, fees and days; the
    2019 kroner restated to 2020 with the generel PL index (D-typical-training, step 2)."""
    rows = [r for r in csv.DictReader(PUBLISHED_002.open(encoding="utf-8"))
            if r["intervention"] == "spaedeindsats_holstebro" and r["row"] in ("base", "smaaboernskonsulent", "ems")]

    def one(row: str, measure: str) -> float:
        return next(float(r["value"]) for r in rows if r["row"] == row and r["measure"] == measure)

    year = int(one("base", "price_level_year"))
    factor = restate("uddannelse", PRICE_SERIES, year, TRAINING_PRICE_YEAR).factor
    trained = one("smaaboernskonsulent", "staff_trained")
    assert trained == one("ems", "staff_trained")  # the same four medarbejdere took both courses
    fees = one("smaaboernskonsulent", "course_price_per_person") + one("ems", "course_price_per_person")
    days = (trained * (one("smaaboernskonsulent", "course_days") + one("ems", "course_days"))
            + one("smaaboernskonsulent", "staff_taking_exam") * one("smaaboernskonsulent", "exam_days")) / trained
    where = (f"Rambøll (2020), rapport 002, 9.5 (Den intensive spædeindsats, Holstebro): {trained:.0f} medarbejdere "
             f"uddannet; 'ca. 486.000 kr.' i alt, kursusafgifter 48.975 + 6.000 kr. pr. medarbejder, 17 + 4 "
             f"kursusdage og 4 eksamensdage for 2 af de 4; {year}-priser x {factor:.4f} (generel PL) til "
             f"{TRAINING_PRICE_YEAR}")
    base = {"scenario": "scenarios/lovende_praksis_holstebro.yaml", "title": "Den intensive spædeindsats (Holstebro)",
            "source": where}
    return {
        "uddannelse_kr_pr_medarbejder": {**base, "value": round(one("base", "establishment_cost") / trained * factor, 2)},
        "uddannelse_udgifter_pr_medarbejder": {**base, "value": round(fees * factor, 2)},
        "uddannelse_dage_pr_medarbejder": {**base, "value": round(days, 2)},
    }


def compute_training() -> dict:
    """Typical uddannelse and supervision (typical_training.yaml): report 000's scenarios and report 002's print."""
    values: dict[str, list] = {k: [] for k in typical_training.METRICS}
    not_derivable = []
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        scenario = costmodel.load(path)
        if not kinds.is_prospective(scenario):
            continue
        assert scenario.price_year == TRAINING_PRICE_YEAR, path
        source = f"{scenario.source.report}; {scenario.source.section or ''}".strip("; ")
        for key, value in typical_training.metrics(scenario).items():
            if value is not None:
                values[key].append({"scenario": f"scenarios/{path.name}", "title": scenario.title,
                                    "value": round(value, 2), "source": source})
            elif key.startswith("supervision_timer"):
                not_derivable.append({"scenario": f"scenarios/{path.name}",
                                      "reason": "the assessment has no supervision lines"})
    for key, row in holstebro_training().items():
        values[key].append(row)
    for name in ("favrskov", "jammerbugt", "spydspidsen", "thisted"):
        not_derivable.append({"scenario": f"scenarios/lovende_praksis_{name}.yaml", "reason": (
            "report 002 prints no uddannelse amounts or supervision for this assessment")})
    not_derivable.append({"scenario": "scenarios/lovende_praksis_holstebro.yaml",
                          "reason": "report 002 prints no supervision for this assessment"})
    return {
        "description": ("Uddannelse per trained medarbejder and supervision of the shipped assessments, computed by "
                        "tools/typical_time.py (rule: docs/derivations.md, D-typical-training); kroner in "
                        f"{TRAINING_PRICE_YEAR} prices, undiscounted; regenerate with --write."),
        "price_year": TRAINING_PRICE_YEAR,
        "units": dict(typical_training.METRICS),
        "values": values,
        "not_derivable": not_derivable,
    }


def _write(path: Path, data: dict) -> None:
    path.write_text("# Generated by tools/typical_time.py; do not edit by hand.\n"
                    + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120), encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)}")


def main() -> None:
    data = compute()
    for key, label in METRICS.items():
        print(f"{label}:")
        for row in data["values"][key]:
            print(f"  {row['value']:8.1f}  {row['title']} ({row['scenario']})")
    for row in data["not_derivable"]:
        print(f"  -  {row['scenario']}: {row['reason']}")
    training = compute_training()
    for key, label in typical_training.METRICS.items():
        print(f"{label}:")
        for row in training["values"][key]:
            print(f"  {row['value']:10.2f}  {row['title']} ({row['scenario']})")
    for row in training["not_derivable"]:
        print(f"  -  {row['scenario']}: {row['reason']}")
    if "--write" in sys.argv:
        _write(DATA, data)
        _write(typical_training.DATA, training)


if __name__ == "__main__":
    main()
