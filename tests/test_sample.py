"""The committed sample files are exactly what the generator script makes."""

import subprocess
import sys

import openpyxl
import pytest

from pipeline.config import ROOT, SAMPLE_DIR


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory):
    out = tmp_path_factory.mktemp("sample")
    subprocess.run([sys.executable, str(ROOT / "scripts" / "make_sample.py"), "--out", str(out)], check=True,
                   capture_output=True)
    return out


def workbook_content(path):
    """Everything a reader of the workbook sees: sheets, values, number formats, merged ranges."""
    book = openpyxl.load_workbook(path)
    return {sheet.title: ([[(c.value, c.number_format) for c in row] for row in sheet.iter_rows()],
                          sorted(str(r) for r in sheet.merged_cells.ranges)) for sheet in book.worksheets}


@pytest.mark.parametrize("year", [2022, 2023, 2024])
def test_plans_match_the_generator(regenerated, year):
    name = f"plan-{year}.xlsx"
    assert workbook_content(regenerated / name) == workbook_content(SAMPLE_DIR / name)


@pytest.mark.parametrize("name", ["annotations-2022.csv", "annotations-2023.csv", "annotations-2024.csv",
                                  "annotations-2024.a.csv", "annotations-2024.b.csv"])
def test_annotations_match_the_generator(regenerated, name):
    assert (regenerated / name).read_bytes() == (SAMPLE_DIR / name).read_bytes()


def test_the_sample_uses_several_layouts():
    """The three years exercise different header rows, aliases and number styles of the contract."""
    headers = {}
    for year in (2022, 2023, 2024):
        book = openpyxl.load_workbook(SAMPLE_DIR / f"plan-{year}.xlsx")
        headers[year] = [sheet.title for sheet in book.worksheets]
    assert headers[2022][0] == "Leeswijzer"
    sheet = openpyxl.load_workbook(SAMPLE_DIR / "plan-2023.xlsx").active
    assert any(isinstance(c.value, float) for c in sheet["A"]) and sheet.merged_cells.ranges
