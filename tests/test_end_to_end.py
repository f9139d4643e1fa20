"""End to end: `make report` into a temporary folder, read back as a reader and a program would."""

import os
import re
import subprocess
import sys

import pandas as pd
import pytest
from conftest import action, write_workbook
from pypdf import PdfReader

from pipeline.config import ROOT

OUTPUTS = ["report.html", "report.pdf", "tables.csv", "tags.csv", "tables.xlsx", "reconciliation.csv", "report.ipynb"]


ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}


def run_make(out, year, *arguments, **variables):
    extra = [f"{k}={v}" for k, v in variables.items()]
    return subprocess.run(["make", "-s", *arguments, f"YEAR={year}", f"OUT={out}", *extra], cwd=ROOT, env=ENV,
                          capture_output=True, text=True)


def make_report(out, year, **variables):
    result = run_make(out, year, "report", **variables)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def report_2023(tmp_path_factory):
    return make_report(tmp_path_factory.mktemp("out") / "2023", 2023)


def t1_figures(folder):
    lines = (folder / "tables.csv").read_text().splitlines()
    return [line.split(",")[-1] for line in lines if line.startswith("T1,")]


def pdf_text(path):
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_every_output_is_written(report_2023):
    assert sorted(p.name for p in report_2023.iterdir()) == sorted(OUTPUTS)


def test_html_is_self_contained_and_has_no_code(report_2023):
    page = (report_2023 / "report.html").read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert not re.search(r"<script[^>]*\bsrc=", page) and "@import" not in page and "<link" not in page
    assert "from pipeline" not in page and "display(HTML" not in page
    assert '<html lang="nl">' in page


def test_html_and_pdf_carry_the_t1_figures(report_2023):
    figures = t1_figures(report_2023)
    assert figures[:3] == ["202", "41", "1"]
    page = (report_2023 / "report.html").read_text(encoding="utf-8")
    text = pdf_text(report_2023 / "report.pdf")
    for key, value in zip(["Acties 2022", "Afgerond 2022", "Synergieën"], [figures[0], figures[1], figures[8]]):
        assert re.search(rf"{key}</th><td>{value}</td>", page)
        assert re.search(rf"{key}\s+{value}", text)


def test_pdf_figures_carry_generated_alt_text(report_2023):
    root = PdfReader(report_2023 / "report.pdf").trailer["/Root"]
    alts = []

    def walk(node):
        node = node.get_object()
        if isinstance(node, dict):
            if node.get("/S") == "/Figure":
                alts.append(str(node.get("/Alt", "")))
            kids = node.get("/K")
            for kid in kids if isinstance(kids, list) else ([kids] if kids is not None else []):
                walk(kid)

    walk(root["/StructTreeRoot"])
    assert len(alts) == 3
    assert all(len(alt) > 60 and re.search(r"\d", alt) and not alt.lower().startswith("figuur") for alt in alts)


def test_pdf_is_a4_with_metadata_and_marks_synthetic_data(report_2023):
    reader = PdfReader(report_2023 / "report.pdf")
    assert len(reader.pages) >= 6
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    assert reader.metadata.title == "Data-actieplan 2023: strategische evaluatie"
    assert reader.trailer["/Root"].get("/Lang") == "nl"
    assert "synthetische voorbeelddata" in reader.pages[0].extract_text().lower()


def test_two_runs_give_identical_files(report_2023, tmp_path):
    again = make_report(tmp_path / "2023", 2023)
    for name in ["report.html", "report.pdf", "tables.csv", "tags.csv", "tables.xlsx"]:
        assert (again / name).read_bytes() == (report_2023 / name).read_bytes(), name


def test_a_plan_that_is_not_the_sample_is_not_marked_synthetic(tmp_path):
    plan = write_workbook(tmp_path / "eigen.xlsx", [action(), action("3,1", "Ecosysteem", domein="DV",
                                                                     label="nieuw")])
    out = make_report(tmp_path / "out", 2023, PLAN=plan)
    assert "Synthetische voorbeelddata" not in (out / "report.html").read_text(encoding="utf-8")
    assert "geen (alle acties onbepaald, geen dubbels)" in pdf_text(out / "report.pdf")


def test_english_edition_from_the_same_notebook(tmp_path):
    out = make_report(tmp_path / "en", 2024, LANG="en")
    page = (out / "report.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in page and "Data action plan 2024: strategic evaluation" in page
    assert "Samenvatting" not in page and "Summary" in page
    assert PdfReader(out / "report.pdf").trailer["/Root"].get("/Lang") == "en"


def test_workbook_has_the_tables_and_the_numbers_of_every_figure(report_2023):
    from openpyxl import load_workbook

    book = load_workbook(report_2023 / "tables.xlsx")
    assert book.sheetnames == ["Inhoud", "T1", "T2", "T3", "T4", "T5", "Figuur 1", "Figuur 2", "Figuur 3"]
    page = (report_2023 / "report.html").read_text(encoding="utf-8")
    assert len(re.findall(r'<figure class="chart"', page)) == 3
    # the contents sheet gives each table the number it has in the report
    for sheet, caption, title in book["Inhoud"].iter_rows(min_row=2, values_only=True):
        assert re.search(rf"{caption}\. {re.escape(title)}", page), (sheet, caption)


def test_the_two_make_steps_give_the_same_files_as_the_one_process_report(report_2023, tmp_path):
    out = tmp_path / "2023"
    result = subprocess.run([sys.executable, "-m", "pipeline", "report", "--year", "2023", "--out", str(out)],
                            cwd=ROOT, env=ENV, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    for name in ["report.html", "report.pdf", "tables.csv", "tags.csv", "tables.xlsx", "reconciliation.csv"]:
        assert (out / name).read_bytes() == (report_2023 / name).read_bytes(), name


def test_make_reruns_a_report_only_when_an_input_changed(tmp_path):
    plan = write_workbook(tmp_path / "plan.xlsx", [action(), action("3,1", "Ecosysteem", label="nieuw")])
    out = tmp_path / "out"
    first = run_make(out, 2023, "report", PLAN=plan)
    assert first.returncode == 0, first.stderr
    assert "[execute 2023" in first.stderr and "[render .out.executed" in first.stderr
    executed = tmp_path / ".out.executed"
    assert sorted(p.name for p in executed.iterdir()) == ["reconciliation.csv", "report.ipynb", "tables.csv", "tables.xlsx",
                                                          "tags.csv"]
    written = (out / "report.pdf").stat().st_mtime_ns
    again = run_make(out, 2023, "report", PLAN=plan)
    assert again.returncode == 0 and again.stderr == "" and (out / "report.pdf").stat().st_mtime_ns == written
    plan.touch()
    changed = run_make(out, 2023, "report", PLAN=plan)
    assert "[execute 2023" in changed.stderr and "[render .out.executed" in changed.stderr
    assert (out / "report.pdf").stat().st_mtime_ns > written


def test_report_all_is_one_make_with_two_steps_per_year():
    result = subprocess.run(["make", "-n", "-B", "report-all"], cwd=ROOT, env=ENV, capture_output=True, text=True)
    commands = [line for line in result.stdout.splitlines() if "-m pipeline" in line]
    years = sorted(p.stem.split("-")[1] for p in (ROOT / "data/sample").glob("plan-*.xlsx"))
    assert [c.split("-m pipeline ")[1].split()[0] for c in commands] == ["execute", "render"] * len(years)
    assert all(f"output/{y}" in " ".join(commands) for y in years)
    assert not re.search(r"\bmake\s", result.stdout)  # no sub-make per year: one make schedules every step


def test_report_all_refuses_a_plan_of_its_own():
    result = subprocess.run(["make", "-n", "report-all", "PLAN=eigen.xlsx"], cwd=ROOT, env=ENV, capture_output=True,
                            text=True)
    assert result.returncode != 0 and "PLAN, ANNOTATIONS and OUT are for make report" in result.stderr


def test_the_executed_notebook_shows_the_analysis_frames_and_the_charts(report_2023):
    """The audit trail: the executed report notebook holds the cells' DataFrames and the charts drawn in them."""
    import nbformat

    outputs = [output.get("data", {}) for cell in nbformat.read(report_2023 / "report.ipynb", as_version=4).cells
               for output in cell.get("outputs", [])]
    frames = [data for data in outputs if 'class="dataframe"' in data.get("text/html", "")]
    figures = [data for data in outputs if "image/svg+xml" in data]
    assert len(frames) >= 10 and len(figures) == 3


def test_the_pdf_structure_passes_the_pdf_ua_rules_we_mend(report_2023):
    """Checked with pikepdf on the built PDF: all tagged content is reachable from the structure tree (the running
    header and footer are pagination artifacts), every TH has a /Scope, every /Headers id resolves through the
    /IDTree, every Figure has /Alt and a /BBox inside the page (points, not CSS pixels)."""
    import pikepdf

    from pipeline.report.pdfua import attributes, elements, number_tree, structure_type

    with pikepdf.open(report_2023 / "report.pdf") as pdf:
        root = pdf.Root.StructTreeRoot
        width, height = (float(v) for v in pdf.pages[0].MediaBox[2:])
        found = list(elements(root.K))
        headers = [e for e in found if structure_type(e) == "/TH"]
        assert headers and all(any(str(a.get("/Scope")) in ("/Column", "/Row") for a in attributes(e))
                               for e in headers)
        names = root.IDTree.Names
        known = {bytes(names[i]) for i in range(0, len(names), 2)}
        referenced = {bytes(ref) for e in found for a in attributes(e) if "/Headers" in a for ref in a.Headers}
        assert referenced and referenced <= known
        reached, owners = {e.objgen for e in found}, number_tree(root.ParentTree)
        artifacts = 0
        for page in pdf.pages:
            for operands, _ in pikepdf.parse_content_stream(page, "BDC"):
                if str(operands[0]) == "/Artifact":
                    artifacts += 1
                elif "/MCID" in operands[1]:
                    assert owners[int(page.StructParents)][int(operands[1].MCID)].objgen in reached
        assert artifacts >= 2 * (len(pdf.pages) - 1)  # a header and a page number on every page but the cover
        # the structure follows the document: no Part per page, a Sect per chapter, one Table (with its caption)
        # per printed table, even where a page break cuts it
        page = (report_2023 / "report.html").read_text(encoding="utf-8")
        kinds = [structure_type(e) for e in found]
        printed = len(re.findall(r'<div class="table" id="(?!tabel-actielijst)', page))
        chapters = len(re.findall(r'<h2[^>]*class="chapter"', page))
        document = next(e for e in found if structure_type(e) == "/Document")
        sections = [e for e in document.K if structure_type(e) == "/Sect" and structure_type(next(iter(e.K))) == "/H2"]
        assert "/Part" not in kinds and len(sections) == chapters
        tables = [e for e in found if structure_type(e) == "/Table"]
        assert len(tables) == printed
        assert all(structure_type(next(iter(e.K))) == "/Caption" for e in tables)
        # the table of contents: one link per entry, described by the entry's text; leaders and numbers artifacts
        entries = re.findall(r'<li data-target="#[\w-]+"><a href="#[\w-]+">([^<]+)</a>', page)
        links = [str(a.Contents) for a in pdf.pages[1].Annots if str(a.Subtype) == "/Link"]
        assert links == entries
        toc_artifacts = sum(1 for operands, _ in pikepdf.parse_content_stream(pdf.pages[1], "BDC")
                            if str(operands[0]) == "/Artifact")
        assert toc_artifacts > len(entries)
        figures = [e for e in found if structure_type(e) == "/Figure"]
        assert len(figures) == 3
        for figure in figures:
            assert str(figure.Alt)
            box = [float(v) for a in attributes(figure) if "/BBox" in a for v in a.BBox]
            assert len(box) == 4 and 0 <= box[0] < box[2] <= width and 0 <= box[1] < box[3] <= height


def test_tags_csv_holds_every_tag_of_the_report_by_its_contract(report_2023):
    from pipeline.analysis import taxonomy

    tags = pd.read_csv(report_2023 / "tags.csv", dtype=str, keep_default_na=False)
    assert tags.columns.tolist() == ["nr", "dimensie", "label", "bron", "bewijs"]
    assert set(tags["dimensie"]) == set(taxonomy.taxonomy()["dimensions"])
    assert set(tags["bron"]) <= {"regel", "analist", "suggestie"} and (tags["bewijs"] != "").all()
    assert {f"{d}.{k}" for d, k in zip(tags["dimensie"], tags["label"])} <= taxonomy.entry_keys()
