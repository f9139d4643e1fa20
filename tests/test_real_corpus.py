"""Real workbooks and valid XML in other forms: the reader gives the sample's tables or a named error, never a trace.

The files of ``tests/corpus/real/`` come from other projects' test suites (see its
README for their licences); ``tests/workbook_variants.py`` builds the other cases
from the 2023 sample plan.
"""

import csv
import re
import subprocess
import sys

import pytest
import workbook_variants as variants

from pipeline.analysis.tables import compute_tables
from pipeline.config import ROOT, sample_plan
from pipeline.errors import InputError
from pipeline.input.annotations import annotate
from pipeline.input.ingest import read_plan

REAL = ROOT / "tests" / "corpus" / "real"
EXPECTED = {row["file"]: row for row in csv.DictReader((REAL / "expected.csv").open(encoding="utf-8"))}
OUTCOMES = {"no-table": "no sheet has a header row with the required columns",
            "encrypted": "an old-style .xls or an encrypted workbook"}
LIBRARY_WORDS = re.compile(r"Error\b|Exception|Calamine|Xml|NotFound|Unrecognized|Traceback|BadZip|\bzipfile\b")
PLAN = sample_plan(2023)


def tables(path):
    return compute_tables(annotate(read_plan(path, 2023), None), 2023)


@pytest.fixture(scope="module")
def sample():
    return read_plan(PLAN, 2023), tables(PLAN)


@pytest.fixture(scope="module")
def plan_rows():
    return variants.displayed_rows(PLAN)


def test_the_corpus_is_thirty_or_more_real_files_each_with_an_expected_outcome():
    files = sorted(p.name for p in REAL.glob("*.xls*"))
    assert len(files) >= 30 and files == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_real_workbook_alone_gets_its_named_error(name):
    with pytest.raises(InputError) as failure:
        read_plan(REAL / name, 2023)
    message = str(failure.value)
    assert OUTCOMES[EXPECTED[name]["alone"]] in message and name in message
    assert not LIBRARY_WORDS.search(message.replace("Input error", "")), message


@pytest.mark.parametrize("name", sorted(n for n, row in EXPECTED.items() if row["with_plan"] == "same-tables"))
def test_each_real_workbook_with_the_plan_added_gives_the_samples_tables(name, plan_rows, sample, tmp_path):
    host = variants.transplant(REAL / name, plan_rows, tmp_path / name)
    assert tables(host).equals(sample[1])


@pytest.mark.parametrize("variant", ["style-before-reference", "x-prefix", "single-quotes", "line-breaks-in-tags",
                                     "name-with-character-reference"])
def test_valid_xml_in_another_form_gives_exactly_the_samples_actions_and_tables(variant, sample, tmp_path):
    path = variants.xml_variants(PLAN, tmp_path)[variant]
    plan, expected = sample
    read = read_plan(path, 2023)
    assert read["nr"].tolist() == plan["nr"].tolist()
    assert tables(path).equals(expected)


def test_a_macro_sheet_beside_the_plan_is_passed_over(sample, tmp_path):
    assert tables(variants.with_macro_sheet(PLAN, tmp_path / "macro.xlsm")).equals(sample[1])


def test_a_read_me_sheet_that_declares_every_row_does_not_stop_a_valid_plan(sample, tmp_path):
    assert tables(variants.readme_declaring_every_row(PLAN, tmp_path / "readme.xlsx")).equals(sample[1])


def test_the_row_limit_counts_the_rows_present_not_the_declared_ones(tmp_path, monkeypatch, plan_rows):
    monkeypatch.setenv("PIPELINE_MAX_ROWS", "100")
    readme = variants.readme_declaring_every_row(PLAN, tmp_path / "readme.xlsx")  # declares 1,048,576, holds 250
    with pytest.raises(InputError, match=r"sheet 'Leeswijzer': the sheet holds more than 100 rows, over the limit"):
        read_plan(readme, 2023)
    undeclared = variants.add_sheet(PLAN, tmp_path / "plain.xlsx", "Plan", variants.inline_sheet(plan_rows), first=True)
    with pytest.raises(InputError, match=r"sheet 'Plan': the sheet holds more than 100 rows, over the limit"):
        read_plan(undeclared, 2023)


@pytest.mark.parametrize("kind,expected", [("deflate64", "is compressed with Deflate64"),
                                           ("password", "is protected with a password")])
def test_parts_that_cannot_be_unpacked_are_named(kind, expected, tmp_path):
    part = variants.sheet_part(PLAN)
    path = variants.patch_member(PLAN, part, tmp_path / f"{kind}.xlsx", method=9 if kind == "deflate64" else None,
                                 encrypted=kind == "password")
    with pytest.raises(InputError, match=rf"{kind}.xlsx: the part {part} {expected}"):
        read_plan(path, 2023)


@pytest.mark.parametrize("part,change,expected", [
    ("_rels/.rels", None, r"has no part _rels/\.rels"),
    ("xl/workbook.xml", b"<workbook><sheets>", r"the part xl/workbook\.xml of the workbook is not well-formed XML"),
    ("xl/worksheets/sheet1.xml", b"<worksheet><sheetData><row>", r"sheet 'Data-actieplan 2023'.*damaged"),
])
def test_damaged_parts_are_named_in_plain_words(part, change, expected, tmp_path):
    path = tmp_path / "damaged.xlsx"
    files = variants.parts(PLAN)
    if change is None:
        files.pop(part)
    else:
        files[part] = change
    import zipfile

    with zipfile.ZipFile(path, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    with pytest.raises(InputError, match=expected) as failure:
        read_plan(path, 2023)
    assert not LIBRARY_WORDS.search(str(failure.value).replace("Input error", ""))


def test_the_command_line_writes_nothing_and_shows_no_trace_for_a_broken_workbook(tmp_path):
    broken = variants.patch_member(PLAN, variants.sheet_part(PLAN), tmp_path / "plan.xlsx", method=9)
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "pipeline", "tables", "--year", "2023", "--plan", str(broken),
                             "--out", str(out)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 2 and "Traceback" not in result.stderr and "Deflate64" in result.stderr
    assert not out.exists()
