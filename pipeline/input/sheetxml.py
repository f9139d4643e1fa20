"""The workbook's XML, read with an XML parser: the sheets, the number formats, and one streaming pass over a sheet.

python-calamine gives the cell values; it does not give number formats, saved
error codes or formulas. Those come from here. Producers write the same XML in
many forms (attribute order, quotes, namespace prefixes such as ``x:``, line
breaks inside tags, character references): the parser reads them all. Small parts
(the workbook, its relationships, the styles) are parsed whole; a worksheet is
streamed with expat, once, keeping only what the ``Nr`` column and the error
messages need, and counting the rows that hold cells as it goes.
"""

import io
import posixpath
import xml.etree.ElementTree as ElementTree
import zipfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from xml.parsers import expat

from pipeline.errors import InputError, Problem
from pipeline.input.numfmt import format_code


def local(name: str) -> str:
    """An element or attribute name without its namespace: ``{uri}sheet`` and ``x:sheet`` are ``sheet``."""
    return name.rsplit("}", 1)[-1].rsplit(":", 1)[-1]


def attribute(element, name: str) -> str | None:
    """An attribute by its local name, whatever its namespace."""
    for key, value in element.attrib.items():
        if local(key) == name:
            return value
    return None


def parse_part(archive: zipfile.ZipFile, part: str, file: str):
    """One small XML part as an element tree, or a plain-words error."""
    try:
        return ElementTree.fromstring(archive.read(part))
    except KeyError:
        raise InputError(Problem(file, f"the workbook has no part {part}: it is not a complete .xlsx file; "
                                       "open it in Excel and save it again")) from None
    except ElementTree.ParseError as error:
        raise InputError(Problem(file, f"the part {part} of the workbook is not well-formed XML (line "
                                       f"{error.position[0]}): the file is damaged; open it in Excel and save it "
                                       "again")) from None


def relationships(archive: zipfile.ZipFile, source: str, file: str) -> dict[str, tuple[str, str]]:
    """The relationships of part ``source``: id → (type's last word, target part path)."""
    folder, name = posixpath.split(source)
    rels = posixpath.join(folder, "_rels", f"{name}.rels")
    found = {}
    for element in parse_part(archive, rels, file).iter():
        if local(element.tag) != "Relationship":
            continue
        target = element.get("Target", "")
        if element.get("TargetMode") == "External":
            continue
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        found[element.get("Id", "")] = (element.get("Type", "").rsplit("/", 1)[-1], part)
    return found


def without_sheets(path: Path, names: tuple[str, ...]) -> io.BytesIO:
    """The workbook in memory with the named sheets left out of its list (macro sheets, which hold no table)."""
    with zipfile.ZipFile(path) as archive:
        document = next(part for kind, part in relationships(archive, "", path.name).values() if kind == "officeDocument")
        root = parse_part(archive, document, path.name)
        for holder in [e for e in root.iter() if local(e.tag) == "sheets"]:
            for sheet in [e for e in holder if local(e.tag) == "sheet" and e.get("name") in names]:
                holder.remove(sheet)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as copy:
            for info in archive.infolist():
                data = ElementTree.tostring(root) if info.filename == document else archive.read(info.filename)
                copy.writestr(info.filename, data)
    buffer.seek(0)
    return buffer


@dataclass(frozen=True)
class WorkbookIndex:
    """Where each worksheet's XML is, and the number format code of every cell style."""

    sheets: dict[str, str]
    formats: tuple[str, ...]
    skipped: tuple[str, ...] = field(default=())


@cache
def _index(path: str, stamp: float, file: str) -> WorkbookIndex:
    with zipfile.ZipFile(path) as archive:
        document = next((part for kind, part in relationships(archive, "", file).values() if kind == "officeDocument"),
                        None)
        if document is None:
            raise InputError(Problem(file, "the archive does not say where its workbook is (no officeDocument in "
                                           "_rels/.rels): it is not an .xlsx workbook"))
        links = relationships(archive, document, file)
        sheets, skipped = {}, []
        for element in parse_part(archive, document, file).iter():
            if local(element.tag) != "sheet":
                continue
            kind, part = links.get(attribute(element, "id") or "", ("", ""))
            name = element.get("name", "")
            if kind == "worksheet":
                sheets[name] = part
            else:
                skipped.append(name)
        custom, styles = {}, []
        style_part = next((part for kind, part in links.values() if kind == "styles"), None)
        if style_part and style_part in archive.namelist():
            root = parse_part(archive, style_part, file)
            for element in root.iter():
                if local(element.tag) == "numFmt" and (element.get("numFmtId") or "").isdigit():
                    custom[int(element.get("numFmtId"))] = element.get("formatCode", "General")
            cell_xfs = next((e for e in root.iter() if local(e.tag) == "cellXfs"), None)
            for xf in [] if cell_xfs is None else [e for e in cell_xfs if local(e.tag) == "xf"]:
                ident = xf.get("numFmtId", "0")
                styles.append(format_code(int(ident) if ident.isdigit() else 0, custom))
    return WorkbookIndex(sheets, tuple(styles), tuple(skipped))


def workbook_index(path: Path, file: str) -> WorkbookIndex:
    """The workbook's sheets and styles, read once per file version. Raises InputError in plain words."""
    try:
        return _index(str(path), path.stat().st_mtime, file)
    except zipfile.BadZipFile:
        raise InputError(Problem(file, "the workbook is damaged (a corrupt zip archive)")) from None
    except (NotImplementedError, RuntimeError) as error:
        raise InputError(Problem(file, f"a part of the workbook cannot be unpacked ({unpack_reason(error)}); "
                                       "save it again as a plain .xlsx workbook")) from None


def unpack_reason(error: Exception) -> str:
    """Why a zip member cannot be read, in plain words."""
    text = str(error).lower()
    if "password" in text or "encrypted" in text:
        return "it is protected with a password"
    if "compression" in text:
        return "it uses a compression method such as Deflate64 that only some programs read"
    return "it is stored in a way this reader does not know"


@dataclass
class SheetScan:
    """What one pass over a worksheet's XML found (rows and columns zero-based unless named otherwise)."""

    formats: dict[tuple[int, int], str] = field(default_factory=dict)  # (1-based row, column) → a format not General
    errors: dict[tuple[int, int], str] = field(default_factory=dict)  # saved error codes such as #REF!
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)  # formulas without a saved result
    rows: int = 0  # rows that hold at least one cell


class DamagedSheet(InputError):
    """A worksheet whose XML the parser rejects; it matters only if that sheet holds the plan."""


class TooManyRows(Exception):
    """Raised inside the parser to stop at the row limit."""


LETTERS = {}


def column_of(reference: str) -> int:
    """Zero-based column of a cell reference such as ``AB12``."""
    letters = reference.rstrip("0123456789")
    index = LETTERS.get(letters)
    if index is None:
        index = 0
        for letter in letters.upper():
            index = index * 26 + ord(letter) - 64
        index = LETTERS[letters] = index - 1
    return index


def scan_sheet(path: Path, index: WorkbookIndex, sheet: str, max_rows: int, file: str) -> SheetScan:
    """Stream one worksheet: cells with a number format other than General, saved errors, formulas without
    results, and the rows that hold cells.

    The handler runs once per element of a sheet that may hold millions, so it does
    as little as it can: a cell's column is worked out only when the cell has a
    number format, holds an error, or holds a formula. It needs no knowledge of the
    table, so it can run while calamine reads the same sheet (see ``pipeline.input.ingest``).
    """
    part = index.sheets.get(sheet)
    found = SheetScan()
    if part is None:
        return found
    found_formats, errors, formulas = found.formats, found.errors, found.formulas
    formatted = {str(style): code for style, code in enumerate(index.formats)
                 if code.strip().lower() not in ("general", "")}
    row, rows, fresh, text = 0, 0, True, []
    # The previous cell of the row: its attributes, and its column once worked out (None: not yet).
    previous, previous_column = None, -1
    kind = formula = None
    parser = expat.ParserCreate()
    parser.buffer_text = True

    def column(attrs: dict) -> int:
        """The cell's column: from its reference, or one after the previous cell of the row."""
        nonlocal previous, previous_column
        reference = attrs.get("r")
        if reference:
            here = column_of(reference)
        elif previous_column is not None:
            here = previous_column + 1
        else:
            here = column_of(previous["r"]) + 1
        previous, previous_column = attrs, here
        return here

    def collect(data: str) -> None:
        text.append(data)

    def start(name: str, attrs: dict) -> None:
        nonlocal row, rows, fresh, previous, previous_column, kind, formula, text
        if name == "c":
            if fresh:
                fresh = False
                rows += 1
                if rows > max_rows:
                    raise TooManyRows
            code = formatted.get(attrs.get("s"))
            kind = attrs.get("t")
            if code is not None:
                found_formats[(row, column(attrs))] = code
            elif "r" not in attrs:  # rare: a cell placed by its position in the row
                column(attrs)
            else:
                previous, previous_column = attrs, None
            if kind == "e":
                formula, text = None, []
                parser.CharacterDataHandler = collect
                parser.EndElementHandler = end
            else:
                formula = None
        elif name == "v" or name == "is" or name == "t":
            return
        elif name == "row":
            number = attrs.get("r")
            row = int(number) if number and number.isdigit() else row + 1
            fresh, previous, previous_column = True, None, -1
        elif name == "f":
            text, formula = [], ""
            parser.CharacterDataHandler = collect
            parser.EndElementHandler = end
        elif ":" in name:
            start(name.rsplit(":", 1)[1], attrs)

    def end(name: str) -> None:
        nonlocal formula, text
        name = name.rsplit(":", 1)[-1]
        if name == "f":
            formula, text = "".join(text), []
        elif name == "c":
            value = "".join(text).strip()
            where = (row - 1, previous_column if previous_column is not None else column_of(previous["r"]))
            if kind == "e":
                errors[where] = value or "#N/A"
            elif formula is not None and not value:
                formulas[where] = formula
            parser.CharacterDataHandler = None
            parser.EndElementHandler = None
            text = []

    parser.StartElementHandler = start
    try:
        with zipfile.ZipFile(path) as archive, archive.open(part) as stream:
            parser.ParseFile(stream)
    except TooManyRows:
        raise InputError(Problem(file, f"the sheet holds more than {max_rows:,} rows, over the limit of {max_rows:,} "
                                       "(limits in plan-format.yaml)", sheet)) from None
    except expat.ExpatError as error:
        raise DamagedSheet(Problem(file, f"the sheet's XML is damaged near line {error.lineno}; open the workbook in "
                                         "Excel and save it again", sheet)) from None
    except (NotImplementedError, RuntimeError, zipfile.BadZipFile) as error:
        raise InputError(Problem(file, f"the sheet cannot be unpacked ({unpack_reason(error)})", sheet)) from None
    found.rows = rows
    return found
