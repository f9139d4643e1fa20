"""Finding the plan's sheet: the first worksheet whose header row, within the first rows, holds the required
columns; its values and its XML pass come back together, and a workbook without such a sheet is refused by name."""

import os
import time

import pandas as pd
import pytest
from conftest import action, write_workbook

from pipeline.child import ChildCall
from pipeline.errors import InputError
from pipeline.input import sheets
from pipeline.input.ingest import read_plan
from pipeline.input.sheetxml import SheetScan


def test_the_header_is_found_below_title_rows_and_its_columns_are_keyed(tmp_path):
    path = write_workbook(tmp_path / "plan.xlsx", [action()], title_rows=("Data-actieplan 2023", ""))
    sheet, scan, header_row, keys = sheets.locate_table(sheets.open_workbook(path), path.name)
    if isinstance(scan, ChildCall):
        scan = scan.result()
    assert header_row == 3 and isinstance(scan, SheetScan)
    assert keys[0] == "nr" and keys[2] == "actie" and sheet.title == "Acties"
    assert sheet.rows[header_row][0] == "1,1"


def test_a_read_me_sheet_before_the_plan_is_passed_over(tmp_path):
    path = write_workbook(tmp_path / "plan.xlsx", [action()], first_sheets=("Leeswijzer",))
    book = sheets.open_workbook(path)
    assert book.sheet_names == ["Leeswijzer", "Acties"]
    assert sheets.locate_table(book, path.name)[0].title == "Acties"


def test_a_workbook_without_a_plan_header_names_its_sheets_and_the_closest_row(tmp_path):
    path = write_workbook(tmp_path / "plan.xlsx", [action()], headers=["Nr", "Thema", "Omschrijving"])
    with pytest.raises(InputError) as caught:
        sheets.locate_table(sheets.open_workbook(path), path.name)
    message = caught.value.problems[0].message
    assert "no sheet has a header row with the required columns" in message
    assert "(sheets: Acties)" in message and "the closest row has: Nr, Thema, Omschrijving" in message


def test_a_header_further_down_than_the_search_limit_is_not_taken(tmp_path):
    path = write_workbook(tmp_path / "plan.xlsx", [action()], title_rows=("Titel",) * 25)
    sheet = sheets.load_sheet(sheets.open_workbook(path), "Acties", path.name)
    assert sheets.find_header(sheet, 20) is None and sheets.find_header(sheet, 30)[0] == 26


@pytest.fixture
def early(monkeypatch):
    """Early XML passes for workbooks of any size, forked as on the command line."""
    monkeypatch.setattr(sheets, "PREFETCH_FROM", 0)
    monkeypatch.setattr(ChildCall, "usable", staticmethod(lambda: True))
    yield sheets.PREFETCHED
    sheets.drop_prefetched()


def test_an_early_xml_pass_is_taken_up_by_the_reading_and_gives_the_same_plan(tmp_path, early):
    path = write_workbook(tmp_path / "plan.xlsx", [action(nr=1.5), action(nr="1,6")],
                          formats={"A2": "0.00"})
    expected = read_plan(path, 2023)
    sheets.prefetch(path)
    (call,) = early.values()
    assert call.pid != 0  # a child runs the pass
    plan = read_plan(path, 2023)
    assert not early and call.answer is not None  # the reading took its answer, rather than passing it over
    pd.testing.assert_frame_equal(plan, expected)
    assert plan["nr"].tolist() == ["1,50", "1,6"]


def test_an_early_pass_of_a_file_changed_since_is_stopped_and_the_new_file_read(tmp_path, early):
    path = write_workbook(tmp_path / "plan.xlsx", [action(actie="Oud")])
    sheets.prefetch(path)
    (call,) = early.values()
    write_workbook(path, [action(actie="Nieuw")])
    os.utime(path, ns=(time.time_ns(), time.time_ns() + 10**9))
    assert read_plan(path, 2023)["actie"].tolist() == ["Nieuw"]
    assert not early and call.pid == 0 and call.answer is None  # stopped and reaped, its answer never read


def test_an_early_pass_says_nothing_about_a_file_it_cannot_read(tmp_path, early):
    broken = tmp_path / "broken.xlsx"
    broken.write_text("not a workbook")
    for path in (tmp_path / "missing.xlsx", broken, tmp_path):
        sheets.prefetch(path)
    assert not early
    with pytest.raises(InputError):  # the reading says what is wrong, in its own words
        read_plan(broken, 2023)


def test_a_small_workbook_gets_no_early_pass(tmp_path, monkeypatch):
    monkeypatch.setattr(ChildCall, "usable", staticmethod(lambda: True))
    sheets.prefetch(write_workbook(tmp_path / "plan.xlsx", [action()]))
    assert not sheets.PREFETCHED
