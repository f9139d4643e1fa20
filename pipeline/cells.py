"""Cell-level reading rules: blanks, merged ranges, and numbers read as they are displayed."""

import re

ERROR_VALUES = {"#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#N/A", "#NUM!", "#NULL!", "#SPILL!", "#CALC!"}


def is_blank(value) -> bool:
    """True for an empty cell, or one holding only spaces, non-breaking spaces or line breaks."""
    return value is None or (isinstance(value, str) and not value.replace("\u00a0", " ").strip())


def merged_values(sheet) -> dict:
    """Map every cell inside a merged range to the range's top-left cell, which holds the value."""
    sources = {}
    for merged in sheet.merged_cells.ranges:
        top_left = sheet.cell(merged.min_row, merged.min_col)
        for row in range(merged.min_row, merged.max_row + 1):
            for col in range(merged.min_col, merged.max_col + 1):
                if (row, col) != (merged.min_row, merged.min_col):
                    sources[sheet.cell(row, col).coordinate] = top_left
    return sources


def format_decimals(number_format: str) -> int | None:
    """How many decimals a number format shows: ``0.00`` gives 2, ``General`` gives None."""
    section = number_format.split(";")[0]
    section = re.sub(r'"[^"]*"|\[[^\]]*\]', "", section)
    if section.strip().lower() in {"general", ""}:
        return None
    match = re.search(r"\.([0#?]+)", section)
    return len(match.group(1)) if match else 0


def display_text(cell) -> str:
    """The cell's text as Excel shows it; numbers follow their number format (4.1 as ``0.00`` is ``4.10``).

    A number in the General format is shown with its shortest representation
    (``4.1``); callers decide whether that is ambiguous.
    """
    value = cell.value
    if isinstance(value, bool) or value is None:
        return "" if value is None else str(value)
    if isinstance(value, int | float):
        decimals = format_decimals(cell.number_format or "General")
        if decimals is None:
            return repr(float(value)).removesuffix(".0") if float(value).is_integer() else repr(float(value))
        return f"{value:.{decimals}f}"
    return str(value).replace("\u00a0", " ").strip()


def is_general_number(cell) -> bool:
    """True for a numeric cell without a number format, where trailing zeros are lost."""
    return isinstance(cell.value, int | float) and format_decimals(cell.number_format or "General") is None
