"""HTML fragments for the report: headings, numbered tables and figures, paragraphs.

Notebooks display what these functions return; all text is escaped here, so
cell content from a workbook is always shown as literal text, never as markup.
Tables and figures are numbered in the order the notebook asks for them.
"""

import base64
import html
import re
from dataclasses import dataclass, field

import pandas as pd

from pipeline.labels import text
from pipeline.tables import TOTAL_ROW

TOTAL_ROWS = {TOTAL_ROW, "bruto", "netto", "vlaamse_datastrategie"}
SIDE_COLUMN = re.compile(r"(beleidsdomeinen|centraal)_(\w+)")


def carried_years(plan: pd.DataFrame, year: int) -> str:
    """The years of the carried actions as a label: ``2022`` or ``2022-2023``."""
    years = sorted({int(y) for y in plan["jaar"] if int(y) < year})
    if not years:
        return str(year - 1)
    return str(years[0]) if len(years) == 1 else f"{years[0]}-{years[-1]}"


def column_label(column: str, language: str) -> str:
    """A human label for a table column key (domain code, T5 column, Totaal)."""
    match = SIDE_COLUMN.fullmatch(column)
    if match:
        side, part = match.groups()
        part = text("columns.side_total", language).lower() if part == "totaal" else part
        return f"{text(f'columns.{side}', language)} {part}"
    try:
        return text(f"columns.{column}", language)
    except KeyError:
        return column


def label_table(grid: pd.DataFrame, year: int, carried: str, language: str) -> pd.DataFrame:
    """A table grid with the SERV-like row and column labels, real years included."""
    labelled = grid.copy()
    labelled.index = [text(f"rows.{row}", language, year=year, carried=carried) for row in grid.index]
    labelled.columns = [column_label(col, language) for col in grid.columns]
    return labelled


@dataclass
class Document:
    """Numbers tables and figures as the notebook adds them, and remembers the source line."""

    year: int
    source: str
    language: str = "nl"
    counters: dict = field(default_factory=lambda: {"table": 0, "figure": 0})

    def t(self, key: str, **values) -> str:
        return text(key, self.language, **values)

    def heading(self, key: str, level: int = 2, screen_only: bool = False) -> str:
        """A chapter heading with a stable anchor, picked up by the table of contents.

        A ``screen_only`` chapter is left out of the printed PDF (and of its table of contents).
        """
        title = html.escape(self.t(f"chapters.{key}"))
        css = "chapter screen-only" if screen_only else "chapter"
        return f'<h{level} id="{key}" class="{css}">{title}</h{level}>'

    def paragraphs(self, sentences: list[str], css: str = "") -> str:
        """Sentences as one escaped paragraph each."""
        attr = f' class="{css}"' if css else ""
        return "\n".join(f"<p{attr}>{html.escape(s)}</p>" for s in sentences)

    def table(self, grid: pd.DataFrame, title: str, anchor: str, carried: str = "", wide: bool = False) -> str:
        """A numbered table from a grid keyed like tables.csv; labels added, totals bold, zeros shown."""
        labelled = label_table(grid, self.year, carried, self.language)
        body = "".join(row_html(label, row, key in TOTAL_ROWS)
                       for key, (label, row) in zip(grid.index, labelled.iterrows()))
        head = self._header(list(grid.columns), list(labelled.columns))
        return self.numbered(title, anchor, "numbers wide" if wide else "numbers", head, body)

    def numbered(self, title: str, anchor: str, css: str, head: str, body: str, table_id: str = "") -> str:
        """Wrap header and body rows as the next numbered table, with its caption and source line."""
        self.counters["table"] += 1
        caption = f"{self.t('report.table_caption', n=self.counters['table'])}. {title}"
        ident = f' id="{table_id}"' if table_id else ""
        return (f'<figure class="table" id="{anchor}"><table{ident} class="{css}"><caption>{html.escape(caption)}'
                f"</caption><thead>{head}</thead><tbody>{body}</tbody></table>"
                f'<figcaption class="source">{html.escape(self.source)}</figcaption></figure>')

    def _header(self, keys: list[str], labels: list[str]) -> str:
        """Header rows; T5's ``side_part`` columns get a group row (side) above a part row (years, total)."""
        corner = html.escape(self.t("columns.row"))
        groups = [SIDE_COLUMN.fullmatch(key) for key in keys]
        if not any(groups):
            return header_html(labels, self.t("columns.row"))
        top, bottom = [f'<th scope="col" rowspan="2">{corner}</th>'], []
        for index, (label, match) in enumerate(zip(labels, groups)):
            if not match:
                top.append(f'<th scope="col" rowspan="2">{html.escape(str(label))}</th>')
                continue
            side, part = match.groups()
            if index == 0 or not groups[index - 1] or groups[index - 1].group(1) != side:
                span = sum(1 for m in groups if m and m.group(1) == side)
                top.append(f'<th scope="colgroup" colspan="{span}">{html.escape(self.t(f"columns.{side}"))}</th>')
            part_label = self.t("columns.side_total") if part == "totaal" else part
            bottom.append(f'<th scope="col">{html.escape(part_label)}</th>')
        return f"<tr>{''.join(top)}</tr><tr>{''.join(bottom)}</tr>"

    def figure(self, svg: str, title: str, alt: str, anchor: str) -> str:
        """A numbered figure: the SVG embedded as an image with generated alt text, caption and source line.

        An ``<img>`` with a data URI keeps the chart vector in HTML and PDF, and its
        ``alt`` becomes the figure's alternative text in the tagged PDF.
        """
        self.counters["figure"] += 1
        caption = f"{self.t('report.figure_caption', n=self.counters['figure'])}. {title}"
        data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
        return (f'<figure class="chart" id="{anchor}"><img src="data:image/svg+xml;base64,{data}" '
                f'alt="{html.escape(alt)}"><figcaption>{html.escape(caption)}'
                f'<span class="source">{html.escape(self.source)}</span></figcaption></figure>')


def _fmt(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def cells_html(values) -> str:
    """Data cells, escaped."""
    return "".join(f"<td>{html.escape(_fmt(v))}</td>" for v in values)


def row_html(label, values, total: bool = False) -> str:
    """A body row headed by its label; a total row is marked for bold type."""
    css = ' class="total"' if total else ""
    return f'<tr{css}><th scope="row">{html.escape(str(label))}</th>{cells_html(values)}</tr>'


def header_html(labels, corner: str | None = None) -> str:
    """One header row of column labels, after an optional corner cell."""
    cells = [corner] if corner is not None else []
    cells += [str(c) for c in labels]
    return "<tr>" + "".join(f'<th scope="col">{html.escape(c)}</th>' for c in cells) + "</tr>"


def listing(doc: Document, frame: pd.DataFrame, title: str, anchor: str) -> str:
    """A numbered table of records (columns already labelled), for lists rather than count grids."""
    body = "".join(f"<tr>{cells_html(row)}</tr>" for row in frame.itertuples(index=False))
    return doc.numbered(title, anchor, "records", header_html(frame.columns), body)


def matrix(doc: Document, frame: pd.DataFrame, title: str, anchor: str, bold_rows: tuple = ()) -> str:
    """A numbered grid whose index and columns are already labelled (rows headed, numbers right-aligned)."""
    corner = doc.t("strategy.part") if frame.index.name else ""
    body = "".join(row_html(label, row, label in bold_rows) for label, row in frame.iterrows())
    return doc.numbered(title, anchor, "numbers", header_html(frame.columns, corner), body)
