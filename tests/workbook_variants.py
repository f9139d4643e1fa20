"""Build workbooks that are valid in forms the reader must accept, or broken in ways it must explain.

Every builder starts from a real file (the 2023 sample plan, or a real workbook of
``tests/corpus/real/``) and rewrites parts of its zip archive, so the result is what
another producer would write: the same data, other XML. Used by
``tests/test_real_corpus.py``; the files are made in the test's folder, never committed.
"""

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from python_calamine import CalamineWorkbook

Change = Callable[[bytes], bytes]
MAIN = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
WORKSHEET_TYPE = "/worksheet"
WORKSHEET_CONTENT = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
MACRO_CONTENT = "application/vnd.ms-excel.macrosheet+xml"


def rewrite(source: Path, target: Path, changes: dict[str, Change] | None = None,
            added: dict[str, bytes] | None = None) -> Path:
    """Copy a workbook, passing named parts through a change and adding new parts."""
    changes, added = changes or {}, added or {}
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info.filename)
            new.writestr(info.filename, changes.get(info.filename, lambda d: d)(data))
        for name, data in added.items():
            new.writestr(name, data)
    return target


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist() if not name.endswith("/")}


def sheet_part(path: Path) -> str:
    """The first worksheet's part (all sample plans keep their actions on it)."""
    return sorted(name for name in parts(path) if name.startswith("xl/worksheets/sheet"))[0]


# -- valid XML in other forms (the sample plan must give exactly its own tables) ------------------------------------

def attributes(tag: bytes) -> list[tuple[bytes, bytes]]:
    return re.findall(rb'([\w:]+)="([^"]*)"', tag)


def style_first(xml: bytes) -> bytes:
    """``<c s="3" r="A5">``: the style before the reference, as Google Sheets writes it."""
    def reorder(match: re.Match) -> bytes:
        pairs = sorted(attributes(match.group(1)), key=lambda pair: pair[0] != b"s")
        return b"<c " + b" ".join(k + b'="' + v + b'"' for k, v in pairs) + match.group(2)
    return re.sub(rb"<c ([^>]*?)(/?>)", reorder, xml)


def prefixed(xml: bytes) -> bytes:
    """Every element of the main namespace with the prefix ``x:``, the default namespace declared as ``xmlns:x``."""
    xml = re.sub(rb"<(/?)([A-Za-z]\w*)(?=[\s/>])", rb"<\1x:\2", xml)
    return xml.replace(b'xmlns="' + MAIN + b'"', b'xmlns:x="' + MAIN + b'"')


def single_quoted(xml: bytes) -> bytes:
    """Attribute values in single quotes."""
    def swap(match: re.Match) -> bytes:
        return match.group(1) + b"='" + match.group(2).replace(b"'", b"&apos;") + b"'"
    head, _, body = xml.partition(b"?>") if xml.startswith(b"<?xml") else (b"", b"", xml)
    return (head + b"?>" if head else b"") + re.sub(rb'([\w:]+)="([^"]*)"', swap, body)


def broken_lines(xml: bytes) -> bytes:
    """A line break and indentation inside every ``<c …>`` tag."""
    return re.sub(rb"<c ([^>]*?)(/?>)", lambda m: b"<c\n   " + m.group(1).replace(b'" ', b'"\n   ') + m.group(2), xml)


def referenced_name(xml: bytes) -> bytes:
    """The sheet's name in workbook.xml written with character references for its spaces."""
    return re.sub(rb'(<sheet [^>]*name=")([^"]*)(")', lambda m: m.group(1) + m.group(2).replace(b" ", b"&#32;") +
                  m.group(3), xml)


def xml_variants(plan: Path, folder: Path) -> dict[str, Path]:
    """The five valid forms of the sample plan that a pattern-matching reader got wrong."""
    sheet = sheet_part(plan)
    every_part = {name: prefixed for name in parts(plan) if name.startswith("xl/") and name.endswith(".xml")
                  and b'xmlns="' + MAIN + b'"' in parts(plan)[name]}
    variants = {
        "style-before-reference": {sheet: style_first},
        "x-prefix": every_part,
        "single-quotes": {name: single_quoted for name in parts(plan) if name.endswith((".xml", ".rels"))},
        "line-breaks-in-tags": {sheet: broken_lines},
        "name-with-character-reference": {"xl/workbook.xml": referenced_name},
    }
    return {name: rewrite(plan, folder / f"{name}.xlsx", changes) for name, changes in variants.items()}


# -- archives this reader cannot unpack ----------------------------------------------------------------------------

def patch_member(path: Path, member: str, target: Path, *, method: int | None = None, encrypted: bool = False) -> Path:
    """Mark one member as compressed with ``method`` (9 is Deflate64) or as encrypted, in both zip headers."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    for signature, flag_at, method_at, length_at, name_at in ((b"PK\x03\x04", 6, 8, 26, 30),
                                                              (b"PK\x01\x02", 8, 10, 28, 46)):
        start = 0
        while (start := data.find(signature, start)) != -1:
            length = int.from_bytes(data[start + length_at:start + length_at + 2], "little")
            if data[start + name_at:start + name_at + length] == name:
                if method is not None:
                    data[start + method_at:start + method_at + 2] = method.to_bytes(2, "little")
                if encrypted:
                    data[start + flag_at] |= 1
            start += 4
    target.write_bytes(bytes(data))
    return target


# -- sheets that a plan workbook may carry besides its table ---------------------------------------------------------

def with_macro_sheet(plan: Path, target: Path) -> Path:
    """An Excel 4 macro sheet (``xl/macrosheets/sheet1.xml``) listed before the actions sheet."""
    macro = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xm:macrosheet '
             b'xmlns="' + MAIN + b'" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">'
             b'<sheetData><row r="1"><c r="A1"><f>RETURN()</f></c></row></sheetData></xm:macrosheet>')
    return rewrite(plan, target, {
        "xl/workbook.xml": lambda xml: re.sub(rb"(<sheets>)", rb'\1<sheet name="Macro1" sheetId="90" r:id="rIdMacro"/>',
                                              xml),
        "xl/_rels/workbook.xml.rels": lambda xml: xml.replace(
            b"</Relationships>", b'<Relationship Id="rIdMacro" Type="http://schemas.microsoft.com/office/2006/'
                                 b'relationships/xlMacrosheet" Target="macrosheets/sheet1.xml"/></Relationships>'),
        "[Content_Types].xml": lambda xml: xml.replace(
            b"</Types>", b'<Override PartName="/xl/macrosheets/sheet1.xml" ContentType="' + MACRO_CONTENT.encode() +
                         b'"/></Types>'),
    }, {"xl/macrosheets/sheet1.xml": macro})


def add_sheet(host: Path, target: Path, name: str, sheet_xml: bytes, first: bool = False) -> Path:
    """Add a worksheet to any workbook, in the namespaces the host uses (transitional or strict)."""
    files = parts(host)
    document = re.search(rb'Type="[^"]*/officeDocument"[^>]*Target="/?([^"]+)"|Target="/?([^"]+)"[^>]*Type="[^"]*'
                         rb'/officeDocument"', files["_rels/.rels"])
    workbook = (document.group(1) or document.group(2)).decode()
    folder, _, leaf = workbook.rpartition("/")
    rels = f"{folder}/_rels/{leaf}.rels" if folder else f"_rels/{leaf}.rels"
    relationship_ns = re.search(rb'="([^"]*officeDocument/[^"]*relationships)"', files[workbook])
    namespace = relationship_ns.group(1) if relationship_ns else (b"http://schemas.openxmlformats.org/"
                                                                  b"officeDocument/2006/relationships")
    kind = namespace + b"/worksheet"
    main = re.search(rb'<(\w+:)?workbook\b[^>]*xmlns(?::\w+)?="([^"]*spreadsheetml[^"]*)"', files[workbook])
    element_prefix = main.group(1) or b""
    entry = (b"<" + element_prefix + b'sheet xmlns:planrel="' + namespace + b'" name="' + name.encode() +
             b'" sheetId="91" planrel:id="rIdPlanSheet"/>')

    def list_sheet(xml: bytes) -> bytes:
        if first:
            return re.sub(rb"(<" + element_prefix + rb"sheets>)", lambda m: m.group(1) + entry, xml, count=1)
        return xml.replace(b"</" + element_prefix + b"sheets>", entry + b"</" + element_prefix + b"sheets>", 1)

    sheet_xml = sheet_xml.replace(b'xmlns="' + MAIN + b'"', b'xmlns="' + main.group(2) + b'"')
    return rewrite(host, target, {
        workbook: list_sheet,
        rels: lambda xml: re.sub(rb"</(\w+:)?Relationships>", lambda m: b'<Relationship Id="rIdPlanSheet" Type="' +
                                 kind + b'" Target="worksheets/plansheet.xml"/>' + m.group(0), xml),
        "[Content_Types].xml": lambda xml: xml.replace(
            b"</Types>", b'<Override PartName="/' + (folder + "/" if folder else "").encode() +
                         b'worksheets/plansheet.xml" ContentType="' + WORKSHEET_CONTENT.encode() + b'"/></Types>'),
    }, {f"{folder + '/' if folder else ''}worksheets/plansheet.xml": sheet_xml})


def inline_sheet(rows: list[list], dimension: str | None = None) -> bytes:
    """A worksheet of inline strings (no shared strings or styles needed), optionally declaring a dimension."""
    def escape(text: str) -> str:
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    body = []
    for number, row in enumerate(rows, start=1):
        cells = "".join(f'<c r="{letters(col)}{number}" t="inlineStr"><is><t xml:space="preserve">{escape(str(value))}'
                        f"</t></is></c>" for col, value in enumerate(row) if value not in ("", None))
        body.append(f'<row r="{number}">{cells}</row>')
    head = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{MAIN.decode()}">{head}'
            f"<sheetData>{''.join(body)}</sheetData></worksheet>").encode()


def letters(index: int) -> str:
    text, index = "", index + 1
    while index:
        index, rest = divmod(index - 1, 26)
        text = chr(65 + rest) + text
    return text


def displayed_rows(plan: Path) -> list[list[str]]:
    """The sample plan's actions sheet as the text a reader sees (numeric Nr cells as the plan reads them)."""
    from pipeline.input.ingest import read_plan

    frame = read_plan(plan, 2023)
    header = ["Nr", "Thema", "Actie", "Trekker", "Beleidsdomein", "Type", "Label", "Jaar", "Status"]
    rows = [header]
    for action in frame.itertuples():
        rows.append([action.nr, str(action.thema_nr), action.actie, action.trekker, " / ".join(action.domeinen),
                     action.type, "nieuw" if action.nieuw else "", str(action.jaar), action.status])
    return rows


def readme_declaring_every_row(plan: Path, target: Path) -> Path:
    """A read-me sheet in front of the plan that declares 1,048,576 rows but holds 250 (as Gnumeric writes it)."""
    rows = [[f"Leeswijzer regel {n}"] for n in range(1, 251)]
    return add_sheet(plan, target, "Leeswijzer", inline_sheet(rows, "A1:Z1048576"), first=True)


def transplant(host: Path, rows: list[list[str]], target: Path) -> Path:
    """A real workbook with the plan added as one more sheet."""
    return add_sheet(host, target, "Plan", inline_sheet(rows))


def readable(path: Path) -> bool:
    """Whether calamine opens the file at all (used to describe hosts, not to decide outcomes)."""
    try:
        CalamineWorkbook.from_path(str(path))
        return True
    except Exception:
        return False
