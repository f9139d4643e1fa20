"""A corpus of broken inputs: each case writes one small file and names the message it must produce.

``build(case, folder)`` writes the case's files and returns the command-line arguments
that feed them to ``python -m pipeline tables``. Used by tests/test_corpus.py.
"""

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from conftest import HEADERS, action, write_workbook


@dataclass
class Case:
    name: str
    expected: str                      # a regex the message must match
    plan: object = None                # callable(path) writing the plan, or None for the good plan
    annotations: str | bytes | None = None
    args: list = field(default_factory=list)
    year: int = 2023
    where: bool = True                 # the message names sheet, row and column


def good(path: Path) -> Path:
    return write_workbook(path, [action("1,1"), action("1,2", label="nieuw"), action("3,5", "Ecosysteem")])


def rows(*extra) -> callable:
    return lambda path: write_workbook(path, [action("1,1"), *extra])


def raw(content: bytes) -> callable:
    def write(path: Path) -> Path:
        path.write_bytes(content)
        return path
    return write


def patched(cell: str, xml: str) -> callable:
    """A good workbook whose cell is replaced by raw sheet XML (formulas with or without a cached value)."""
    def write(path: Path) -> Path:
        good(path)
        data = io.BytesIO(path.read_bytes())
        out = io.BytesIO()
        with zipfile.ZipFile(data) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for item in source.infolist():
                content = source.read(item.filename)
                if item.filename == "xl/worksheets/sheet1.xml":
                    content = re.sub(rf'<c r="{cell}"[^>]*?(/>|>.*?</c>)'.encode(), xml.encode(), content, count=1)
                target.writestr(item, content)
        path.write_bytes(out.getvalue())
        return path
    return write


def headers(names: list, values: list) -> callable:
    return lambda path: write_workbook(path, [values], headers=names)


def encrypted(path: Path) -> Path:
    """An OLE compound file, as Excel writes a password-protected workbook."""
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "EncryptionInfo".encode("utf-16-le"))
    return path


def truncated(path: Path) -> Path:
    good(path)
    path.write_bytes(path.read_bytes()[:900])
    return path


def empty_workbook(path: Path) -> Path:
    import openpyxl
    openpyxl.Workbook().save(path)
    return path


def deep_header(path: Path) -> Path:
    return write_workbook(path, [action()], title_rows=tuple(f"titel {i}" for i in range(21)))


NO_STATUS = [h for h in HEADERS if h != "Status"]

CASES = [
    # file type
    Case("csv_renamed", r"not an \.xlsx workbook: the content is text", raw(b"Nr;Thema\n1,1;1\n"), where=False),
    Case("xls", r"old-style \.xls or an encrypted workbook", raw(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600),
         where=False),
    Case("zero_bytes", r"the file is empty \(0 bytes\)", raw(b""), where=False),
    Case("empty_workbook", r"no sheet has a header row", empty_workbook, where=False),
    Case("truncated_zip", r"damaged|cannot be opened", truncated, where=False),
    Case("encrypted", r"encrypted workbook", encrypted, where=False),
    Case("no_header_sheet", r"no sheet has a header row .*plan-format.yaml",
         lambda p: write_workbook(p, [["a", "b"]], headers=["Iets", "Anders"]), where=False),
    Case("header_past_row_20", r"in its first 20 rows", deep_header, where=False),
    Case("not_a_zip", r"not a zip archive", raw(b"\x01\x02\x03\x04" * 10), where=False),
    # columns
    Case("missing_column", r"required columns .*Status", headers(NO_STATUS, action()[:-1]), where=False),
    Case("column_twice", r"column 'Actie' appears twice", headers(HEADERS + ["Actie"], action() + ["x"])),
    Case("two_aliases", r"column 'Actie' appears twice", headers(HEADERS + ["Titel"], action() + ["x"])),
    Case("empty_header_with_values", r"column 'J': the column has no header but holds values",
         headers(HEADERS + [None, "Partners"], action() + ["waarde", "VVSG"])),
    # Nr
    Case("nr_missing", r"column 'Nr': the action number is missing", rows(action(None))),
    Case("nr_duplicated", r"action number 1,1 appears twice", rows(action("1,1"))),
    Case("nr_dash", r"'3-57' is not an action number", rows(action("3-57", "Ecosysteem"))),
    Case("nr_no_sequence", r"'3,' is not an action number", rows(action("3,", "Ecosysteem"))),
    Case("nr_no_theme", r"',57' is not an action number", rows(action(",57", "Ecosysteem"))),
    Case("nr_suffix", r"'3,57a' is not an action number", rows(action("3,57a", "Ecosysteem"))),
    Case("nr_theme_mismatch", r"theme 3 does not match action number 1,7", rows(action("1,7", "Ecosysteem"))),
    Case("nr_general_ambiguous", r"the number 1.1 has no number format",
         lambda p: write_workbook(p, [action(1.1), action("1,12")])),
    # domains and themes
    Case("unknown_domain", r"unknown domain 'Sport'", rows(action("1,2", domein="Sport"))),
    Case("unknown_theme", r"unknown theme 'Cultuur'", rows(action("1,2", "Cultuur"))),
    Case("empty_domain_piece", r"an empty piece between two separators", rows(action("1,2", domein="OMG;;WVG"))),
    Case("one_unknown_domain", r"unknown domain 'Toerisme'", rows(action("1,2", domein="OMG; Toerisme; WVG"))),
    Case("domain_wrong_era", r"domain 'WEWILS' exists only from 2024", rows(action("1,2", domein="WEWILS")), year=2022),
    # vocabularies
    Case("unknown_status", r"column 'Status': 'stopgezet' is not allowed", rows(action("1,2", status="stopgezet"))),
    Case("unknown_type", r"column 'Type': 'gezamenlijk' is not allowed", rows(action("1,2", type_="gezamenlijk"))),
    Case("unknown_label", r"column 'Label': 'oud' is not allowed", rows(action("1,2", label="oud"))),
    # formulas
    Case("formula_without_value", r"column 'Actie': the cell holds the formula =A1&B1 but no saved result",
         patched("C3", '<c r="C3"><f>A1&amp;B1</f></c>')),
    Case("formula_error_value", r"column 'Actie': the cell holds the error value #REF!",
         patched("C3", '<c r="C3" t="e"><f>#REF!</f><v>#REF!</v></c>')),
    # annotations
    Case("ann_unknown_nr", r"annotations.csv, row 2, column 'Nr': action '9,9' is not in the plan",
         annotations="Nr;Aard\n9,9;strategisch\n", where=False),
    Case("ann_self", r"column 'Dubbel met': action 1,1 cannot be a duplicate of itself",
         annotations="Nr;Dubbel met\n1,1;1,1\n", where=False),
    Case("ann_unknown_target", r"column 'Dubbel met': '1,99' is not an action of the plan",
         annotations="Nr;Dubbel met\n1,1;1,99\n", where=False),
    Case("ann_cycle", r"goes round in a circle", annotations="Nr;Dubbel met\n1,1;1,2\n1,2;3,5\n3,5;1,1\n", where=False),
    Case("ann_nature", r"column 'Aard': 'cruciaal' is not allowed", annotations="Nr;Aard\n1,1;cruciaal\n", where=False),
    Case("ann_delimiter", r"no 'Nr' column", annotations="Nr\tAard\n1,1\tstrategisch\n", where=False),
    Case("ann_cp1252", r"not UTF-8 \(byte 0xe9 on line 2\)",
         annotations="Nr;Aard;Opmerking\n1,1;strategisch;één\n".encode("cp1252"), where=False),
    Case("ann_unknown_label", r"'europa.bestaat_niet' is not a tag", annotations="Nr;Labels\n1,1;europa.bestaat_niet\n",
         where=False),
    Case("ann_empty", r"the annotations file is empty", annotations="", where=False),
    # arguments
    Case("year_disagrees", r"2023 is after the plan year 2022: does --year match the plan\?",
         rows(action("1,2", label="nieuw", jaar=2023)), year=2022),
    Case("year_without_plan", r"there is no plan for 2019", plan=False, year=2019, where=False),
    Case("plan_missing", r"the file does not exist", plan="missing", where=False),
    Case("plan_is_folder", r"this is a folder", plan="folder", where=False),
]
