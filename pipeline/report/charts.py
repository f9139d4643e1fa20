"""One chart style for the whole report, and the numbers each chart is drawn from.

The charts themselves are drawn in the notebook cells, inside :func:`style` and
on a :func:`canvas`, so a researcher can change them there. The palette is
colour-blind safe (Okabe-Ito). Nothing here switches matplotlib's backend or
changes its global settings. Charts are saved as SVG text with a fixed hash salt
and no date, so reruns give identical bytes; the ``*_facts`` functions give the
numbers each chart's alt text is built from.
"""

import io
import re
from contextlib import contextmanager

import pandas as pd

from pipeline.config import themes
from pipeline.report.labels import domain_label, text, theme_labels
from pipeline.report.markup import percent

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
NATURE_COLOURS = {"strategisch": "#0072B2", "operationeel": "#E69F00", "onbepaald": "#BBBBBB"}
STYLE = {
    "svg.hashsalt": "data-actieplan",
    "svg.fonttype": "none",
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 10,
    "figure.dpi": 100,
}


@contextmanager
def style(**overrides):
    """The report's chart style for the drawing inside the ``with`` block (nothing global is changed).

    Fonts, spines and sizes are read when an artist is made, so a chart is drawn
    entirely inside this block. The SVG settings are applied again when it is saved.
    """
    from matplotlib import rc_context

    with rc_context({**STYLE, **overrides}):
        yield


def canvas(width: float = 7.2, height: float = 3.0):
    """A new figure and its axes, made without pyplot: the kernel's backend and figure list stay untouched."""
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height))
    return figure, figure.subplots()


def svg(figure) -> str:
    """The figure as SVG text without a date or random ids."""
    from matplotlib import rc_context

    buffer = io.StringIO()
    with rc_context(STYLE):
        figure.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches="tight")
    body = re.sub(r"<metadata>.*?</metadata>\s*", "", buffer.getvalue(), flags=re.DOTALL)
    return body[body.index("<svg"):]


def label_cells(axes, grid: pd.DataFrame, dark_above: float = 0.6) -> None:
    """Write each cell's value on a heatmap drawn from ``grid``; white on the darkest cells."""
    peak = grid.to_numpy().max() or 1
    for row, values in enumerate(grid.to_numpy()):
        for col, value in enumerate(values):
            axes.text(col, row, str(value), ha="center", va="center", fontsize=8,
                      color="white" if value > peak * dark_above else "black")


def label_bars(axes, values: pd.Series, left: pd.Series, white: bool = False, minimum: int = 3) -> None:
    """Write each segment's count in the middle of a stacked horizontal bar (segments of ``minimum`` or more)."""
    for position, (value, start) in enumerate(zip(values, left)):
        if value >= minimum:
            axes.text(start + value / 2, position, str(int(value)), ha="center", va="center", fontsize=7,
                      color="white" if white else "black")


def percent_axis():
    """A tick formatter that writes shares as percentages."""
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda value, _: percent(value))


def theme_domain_grid(t3: pd.DataFrame) -> pd.DataFrame:
    """T3 without the subtotal, total row and total column: theme (rows) × domain (columns)."""
    return t3.loc[[t["key"] for t in themes()]].drop(columns="Totaal")


def heatmap_facts(grid: pd.DataFrame, language: str = "nl") -> dict:
    """What the heatmap's alt text says: its largest cell and how many cells are empty."""
    stacked = grid.stack()
    top_theme, top_domain = stacked.idxmax()
    return {"top_theme": theme_labels(language)[top_theme], "top_domain": domain_label(top_domain, language),
            "top_value": int(stacked.max()), "empty": int((stacked == 0).sum()), "cells": int(stacked.size)}


def nature_grid(t4: pd.DataFrame) -> pd.DataFrame:
    """T4 without totals: nature (rows) × domain (columns)."""
    return t4.drop(index="totaal").drop(columns="Totaal")


def nature_facts(grid: pd.DataFrame, language: str = "nl") -> dict:
    """What the nature chart's alt text says: the largest domain and the strategic and operational totals."""
    totals = grid.sum()
    return {"top_domain": domain_label(str(totals.idxmax()), language), "top_value": int(totals.max()),
            "strategic": int(grid.loc["strategisch"].sum()), "operational": int(grid.loc["operationeel"].sum())}


def central_shares(t5: pd.DataFrame) -> pd.Series:
    """Per T5 row, central actions as a share of all net running actions (0 where there are none)."""
    totals = t5["totaal"].astype(float)
    return (t5["centraal_totaal"].astype(float) / totals.where(totals > 0)).fillna(0.0)


def central_facts(share: pd.Series, language: str = "nl") -> dict:
    """What the central-share chart's alt text says: the highest and lowest theme and the overall share."""
    names = theme_labels(language)
    themed = share.loc[[t["key"] for t in themes()]]
    return {"top_theme": names[themed.idxmax()], "top_share": percent(themed.max(), language),
            "low_theme": names[themed.idxmin()], "low_share": percent(themed.min(), language),
            "total_share": percent(share.loc["totaal"], language)}


def chart_data(tables: pd.DataFrame, language: str = "nl") -> dict[str, pd.DataFrame]:
    """The numbers behind each figure, labelled, for the workbook (one sheet per figure)."""
    from pipeline.analysis.tables import wide

    names = theme_labels(language)
    keys = [t["key"] for t in themes()]
    t3 = wide(tables, "T3").loc[keys].drop(columns="Totaal").rename(index=names)
    t4 = wide(tables, "T4").drop(index="totaal").drop(columns="Totaal").T
    t4.columns = [text(f"rows.{c}", language) for c in t4.columns]
    t5 = wide(tables, "T5").loc[keys + ["totaal"]]
    shares = pd.DataFrame({text("columns.centraal", language): t5["centraal_totaal"],
                           text("columns.totaal", language): t5["totaal"],
                           text("figures.axis_share", language): central_shares(t5).round(3)}
                          ).rename(index={**names, "totaal": text("rows.totaal", language)})
    return {"figuur-heatmap": t3, "figuur-nature": t4, "figuur-central": shares}


SHARE_COLUMNS = {"figures.axis_share"}  # columns of chart_data that hold shares (written as percentages)
