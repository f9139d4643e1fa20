"""Turn the executed notebook into the published annex: self-contained HTML, then a tagged A4 PDF.

nbconvert renders the notebook with our own template (no code, no prompts,
nothing from a CDN): the report objects' outputs and the markdown cells, but not
cells tagged ``remove-cell`` (notes for researchers). Tables and figures are
numbered in document order and the table of contents is built from the chapter
headings; WeasyPrint prints the same HTML to PDF with the print stylesheet.
"""

import html
import os
import re
import shutil
from collections.abc import Callable
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter
from nbconvert.preprocessors import TagRemovePreprocessor

from pipeline import __version__
from pipeline.report import pdfua
from pipeline.report.labels import text
from pipeline.report.markup import number_items
from pipeline.staging import StepFailed, folder_lock, stage_logger, staged

TEMPLATES = Path(__file__).resolve().parent / "templates"
CHAPTER = re.compile(r'<h2 (?=[^>]*class="(chapter[^"]*)")[^>]*id="([\w-]+)"[^>]*>(.*?)</h2>')
TOC_MARK = "<!--toc-->"


def page_css(title: str, language: str) -> str:
    """Running header and 'page x of y' footer, in the report's language."""
    page, of = (text(f"report.{k}", language) for k in ("page", "of"))
    quoted = title.replace("\\", "\\\\").replace('"', '\\"')
    return (
        "@page { size: A4; margin: 2.2cm 1.8cm 2.2cm 1.8cm;"
        f' @top-left {{ content: "{quoted}"; font-size: 8pt; color: #5a5a5a; }}'
        ' @top-right { content: string(chapter); font-size: 8pt; color: #5a5a5a; }'
        f' @bottom-right {{ content: "{page} " counter(page) " {of} " counter(pages); font-size: 8pt; }} }}'
        " @page cover { @top-left { content: none; } @top-right { content: none; }"
        " @bottom-right { content: none; } }"
        " @page wide { size: A4 landscape; }"
    )


def read_notebook(path: Path) -> nbformat.NotebookNode:
    """A notebook file as nbformat's version 4 node."""
    return nbformat.read(path, as_version=4)


def notebook_html(notebook: nbformat.NotebookNode, year: int, language: str, created: str) -> str:
    """The executed notebook as one self-contained HTML page with a table of contents."""
    title = text("report.title", language, year=year)
    exporter = HTMLExporter(extra_template_basedirs=[str(TEMPLATES)], template_name="annex", exclude_input=True,
                            exclude_input_prompt=True, exclude_output_prompt=True)
    exporter.register_preprocessor(TagRemovePreprocessor(remove_cell_tags={"remove-cell"}), enabled=True)
    resources = {"annex": {"lang": language, "title": title, "version": __version__, "created": created,
                           "author": "data-actieplan-pipeline"}}
    body, _ = exporter.from_notebook_node(notebook, resources=resources)
    return add_toc(number_items(body, language), language)


def add_toc(page: str, language: str) -> str:
    """Insert a table of contents, built from the chapter headings, where the cover left its mark."""
    items = []
    for css, anchor, title in CHAPTER.findall(page):
        hidden = ' class="screen-only"' if "screen-only" in css else ""
        items.append(f'<li{hidden} data-target="#{anchor}"><a href="#{anchor}">{title}</a></li>')
    entries = "".join(items)
    heading = html.escape(text("report.toc", language))
    nav = f'<nav class="toc" aria-label="{heading}"><h2>{heading}</h2><ol>{entries}</ol></nav>'
    return page.replace(TOC_MARK, nav, 1)


@contextmanager
def report_clock(created: str):
    """Every clock that reaches the PDF reads the report's date while the block runs.

    WeasyPrint subsets fonts with HarfBuzz when ``libharfbuzz-subset0`` is installed and
    with fontTools when it is not; fontTools stamps each embedded font with the time
    unless ``SOURCE_DATE_EPOCH`` is set. The render sets it to the report's date, so
    the bytes do not depend on which library the machine has, nor on the hour.
    """
    stamp = datetime.fromisoformat(created.replace("Z", "+00:00"))
    earlier = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(int(stamp.timestamp()))
    try:
        yield
    finally:
        if earlier is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = earlier


def print_css(title: str, language: str) -> str:
    """The paged-media rules (running header, page numbers, TOC leaders), for WeasyPrint only."""
    return (TEMPLATES / "annex" / "print.css").read_text(encoding="utf-8") + page_css(title, language)


def write_pdf(page: str, target: Path, base: Path, created: str, title: str, language: str) -> None:
    """Print the HTML to a tagged PDF (PDF/UA) with WeasyPrint; identical input gives identical bytes."""
    from weasyprint import CSS, HTML

    with report_clock(created):
        HTML(string=page, base_url=str(base)).write_pdf(target, pdf_variant="pdf/ua-1",
                                                        stylesheets=[CSS(string=print_css(title, language))])
    pdfua.finish(Path(target), {anchor: html.unescape(title) for _, anchor, title in CHAPTER.findall(page)})


def render_report(executed: Path, out: Path) -> Path:
    """Stage two: a copy of the executed folder plus report.html and report.pdf, swapped into ``out``."""
    executed, out = Path(executed), Path(out)
    log = stage_logger(f"render {executed.name}")
    if not (executed / "report.ipynb").exists():
        raise StepFailed(f"there is no executed notebook in {executed}; run the execute stage first")
    with staged(out) as staging:
        with folder_lock(executed):
            for item in executed.iterdir():
                shutil.copyfile(item, staging / item.name)
        render_folder(staging, log)
    log(f"done: {out}")
    return out


def render_folder(staging: Path, log: Callable[[str], None]) -> None:
    """Render the executed notebook in ``staging`` to report.html and report.pdf beside it."""
    log("rendering report.html")
    notebook = read_notebook(staging / "report.ipynb")
    how = notebook.metadata.get("annex")
    if not how:
        raise StepFailed("the executed notebook has no 'annex' metadata (year, language, date): it was not made by "
                         "`python -m pipeline execute`; run that step again")
    page = notebook_html(notebook, how["year"], how["language"], how["created"])
    (staging / "report.html").write_text(page, encoding="utf-8")
    log("rendering report.pdf")
    write_pdf(page, staging / "report.pdf", staging, how["created"], text("report.title", how["language"],
                                                                          year=how["year"]), how["language"])
