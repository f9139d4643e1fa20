"""Write ``tables.xlsx``, the tables for people: a contents sheet, one labelled sheet per table and per figure.

The workbook is byte-identical across runs on the same input: its timestamps are
fixed. It is its own module so that ``python -m pipeline tables`` does not import
openpyxl, which it never uses.
"""

import io
import re
import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl
import pandas as pd
from openpyxl.styles import Alignment, Font

from pipeline.analysis.tables import TOTAL_ROWS, wide
from pipeline.report.charts import SHARE_COLUMNS
from pipeline.report.export import neutralise
from pipeline.report.labels import count_labels, text

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def write_tables_xlsx(tables: pd.DataFrame, path: Path, year: int, carried: str, stamp: datetime,
                      language: str = "nl", extra: dict[str, pd.DataFrame] | None = None,
                      captions: dict[str, str] | None = None) -> None:
    """Write ``tables.xlsx``: a contents sheet, one sheet per table with SERV-like labels, one per figure.

    ``extra`` holds the numbers behind each figure by its anchor; ``captions`` maps
    anchors to the report's numbers (``tabel-t1``: ``Tabel 2``), so the contents
    sheet says where each sheet is in the report. Header rows are frozen, shares
    are written as percentages.
    """
    captions = captions or {}
    book = openpyxl.Workbook()
    contents = book.active
    contents.title = text("workbook.contents", language)[:31]
    labels = count_labels(year, carried, language)
    rows = []
    for name in dict.fromkeys(tables["tabel"]):
        grid = wide(tables, name)
        title = text(f"tables.{name}", language, year=year)
        shown = grid.rename(index=labels, columns={key: column_label(key, labels) for key in grid.columns})
        write_sheet(book, name, title, shown, bold=[k in TOTAL_ROWS for k in grid.index])
        rows.append((name, captions.get(f"tabel-{name.lower()}", ""), title))
    shares = {text(key, language) for key in SHARE_COLUMNS}
    for number, (anchor, frame) in enumerate((extra or {}).items(), start=1):
        name = captions.get(anchor) or text("report.figure_caption", language, n=number)
        title = text(f"figures.{anchor.removeprefix('figuur-')}", language, year=year)
        write_sheet(book, name, title, frame, bold=[False] * len(frame), percent=shares & set(frame.columns))
        rows.append((name[:31], captions.get(anchor, ""), title))
    write_contents(contents, rows, language)
    for sheet in book.worksheets:
        sheet.sheet_view.tabSelected = sheet is book.worksheets[0]
    book.properties.created = book.properties.modified = stamp
    book.properties.creator = "data-actieplan-pipeline"
    buffer = io.BytesIO()
    book.save(buffer)
    path.write_bytes(fix_zip(buffer.getvalue(), stamp))


def column_label(key: str, labels: dict[str, str]) -> str:
    """A count table's column as one label: T5's grouped ``side_part`` columns become ``Side part``."""
    from pipeline.report.markup import SIDE_COLUMN

    match = SIDE_COLUMN.fullmatch(key)
    if not match:
        return labels.get(key, key)
    side, part = match.groups()
    return f"{labels[side]} {labels['side_total'].lower() if part == 'totaal' else part}"


def write_contents(sheet, rows: list[tuple[str, str, str]], language: str) -> None:
    """The first sheet: every other sheet, where it is in the report, and its title."""
    for col, key in enumerate(("sheet", "caption", "title"), start=1):
        sheet.cell(1, col, text(f"workbook.{key}", language)).font = Font(bold=True)
    for row, values in enumerate(rows, start=2):
        for col, value in enumerate(values, start=1):
            sheet.cell(row, col, neutralise(value))
    sheet.freeze_panes = "A2"
    sheet.column_dimensions["A"].width, sheet.column_dimensions["B"].width = 12, 16
    sheet.column_dimensions["C"].width = 90


def write_sheet(book, name: str, title: str, frame: pd.DataFrame, bold: list[bool], percent: set | None = None) -> None:
    """One titled sheet: a header row, then the rows, totals in bold, shares as percentages; the header stays put."""
    sheet = book.create_sheet(name[:31])
    sheet.cell(1, 1, neutralise(title)).font = Font(bold=True, size=12)
    sheet.cell(3, 1, "").font = Font(bold=True)
    for col, label in enumerate(frame.columns, start=2):
        cell = sheet.cell(3, col, neutralise(str(label)))
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, horizontal="center")
    for offset, (label, values) in enumerate(frame.iterrows()):
        row = 4 + offset
        sheet.cell(row, 1, neutralise(str(label))).font = Font(bold=bold[offset])
        for col, (column, value) in enumerate(zip(frame.columns, values), start=2):
            cell = sheet.cell(row, col, neutralise(value.item() if hasattr(value, "item") else value))
            cell.font = Font(bold=bold[offset])
            if percent and column in percent:
                cell.number_format = "0%"
    sheet.freeze_panes = "B4"
    sheet.column_dimensions["A"].width = 48
    for col in range(2, len(frame.columns) + 2):
        sheet.column_dimensions[openpyxl.utils.get_column_letter(col)].width = 12


def fix_zip(data: bytes, stamp: datetime) -> bytes:
    """Rewrite an xlsx archive with fixed entry times and document dates, so reruns give the same bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    target_buffer = io.BytesIO()
    iso = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(target_buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + iso.encode(), content)
            entry = zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, content)
    return target_buffer.getvalue()
