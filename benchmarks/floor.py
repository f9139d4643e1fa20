"""The floor: one report's work as a plain script, with no papermill, no kernel and no nbconvert.

It imports the libraries, reads the plan, computes and exports the tables, runs the
chapter notebooks' code in this process (the same cells, the same charts), writes
their objects as HTML and prints the PDF.

Usage: python benchmarks/floor.py YEAR OUT_DIR
"""

import sys
from pathlib import Path

from pipeline.analysis.tables import carried_years
from pipeline.report import charts, export, markup, render
from pipeline.report.labels import text
from pipeline.report.notebooks import assemble, run_in_process
from pipeline.report.workbook import write_tables_xlsx
from pipeline.study import load, report_date, resolve_inputs


def main(year: int, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    plan, tables = load(resolve_inputs(year))
    export.write_tables_csv(tables, out / "tables.csv")
    objects = run_in_process(assemble(), {"year": year, "plan": "", "annotations": "", "language": "nl"})
    body = "\n".join(markup.to_html(block) for block in objects)
    write_tables_xlsx(tables, out / "tables.xlsx", year, carried_years(plan, year), report_date(),
                      extra=charts.chart_data(tables), captions=markup.captions(body, "nl"))
    css = (Path(render.TEMPLATES) / "annex" / "annex.css").read_text(encoding="utf-8")
    title = text("report.title", year=year)
    page = (f'<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>{title}</title>'
            f"<style>{css}</style></head><body><main class=\"annex\">{body}</main>"
            f"</body></html>")
    page = render.add_toc(markup.number_items(page, "nl"), "nl")
    (out / "report.html").write_text(page, encoding="utf-8")
    render.write_pdf(page, out / "report.pdf", out, report_date().strftime("%Y-%m-%dT%H:%M:%SZ"), title, "nl")


if __name__ == "__main__":
    main(int(sys.argv[1]), Path(sys.argv[2]))
