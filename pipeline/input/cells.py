"""Cell-level reading rules: blanks, merged ranges, and numbers read as they are displayed.

Values come from python-calamine (fast, values only). The number formats that the
contract needs (for numeric ``Nr`` cells), saved error codes and formulas come from
one pass of an XML parser over the sheet (:mod:`pipeline.input.sheetxml`); numbers are
shown through their format by :mod:`pipeline.input.numfmt`.
"""

from datetime import date, time

from pipeline.input.numfmt import general, render

ERROR_VALUES = {"#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#N/A", "#NUM!", "#NULL!", "#SPILL!", "#CALC!"}


def is_blank(value) -> bool:
    """True for an empty cell, or one holding only spaces, non-breaking spaces or line breaks."""
    return value is None or (isinstance(value, str) and not value.replace("\u00a0", " ").strip())


def holds_error_text(values: list) -> bool:
    """True when some text cell reads as an error value such as ``#REF!`` (spaces around it allowed)."""
    distinct = set(values)  # hashed in C; a column repeats most of its values
    if not ERROR_VALUES.isdisjoint(distinct):
        return True
    try:
        if "#" not in "".join(distinct):  # a column of texts without any '#', as most are: one search
            return False
    except TypeError:  # numbers, dates or empty cells: look at the texts one by one
        pass
    return any(value.__class__ is str and "#" in value and value.strip() in ERROR_VALUES for value in distinct)


def column_letter(index: int) -> str:
    """Spreadsheet letters of a zero-based column index (0 is A)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def merged_sources(ranges) -> dict[tuple[int, int], tuple[int, int]]:
    """Map every cell inside a merged range (zero-based row, column) to the range's top-left cell."""
    sources = {}
    for (top, left), (bottom, right) in ranges:
        for row in range(top, bottom + 1):
            for col in range(left, right + 1):
                if (row, col) != (top, left):
                    sources[(row, col)] = (top, left)
    return sources


def is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def display_text(value, number_format: str | None = None) -> str:
    """The cell's text as Excel shows it; numbers through their number format (4.1 as ``0.00`` is ``4.10``).

    A number in the General format is shown as Excel's General shows it (``4.1``);
    callers decide whether that is ambiguous. A format this reader cannot display
    (a date, say) gives the General text; :func:`number_cell` tells.
    """
    if value.__class__ is str:
        return value.replace("\u00a0", " ").strip()
    if value is None or isinstance(value, bool):
        return "" if value is None else str(value)
    if isinstance(value, int | float):
        shown = render(value, number_format)
        return (general(value) if shown is None else shown).strip()
    return str(value).replace("\u00a0", " ").strip()


def is_general_number(value, number_format: str | None) -> bool:
    """True for a numeric cell without a number format, where trailing zeros are lost (4.1: 4,1 or 4,10?)."""
    return is_number(value) and (number_format or "General").strip().lower() in ("general", "")


def number_cell(value, number_format: str | None) -> tuple[str, str | None]:
    """A ``Nr`` cell as displayed, and the number format when this reader cannot display it as Excel does.

    A number under a date format comes from calamine as a date already.
    """
    if value.__class__ is str:
        return value.replace("\u00a0", " ").strip(), None
    if isinstance(value, date | time):
        return str(value), number_format or "General"
    if is_number(value):
        shown = render(value, number_format)
        return (general(value), number_format) if shown is None else (shown.strip(), None)
    return display_text(value), None
