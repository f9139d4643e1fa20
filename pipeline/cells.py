"""Cell-level reading rules: blanks, merged ranges, and numbers read as they are displayed.

Values come from python-calamine (fast, values only). The number formats that the
contract needs (for numeric ``Nr`` cells) are read from the workbook's XML for that
one column, so the rest of the sheet is never parsed twice.
"""

import re
import zipfile
from functools import cache

ERROR_VALUES = {"#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#N/A", "#NUM!", "#NULL!", "#SPILL!", "#CALC!"}
BUILTIN_FORMATS = {0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%", 11: "0.00E+00",
                   12: "# ?/?", 13: "# ??/??", 37: "#,##0 ;(#,##0)", 38: "#,##0 ;[Red](#,##0)",
                   39: "#,##0.00;(#,##0.00)", 40: "#,##0.00;[Red](#,##0.00)", 48: "##0.0E+0", 49: "@"}


def is_blank(value) -> bool:
    """True for an empty cell, or one holding only spaces, non-breaking spaces or line breaks."""
    return value is None or (isinstance(value, str) and not value.replace("\u00a0", " ").strip())


def holds_error_text(values: list) -> bool:
    """True when some text cell reads as an error value such as ``#REF!`` (spaces around it allowed)."""
    texts = {value for value in values if value.__class__ is str}
    if "#" not in "".join(texts):  # the common case, answered by one search
        return False
    return bool(ERROR_VALUES.intersection(text.strip() for text in texts))


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


@cache
def format_decimals(number_format: str) -> int | None:
    """How many decimals a number format shows: ``0.00`` gives 2, ``General`` gives None."""
    section = number_format.split(";")[0]
    section = re.sub(r'"[^"]*"|\[[^\]]*\]', "", section)
    if section.strip().lower() in {"general", ""}:
        return None
    match = re.search(r"\.([0#?]+)", section)
    return len(match.group(1)) if match else 0


def display_text(value, number_format: str | None = None) -> str:
    """The cell's text as Excel shows it; numbers follow their number format (4.1 as ``0.00`` is ``4.10``).

    A number in the General format is shown with its shortest representation
    (``4.1``); callers decide whether that is ambiguous.
    """
    if value.__class__ is str:
        return value.replace("\u00a0", " ").strip()
    if value is None or isinstance(value, bool):
        return "" if value is None else str(value)
    if isinstance(value, int | float):
        decimals = format_decimals(number_format or "General")
        if decimals is None:
            return repr(float(value)).removesuffix(".0")
        return f"{value:.{decimals}f}"
    return str(value).replace("\u00a0", " ").strip()


def is_general_number(value, number_format: str | None) -> bool:
    """True for a numeric cell without a number format, where trailing zeros are lost."""
    return isinstance(value, int | float) and not isinstance(value, bool) and \
        format_decimals(number_format or "General") is None


@cache
def _archive_index(path: str, stamp: float) -> tuple[dict[str, str], list[str]]:
    """Sheet name → XML part, and the number format code of every cell style, from one workbook."""
    with zipfile.ZipFile(path) as archive:
        workbook = archive.read("xl/workbook.xml").decode("utf-8")
        relations = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8")
        styles = archive.read("xl/styles.xml").decode("utf-8") if "xl/styles.xml" in archive.namelist() else ""
    targets = {}
    for rel in re.finditer(r"<Relationship\b[^>]*>", relations):
        ident = re.search(r'\bId="([^"]+)"', rel.group(0))
        target = re.search(r'\bTarget="([^"]+)"', rel.group(0))
        if ident and target:
            part = target.group(1).lstrip("/")
            targets[ident.group(1)] = part if part.startswith("xl/") else f"xl/{part}"
    parts = {}
    for sheet in re.finditer(r"<(?:\w+:)?sheet\b[^>]*>", workbook):
        name = re.search(r'\bname="([^"]*)"', sheet.group(0))
        ident = re.search(r'\br:id="([^"]+)"', sheet.group(0)) or re.search(r'\bid="([^"]+)"', sheet.group(0))
        if name and ident and ident.group(1) in targets:
            parts[_unescape(name.group(1))] = targets[ident.group(1)]
    custom = {int(m.group(1)): _unescape(m.group(2))
              for m in re.finditer(r'<numFmt\b[^>]*numFmtId="(\d+)"[^>]*formatCode="([^"]*)"', styles)}
    cell_xfs = re.search(r"<cellXfs\b[^>]*>(.*?)</cellXfs>", styles, re.DOTALL)
    formats = []
    for xf in re.finditer(r"<xf\b[^>]*>", cell_xfs.group(1) if cell_xfs else ""):
        ident = re.search(r'numFmtId="(\d+)"', xf.group(0))
        number = int(ident.group(1)) if ident else 0
        formats.append(custom.get(number, BUILTIN_FORMATS.get(number, "General")))
    return parts, formats


def _unescape(text: str) -> str:
    return text.replace("&quot;", '"').replace("&apos;", "'").replace("&lt;", "<").replace("&gt;", ">") \
        .replace("&amp;", "&")


def sheet_xml(path, sheet_name: str) -> bytes:
    """The raw XML of one worksheet, undecoded (empty when the sheet cannot be found).

    Kept as bytes: the few patterns we look for are ASCII, and decoding a large
    sheet would cost more than searching it.
    """
    parts, _ = _archive_index(str(path), path.stat().st_mtime)
    part = parts.get(sheet_name)
    if part is None:
        return b""
    with zipfile.ZipFile(path) as archive:
        return archive.read(part)


def column_index(letters: str) -> int:
    """Zero-based index of spreadsheet column letters (A is 0)."""
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1


ERROR_CELL = re.compile(rb'<c r="([A-Z]+)(\d+)"[^>]*\bt="e"[^>]*>(.*?)</c>')
SAVED_VALUE = re.compile(rb"<v>([^<]*)</v>")


def error_cells(xml: bytes) -> dict[tuple[int, int], str]:
    """Cells whose saved value is an error such as ``#REF!``: {(zero-based row, column): error}."""
    found = {}
    if b't="e"' not in xml:
        return found
    for match in ERROR_CELL.finditer(xml):
        value = SAVED_VALUE.search(match.group(3))
        error = value.group(1).decode("utf-8", "replace") if value else "#N/A"
        found[(int(match.group(2)) - 1, column_index(match.group(1).decode("ascii")))] = error
    return found


def column_formats(path, sheet_name: str, column: int, xml: bytes | None = None) -> dict[int, str]:
    """Number format per row (1-based) of the styled cells in one column (zero-based) of one sheet."""
    _, formats = _archive_index(str(path), path.stat().st_mtime)
    xml = sheet_xml(path, sheet_name) if xml is None else xml
    letters = column_letter(column).encode("ascii")
    styled = re.compile(rb'<c r="' + letters + rb'(\d+)"[^>]*?\ss="(\d+)"')
    found = {}
    for row, style in styled.findall(xml):
        style = int(style)
        if style < len(formats):
            found[int(row)] = formats[style]
    return found
