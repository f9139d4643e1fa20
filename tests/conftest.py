"""Shared helpers: tiny hand-written plan workbooks and annotation files."""

from pathlib import Path

import openpyxl
import pandas as pd
import pytest

HEADERS = ["Nr", "Thema", "Actie", "Trekker", "Beleidsdomein", "Type", "Label", "Jaar", "Status"]


def action(nr="1,1", thema="Algemeen kader", actie="Een actie", trekker="VDAB", domein="WSE",
           type_="individueel", label="", jaar=None, status="lopend") -> list:
    """One plan row in the order of HEADERS."""
    return [nr, thema, actie, trekker, domein, type_, label, jaar, status]


def write_workbook(path: Path, rows: list[list], headers: list[str] = HEADERS, title_rows: tuple = (),
                   sheet: str = "Acties", first_sheets: tuple = (), merges: tuple = (),
                   formats: dict | None = None) -> Path:
    """Write a one-table workbook: optional sheets before it, title rows, header, rows.

    ``merges`` are ranges such as ``"B3:B5"`` (relative to the sheet); ``formats`` maps a
    cell such as ``"A3"`` to a number format.
    """
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name in first_sheets:
        book.create_sheet(name)["A1"] = "Leeswijzer bij het plan"
    table = book.create_sheet(sheet)
    for text in title_rows:
        table.append([text])
    table.append(headers)
    for row in rows:
        table.append(row)
    for merged in merges:
        table.merge_cells(merged)
    for coordinate, number_format in (formats or {}).items():
        table[coordinate].number_format = number_format
    book.save(path)
    return path


def write_text(path: Path, content: str, encoding: str = "utf-8") -> Path:
    path.write_text(content, encoding=encoding)
    return path


@pytest.fixture
def plan_file(tmp_path):
    """Write a workbook into the test's folder: ``plan_file(rows, **options)``."""
    def make(rows, name="plan.xlsx", **options):
        return write_workbook(tmp_path / name, rows, **options)
    return make


def text_actions(*rows, labels=None) -> pd.DataFrame:
    """A plan frame for the tagger: ``(nr, actie, omschrijving)`` rows, the theme from the Nr, Labels per action."""
    frame = pd.DataFrame(rows, columns=["nr", "actie", "omschrijving"])
    frame["thema_nr"] = frame["nr"].str.split(",").str[0].astype(int)
    frame["type"] = "individueel"
    frame["labels"] = labels or [""] * len(frame)
    return frame
