"""Read a plan workbook as ``shared/spec/plan-format.md`` describes and validate it.

:mod:`pipeline.input.sheets` finds the sheet that holds the plan; this module
turns its rows into columns, shows the Nr cells as Excel does and has every
column checked (:mod:`pipeline.input.validate`). The result is one row per
action. Every problem is collected in one pass and raised together as one
:class:`~pipeline.errors.InputError`, each located by file, sheet, row and column.
"""

import gc
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from pipeline.child import ChildCall
from pipeline.config import clean, plan_format
from pipeline.errors import InputError, Problem, fail_if
from pipeline.input import cells, sheetxml, validate
from pipeline.input.sheets import Sheet, drop_prefetched, locate_table, open_workbook


def check_columns(keys: dict[int, str], sheet: Sheet, header_row: int, name: str) -> list[Problem]:
    """Problems with the header: a column given twice (or by two aliases)."""
    problems, first = [], {}
    for col, key in sorted(keys.items()):
        if key is None:
            continue
        if key in first:
            problems.append(Problem(name, f"column '{plan_format()['columns'][key]['header']}' appears twice "
                                          f"(also in column {cells.column_letter(first[key])})",
                                    sheet.title, header_row, cells.column_letter(col)))
        else:
            first[key] = col
    return problems


def read_rows(sheet: Sheet, header_row: int, keys: dict[int, str], name: str, nr_formats: dict[int, str],
              errors: dict[tuple[int, int], str]) -> tuple[dict, list[Problem]]:
    """Turn the sheet's rows into raw columns, skipping empty rows and section headings.

    A row is judged empty or a heading on the cells as written (a merged range counts
    once, at its top-left cell); then merged values and saved errors are filled into
    the columns. The result holds one list per column key, plus ``rij`` (row numbers),
    ``nr_general`` and ``extra`` ({header: values}), so validation works column by column.
    """
    headers = {col: clean(value) for col, value in enumerate(sheet.rows[header_row - 1]) if clean(value)}
    unnamed = sorted(set(range(min(headers), max(headers) + 1)) - set(headers))
    nr_column = next(col for col, key in keys.items() if key == "nr")
    kept, numbers, decided_by_nr = [], [], []
    for index in range(header_row, len(sheet.rows)):
        row = sheet.rows[index]
        if len(row) - row.count("") - row.count(None) <= 2:  # few cells hold something: empty or a heading?
            filled = [col for col, value in enumerate(row) if value != "" and value is not None
                      and not (value.__class__ is str and value.isspace())]
            if not filled and not any((index, col) in errors for col in range(len(row))):
                continue
            if len(filled) == 1:
                only = filled[0]
                if only == nr_column:
                    decided_by_nr.append(index + 1)
                text = cells.display_text(row[only], nr_formats.get(index + 1) if only == nr_column else None)
                if not validate.NR_PATTERN.match(text.replace(" ", "")):
                    continue  # a section heading such as "Thema 3 - Ecosysteem"
        kept.append(row)
        numbers.append(index + 1)
    position = {number - 1: at for at, number in enumerate(numbers)}
    width = max((len(row) for row in kept), default=0)
    if any(len(row) < width for row in kept):
        kept = [row + [""] * (width - len(row)) for row in kept]
    columns = list(zip(*kept))  # one transposition instead of one pass over the rows per column

    def cell(row: int, col: int):
        """A cell's value as saved: an error code where the workbook stores one."""
        return errors.get((row, col), sheet.rows[row][col] if col < len(sheet.rows[row]) else "")

    def column(col: int) -> list:
        """One column over the kept rows, with merged ranges and saved errors filled in."""
        values = list(columns[col]) if col < width else [""] * len(kept)
        for (top, left), (bottom, right) in sheet.merged:
            if left <= col <= right:
                first = top + 1 if col == left else top  # every cell of the range but its top-left one
                low, high = bisect_left(numbers, first + 1), bisect_right(numbers, bottom + 1)
                values[low:high] = [cell(top, left)] * (high - low)
        for (row, at_col), value in errors.items():
            if at_col == col and row in position:
                values[position[row]] = value
        return values

    problems = []
    for col in sorted(set(headers) | set(unnamed)):
        values = column(col)
        if cells.holds_error_text(values):
            for number, value in zip(numbers, values):
                if isinstance(value, str) and value.strip() in cells.ERROR_VALUES:
                    problems.append(Problem(name, f"the cell holds the error value {value.strip()}; expected a value",
                                            sheet.title, number, headers.get(col, cells.column_letter(col))))
        if col in unnamed:
            rows = [number for number, value in zip(numbers, values) if not cells.is_blank(value)]
            if rows:
                shown = ", ".join(str(r) for r in rows[:5]) + (", …" if len(rows) > 5 else "")
                problems.append(Problem(name, f"the column has no header but holds values (rows {shown}); name the "
                                              f"column or clear it", sheet.title, header_row, cells.column_letter(col)))
    table = {key: column(col) for col, key in keys.items() if key and key != "nr"}
    nr_rows = numbers
    if any(left <= nr_column <= right for (_, left), (_, right) in sheet.merged):
        # a merged Nr cell is read with the number format of its range's top-left cell
        sources = cells.merged_sources(sheet.merged)
        nr_rows = [sources.get((number - 1, nr_column), (number - 1,))[0] + 1 for number in numbers]
    table["nr_raw"], table["nr_rows"], table["nr_decided"] = column(nr_column), nr_rows, decided_by_nr
    render_nr(table, nr_formats)
    table["rij"] = numbers
    table["extra"] = {header: column(col) for col, header in headers.items() if not keys.get(col)}
    return table, problems


def render_nr(table: dict, nr_formats: dict[int, str], at: list[int] | None = None) -> None:
    """Show the Nr cells as Excel does under their number formats (``nr``, ``nr_general``, ``nr_unreadable``),
    all of them or only those ``at`` these positions."""
    values, sources = table["nr_raw"], table["nr_rows"]
    if at is None:
        at = range(len(values))
        for name in ("nr", "nr_general", "nr_unreadable"):
            table[name] = [None] * len(values)
    nr, unreadable, general = table["nr"], table["nr_unreadable"], table["nr_general"]
    for position in at:
        value = values[position]
        if value.__class__ is str:  # most Nr cells hold text, whatever their format: shown as written
            nr[position], unreadable[position], general[position] = value.replace("\u00a0", " ").strip(), None, False
            continue
        code = nr_formats.get(sources[position])
        nr[position], unreadable[position] = cells.number_cell(value, code)
        general[position] = cells.is_general_number(value, code)


@contextmanager
def collector_paused():
    """Pause Python's cyclic garbage collector for the duration of a read.

    Reading a plan makes millions of small objects and no reference cycles, yet each
    few hundred new containers make the collector walk the growing heap again: at
    100,000 actions that was 0.7 s of a 2.3 s read. Its earlier state is restored.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_plan(path: Path | str, year: int, early: Callable[[dict], None] | None = None) -> pd.DataFrame:
    """Read and validate the plan workbook at ``path`` for plan year ``year``: one row per action.

    ``early``, if given, may be called with the checked columns of every field but
    Nr (one list per field, one item per row), before the plan is complete: work
    that needs only those can start on them. They are the plan's, unless the plan
    is refused, or the number formats change which rows are actions; so whoever
    uses them compares them with the plan in the end (:class:`pipeline.contracts.Tagging`).
    """
    with collector_paused():
        return _read_plan(Path(path), year, early)


def _read_plan(path: Path, year: int, early: Callable[[dict], None] | None) -> pd.DataFrame:
    try:
        book = open_workbook(path)
        sheet, scan, header_row, keys = locate_table(book, path.name)
    finally:
        drop_prefetched()  # an early pass of a sheet that does not hold the plan, or of a file that cannot be read
    try:
        return read_table(path, year, sheet, scan, header_row, keys, early)
    finally:
        if isinstance(scan, ChildCall):
            scan.close()


def finished(scan: "sheetxml.SheetScan | InputError | ChildCall") -> sheetxml.SheetScan:
    """The XML pass's result; its input error (a damaged sheet, too many rows) is raised."""
    outcome = scan.result() if isinstance(scan, ChildCall) else scan
    if isinstance(outcome, InputError):
        raise outcome
    return outcome


def read_table(path: Path, year: int, sheet: Sheet, scan, header_row: int, keys: dict[int, str],
               early: Callable[[dict], None] | None = None) -> pd.DataFrame:
    """Read and check the table of the sheet that holds the plan.

    While the XML pass runs in a child process, the values are read and every
    column but Nr is checked as if no cell had a number format or a saved error.
    Then only the Nr cells with a number format are shown again; should a saved
    error or a formatted Nr cell have decided whether a row is kept, all is read
    again with the pass's findings. An error of the pass itself comes first.
    The checked columns go to ``early`` (see :func:`read_plan`) as soon as they are known.
    """
    problems = check_columns(keys, sheet, header_row, path.name)
    if problems:
        finished(scan)
    fail_if(problems)
    nr_column = next(col for col, key in keys.items() if key == "nr")
    headers = {key: clean(sheet.rows[header_row - 1][col]) for col, key in keys.items() if key}
    checked = None
    if isinstance(scan, ChildCall):
        table, problems = read_rows(sheet, header_row, keys, path.name, {}, {})
        checked = validate.check_other_columns(table, year, path.name, sheet.title, headers)
        if early is not None and not checked["problems"]:
            early(checked["columns"])
    scan = finished(scan)
    nr_formats = {row: code for (row, col), code in scan.formats.items() if col == nr_column}
    if checked is not None and not scan.errors and not any(row in nr_formats for row in table["nr_decided"]):
        render_nr(table, nr_formats, [at for at, row in enumerate(table["nr_rows"]) if row in nr_formats])
    else:
        table, problems = read_rows(sheet, header_row, keys, path.name, nr_formats, scan.errors)
        checked = None
    plan, more = validate.build_plan(table, year, path.name, sheet.title, headers, checked)
    fail_if(explain_formulas(scan.formulas, sheet, header_row, problems + more))
    plan.attrs.update({"file": path.name, "sheet": sheet.title, "year": year})
    return plan


def explain_formulas(formulas: dict[tuple[int, int], str], sheet: Sheet, header_row: int,
                     problems: list[Problem]) -> list[Problem]:
    """An 'empty' cell may hold a formula whose result was never saved; say so instead.

    The formulas come from the pass over the sheet's XML that also read the number
    formats, so nothing is read again.
    """
    if not formulas:
        return problems
    columns = {clean(value): col for col, value in enumerate(sheet.rows[header_row - 1]) if clean(value)}
    explained = []
    for problem in problems:
        formula = None
        if problem.message.startswith("the cell is empty") and problem.row is not None and problem.column in columns:
            formula = formulas.get((problem.row - 1, columns[problem.column]))
        if formula is not None:
            problem = Problem(problem.file, f"the cell holds the formula ={formula} but no saved result; open the file "
                                            f"in Excel and save it so the values are stored", problem.sheet, problem.row,
                              problem.column)
        explained.append(problem)
    return explained
