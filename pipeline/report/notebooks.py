"""The chapter notebooks and the one report notebook assembled from them.

``notebooks/NN-name.ipynb`` (NN from 01) are the chapters in reading order; each
starts with the same ``parameters`` cell and the same ``setup`` cell, so each runs
on its own in Jupyter. The report is one notebook, executed in one kernel: every
cell of the first chapter, then the cells of the others without their parameters
and setup cells. ``00-…`` notebooks (the recipes) are not part of the report.
"""

import re
from pathlib import Path

import nbformat

from pipeline.config import NOTEBOOK_DIR

CHAPTER_FILE = re.compile(r"(\d\d)-[\w-]+\.ipynb")
SHARED_TAGS = ("parameters", "setup")


def chapter_notebooks(folder: Path = NOTEBOOK_DIR) -> list[Path]:
    """The chapter notebooks in reading order (``01-…`` onwards)."""
    found = [p for p in folder.glob("*.ipynb") if (m := CHAPTER_FILE.fullmatch(p.name)) and int(m.group(1)) > 0]
    return sorted(found)


def tags(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def shared_cells(book) -> dict[str, str]:
    """The source of the cells tagged ``parameters`` and ``setup`` (the ones every chapter repeats)."""
    return {tag: cell.source for cell in book.cells for tag in tags(cell) if tag in SHARED_TAGS}


def assemble(paths: list[Path] | None = None) -> nbformat.NotebookNode:
    """One notebook of all chapters: the first one whole, the others without their parameters and setup cells.

    Every cell keeps a stable id that names its chapter (``03-uitvoering-5``), so an
    executed report points back to the notebook a cell came from.
    """
    paths = chapter_notebooks() if paths is None else paths
    report = None
    for index, path in enumerate(paths):
        book = nbformat.read(path, as_version=4)
        if report is None:
            report = nbformat.v4.new_notebook(metadata=book.metadata)
        for number, cell in enumerate(book.cells):
            if index > 0 and any(tag in SHARED_TAGS for tag in tags(cell)):
                continue
            cell.id = f"{path.stem}-{number}"
            report.cells.append(cell)
    if report is None:
        raise FileNotFoundError(f"no chapter notebooks in {NOTEBOOK_DIR}")
    return report


def report_outputs(book: nbformat.NotebookNode) -> str:
    """The HTML of every report object an executed notebook shows, in order (what the report template prints)."""
    from pipeline.report.present import ANNEX_MIME

    return "".join(output.get("data", {}).get(ANNEX_MIME, "") for cell in book.cells for output in cell.get("outputs", []))


def run_in_process(book: nbformat.NotebookNode, parameters: dict) -> list:
    """Run a notebook's code cells in this process, without a kernel, and return the report objects they show.

    This is the report's work without papermill, a kernel or nbconvert: the
    benchmark's floor, and a fast way for property tests to run every chapter on
    generated plans. Parameters replace the ``parameters`` cell; ``display`` and
    each cell's last expression are collected; cells tagged ``remove-cell`` are notes.
    """
    import ast

    from pipeline.report.present import Block

    shown: list = []

    def collect(*objects, **_) -> None:
        shown.extend(o for o in objects if isinstance(o, Block))

    namespace: dict = {}
    for cell in book.cells:
        if cell.cell_type != "code":
            continue
        if "parameters" in tags(cell):
            namespace.update(parameters)
            continue
        tree = ast.parse(cell.source)
        last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        exec(compile(tree, cell.get("id", "cell"), "exec"), namespace)
        namespace["display"] = collect
        if last is not None:
            collect(eval(compile(ast.Expression(last.value), cell.get("id", "cell"), "eval"), namespace))
    return shown
