"""Annotations: both delimiters, with or without BOM, joined to the plan; every error located."""

import pandas as pd
import pytest
from conftest import write_text

from pipeline.errors import InputError
from pipeline.input.annotations import annotate, read_annotations


def plan(*numbers: str) -> pd.DataFrame:
    return pd.DataFrame({"nr": list(numbers), "actie": [f"actie {n}" for n in numbers]})


@pytest.mark.parametrize("content", [
    'Nr,Aard,Dubbel met,Opmerking\n"1,1",strategisch,,\n1.2,Operationeel,"1,1","herhaalt 1,1"\n',
    "\ufeffNr;Aard;Dubbel met;Opmerking\n1,1;strategisch;;\n1,2;operationeel;1,1;herhaalt 1,1\n",
    "\ufeffnr;AARD;Dubbel  met\r\n1,1;strategisch;\r\n1,2;operationeel;1.1\r\n",
])
def test_reads_both_dialects_and_joins(tmp_path, content):
    annotations = read_annotations(write_text(tmp_path / "a.csv", content))
    joined = annotate(plan("1,1", "1,2", "1,3"), annotations)
    assert joined["aard"].tolist() == ["strategisch", "operationeel", "onbepaald"]
    assert joined["dubbel_met"].tolist() == ["", "1,1", ""]


def test_no_annotations_means_undetermined_and_no_duplicates():
    joined = annotate(plan("1,1", "1,2"), None)
    assert set(joined["aard"]) == {"onbepaald"} and set(joined["dubbel_met"]) == {""}


def test_an_empty_nature_counts_as_undetermined(tmp_path):
    annotations = read_annotations(write_text(tmp_path / "a.csv", "Nr;Aard\n1,1;\n"))
    assert annotate(plan("1,1"), annotations)["aard"].tolist() == ["onbepaald"]


@pytest.mark.parametrize("rows, expected", [
    ("9,9;strategisch;", r"a.csv, row 2, column 'Nr': action '9,9' is not in the plan"),
    ("1,1;belangrijk;", r"row 2, column 'Aard': 'belangrijk' is not allowed"),
    ("1,1;;1.1", r"row 2, column 'Dubbel met': action 1,1 cannot be a duplicate of itself"),
    ("1,1;;6.99", r"row 2, column 'Dubbel met': '6,99' is not an action of the plan"),
    ("1,1;;1.2\n1,2;;1.1", r"'Dubbel met' goes round in a circle \(1,1 -> 1,2 -> 1,1\)"),
    ("1,1;strategisch;\n1,1;operationeel;", r"row 3, column 'Nr': action 1,1 is annotated twice"),
])
def test_errors_name_file_line_and_column(tmp_path, rows, expected):
    path = write_text(tmp_path / "a.csv", f"Nr;Aard;Dubbel met\n{rows}\n")
    with pytest.raises(InputError, match=expected):
        annotate(plan("1,1", "1,2"), read_annotations(path))


def test_problems_are_collected(tmp_path):
    path = write_text(tmp_path / "a.csv", "Nr;Aard\n9,9;x\n8,8;strategisch\n")
    with pytest.raises(InputError) as caught:
        annotate(plan("1,1"), read_annotations(path))
    assert len(caught.value.problems) == 3


def test_windows_1252_gets_a_clear_error(tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes("Nr;Aard;Opmerking\n1,1;strategisch;één actie\n".encode("cp1252"))
    with pytest.raises(InputError, match=r"a.csv, row 2: the file is not UTF-8 \(byte 0xe9 on line 2\)"):
        read_annotations(path)


def test_a_file_without_nr_column(tmp_path):
    path = write_text(tmp_path / "a.csv", "Actie,Aard\nx,strategisch\n")
    with pytest.raises(InputError, match="no 'Nr' column"):
        read_annotations(path)


def test_labels_override_must_name_known_tags(tmp_path):
    path = write_text(tmp_path / "a.csv", "Nr;Labels\n1,1;europa.ai_act -zorgpunten.open_data\n1,2;europa.bestaat_niet\n")
    with pytest.raises(InputError, match=r"row 3, column 'Labels': 'europa.bestaat_niet' is not a tag"):
        annotate(plan("1,1", "1,2"), read_annotations(path))
