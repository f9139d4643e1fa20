"""The floor: one report's work as a plain script, with no notebook, no papermill and no kernel.

It imports the libraries, reads the plan, computes the tables, draws the same charts,
writes the same sections as HTML and prints the PDF, in one process.

Usage: python benchmarks/floor.py YEAR OUT_DIR
"""

import sys
from pathlib import Path

from pipeline import charts, export, render
from pipeline.annex import Annex, report_date
from pipeline.labels import text
from pipeline.present import carried_years

SECTIONS = ["cover", "summary", "recommendations", "tables_intro", "T1", "T2", "T3", "T4", "T5", "breakdowns",
            "execution", "strategy", "nature", "information", "synergies", "domains", "reconciliation_chapter",
            "method", "appendix", "action_list", "provenance"]


def main(year: int, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    annex = Annex(year)
    stamp = report_date()
    export.write_tables_csv(annex.tables, out / "tables.csv")
    export.write_tables_xlsx(annex.tables, out / "tables.xlsx", year, carried_years(annex.plan, year), stamp,
                             extra=charts.chart_data(annex.tables))
    body = "\n".join(annex.table(s) if s.startswith("T") else getattr(annex, s)() for s in SECTIONS)
    css = (Path(render.TEMPLATES) / "annex" / "annex.css").read_text(encoding="utf-8")
    title = text("report.title", year=year)
    page = (f'<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>{title}</title>'
            f"<style>{css}{render.page_css(title, 'nl')}</style></head><body><main class=\"annex\">{body}</main>"
            f"</body></html>")
    page = render.add_toc(page, "nl")
    (out / "report.html").write_text(page, encoding="utf-8")
    render.write_pdf(page, out / "report.pdf", out)


if __name__ == "__main__":
    main(int(sys.argv[1]), Path(sys.argv[2]))
