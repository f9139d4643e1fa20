"""Charts: reproducible SVG and alt text facts computed from the data."""

import pytest
from test_tables import plan_2023

from pipeline import charts
from pipeline.tables import compute_tables, wide


@pytest.fixture(scope="module")
def tables():
    return compute_tables(plan_2023(), 2023)


def test_svg_is_identical_across_draws_and_has_no_date(tables):
    first, _ = charts.heatmap(wide(tables, "T3"))
    second, _ = charts.heatmap(wide(tables, "T3"))
    assert first == second and first.startswith("<svg") and "<dc:date>" not in first


def test_heatmap_facts(tables):
    _, facts = charts.heatmap(wide(tables, "T3"))
    # non-empty cells: algemeen kader × OMG and × WVG, ecosysteem × OMG and × DV&VSA, open data × KBBJ,
    # datagovernance × OMG
    assert facts["top_value"] == 1 and facts["cells"] == 6 * 11 and facts["empty"] == 6 * 11 - 6


def test_nature_facts(tables):
    _, facts = charts.nature_bars(wide(tables, "T4"))
    assert (facts["top_domain"], facts["top_value"], facts["strategic"], facts["operational"]) == ("OMG", 3, 2, 2)


def test_central_share_survives_empty_themes(tables):
    _, facts = charts.central_share(wide(tables, "T5"))
    assert facts["total_share"] == "50%" and facts["top_share"] == "100%" and facts["low_share"] == "0%"


def test_domains_keep_their_order(tables):
    svg, _ = charts.nature_bars(wide(tables, "T4"))
    positions = [svg.index(f">{code}<") for code in ("CJSM", "OMG", "KBBJ")]
    assert positions == sorted(positions) or positions == sorted(positions, reverse=True)
