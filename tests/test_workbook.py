"""tables.xlsx has one labelled sheet per table and figure, a contents sheet, and the same bytes on every run."""

import time
from datetime import UTC, datetime, timezone
from types import SimpleNamespace

import openpyxl
import openpyxl.writer.excel
import pytest
from test_tables import plan_2023

from pipeline.analysis.tables import compute_tables
from pipeline.report.workbook import write_tables_xlsx

STAMP = datetime(2024, 1, 1, tzinfo=UTC)


@pytest.fixture(scope="module")
def tables():
    return compute_tables(plan_2023(), 2023)


def test_xlsx_has_one_sheet_per_table_with_years_in_the_labels(tables, tmp_path):
    path = tmp_path / "tables.xlsx"
    write_tables_xlsx(tables, path, 2023, "2021-2022", STAMP)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Inhoud", "T1", "T2", "T3", "T4", "T5"]
    assert book["T3"].freeze_panes == "B4" and book["Inhoud"].freeze_panes == "A2"
    labels = [c.value for c in book["T1"]["A"] if c.value]
    assert "Acties 2021-2022" in labels and "Acties 2023" in labels
    bold = {c.value: c.font.b for c in book["T1"]["A"] if c.value}
    assert bold["Synergieën"] is False and bold["Netto totaal (= bruto totaal – afgeronde acties – dubbele acties)"]


def test_xlsx_contents_sheet_maps_sheets_to_report_numbers_and_shares_are_percentages(tables, tmp_path):
    from pipeline.report.charts import chart_data

    path = tmp_path / "tables.xlsx"
    captions = {"tabel-t1": "Tabel 2", "tabel-t5": "Tabel 6", "figuur-central": "Figuur 3"}
    write_tables_xlsx(tables, path, 2023, "2022", STAMP, extra=chart_data(tables), captions=captions)
    book = openpyxl.load_workbook(path)
    contents = {row[0]: row[1] for row in book["Inhoud"].iter_rows(min_row=2, values_only=True)}
    assert contents["T1"] == "Tabel 2" and contents["T5"] == "Tabel 6" and contents["Figuur 3"] == "Figuur 3"
    sheet = book["Figuur 3"]
    header = [c.value for c in sheet[3]]
    share = header.index("Aandeel centrale acties") + 1
    assert {sheet.cell(r, share).number_format for r in range(4, sheet.max_row + 1)} == {"0%"}


def written_at(moment: datetime, tables, path, monkeypatch) -> bytes:
    """tables.xlsx written while the clocks that openpyxl and zipfile read stand at ``moment``."""
    clock = SimpleNamespace(datetime=SimpleNamespace(now=lambda tz=None: moment.astimezone(tz).replace(tzinfo=tz)),
                            timezone=timezone)
    monkeypatch.setattr(openpyxl.writer.excel, "datetime", clock)
    monkeypatch.setattr(time, "time", moment.timestamp)
    write_tables_xlsx(tables, path, 2023, "2022", STAMP)
    return path.read_bytes()


def test_xlsx_bytes_do_not_depend_on_the_clock(tables, tmp_path, monkeypatch):
    """openpyxl stamps the save time into the workbook and zipfile into each entry; neither may reach the bytes."""
    first = written_at(datetime(2030, 1, 1, tzinfo=UTC), tables, tmp_path / "a.xlsx", monkeypatch)
    second = written_at(datetime(2031, 6, 15, 12, 30, tzinfo=UTC), tables, tmp_path / "b.xlsx", monkeypatch)
    assert first == second
