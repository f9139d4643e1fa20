"""Charts: the style helper leaves the kernel alone, SVG is reproducible, alt-text facts come from the data."""

import pandas as pd
import pytest
from test_tables import plan_2023

from pipeline.analysis.tables import compute_tables, wide
from pipeline.report import charts
from pipeline.report.present import Figure


@pytest.fixture(scope="module")
def tables():
    return compute_tables(plan_2023(), 2023)


def bars(values: pd.Series):
    with charts.style():
        figure, axes = charts.canvas(4, 2)
        axes.barh(list(values.index), values)
    return figure


def test_drawing_changes_neither_the_backend_nor_pyplot_nor_the_settings():
    import matplotlib
    import matplotlib.pyplot as plt

    backend, size = matplotlib.get_backend(), matplotlib.rcParams["font.size"]
    assert Figure(bars(pd.Series({"a": 1, "b": 2})), pd.DataFrame(), "t", "alt", "f").svg.startswith("<svg")
    assert matplotlib.get_backend() == backend and plt.get_fignums() == []
    assert matplotlib.rcParams["font.size"] == size


def test_svg_is_identical_across_draws_and_has_no_date():
    values = pd.Series({"a": 1, "b": 2})
    first, second = charts.svg(bars(values)), charts.svg(bars(values))
    assert first == second and first.startswith("<svg") and "<dc:date>" not in first


def test_heatmap_facts(tables):
    grid = charts.theme_domain_grid(wide(tables, "T3"))
    facts = charts.heatmap_facts(grid)
    # non-empty cells: algemeen kader × OMG and × WVG, ecosysteem × OMG and × DV&VSA, open data × KBBJ,
    # datagovernance × OMG
    assert facts["top_value"] == 1 and facts["cells"] == 6 * 11 and facts["empty"] == 6 * 11 - 6


def test_nature_facts(tables):
    facts = charts.nature_facts(charts.nature_grid(wide(tables, "T4")))
    assert (facts["top_domain"], facts["top_value"], facts["strategic"], facts["operational"]) == ("OMG", 3, 2, 2)


def test_central_share_survives_empty_themes(tables):
    facts = charts.central_facts(charts.central_shares(wide(tables, "T5")))
    assert facts["total_share"] == "50%" and facts["top_share"] == "100%" and facts["low_share"] == "0%"
