"""The annex sections for the sample years: every chapter has content; the first year says what it cannot compare."""

import re

import pytest

from pipeline.annex import Annex
from pipeline.labels import text

CHAPTERS = ["summary", "recommendations", "breakdowns", "execution", "strategy", "nature",
            "information", "synergies", "domains", "reconciliation_chapter", "method", "appendix"]


@pytest.fixture(scope="module", params=[2022, 2023, 2024])
def annex(request):
    return Annex(request.param)


def test_every_chapter_has_a_heading_and_content(annex):
    for name in CHAPTERS:
        block = getattr(annex, name)()
        assert '<h2 id="' in block, name
        assert len(re.sub(r"<[^>]+>", "", block)) > 80, name


def test_first_year_says_there_is_no_earlier_plan(annex):
    block = annex.execution()
    missing = text("execution.no_previous", previous=annex.year - 1, year=annex.year)
    assert (missing in block) == (annex.year == 2022)


def test_the_serv_claim_on_the_central_share_is_checked(annex):
    block = annex.execution()
    if annex.year < 2023:  # a report only looks back, so the 2022 report cannot see the 2023 plan
        assert text("execution.claim_missing") in block
        return
    assert "28% in 2023 tegenover 44% in 2022" in block
    assert "44% (70/160)" in block  # the 2022 actions of the 2023 plan, T5's centraal_2022 over its 2022 column


def test_reconciliation_lists_each_published_cell_that_does_not_hold(annex):
    frame = annex.reconciliation
    if annex.year < 2023:
        assert frame is None and text("reconciliation.missing") in annex.reconciliation_chapter()
        return
    assert list(frame.columns) == ["tabel", "rij", "kolom", "gepubliceerd", "berekend", "regel"]
    assert (frame["gepubliceerd"] != frame["berekend"]).all()
    assert {"T2", "T5"} == set(frame["tabel"])
    t2 = frame[frame["tabel"] == "T2"]
    assert (t2["regel"] != "").all()  # every T2 difference breaks one of the published table's own rules


def test_no_figure_is_typed_by_hand_in_the_catalogue():
    from pipeline.labels import catalogue, keys

    nl = catalogue("nl")
    for key in keys(nl):
        node = nl
        for part in key.split("."):
            node = node[part]
        assert not re.search(r"(?<![{\w])\d{2,}%", str(node)), key
