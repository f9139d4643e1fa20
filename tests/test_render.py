"""Rendering: the table of contents, the page furniture and the labels the report uses."""

import re

import pytest

from pipeline.report import render
from pipeline.report.labels import catalogue, keys, text


def test_toc_lists_the_chapters_in_order_whatever_the_attribute_order():
    page = ('<section class="cover"></section><!--toc--><h2 class="chapter" id="summary">Samenvatting</h2>'
            '<h2 id="method" class="chapter">Methode</h2><h2>Geen hoofdstuk</h2>')
    result = render.add_toc(page, "nl")
    assert re.search(r'<nav class="toc".*<a href="#summary">Samenvatting</a>.*<a href="#method">Methode</a>', result)
    assert "Geen hoofdstuk</a>" not in result and "<!--toc-->" not in result


def test_a_screen_only_chapter_is_marked_in_the_toc():
    page = '<!--toc--><h2 id="actionlist" class="chapter screen-only">Alle acties</h2>'
    entry = '<li class="screen-only" data-target="#actionlist"><a href="#actionlist">Alle acties</a></li>'
    assert entry in render.add_toc(page, "nl")


def test_page_css_has_running_header_and_page_x_of_y():
    css = render.page_css('Titel met "aanhalingstekens"', "nl")
    assert 'counter(page) " van " counter(pages)' in css and 'Titel met \\"aanhalingstekens\\"' in css


def test_every_label_the_code_and_the_notebooks_ask_for_exists():
    """Each literal key passed to text()/t() in the package or a notebook cell (also as ``words(x="key")``)."""
    import nbformat

    from pipeline.config import ROOT

    known = keys(catalogue("nl"))
    sources = [path.read_text() for path in (ROOT / "pipeline").rglob("*.py")]
    sources += [cell.source for path in (ROOT / "notebooks").glob("*.ipynb")
                for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == "code"]
    used = set()
    for source in sources:
        used |= set(re.findall(r'(?:text|\bt)\(\s*"([a-z_]+\.[a-z_&.]+)"', source))
        used |= set(re.findall(r'\b\w+="([a-z_]+\.[a-z_]+)"', source)) - {"pipeline.config"}
    assert len(used) > 100 and used <= known, used - known


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="no label catalogue"):
        text("report.title", "xx", year=2024)


def test_both_editions_have_the_same_keys():
    assert keys(catalogue("nl")) == keys(catalogue("en"))


def test_every_taxonomy_label_has_an_english_edition():
    from pipeline.analysis import taxonomy

    spec = taxonomy.taxonomy()
    items = [d for d in spec["dimensions"].values()] + [e for d in spec["dimensions"].values() for e in d["entries"]]
    items += spec["recommendations"] + spec["similarity"]["areas"]
    assert all("label_en" in item for item in items)


FONTTOOLS_RENDER = """
import sys
from pathlib import Path
import weasyprint.text.ffi
weasyprint.text.ffi.harfbuzz_subset = None  # WeasyPrint's fontTools path, as on a machine without libharfbuzz-subset0
from pipeline.report.render import render_report
render_report(Path(sys.argv[1]), Path(sys.argv[2]))
"""


def test_two_renders_on_the_fonttools_path_give_identical_bytes_without_source_date_epoch(tmp_path):
    """The render fixes the clock fontTools reads, so no variable is needed for identical PDFs."""
    import os
    import subprocess
    import sys
    import time

    from pipeline.build import execute_report
    from pipeline.config import ROOT

    executed = execute_report(2022, "", "", tmp_path / "uit", tmp_path / "executed")
    environment = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    outputs = []
    for attempt in range(2):
        out = tmp_path / f"render-{attempt}"
        result = subprocess.run([sys.executable, "-c", FONTTOOLS_RENDER, str(executed), str(out)], cwd=ROOT,
                                env=environment, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        outputs.append(out)
        time.sleep(1.1)  # fontTools stamps whole seconds
    for name in ("report.pdf", "report.html", "tables.csv", "tables.xlsx"):
        assert (outputs[0] / name).read_bytes() == (outputs[1] / name).read_bytes(), name
