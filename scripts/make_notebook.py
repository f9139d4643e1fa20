"""Write ``notebooks/report.ipynb`` from the cell list below (kept as code so the notebook diff stays readable).

Usage: python scripts/make_notebook.py
"""

from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]

PARAMETERS = '''year = 2024  # plan year to report on
plan = ""  # path to the plan workbook; empty: the project's sample plan for `year`
annotations = ""  # path to the annotations CSV; empty: the sample's annotations (with the sample plan) or none
language = "nl"  # report language: "nl" or "en"'''

CELLS = [
    ("markdown", "# Data-actieplan: strategische evaluatie\n\nRun all cells. The parameters below choose the plan; "
                 "every number comes from `pipeline`. This notebook is also run by `make report` via papermill."),
    ("parameters", PARAMETERS),
    ("code", "from IPython.display import HTML, display\n\nfrom pipeline.annex import Annex\n\n"
             "annex = Annex(year, plan, annotations, language)"),
    ("code", "display(HTML(annex.cover()))"),
    ("code", "display(HTML(annex.summary()))"),
    ("code", "display(HTML(annex.recommendations()))"),
    ("code", "display(HTML(annex.tables_intro()))"),
    ("code", 'display(HTML(annex.table("T1")))'),
    ("code", 'display(HTML(annex.table("T2")))'),
    ("code", 'display(HTML(annex.table("T3")))'),
    ("code", 'display(HTML(annex.table("T4")))'),
    ("code", 'display(HTML(annex.table("T5")))'),
    ("code", "display(HTML(annex.breakdowns()))"),
    ("code", "display(HTML(annex.execution()))"),
    ("code", "display(HTML(annex.strategy()))"),
    ("code", "display(HTML(annex.nature()))"),
    ("code", "display(HTML(annex.information()))"),
    ("code", "display(HTML(annex.synergies()))"),
    ("code", "display(HTML(annex.domains()))"),
    ("code", "display(HTML(annex.reconciliation_chapter()))"),
    ("code", "display(HTML(annex.method()))"),
    ("code", "display(HTML(annex.appendix()))"),
    ("code", "display(HTML(annex.action_list()))"),
    ("code", "display(HTML(annex.provenance()))"),
]


def notebook() -> nbformat.NotebookNode:
    """The report notebook: a tagged parameters cell, then one call per section."""
    book = nbformat.v4.new_notebook()
    book.metadata = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
                     "language_info": {"name": "python"}}
    for number, (kind, source) in enumerate(CELLS):
        if kind == "markdown":
            cell = nbformat.v4.new_markdown_cell(source)
        else:
            cell = nbformat.v4.new_code_cell(source)
            if kind == "parameters":
                cell.metadata["tags"] = ["parameters"]
        cell.id = f"cell-{number:02d}"
        book.cells.append(cell)
    return book


if __name__ == "__main__":
    target = ROOT / "notebooks" / "report.ipynb"
    nbformat.write(notebook(), target)
    print(f"wrote {target.relative_to(ROOT)}")
