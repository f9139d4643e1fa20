"""Finding the plan's sheet: the first worksheet whose header row, within the first rows, holds the required
columns; its values and its XML pass come back together, and a workbook without such a sheet is refused by name."""

import pytest
from conftest import action, write_workbook

from pipeline.child import ChildCall
from pipeline.errors import InputError
from pipeline.input import sheets
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
