"""The memo's small Danish (trial3 finding 10, review R2): "1 time", not "1 timer"; the break-even section names
as many assumptions as it shows ("den forudsætning", not "de tre" for one); the head names the wages it indexed
when others were not."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import costmodel
from costmodel.report.formatting import format_value
from tests.report.test_memo_trial import memo_of

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("value, unit, text", [(1, "timer", "1 time"), (1.0, "timer", "1 time"),
                                               (1.5, "timer", "1,5 timer"), (2, "timer", "2 timer"),
                                               (0.5, "timer", "0,5 timer"), (0, "timer", "0 timer"), (1, "år", "1 år")])
def test_hours_in_the_singular_for_one(value, unit, text):
    assert format_value(value, unit) == text


@pytest.mark.parametrize("keep, lead", [(1, "For den forudsætning, der betyder mest"),
                                        (2, "For de to forudsætninger, der betyder mest"),
                                        (3, "For de tre forudsætninger, der betyder mest")])
def test_break_even_names_as_many_assumptions_as_it_shows(tmp_path, keep, lead):
    data = yaml.safe_load((ROOT / "scenarios" / "aktivt_faellesskab.yaml").read_text(encoding="utf-8"))
    assert len(data["uncertainty"]) >= 3
    data["uncertainty"] = data["uncertainty"][:keep]
    data["rates"] = str(ROOT / "salary_tables" / "rates_2020.yaml")
    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    text = memo_of(costmodel.load(path))
    section = text.split("## Break-even", 1)[1].split("\n## ", 1)[0]
    assert lead in section
    assert section.count("\n- ") == keep



def test_memo_head_names_the_wages_indexed_when_some_are_not(tmp_path):
    """kommunale_satser has leder and socialrådgiver as 2019 values (indexed to later years with the løn index) and
    pædagog as a 2023 value (salary_tables/rates/kommunale_satser.yaml); in 2023 prices only the first two are
    indexed, and the head's "Lønninger omregnet fra 2019-priser" read as if all were (trial3 finding 10)."""
    data = yaml.safe_load((ROOT / "trial" / "bostoette.yaml").read_text(encoding="utf-8"))
    data["price_year"] = 2023
    data["medarbejdere"]["kontaktperson_85"]["wage_group"] = "paedagog"
    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    head = memo_of(costmodel.load(path)).split("## Sammenfatning", 1)[0]
    assert "- Lønninger (leder og socialrådgiver) omregnet fra 2019-priser til 2023-priser" in head, head


def test_memo_head_names_no_wages_when_all_are_indexed_alike():
    head = memo_of(costmodel.load(ROOT / "trial" / "bostoette.yaml")).split("## Sammenfatning", 1)[0]
    assert "- Lønninger omregnet fra 2019-priser til 2026-priser" in head, head
