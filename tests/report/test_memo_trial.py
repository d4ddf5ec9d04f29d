"""The memo findings of helper D's new-user trial (trial/FINDINGS.md C3, C4, C7, C8, C9, C16): what a committee
reads about an own scenario. Expected figures are the trial's own hand checks and `costmodel run` output as
FINDINGS.md records them (bostoette.yaml: 2.076.100 kr. net NNV, 213,1 deltagere discounted, 85 pct. complete,
net per gennemført deltager 11.500 kr., after grants 1.289.600 kr. and 6.100 kr. pr. deltager; 60 forløb of 6
months = caseload 12 pr. årsværk × 2,5 årsværk; expost_projekt.yaml: socialrådgiver 441,17 kr./h, pædagog
426,67 kr./h, registrations January-October 2025), not read from the code under test."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

import costmodel
from costmodel import kinds
from costmodel.report import labels, memo
from costmodel.report.memo_facts import find
from costmodel.report.memo_layout import Canvas, layout

ROOT = Path(__file__).resolve().parents[2]
TRIAL = ROOT / "trial"


class NoPlots(Canvas):
    def plot(self, name, fn, *args, **kw):
        return name


def memo_of(scenario) -> str:
    title, blocks = layout(find(scenario, draws=200), NoPlots(Path(".")), "regneark.xlsx")
    return memo.to_markdown(blocks)


# SPREAD (trial2 finding 3): bostoette.yaml saves 3 h § 85 støtte a week (weeks: forloeb) per borger in 6-month
# forløb, 60 a year from 0,25: 16 start by 0,5 and end in 2026, 29 start at 0,25 + j/60 (j = 16..44) and run
# 0,75 - j/60 years in 2026 (7,25 in all), so 2026 holds 15,25 of the 30 forløb-years of a whole year: 15,25/30 ×
# 1.780.439 = 905.056 kr. (was 1.335.329, 45 forløb × 0,5); afkortede_forloeb: alle puts the cut forløb's rest in
# 2029: the undiscounted total stays 6.676.646 kr. and 430.273 × (1 - 1/1,035³) = 42.200 kr. less savings NNV.


@pytest.fixture(scope="module")
def bostoette() -> str:
    return memo_of(costmodel.load(TRIAL / "bostoette.yaml"))


def summary(text: str) -> str:
    return text.split("## Sammenfatning", 1)[1].split("\n## ", 1)[0]


def buys(text: str) -> str:
    return re.search(r"^Hvad pengene køber: .*$", text, re.M).group(0)


# ---- C4: per gennemført deltager, as Socialstyrelsen publishes it


def test_headline_states_the_net_per_completing_deltager(bostoette):
    # 2.118.300 / (213,1 × 0,85) = 11.697 -> 11.700 kr.; after grants 1.331.800 / 181,1 = 7.354 -> 7.400 kr.
    # (the trial's run said 11.500 and 7.100 kr. when weeks: forloeb put each 6-month forløb's saving in its
    # start year; spread over the years it runs, see SPREAD below, 42.200 kr. of savings NNV move out)
    assert ("**Nettoomkostninger pr. gennemført deltager: 11.700 kr.; efter tilskud: 7.400 kr. (85 pct. "
            "gennemfører)**") in summary(bostoette)


def test_category_table_has_a_per_completer_column_whose_net_is_the_results(bostoette):
    result = costmodel.evaluate(costmodel.load(TRIAL / "bostoette.yaml"))
    from costmodel.report.memo_layout import kr

    assert "|   | I alt | Pr. deltager | Pr. gennemført deltager |" in bostoette
    assert f"| Nettoomkostninger | 2.118.300 kr. | 9.900 kr. | {kr(result['net_per_completer'])} |" in bostoette
    assert kr(result["net_per_completer"]) == "11.700 kr."  # the trial's `run` figure 11.500 kr., less SPREAD
    # gross per completer: 8.399.600 / 181,1 = 46.380 -> 46.400 kr. (FINDINGS.md: brutto 46.400)
    assert "| Bruttoomkostninger | 8.399.600 kr. | 39.400 kr. | 46.400 kr. |" in bostoette


def test_no_completer_figures_without_a_completion_share():
    text = memo_of(costmodel.load(ROOT / "scenarios" / "aktivt_faellesskab.yaml"))
    assert "gennemført" not in text


# ---- C7: caseload and the full-time posts


def test_individual_forloeb_are_described_as_borgere_at_a_time_and_caseload(bostoette):
    text = buys(bostoette)
    # 60 forløb a year × 0,5 years = 30 borgere at a time; over 2,5 årsværk = caseload 12 (the trial's intent)
    assert "30 borgere ad gangen (caseload 12 pr. årsværk) i individuelle forløb på 6 måneder" in text
    assert "1 deltager pr. forløb" not in text


def test_posts_are_listed_with_their_aarsvaerk_including_the_leder(bostoette):
    text = buys(bostoette)
    # the opstart post (3 months) and the drift post after it are one 2,5-årsværk post, not 5
    assert "Stillinger (nettonutidsværdi): socialrådgivere 2,5 årsværk (" in text
    assert "; leder 0,5 årsværk (" in text
    assert "Største andre driftsposter" in text and "Socialrådgivere (" not in text  # posts not listed twice


def test_group_forloeb_keep_their_sessions_and_no_caseload():
    text = buys(memo_of(costmodel.load(ROOT / "scenarios" / "aktivt_faellesskab.yaml")))
    assert "3 fagteams med hver 2 socialpædagoger, der kører 3 forløb pr. fagteam om året (10 deltagere pr. forløb" in text
    assert "ad gangen" not in text and "Stillinger" not in text


# ---- C9: role labels, never keys


@pytest.mark.parametrize("n, label, expected", [
    (3, "Socialrådgiver", "3 socialrådgivere"), (1, "Leder", "1 leder"), (2, "Pædagog", "2 pædagoger"),
    (2, "Sygeplejerske", "2 sygeplejersker"), (2, "Psykolog (kommunalt ansat)", "2 psykologer (kommunalt ansat)"),
    (2, "Social- og sundhedsassistent (SOSU-assistent)", "2 social- og sundhedsassistenter (SOSU-assistent)"),
    # an adjective before the noun cannot be bent by a suffix rule: the label is kept as written
    (2, "Administrativ medarbejder (HK)", "2 personer: administrativ medarbejder (HK)"),
])
def test_staff_in_a_sentence(n, label, expected):
    assert labels.staff(n, label) == expected


@pytest.mark.parametrize("path", [TRIAL / "bostoette.yaml", *sorted((ROOT / "scenarios").glob("*.yaml"))],
                         ids=lambda p: p.stem)
def test_what_the_money_buys_names_no_role_key(path):
    scenario = costmodel.load(path)
    if kinds.is_expost(scenario):
        pytest.skip("ex post has no staff roles")
    roles = {**scenario.medarbejdere, **{k: r for t in scenario.fagteams for k, r in t.medarbejdere.items()}}
    groups = costmodel.evaluate(scenario).rates.wage_groups
    # a key that is also a word of its role's label ('leder', 'vejleder') may be said; 'socialraadgiver',
    # 'gruppefacilitator' (a socialpædagog), 'kontaktperson_85' may not
    keys = {k for k, r in roles.items()
            if k not in " ".join([r.label or ""] + [groups[g].label for g in r.groups() if g in groups]).lower()}
    text = buys(memo_of(scenario))
    assert " × " not in text
    found = [k for k in keys if re.search(rf"\b{re.escape(k)}\b", text)]
    assert found == [], text


def test_bostoette_staff_line(bostoette):
    assert buys(bostoette).startswith("Hvad pengene køber: 1 fagteam med 3 socialrådgivere, der har 30 borgere")
    assert "socialraadgiver" not in bostoette


# ---- C8: only the indexations the scenario uses; the Word summary on one page


def test_head_lists_only_the_indexation_of_values_used(bostoette):
    head = bostoette.split("## Sammenfatning", 1)[0]
    # bostoette uses socialrådgiver, leder and socialpædagog (all KRL 2019 values) and no travel
    assert ("- Lønninger omregnet fra 2019-priser til 2026-priser med Finansministeriets pris- og lønindeks (løn), "
            "faktor 1,1926; 2024, 2025, 2026 er skøn") in head
    assert "2023-priser" not in head and "Rejsesatser" not in head
    assert head.count("omregnet") == 1


def test_head_lists_the_travel_indexations_when_a_course_has_travel(tmp_path):
    text = (TRIAL / "bostoette.yaml").read_text(encoding="utf-8").replace("overnight_stays: 0", "overnight_stays: 1")
    path = tmp_path / "bostoette.yaml"
    path.write_text(text, encoding="utf-8")
    head = memo_of(costmodel.load(path)).split("## Sammenfatning", 1)[0]
    # hotel: the 2021 ceiling (generel PL 2021 -> 2026); per diem: the 2019 rate (one day per overnight stay)
    assert "- Rejsesatser (overnatning) omregnet fra 2021-priser til 2026-priser" in head
    assert "- Rejsesatser (timedagpenge) omregnet fra 2019-priser til 2026-priser" in head


@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")), reason="LibreOffice not installed")
def test_word_summary_fits_on_its_first_page(tmp_path):
    out = memo.write_memo(costmodel.load(TRIAL / "bostoette.yaml"), tmp_path / "notat", fmt="docx", draws=200)
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
                   check=True, capture_output=True, timeout=180)
    first = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(tmp_path / "notat.pdf"), "-"],
                           check=True, capture_output=True, text=True).stdout
    second = subprocess.run(["pdftotext", "-f", "2", "-l", "2", str(tmp_path / "notat.pdf"), "-"],
                            check=True, capture_output=True, text=True).stdout
    assert "Tilbagebetalingstid" in first  # the summary's last paragraph
    assert second.lstrip().startswith("Resultat i nettonutidsværdi")  # page 2 begins the detail


# ---- C3: the grant in the memo (helper A's result API)


def test_grant_in_headline_year_table_and_payback(bostoette):
    s = summary(bostoette)
    # 2.118.300 / 213,1 = 9.940 -> 9.900 kr.; 1.331.800 / 213,1 = 6.250 -> 6.200 kr. (6.249,6)
    assert "**Nettoomkostninger pr. deltager: 9.900 kr.; efter tilskud: 6.200 kr.**" in s
    # 2026's saving by SPREAD: 905.100 kr.; 2.268.600 - 905.100 - 400.000 = 963.500 (963.600 unrounded)
    assert "| 2026 | 2.268.600 kr. | -905.100 kr. | -400.000 kr. | 963.600 kr. | 963.600 kr. |" in s
    # three verbs joined as Danish joins them: "betaler a, sparer b og modtager c" (review R2)
    assert ("kommunen betaler 8.399.600 kr., sparer 6.281.300 kr. og modtager tilskud på 786.500 kr. "
            "(netto 1.331.800 kr.)") in s
    assert "(ikke tilbagediskonteret, efter tilskud)" in s


# ---- C16: the ex-post memo


@pytest.fixture(scope="module")
def expost() -> str:
    return memo_of(costmodel.load(TRIAL / "expost_projekt.yaml"))


def test_expost_memo_names_wage_table_rates_and_period(expost):
    assert "- Registreringer: januar til oktober 2025 (10 måneder), omregnet til et år" in expost
    assert ("- Lønninger: lønfilen vores_loen_2025 (2025-priser); timeløn inkl. overhead: pædagog 426,67 kr.; "
            "socialrådgiver 441,17 kr.") in expost


def test_expost_memo_has_no_empty_source_and_no_budget_year_promise(expost):
    assert "(kilde: )" not in expost
    assert "- Deltagere pr. år: 14\n" in expost
    workbook = expost.split("## Regneark", 1)[1]
    assert "pr. betaler" not in workbook and "pr. år" not in workbook


def test_who_pays_names_the_giver_of_a_grant():
    text = summary(memo_of(costmodel.load(ROOT / "examples" / "investering_og_tilskud.yaml")))
    # 100.000 kr. in year 1 and 100.000 / 1,035 in year 2: 196.618 -> 196.600 kr. NNV, from the grant's modpart
    assert ("kommunen betaler 494.800 kr. og modtager tilskud på 196.600 kr. fra Puljen for sociale "
            "investeringer") in text
    assert "modtaget af kommunen (Socialudvalget)" in text


@pytest.mark.parametrize("grant, expected", [
    # 2.500.000 kr. in 2026 against 1.363.500 + 404.100 + 404.100 - 14.200 kr. net (by year before grants: the
    # trial's 933.300 + 404.100 + 404.100 + 416.100 kr. with SPREAD's 430.300 kr. of saving moved from 2026 to
    # 2029): cumulative net after grants -1.136.500, -732.400, -328.400, -342.600 kr.: negative from 2026 to the
    # horizon; without the grant the intervention never pays back within 4 years (trial F3)
    (2_500_000, "Tilbagebetalingstid: indsatsen har tjent sig hjem inden for første år (2026)"),
    # 1.500.000 kr.: -136.500 kr. at the end of 2026 but +267.600 kr. in 2027 and +657.400 kr. at the horizon: a
    # dip is not a payback (trial2 finding 1, where the memo said "inden for første år" above a positive total)
    (1_500_000, "Tilbagebetalingstid: indsatsen tjener sig ikke hjem inden for tidshorisonten på 4 år"),
])
def test_payback_counts_the_grant(tmp_path, grant, expected):
    text = (TRIAL / "bostoette.yaml").read_text(encoding="utf-8").replace("pr_aar: [400000, 400000]",
                                                                         f"pr_aar: [{grant}]")
    path = tmp_path / "bostoette.yaml"
    path.write_text(text, encoding="utf-8")
    s = summary(memo_of(costmodel.load(path)))
    assert expected in s
    assert "(ikke tilbagediskonteret, efter tilskud)" in s
    dip = "De akkumulerede sparede omkostninger oversteg omkostningerne i 2026, men ikke til tidshorisontens slut."
    assert (dip in s) == (grant == 1_500_000)


@pytest.mark.parametrize("key, words", [("2025-03", "marts 2025"), ("2019-12", "december 2019"),
                                        ("marts", "marts"), ("2025-13", "2025-13")])
def test_month_in_words(key, words):
    assert labels.month(key) == words


# ---- trial2 finding 6: the memo's analyses on the measure asked for, and said so


TRIAL2 = ROOT / "trial2"


def _section(text: str, head: str) -> str:
    start = text.index(head)
    end = text.find("\n## ", start + len(head))
    return text[start:] if end < 0 else text[start:end]


def test_memo_with_a_grant_says_its_analyses_are_before_grants_and_leaves_out_a_bar_of_no_width():
    text = memo_of(costmodel.load(TRIAL2 / "hf_icm.yaml"))
    tornado = _section(text, "## Hvilke forudsætninger betyder mest")
    assert "regner på nettoomkostninger pr. deltager før tilskud" in tornado
    # the completion share divides per-completer figures only: no effect per deltager, named instead of an empty bar
    assert "Uden betydning for nettoomkostninger pr. deltager og derfor ikke vist: gennemførelsesandel." in tornado
    breakeven = _section(text, "## Break-even")
    assert "gennemførelsesandel" not in breakeven


def test_memo_analyses_on_net_after_grants_per_completer():
    from costmodel.report.memo_facts import find

    facts = find(costmodel.load(TRIAL2 / "hf_icm.yaml"), draws=200, measure="net_after_grants_per_completer")
    assert facts.found.tornado.measure == "net_after_grants_per_completer"
    # the trial's `costmodel tornado ... --measure net_after_grants_per_completer`: § 85 hours swing 70.500 kr.,
    # the completion share 14.800 kr. (a bar now, per completer)
    bars = facts.found.tornado.frame.set_index("parameter")["swing"]
    assert bars["sparede_omkostninger.sparet85.hours_per_week"] == pytest.approx(70_500, abs=50)
    assert bars["forloeb.gennemfoerelsesandel"] == pytest.approx(14_800, abs=50)
    assert all(b.measure == "net_after_grants_total" for b in facts.found.breakevens)
    title, blocks = layout(facts, NoPlots(Path(".")), "regneark.xlsx")
    text = memo.to_markdown(blocks)
    assert "Følsomhedsanalyserne nedenfor regner på nettoomkostninger efter tilskud pr. gennemført deltager." in text
    assert "den værdi, hvor nettoomkostninger efter tilskud i alt er 0 kr." in text
    assert "| Nettoomkostninger efter tilskud pr. gennemført deltager | " in _section(text, "## Probabilistisk")


def test_report_measure_is_checked_against_the_scenario(tmp_path):
    from typer.testing import CliRunner

    from costmodel.cli import app

    out = CliRunner().invoke(app, ["report", str(ROOT / "scenarios/aktivt_faellesskab.yaml"), "-o",
                                   str(tmp_path / "m"), "--measure", "net_after_grants_total", "--draws", "100"])
    assert out.exit_code == 2 and "aktivt_faellesskab.yaml: measure 'net_after_grants_total'" in out.output
    assert not (tmp_path / "m").exists()


def test_year_section_says_the_residual_value_is_undiscounted():
    # examples/investering_og_tilskud.yaml: 120.000 kr. lasting 10 years bought in year 1 keeps 6/10 after 4 years
    # (72.000 kr.), the 15.000 kr. licence (3 years) bought again in year 4 keeps 2/3 (10.000 kr.): 82.000 kr.
    # undiscounted; the result section's restværdi is its NNV (82.000 / 1,035^3 = 73.959 -> -74.000 kr.), so the
    # year section must say which of the two it shows (review R2)
    text = memo_of(costmodel.load(ROOT / "examples" / "investering_og_tilskud.yaml"))
    assert "restværdien (-82.000 kr., ikke tilbagediskonteret) er trukket fra i 2029" in text
    assert "restværdien (-74.000 kr.)" in text
