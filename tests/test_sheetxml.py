"""The workbook's XML through a parser: positions, errors, formulas and rows, whatever the producer's layout."""

import zipfile

import pytest

from pipeline.errors import InputError
from pipeline.input import sheetxml

STRICT = "http://purl.oclc.org/ooxml/spreadsheetml/main"
STRICT_RELS = "http://purl.oclc.org/ooxml/officeDocument/relationships"


def workbook(path, sheet: str, styles: str = "", main: str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
             rels: str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships", name: str = "Blad 1"):
    """A minimal workbook around one hand-written sheet."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("_rels/.rels", f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                                        f'relationships"><Relationship Id="a" Type="{rels}/officeDocument" '
                                        f'Target="xl/workbook.xml"/></Relationships>')
        archive.writestr("xl/workbook.xml", f'<w:workbook xmlns:w="{main}" xmlns:q="{rels}"><w:sheets>'
                                            f'<w:sheet name="{name}" sheetId="1" q:id="s1"/></w:sheets></w:workbook>')
        archive.writestr("xl/_rels/workbook.xml.rels", f'<Relationships xmlns="http://schemas.openxmlformats.org/'
                                                       f'package/2006/relationships"><Relationship Id="s1" '
                                                       f'Type="{rels}/worksheet" Target="/xl/worksheets/one.xml"/>'
                                                       f'<Relationship Id="st" Type="{rels}/styles" '
                                                       f'Target="styles.xml"/></Relationships>')
        archive.writestr("xl/styles.xml", styles or f'<styleSheet xmlns="{main}"><numFmts><numFmt numFmtId="164" '
                                                    f'formatCode="0.0#"/></numFmts><cellXfs><xf numFmtId="0"/>'
                                                    f'<xf numFmtId="164"/><xf numFmtId="2"/></cellXfs></styleSheet>')
        archive.writestr("xl/worksheets/one.xml", f'<worksheet xmlns="{main}"><sheetData>{sheet}</sheetData></worksheet>')
    return path


def scan(path, column=0, limit=100):
    index = sheetxml.workbook_index(path, path.name)
    found = sheetxml.scan_sheet(path, index, next(iter(index.sheets)), limit, path.name)
    found.nr_styles = {row: code for (row, col), code in found.formats.items() if col == column}
    return found


def test_strict_namespaces_absolute_targets_and_custom_formats(tmp_path):
    path = workbook(tmp_path / "strict.xlsx", '<row r="2"><c r="A2" s="1"><v>1.1</v></c></row>', main=STRICT,
                    rels=STRICT_RELS,
                    styles=f'<styleSheet xmlns="{STRICT}"><numFmts><numFmt numFmtId="164" formatCode="0.0#"/></numFmts>'
                           f'<cellXfs><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs></styleSheet>')
    index = sheetxml.workbook_index(path, path.name)
    assert index.sheets == {"Blad 1": "xl/worksheets/one.xml"} and index.formats == ("General", "0.0#")
    assert scan(path).nr_styles == {2: "0.0#"}


def test_cells_without_a_reference_take_the_next_column(tmp_path):
    sheet = '<row r="3"><c r="B3" s="2"><v>1</v></c><c s="1"><v>2</v></c></row><row><c s="2"><v>4.1</v></c></row>'
    assert scan(workbook(tmp_path / "w.xlsx", sheet), column=2).nr_styles == {3: "0.0#"}
    assert scan(workbook(tmp_path / "v.xlsx", sheet), column=0).nr_styles == {4: "0.00"}


def test_saved_errors_and_formulas_without_results_are_found(tmp_path):
    sheet = ('<row r="1"><c r="A1" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="B1"><f>A1&amp;"x"</f></c>'
             '<c r="C1"><f>1+1</f><v>2</v></c><c r="D1" t="e"><v>#N/A</v></c></row>')
    found = scan(workbook(tmp_path / "w.xlsx", sheet))
    assert found.errors == {(0, 0): "#DIV/0!", (0, 3): "#N/A"} and found.formulas == {(0, 1): 'A1&"x"'}


def test_only_rows_that_hold_cells_count_and_the_limit_names_the_sheet(tmp_path):
    sheet = "".join(f'<row r="{n}" ht="20"/>' for n in range(1, 500)) + '<row r="600"><c r="A600"><v>1</v></c></row>'
    assert scan(workbook(tmp_path / "w.xlsx", sheet)).rows == 1
    full = "".join(f'<row r="{n}"><c r="A{n}"><v>1</v></c></row>' for n in range(1, 12))
    with pytest.raises(InputError, match=r"sheet 'Blad 1': the sheet holds more than 10 rows"):
        scan(workbook(tmp_path / "x.xlsx", full), limit=10)


def test_a_sheet_that_is_not_xml_is_named(tmp_path):
    with pytest.raises(InputError, match=r"sheet 'Blad 1': the sheet's XML is damaged near line 1"):
        scan(workbook(tmp_path / "w.xlsx", "<row><c></row>"))
