"""The report's building blocks as objects that keep their data: a table, a figure, a text block, a chapter.

A notebook cell computes a tidy frame and wraps it in one of these objects; the
object keeps the frame as ``.data`` (for a researcher and for the tests), and
displays itself in Jupyter. :mod:`pipeline.report.markup` is the one module that turns
them into HTML. Numbers ("Tabel 3", "Figuur 1") are not part of an object: the
renderer assigns them in document order, so running a cell twice changes nothing.

Each object shows itself with two representations of the same HTML: ``text/html``
for Jupyter, and :data:`ANNEX_MIME`, which is what the report template picks up.
A plain DataFrame shown in a cell is for the researcher only and never reaches
the report; markdown cells do.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pandas is not imported at run time: the render step reads these modules without it
    import pandas as pd

ANNEX_MIME = "application/vnd.data-actieplan.annex+html"


class Block:
    """What every report block shares: its HTML comes from :mod:`pipeline.report.markup`, and it displays itself."""

    language: str

    def html(self) -> str:
        from pipeline.report import markup

        return markup.to_html(self)

    def _repr_html_(self) -> str:
        return self.html()

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        page = self.html()
        return {"text/html": page, ANNEX_MIME: page}


@dataclass(eq=False)
class Chapter(Block):
    """A chapter heading with a stable anchor; the table of contents is built from these.

    A ``screen_only`` chapter is left out of the printed PDF and of its table of contents.
    """

    key: str
    title: str
    screen_only: bool = False
    language: str = "nl"

    @property
    def data(self) -> dict:
        return {"key": self.key, "title": self.title}


@dataclass(eq=False)
class Text(Block):
    """One paragraph per sentence, optionally followed by links to files beside the report."""

    data: list[str]
    links: tuple[str, ...] = ()
    language: str = "nl"


@dataclass(eq=False)
class Table(Block):
    """A numbered table of ``data``, shown with reader labels; ``data`` itself keeps its keys and raw numbers.

    ``labels`` maps index and column keys to reader labels (keys without a label are
    shown as they are); ``totals`` are row keys set in bold; ``percent`` are columns
    whose shares are shown as whole percentages; ``row_headers`` says whether the
    index heads each row (count grids) or is left out (lists of records).
    """

    data: pd.DataFrame
    title: str
    anchor: str
    source: str = ""
    labels: dict = field(default_factory=dict)
    totals: tuple = ()
    percent: tuple = ()
    row_headers: bool = True
    corner: str = ""
    wide: bool = False
    table_id: str = ""
    language: str = "nl"

    def shown(self) -> pd.DataFrame:
        """The table as a reader sees it: labels for keys, percentages written out (a new frame)."""
        from pipeline.report.markup import format_value

        frame = self.data.copy()
        for column in self.percent:
            frame[column] = frame[column].map(lambda v: format_value(v, as_percent=True))
        frame.index = [self.labels.get(key, key) for key in frame.index]
        frame.columns = [self.labels.get(key, key) for key in frame.columns]
        return frame


@dataclass(eq=False)
class Figure(Block):
    """A numbered chart: the matplotlib figure drawn in the cell, the frame behind it, and generated alt text."""

    figure: object
    data: pd.DataFrame
    title: str
    alt: str
    anchor: str
    source: str = ""
    language: str = "nl"

    @cached_property
    def svg(self) -> str:
        """The chart as SVG text, identical on every run (see :func:`pipeline.report.charts.svg`)."""
        from pipeline.report.charts import svg

        return svg(self.figure)

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        return {**super()._repr_mimebundle_(include, exclude), "image/svg+xml": self.svg}


@dataclass(eq=False)
class Cover(Block):
    """The title page: title, kicker, the facts about the sources (``data``: label/value rows) and the sample mark."""

    data: pd.DataFrame
    title: str
    kicker: str
    synthetic: tuple[str, str] | None = None
    language: str = "nl"


@dataclass(eq=False)
class Facts(Block):
    """A list of label/value pairs (``data`` has the columns ``label`` and ``value``)."""

    data: pd.DataFrame
    css: str = "provenance"
    language: str = "nl"


@dataclass(eq=False)
class ActionList(Block):
    """Every action of the plan as a table a reader can filter and search (web edition only).

    ``data`` has one row per action with the columns of the list, keys unlabelled
    (theme, status and nature keys, the list of domains).
    """

    data: pd.DataFrame
    year: int
    domains: list[str]
    source: str = ""
    language: str = "nl"
