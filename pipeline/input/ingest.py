"""Read a plan workbook as ``shared/spec/plan-format.md`` describes and validate it.

The result is one row per action. Every problem is collected in one pass and
raised together as one :class:`~pipeline.errors.InputError`, each located by
file, sheet, row and column.
"""

import gc
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from python_calamine import CalamineWorkbook

from pipeline.child import ChildCall
from pipeline.config import FORMAT_FILE, clean, fold, plan_format
from pipeline.errors import InputError, Problem, fail_if
from pipeline.input import cells, sheetxml, validate
from pipeline.input.files import check_file, limits


def header_index() -> dict[str, str]:
    """Map each folded header name and alias to its column key."""
    index = {}
    for key, spec in plan_format()["columns"].items():
        for name in [spec["header"], *spec["aliases"]]:
            index[fold(name)] = key
    return index


@dataclass
class Sheet:
    """One worksheet's values: ``rows[0]`` is the sheet's row 1 and column 0 is A; merged ranges are zero-based."""

    title: str
    rows: list[list]
    merged: list


DAMAGED = "open it in Excel (or LibreOffice) and save it again as an .xlsx workbook"


@dataclass
class Workbook:
    """An opened workbook: calamine for the values, the XML index for sheets and number formats."""

    path: Path
    values: object
    index: sheetxml.WorkbookIndex

    @property
    def sheet_names(self) -> list[str]:
        """The worksheets in workbook order (chart and macro sheets hold no table and are left out)."""
        return list(self.index.sheets)


def open_workbook(path: Path) -> Workbook:
    """Open the workbook (values as last saved), or raise an error in plain words."""
    check_file(path)
    index = sheetxml.workbook_index(path, path.name)  # missing or damaged parts are reported here, plainly
    try:
        return Workbook(path, CalamineWorkbook.from_path(str(path)), index)
    except Exception:  # calamine raises many kinds for one cause: a part it cannot read
        pass
    if index.skipped:  # macro or dialog sheets, which calamine does not know: read the workbook without them
        try:
            return Workbook(path, CalamineWorkbook.from_filelike(sheetxml.without_sheets(path, index.skipped)), index)
        except Exception:
            pass
    raise InputError(Problem(path.name, f"the workbook cannot be read: a part of it is damaged or written in a "
                                        f"form this reader does not know; {DAMAGED}"))


def load_sheet(book: Workbook, name: str, file: str) -> Sheet:
    """All values of one sheet, from A1; a sheet with more rows than the limit is refused by name."""
    try:
        sheet = book.values.get_sheet_by_name(name)
        rows = sheet.to_python(skip_empty_area=False)
        merged = list(sheet.merged_cell_ranges or [])
    except Exception:  # a damaged part of the archive
        raise InputError(Problem(file, f"the sheet cannot be read: its part of the workbook is damaged; {DAMAGED}",
                                 name)) from None
    limit = int(limits()["max_rows"])
    if len(rows) > limit:
        raise InputError(Problem(file, f"the sheet holds more than {limit:,} rows, over the limit of {limit:,} "
                                       f"(limits in {FORMAT_FILE.name})", name))
    return Sheet(name, rows, merged)


def find_header(sheet: Sheet, limit: int) -> tuple[int, dict[int, str]] | None:
    """Find the header row in the first ``limit`` rows: (1-based row number, {zero-based column: key})."""
    index = header_index()
    required = {k for k, spec in plan_format()["columns"].items() if spec["required"]}
    for number, row in enumerate(sheet.rows[:limit], start=1):
        keys = {col: index.get(fold(clean(value))) for col, value in enumerate(row) if clean(value)}
        if required <= set(keys.values()):
            return number, keys
    return None


def scan_or_damage(book: "Workbook", name: str, max_rows: int, file: str) -> "sheetxml.SheetScan | InputError":
    """The XML pass over one sheet; a damaged sheet is returned, not raised: it matters only if it holds the plan."""
    try:
        return sheetxml.scan_sheet(book.path, book.index, name, max_rows, file)
    except sheetxml.DamagedSheet as error:
        return error


def read_sheet(book: Workbook, name: str, file: str) -> tuple[Sheet, "sheetxml.SheetScan | InputError | ChildCall"]:
    """One sheet's values (calamine) and its XML pass, at the same time.

    Where it can, the XML pass runs in a child process (:class:`~pipeline.child.ChildCall`)
    and is returned unfinished, so that the values can be read and checked meanwhile.
    Otherwise it runs here while calamine reads in a thread: calamine releases the
    interpreter lock while it parses, so the two passes overlap.
    """
    if ChildCall.usable():
        pending = ChildCall(scan_or_damage, book, name, int(limits()["max_rows"]), file)
        try:
            return load_sheet(book, name, file), pending
        except BaseException:
            pending.close()
            raise
    loaded: dict = {}

    def load() -> None:
        try:
            loaded["sheet"] = load_sheet(book, name, file)
        except InputError as error:
            loaded["error"] = error

    reader = threading.Thread(target=load, name="calamine")
    reader.start()
    try:
        scan = scan_or_damage(book, name, int(limits()["max_rows"]), file)
    finally:
        reader.join()
    if "error" in loaded:
        raise loaded["error"]
    return loaded["sheet"], scan


def locate_table(book: Workbook, name: str) -> tuple[Sheet, "sheetxml.SheetScan | InputError | ChildCall", int,
                                                     dict[int, str]]:
    """Return (sheet, its XML pass, header row, column keys): the first sheet whose header holds the required columns.

    The pass may still run, or have found the sheet damaged: :func:`finished` gives its result or raises its error.
    """
    limit = plan_format()["header_search_rows"]
    seen, best, best_hits = [], [], 0
    index = header_index()
    for sheet_name in book.sheet_names:
        sheet, scan = read_sheet(book, sheet_name, name)
        found = find_header(sheet, limit)
        if found:
            return sheet, scan, found[0], found[1]  # an error of its XML pass is raised by finished()
        if isinstance(scan, ChildCall):
            scan.result()  # a sheet over the row limit stops the read, whichever sheet it is
        seen.append(sheet_name)
        for row in sheet.rows[:limit]:
            texts = [clean(v) for v in row if clean(v)]
            hits = sum(fold(t) in index for t in texts)
            if hits > best_hits:
                best, best_hits = texts, hits
    required = [spec["header"] for spec in plan_format()["columns"].values() if spec["required"]]
    detail = f"; the closest row has: {', '.join(best)}" if best else ""
    raise InputError(Problem(
        name, f"no sheet has a header row with the required columns {', '.join(required)} in its "
              f"first {limit} rows (sheets: {', '.join(seen)}){detail}. Add aliases in {FORMAT_FILE.name}."))


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
    book = open_workbook(path)
    sheet, scan, header_row, keys = locate_table(book, path.name)
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
