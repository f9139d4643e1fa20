"""One chart style for the whole report, and the charts themselves.

The palette is colour-blind safe (Okabe-Ito); domains always appear in the
spec's order and always in the same colour. Charts come back as SVG text with
a fixed hash salt and no date, so reruns give identical bytes, and each chart
returns the numbers its alt text is built from.
"""

import io
import re

import pandas as pd

from pipeline.config import themes
from pipeline.labels import text

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


def pyplot():
    """matplotlib's pyplot on the SVG backend, imported when the first chart is drawn.

    Importing matplotlib takes a third of a second; the steps that only need the
    numbers behind the charts (the workbook export) do not pay it.
    """
    import matplotlib

    matplotlib.use("svg")
    import matplotlib.pyplot as plt

    return plt


def svg(figure) -> str:
    """The figure as SVG text without a date or random ids."""
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches="tight")
    pyplot().close(figure)
    body = buffer.getvalue()
    body = re.sub(r"<metadata>.*?</metadata>\s*", "", body, flags=re.DOTALL)
    return body[body.index("<svg"):]


def theme_labels(language: str) -> dict[str, str]:
    return {t["key"]: text(f"rows.{t['key']}", language) for t in themes()}


def heatmap(t3: pd.DataFrame, language: str = "nl") -> tuple[str, dict]:
    """Domain × theme counts (T3 without subtotal and totals) as an annotated heatmap."""
    keys = [t["key"] for t in themes()]
    grid = t3.loc[keys].drop(columns="Totaal")
    plt = pyplot()
    with plt.rc_context(STYLE):
        figure, axes = plt.subplots(figsize=(7.2, 3.0))
        axes.imshow(grid.to_numpy(), cmap="Blues", aspect="auto")
        axes.set_xticks(range(len(grid.columns)), [text("columns.DV&VSA", language) if c == "DV&VSA" else c
                                                    for c in grid.columns], rotation=0)
        axes.set_yticks(range(len(keys)), [theme_labels(language)[k] for k in keys])
        peak = grid.to_numpy().max() or 1
        for (row, col), value in pd.DataFrame(grid.to_numpy()).stack().items():
            axes.text(col, row, str(value), ha="center", va="center",
                      color="white" if value > peak * 0.6 else "black", fontsize=8)
        axes.tick_params(length=0)
        for side in axes.spines.values():
            side.set_visible(False)
        result = svg(figure)
    stacked = grid.stack()
    top_theme, top_domain = stacked.idxmax()
    facts = {"top_theme": theme_labels(language)[top_theme], "top_domain": top_domain,
             "top_value": int(stacked.max()), "empty": int((stacked == 0).sum()), "cells": int(stacked.size)}
    return result, facts


def nature_bars(t4: pd.DataFrame, language: str = "nl") -> tuple[str, dict]:
    """Strategic, operational and undetermined actions per domain as stacked horizontal bars."""
    grid = t4.drop(index="totaal").drop(columns="Totaal")
    plt = pyplot()
    with plt.rc_context(STYLE):
        figure, axes = plt.subplots(figsize=(7.2, 3.2))
        left = pd.Series(0, index=grid.columns)
        labels = [text("columns.DV&VSA", language) if c == "DV&VSA" else c for c in grid.columns]
        for nature in grid.index:
            values = grid.loc[nature]
            axes.barh(labels, values, left=left, color=NATURE_COLOURS[nature], label=text(f"rows.{nature}", language))
            for position, (value, start) in enumerate(zip(values, left)):
                if value >= 3:
                    axes.text(start + value / 2, position, str(int(value)), ha="center", va="center", fontsize=7,
                              color="white" if nature == "strategisch" else "black")
            left = left + values
        axes.invert_yaxis()
        axes.set_xlabel(text("figures.axis_count", language))
        axes.legend(title=text("figures.legend_nature", language), frameon=False, loc="upper left",
                    bbox_to_anchor=(1.0, 1.0))
        result = svg(figure)
    totals = grid.sum()
    facts = {"top_domain": str(totals.idxmax()), "top_value": int(totals.max()),
             "strategic": int(grid.loc["strategisch"].sum()), "operational": int(grid.loc["operationeel"].sum())}
    return result, facts


def central_shares(t5: pd.DataFrame) -> pd.Series:
    """Per T5 row, central actions as a share of all net running actions (0 where there are none)."""
    totals = t5["totaal"].astype(float)
    return (t5["centraal_totaal"].astype(float) / totals.where(totals > 0)).fillna(0.0)


def central_share(t5: pd.DataFrame, language: str = "nl") -> tuple[str, dict]:
    """The share of central actions among net running actions, per theme."""
    keys = [t["key"] for t in themes()]
    share = central_shares(t5)
    names = theme_labels(language)
    plt = pyplot()
    with plt.rc_context(STYLE):
        figure, axes = plt.subplots(figsize=(7.2, 2.8))
        values = share.loc[keys]
        bars = axes.barh([names[k] for k in keys], values, color=OKABE_ITO[0])
        axes.bar_label(bars, labels=[percent(v, language) for v in values], padding=3, fontsize=8)
        axes.set_xlim(0, 1.1)
        axes.xaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: percent(v, language)))
        axes.invert_yaxis()
        axes.set_xlabel(text("figures.axis_share", language))
        result = svg(figure)
    themed = share.loc[keys]
    facts = {"top_theme": names[themed.idxmax()], "top_share": percent(themed.max(), language),
             "low_theme": names[themed.idxmin()], "low_share": percent(themed.min(), language),
             "total_share": percent(share.loc["totaal"], language)}
    return result, facts


def chart_data(tables: pd.DataFrame, language: str = "nl") -> dict[str, pd.DataFrame]:
    """The numbers behind each figure, labelled, for the workbook (one sheet per figure)."""
    from pipeline.tables import wide

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
    return {f"{text('report.figure_caption', language, n=n)}": frame for n, frame in enumerate([t3, t4, shares], start=1)}


def percent(value: float, language: str = "nl") -> str:
    """A share as a whole percentage, written the way the language does (``28%``)."""
    return f"{round(float(value) * 100):d}%"
