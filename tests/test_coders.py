"""Two coders: their files are found, compared field by field, listed for reconciliation, and agreed on."""

import pandas as pd
import pytest
from conftest import action, write_text, write_workbook

from pipeline.errors import InputError
from pipeline.input import coders
from pipeline.study import Inputs, load, open_study

PLAN = pd.DataFrame({"nr": ["1,1", "1,2", "1,3", "1,4"]})


def fields(aard, dubbel=("", "", "", ""), labels=("", "", "", "")):
    return pd.DataFrame({"aard": aard, "dubbel_met": dubbel, "labels": labels}, index=PLAN["nr"])


def test_the_pair_is_found_only_when_both_files_exist(tmp_path):
    main = tmp_path / "annotations-2024.csv"
    write_text(tmp_path / "annotations-2024.a.csv", "Nr\n")
    assert coders.coder_files(main) is None
    write_text(tmp_path / "annotations-2024.b.csv", "Nr\n")
    assert coders.coder_files(main) == (tmp_path / "annotations-2024.a.csv", tmp_path / "annotations-2024.b.csv")


def test_agreement_per_field_with_kappa():
    first = fields(["strategisch", "strategisch", "operationeel", "operationeel"])
    second = fields(["strategisch", "operationeel", "operationeel", "operationeel"], labels=("", "", "x", ""))
    table = coders.agreement(first, second).set_index("veld")
    assert table.loc["aard", ["acties", "gelijk"]].tolist() == [4, 3]
    assert table.loc["aard", "kappa"] == pytest.approx(0.5)  # observed 0.75, chance 0.5
    assert table.loc["dubbel_met", "aandeel"] == 1.0 and table.loc["labels", "gelijk"] == 3


def test_disagreements_are_listed_in_plan_order_and_only_agreement_counts_without_reconciliation():
    first = fields(["strategisch", "onbepaald", "operationeel", "operationeel"], dubbel=("", "", "", "1,1"),
                   labels=("zorgpunten.open_data", "", "", ""))
    second = fields(["strategisch", "operationeel", "strategisch", "operationeel"], dubbel=("", "", "", "1,1"),
                    labels=("zorgpunten.open_data europa.inspire", "", "", ""))
    listed = coders.disagreements(first, second)
    assert listed[["nr", "veld"]].values.tolist() == [["1,1", "labels"], ["1,2", "aard"], ["1,3", "aard"]]
    agreed = coders.consensus(first, second).set_index("nr")
    assert agreed["aard"].tolist() == ["strategisch", "", "", "operationeel"]
    assert agreed.loc["1,4", "dubbel_met"] == "1,1" and agreed.loc["1,1", "labels"] == "zorgpunten.open_data"


def test_without_a_reconciled_file_the_plan_is_annotated_with_what_both_coders_wrote(tmp_path):
    plan = write_workbook(tmp_path / "plan-2024.xlsx", [action("1,1"), action("1,2")])
    write_text(tmp_path / "annotations-2024.a.csv", "Nr;Aard\n1,1;strategisch\n1,2;operationeel\n")
    write_text(tmp_path / "annotations-2024.b.csv", "Nr;Aard\n1,1;strategisch\n1,2;strategisch\n")
    frame, _ = load(Inputs(2024, plan, None))
    assert dict(zip(frame["nr"], frame["aard"])) == {"1,1": "strategisch", "1,2": "onbepaald"}


def test_a_bad_coder_file_is_named_in_the_error(tmp_path):
    plan = write_workbook(tmp_path / "plan-2024.xlsx", [action("1,1")])
    write_text(tmp_path / "annotations-2024.a.csv", "Nr;Aard\n1,1;strategisch\n")
    write_text(tmp_path / "annotations-2024.b.csv", "Nr;Aard\n9,9;strategisch\n")
    with pytest.raises(InputError, match=r"annotations-2024\.b\.csv, row 2, column 'Nr': action '9,9' is not in the plan"):
        load(Inputs(2024, plan, None))


def test_the_sample_s_two_coders_differ_exactly_where_their_files_do():
    study = open_study(2024)
    first, second = study.coders
    raw = {c: pd.read_csv(study.inputs.annotations.with_name(f"annotations-2024.{c}.csv"), sep=";", dtype=str,
                          keep_default_na=False, encoding="utf-8-sig").set_index("Nr") for c in "ab"}
    listed = coders.disagreements(first, second)
    aard = listed[listed["veld"] == "aard"]
    expected = {nr for nr in raw["a"].index if raw["a"].at[nr, "Aard"] != raw["b"].at[nr, "Aard"]}
    assert set(aard["nr"]) == expected and len(expected) > 0
    assert set(listed[listed["veld"] == "labels"]["nr"]) == set(raw["b"].index[raw["b"]["Labels"] != ""])
