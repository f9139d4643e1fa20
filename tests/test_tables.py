"""The five tables on a tiny hand-made plan whose counts were worked out by hand from the spec."""

import pandas as pd
import pytest

from pipeline.analysis.tables import compute_tables, wide
from pipeline.report.evaluation import broken_identities, identities


def plan_2023() -> pd.DataFrame:
    """Seven actions covering every category (see the comments for what each one is)."""
    rows = [
        # nr, theme, domains, type, jaar, status, aard, dubbel_met
        ("1,1", "algemeen_kader", ["OMG"], "individueel", 2022, "lopend", "strategisch", ""),  # carried, running
        ("1,2", "algemeen_kader", ["WVG"], "individueel", 2022, "afgerond", "operationeel", ""),  # carried, done
        ("2,1", "datageletterdheid", ["DV&VSA"], "individueel", 2022, "lopend", "strategisch", "1,1"),  # carried dup
        ("3,1", "ecosysteem", ["OMG", "DV&VSA"], "synergie", 2023, "lopend", "onbepaald", ""),  # new synergy
        ("3,2", "ecosysteem", ["WVG"], "individueel", 2023, "lopend", "operationeel", "1,1"),  # new duplicate
        ("5,1", "open_data", ["KBBJ"], "individueel", 2023, "afgerond", "operationeel", ""),  # new, already done
        ("4,1", "datagovernance", ["OMG"], "individueel", 2021, "afgerond", "strategisch", "1,1"),  # done + dup
    ]
    columns = ["nr", "thema", "domeinen", "type", "jaar", "status", "aard", "dubbel_met"]
    return pd.DataFrame(rows, columns=columns)


@pytest.fixture(scope="module")
def tables():
    return compute_tables(plan_2023(), 2023)


def test_t1_counts_each_action_once(tables):
    t1 = wide(tables, "T1")["aantal"].to_dict()
    assert t1 == {"acties_vorig": 4, "afgerond_vorig": 2, "dubbel_vorig": 1, "netto_vorig": 1, "acties_nieuw": 3,
                  "dubbel_nieuw": 1, "netto_nieuw": 1, "individueel": 0, "synergie": 1, "bruto": 7, "netto": 2}


def test_t2_counts_in_every_domain_and_totals_double_count(tables):
    t2 = wide(tables, "T2")
    assert t2["OMG"].to_dict() == {"acties_vorig": 2, "afgerond_vorig": 1, "dubbel_vorig": 0, "netto_vorig": 1,
                                   "acties_nieuw": 1, "dubbel_nieuw": 0, "netto_nieuw": 1, "bruto": 3, "netto": 2}
    assert t2.loc["acties_nieuw", "Totaal"] == 4  # the synergy counts in OMG and in DV&VSA
    assert t2.loc["dubbel_vorig", "DV&VSA"] == 1
    assert list(t2.columns) == ["CJSM", "EWI", "FB", "LV", "MOW", "OMG", "OV", "WSE", "WVG", "KBBJ", "DV&VSA",
                                "Totaal"]


def test_t3_leaves_out_running_duplicates_but_keeps_completed_ones(tables):
    t3 = wide(tables, "T3")
    assert t3.loc["totaal"].to_dict()["OMG"] == 3  # 1,1 + 3,1 + 4,1 (completed and duplicate: completed)
    assert t3.loc["algemeen_kader", "WVG"] == 1 and t3.loc["open_data", "KBBJ"] == 1
    assert t3.loc["vlaamse_datastrategie", "Totaal"] == 5 and t3.loc["totaal", "Totaal"] == 6
    assert t3.loc["datageletterdheid", "Totaal"] == 0  # the carried duplicate is not counted


def test_t4_by_nature(tables):
    t4 = wide(tables, "T4")
    assert t4.loc["strategisch", "OMG"] == 2 and t4.loc["operationeel", "Totaal"] == 2
    assert t4.loc["onbepaald", "OMG"] == 1 and t4.loc["onbepaald", "DV&VSA"] == 1


def test_t5_counts_net_running_once_central_if_any_domain_is_central(tables):
    t5 = wide(tables, "T5")
    assert list(t5.columns) == ["beleidsdomeinen_2021", "beleidsdomeinen_2022", "beleidsdomeinen_2023",
                                "beleidsdomeinen_totaal", "centraal_2021", "centraal_2022", "centraal_2023",
                                "centraal_totaal", "totaal"]
    assert t5.loc["algemeen_kader", "beleidsdomeinen_2022"] == 1
    assert t5.loc["ecosysteem", "centraal_2023"] == 1
    assert t5.loc["totaal", "totaal"] == 2


def test_tidy_grid_is_complete_and_in_contract_order(tables):
    assert list(dict.fromkeys(tables["tabel"])) == ["T1", "T2", "T3", "T4", "T5"]
    assert tables["waarde"].dtype.kind == "i" and not tables["waarde"].isna().any()
    assert len(tables) == 11 + 9 * 12 + 8 * 12 + 4 * 12 + 8 * 9


def test_2024_uses_the_merged_domain(tables):
    plan = plan_2023().assign(jaar=lambda f: f["jaar"] + 1)
    plan.loc[0, "domeinen"] = ["WEWILS"]
    t2 = wide(compute_tables(plan, 2024), "T2")
    assert list(t2.columns) == ["CJSM", "FB", "MOW", "OMG", "OV", "WEWILS", "WVG", "KBBJ", "DV&VSA", "Totaal"]
    assert t2.loc["acties_vorig", "WEWILS"] == 1


def test_an_empty_plan_counts_zero_everywhere():
    empty = plan_2023().iloc[0:0]
    tables = compute_tables(empty, 2023)
    assert (tables["waarde"] == 0).all()


def test_the_tables_obey_every_identity(tables):
    assert broken_identities(tables, identities(tables, 2023)).empty


def test_a_broken_total_is_found(tables):
    damaged = tables.copy()
    damaged.loc[(damaged["tabel"] == "T3") & (damaged["rij"] == "totaal") & (damaged["kolom"] == "OMG"), "waarde"] = 9
    broken = broken_identities(damaged, identities(tables, 2023))
    assert {"T3: totaal = som van de zes thema's", "T3 en T4: zelfde totaal"} <= set(broken["regel"])
