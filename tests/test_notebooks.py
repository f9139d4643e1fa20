"""The notebooks: committed clean, the same parameters and setup in every chapter, assembled into one report,
and friendly to a researcher's kernel (inline plots keep working, input errors read as plain words).

nbval (``--nbval-lax`` in pyproject) also runs every notebook in ``notebooks/`` top to bottom with its defaults.
"""

import ast

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from pipeline.config import NOTEBOOK_DIR
from pipeline.report import render
from pipeline.report.notebooks import assemble, chapter_notebooks, shared_cells, tags
from pipeline.report.present import Text

ALL = sorted(NOTEBOOK_DIR.glob("*.ipynb"))


def read(path):
    return nbformat.read(path, as_version=4)


def run(book, timeout=300):
    NotebookClient(book, kernel_name="python3", timeout=timeout, resources={"metadata": {"path": str(NOTEBOOK_DIR)}},
                   extra_arguments=["--IPKernelApp.log_level=ERROR"]).execute()
    return book


def test_notebooks_are_committed_without_outputs():
    for path in ALL:
        for cell in read(path).cells:
            if cell.cell_type == "code":
                assert cell.outputs == [] and cell.execution_count is None, path.name


def test_the_first_code_cell_is_parameters_with_literals_only():
    for path in ALL:
        first = next(c for c in read(path).cells if c.cell_type == "code")
        assert tags(first) == ["parameters"], path.name
        for statement in ast.parse(first.source).body:
            assert isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Constant), path.name
        assert all("#" in line for line in first.source.splitlines()), f"{path.name}: every parameter has a comment"


def test_every_chapter_repeats_the_same_parameters_and_setup():
    chapters = chapter_notebooks()
    assert [p.name[:3] for p in chapters] == [f"{n:02d}-" for n in range(1, len(chapters) + 1)]
    first = shared_cells(read(chapters[0]))
    assert set(first) == {"parameters", "setup"}
    for path in chapters[1:]:
        assert shared_cells(read(path)) == first, path.name


def test_the_report_is_every_chapter_once_in_order_with_one_parameters_and_setup_cell():
    report = assemble()
    kinds = [tag for cell in report.cells for tag in tags(cell) if tag in ("parameters", "setup")]
    assert kinds == ["parameters", "setup"]
    stems = list(dict.fromkeys(cell.id.rsplit("-", 1)[0] for cell in report.cells))
    assert stems == [p.stem for p in chapter_notebooks()] and "00-verkennen" not in stems
    assert len({cell.id for cell in report.cells}) == len(report.cells)
    chapter_cells = sum(len(read(p).cells) for p in chapter_notebooks()) - 2 * (len(chapter_notebooks()) - 1)
    assert len(report.cells) == chapter_cells


def test_markdown_and_report_objects_reach_the_page_but_plain_frames_and_notes_do_not():
    book = nbformat.v4.new_notebook()
    note = nbformat.v4.new_markdown_cell("Een notitie voor onderzoekers")
    note.metadata["tags"] = ["remove-cell"]
    added = nbformat.v4.new_markdown_cell("Een *opmerking* van de onderzoeker")
    cell = nbformat.v4.new_code_cell("x")
    cell.outputs = [nbformat.v4.new_output("display_data", data=Text(["Een zin uit het rapport."])._repr_mimebundle_()),
                    nbformat.v4.new_output("execute_result", data={"text/html": "<table class='dataframe'>ruw</table>",
                                                                   "text/plain": "ruw"}, execution_count=1)]
    book.cells = [note, added, cell]
    page = render.notebook_html(book, 2024, "nl", "2024-01-01T00:00:00Z")
    assert "<em>opmerking</em>" in page and "Een zin uit het rapport." in page
    assert "notitie voor onderzoekers" not in page and "dataframe" not in page and ">x<" not in page


def test_a_researchers_plot_still_shows_after_the_chapter_cells():
    book = read(NOTEBOOK_DIR / "03-uitsplitsingen.ipynb")
    book.cells.append(nbformat.v4.new_code_cell("import matplotlib.pyplot as plt\nplt.plot([1, 2, 3])\nplt.show()"))
    outputs = run(book).cells[-1].outputs
    assert any("image/png" in output.get("data", {}) for output in outputs)
    figures = [o for cell in book.cells[:-1] for o in cell.get("outputs", []) if "image/svg+xml" in o.get("data", {})]
    assert len(figures) == 3


def test_an_input_error_reads_as_plain_words_in_a_notebook():
    book = read(NOTEBOOK_DIR / "02-teltabellen.ipynb")
    parameters = next(c for c in book.cells if "parameters" in tags(c))
    parameters.source = parameters.source.replace("year = 2024", "year = 1999")
    with pytest.raises(CellExecutionError) as failure:
        run(book)
    error = next(o for c in book.cells for o in c.get("outputs", []) if o.output_type == "error")
    assert error.ename == "InputError" and "there is no plan for 1999" in error.evalue
    shown = "\n".join(error.traceback)
    assert "Traceback" not in shown and "SystemExit" not in shown and "--plan" not in shown
    assert "Input error: " in str(failure.value)
