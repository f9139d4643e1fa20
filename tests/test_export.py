"""tables.csv and tags.csv follow their contracts; text that Excel would evaluate stays text."""

import csv
import io

import pandas as pd
import pytest
from test_tables import plan_2023

from pipeline.analysis.tables import compute_tables
from pipeline.report.export import csv_field, csv_fields, neutralise, tables_csv, tags_csv


@pytest.fixture(scope="module")
def tables():
    return compute_tables(plan_2023(), 2023)


def test_csv_has_the_contract_header_line_ends_and_whole_numbers(tables):
    text = tables_csv(tables)
    lines = text.split("\n")
    assert lines[0] == "tabel,rij,kolom,waarde"
    assert lines[1] == "T1,acties_vorig,aantal,4"
    assert "\r" not in text and text.endswith("\n")
    assert "T2,acties_nieuw,DV&VSA,1" in lines
    parsed = pd.read_csv(pd.io.common.StringIO(text))
    assert len(parsed) == len(tables) and parsed["waarde"].dtype.kind == "i"


@pytest.mark.parametrize("value", ["=1+1", "+31", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_text_that_excel_would_evaluate_is_neutralised(value):
    assert neutralise(value) == "'" + value


def test_ordinary_text_and_numbers_pass_unchanged():
    assert neutralise("Acties 2023") == "Acties 2023" and neutralise(-2) == -2


def test_tags_csv_follows_its_contract_and_neutralises_formulas():
    tags = pd.DataFrame([("1,2", "zorgpunten", "open_data", "regel", "open data"),
                         ("=1+1", "europa", "ai_act", "suggestie", "ai")],
                        columns=["nr", "dimensie", "sleutel", "bron", "bewijs"])
    assert tags_csv(tags).splitlines() == ["nr,dimensie,label,bron,bewijs", '"1,2",zorgpunten,open_data,regel,open data',
                                           "'=1+1,europa,ai_act,suggestie,ai"]


def test_tags_csv_reads_back_as_written_and_quotes_as_the_csv_module_does():
    """Each distinct value is written once; the rows must still read back exactly, and be the csv module's rows.

    A carriage return is quoted too (RFC 4180), which Python's csv module leaves bare.
    """
    awkward = ['say "ja"', "a,b", "line\nbreak", "", " space ", "-1", "=A1", "'quoted", "naïef; ümlaut"]
    rows = [(nr, "zorgpunten", key, bron, bewijs) for nr in ("1,2", "3", "@x", 'q"')
            for key, bron, bewijs in zip(("open_data", "privacy", "open_data"), ("regel", "suggestie", "analist"),
                                         awkward[:3])] + [("9", "europa", "ai_act", "regel", v) for v in awkward]
    tags = pd.DataFrame(rows, columns=["nr", "dimensie", "sleutel", "bron", "bewijs"])
    expected = io.StringIO()
    writer = csv.writer(expected, lineterminator="\n")
    writer.writerow(["nr", "dimensie", "label", "bron", "bewijs"])
    writer.writerows([[neutralise(value) for value in row] for row in rows])
    assert tags_csv(tags) == expected.getvalue()
    carriage = tags.assign(bewijs="cr\rhere")
    assert list(csv.reader(io.StringIO(tags_csv(carriage), newline="")))[1][4] == "cr\rhere"
    assert tags_csv(tags.iloc[:0]) == "nr,dimensie,label,bron,bewijs\n"


@pytest.mark.parametrize("awkward", ['say "ja"', "a,b", "line\nbreak", "cr\rhere", "=A1", "+1", "-1", "@x", "\tx", "\rx"])
@pytest.mark.parametrize("at", [0, 1, 2])
def test_many_fields_are_written_as_each_alone(awkward, at):
    """The one search over all values must find a value that needs quoting or neutralising, wherever it stands."""
    values = ["1.2", "3", "ordinary text"]
    values[at] = awkward
    assert csv_fields(values) == [csv_field(value) for value in values]
    assert csv_fields(["1.2", "3"]) == ["1.2", "3"] and csv_fields([]) == []
