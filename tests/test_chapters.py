"""The chapters' frames for the sample years, checked against the count tables they must agree with."""

import pandas as pd
import pytest

from pipeline.analysis import coverage, history, taxonomy
from pipeline.analysis.tables import wide
from pipeline.config import domain_order
from pipeline.report import chapters, evaluation
from pipeline.study import open_study


@pytest.fixture(scope="module", params=[2022, 2023, 2024])
def study(request):
    return open_study(request.param)


def netto(study, year) -> int:
    return int(wide(study.tables_of(year), "T1").loc["netto", "aantal"])


def test_fates_exist_only_with_a_previous_plan(study):
    assert (study.fates is None) == (study.year == 2022)


def test_the_fates_of_running_actions_add_up_to_the_previous_net_count(study):
    if study.fates is None:
        pytest.skip("no previous plan")
    counts = chapters.fate_counts(study.fates)
    assert list(counts.index) == history.FATES
    assert counts.sum() == netto(study, study.year - 1)


def test_completion_keeps_the_report_order_and_counts_every_running_action_once_per_domain(study):
    if study.fates is None:
        pytest.skip("no previous plan")
    rates = chapters.completion(study.fates, "domein", domain_order(study.year))
    order = domain_order(study.year)
    assert [order.index(code) for code in rates.index] == sorted(order.index(code) for code in rates.index)
    running = study.fates[study.fates["voor"] == "lopend"]
    assert rates["lopend_vorig"].sum() == running["domeinen"].map(len).sum()
    assert ((rates["aandeel_afgerond"] >= 0) & (rates["aandeel_afgerond"] <= 1)).all()


def test_the_central_trend_agrees_with_t1_and_t5_of_every_plan(study):
    trend = chapters.central_trend(study.plans)
    overall = trend[trend["groep"] == "alle"].set_index("plan")
    for year in study.plans:
        assert overall.loc[year, "totaal"] == netto(study, year)
        assert overall.loc[year, "centraal"] == wide(study.tables_of(year), "T5").loc["totaal", "centraal_totaal"]


def test_the_serv_quoted_share_for_the_2022_actions_is_what_the_2023_plan_gives(study):
    claims = evaluation.published_claims()["central_share"]
    if 2023 not in study.plans:
        assert chapters.claim_sentences(study) == [study.t("execution.claim_missing")]
        return
    shares = history.central_share(study.plans[2023], 2023).set_index("groep")
    assert round(shares.loc["2022", "aandeel"] * 100) == claims[2022]


def test_reconciliation_lists_each_published_cell_that_does_not_hold(study):
    frame = study.reconciliation
    if study.year < 2023:
        assert frame is None
        return
    assert list(frame.columns) == ["tabel", "rij", "kolom", "gepubliceerd", "berekend", "regel"]
    assert (frame["gepubliceerd"] != frame["berekend"]).all()
    assert {"T2", "T5"} == set(frame["tabel"])
    assert (frame[frame["tabel"] == "T2"]["regel"] != "").all()


def test_strategic_shares_of_this_year_are_t4s(study):
    t4 = wide(study.tables, "T4")
    expected = t4.loc["strategisch"] / (t4.loc["strategisch"] + t4.loc["operationeel"]).where(lambda v: v > 0)
    shares = chapters.strategic_by_domain(study)[study.year]
    for code in shares.index:
        assert shares[code] == pytest.approx(expected.fillna(0.0).get(code, 0.0))
    assert list(chapters.strategic_by_theme(study).columns) == chapters.compared_years(study)


def test_domain_counts_of_this_year_are_t2s_gross_row(study):
    counts = chapters.domain_counts(study)
    bruto = wide(study.tables, "T2").loc["bruto"].drop("Totaal")
    assert counts[study.year].to_dict() == bruto.reindex(domain_order(study.year)).to_dict()
    assert list(counts.columns) == sorted(study.plans)


def test_gaps_are_the_entries_at_or_under_the_threshold(study):
    threshold = taxonomy.taxonomy()["gap_threshold"]
    gaps = chapters.gaps(study.tags, threshold)
    for dimension in chapters.GAP_DIMENSIONS:
        counts = coverage.counts(study.tags, dimension)
        listed = gaps[gaps["dimensie"] == dimension].set_index("onderdeel")["acties"]
        assert listed.to_dict() == counts[counts <= threshold].to_dict()


def test_the_count_table_object_keeps_the_keyed_grid(study):
    table = study.count_table("T5")
    assert table.data.equals(wide(study.tables, "T5"))
    shown = table.shown()
    assert shown.index[0] != table.data.index[0] and shown.to_numpy().tolist() == table.data.to_numpy().tolist()


def test_actions_behind_each_entry_match_the_tag_counts(study):
    for dimension in taxonomy.taxonomy()["dimensions"]:
        behind = chapters.actions_behind(study.tags, dimension).set_index("onderdeel")
        assert behind["acties"].to_dict() == coverage.counts(study.tags, dimension).to_dict()


def test_strategic_share_is_zero_where_no_action_has_a_nature():
    t4 = pd.DataFrame({"A": [2, 2, 1], "B": [0, 0, 4]}, index=["strategisch", "operationeel", "onbepaald"])
    assert chapters.strategic_share(t4).to_dict() == {"A": 0.5, "B": 0.0}


def test_share_text_survives_an_empty_group():
    assert chapters.share_text(0, 0) == "– (0/0)" and chapters.share_text(1, 4) == "25% (1/4)"


def test_empty_objectives_names_the_missing_ones_per_domain():
    grid = pd.DataFrame({"OMG": [1, 0], "MOW": [2, 3]}, index=["kwaliteit", "vindbaarheid"])
    assert chapters.empty_objectives(grid) == {"OMG": ["vindbaarheid"]}


def test_domain_codes_in_text_columns_are_spelled_as_in_the_tables(study):
    texts = pd.Series(["DV&VSA 3, WVG 2", "WVG 1", ""])
    spelled = study.spelled_domains(texts)
    central = study.domain_labels()["DV&VSA"]
    assert central != "DV&VSA"
    assert spelled.tolist() == [f"{central} 3, WVG 2", "WVG 1", ""]
