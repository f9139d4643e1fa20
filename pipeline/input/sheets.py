"""The plan's sheet in a workbook: open the workbook, read a sheet's values and its XML pass, find the header.

Values come from python-calamine; the XML pass over the same sheet (number
formats, saved errors, formulas, the row count) runs beside it, in a child
process where that is safe (:mod:`pipeline.child`), or else while calamine reads
in a thread. The first sheet whose header row holds the required columns is the
plan; :mod:`pipeline.input.ingest` turns it into checked columns.
"""

import atexit
import threading
from dataclasses import dataclass
from pathlib import Path

from python_calamine import CalamineWorkbook

from pipeline.child import ChildCall
from pipeline.config import FORMAT_FILE, clean, fold, plan_format
from pipeline.errors import InputError, Problem
from pipeline.input import sheetxml
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


def header_keys(row: list, index: dict[str, str]) -> dict[int, str | None]:
    """The column key each non-empty cell of a row names ({zero-based column: key, or None for an unknown name})."""
    return {col: index.get(fold(clean(value))) for col, value in enumerate(row) if clean(value)}


def find_header(sheet: Sheet, limit: int) -> tuple[int, dict[int, str]] | None:
    """Find the header row in the first ``limit`` rows: (1-based row number, {zero-based column: key})."""
    index = header_index()
    required = {k for k, spec in plan_format()["columns"].items() if spec["required"]}
    for number, row in enumerate(sheet.rows[:limit], start=1):
        keys = header_keys(row, index)
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
        pending = (PREFETCHED and PREFETCHED.pop(prefetch_key(book.path, name), None)) or ChildCall(
            scan_or_damage, book, name, int(limits()["max_rows"]), file)
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


PREFETCH_FROM = 1_000_000  # bytes of workbook: below this, the XML pass is quick and an early child saves nothing
PREFETCHED: dict[tuple, ChildCall] = {}  # the XML passes started by prefetch(), by workbook and sheet


def prefetch_key(path: Path, name: str) -> tuple:
    """Which workbook file (as it is now) and which sheet an early XML pass is for."""
    path = Path(path).resolve()
    return path, path.stat().st_mtime_ns, name


def prefetch(path: Path) -> None:
    """Start the XML pass over a large workbook's first worksheet in a child process now, before the caller
    imports pandas: the pass needs none of it, and while one core imports, the other would wait.

    :func:`read_sheet` takes the pass up if it reads that sheet of that file;
    :func:`drop_prefetched` stops a pass nobody took. Nothing here reports a
    problem with the file: reading it reports every problem, in plain words.
    """
    try:
        path = Path(path)
        if not ChildCall.usable() or path.stat().st_size < PREFETCH_FROM:
            return
        check_file(path)
        index = sheetxml.workbook_index(path, path.name)
        name = next(iter(index.sheets), None)
        if name is None:
            return
        key = prefetch_key(path, name)
        if key not in PREFETCHED:
            PREFETCHED[key] = ChildCall(scan_or_damage, Workbook(path, None, index), name,
                                        int(limits()["max_rows"]), path.name)
            atexit.register(drop_prefetched)
    except Exception:  # whatever it is, the reading meets it again and says what is wrong
        return


def drop_prefetched() -> None:
    """Stop and reap the early XML passes that no reading took up."""
    while PREFETCHED:
        PREFETCHED.popitem()[1].close()


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
            keys = header_keys(row, index)
            hits = sum(key is not None for key in keys.values())
            if hits > best_hits:
                best, best_hits = [clean(row[col]) for col in keys], hits
    required = [spec["header"] for spec in plan_format()["columns"].values() if spec["required"]]
    detail = f"; the closest row has: {', '.join(best)}" if best else ""
    raise InputError(Problem(
        name, f"no sheet has a header row with the required columns {', '.join(required)} in its "
              f"first {limit} rows (sheets: {', '.join(seen)}){detail}. Add aliases in {FORMAT_FILE.name}."))
