"""The one module that turns the report's objects (:mod:`pipeline.report.present`) into HTML.

All cell text is escaped here, so text from a workbook is always shown as
literal text, never read as markup. Tables and figures carry a number
placeholder; :func:`number_items` fills the numbers in document order when the
whole report is rendered.
"""

import base64
import html
import math
import re

from pipeline.report.labels import domain_label, text, theme_labels
from pipeline.report.present import ActionList, Chapter, Cover, Facts, Figure, Table, Text

SIDE_COLUMN = re.compile(r"(beleidsdomeinen|centraal)_(\w+)")
NUMBER = re.compile(r'<span class="number" data-kind="(table|figure)">[^<]*</span>')
TOTAL = ' class="total"'
KEEP_ROWS = 10  # tables up to this many rows are kept on one printed page


def percent(value: float, language: str = "nl") -> str:
    """A share as a whole percentage, written the way the language does (``28%``)."""
    return f"{round(float(value) * 100):d}%"


def decimal(value: float, language: str = "nl", digits: int = 2) -> str:
    """A fraction such as a precision, with the language's decimal sign (``0,85`` in Dutch)."""
    written = f"{float(value):.{digits}f}"
    return written.replace(".", ",") if language == "nl" else written


def format_value(value, as_percent: bool = False) -> str:
    """A cell as text: whole floats without ``.0``, shares as percentages, lists joined with commas, no ``nan``."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if as_percent and isinstance(value, int | float):
        return percent(value)
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def escape(value) -> str:
    return html.escape(format_value(value))


def placeholder(kind: str, language: str) -> str:
    """The caption's number, filled in later: ``Tabel`` until :func:`number_items` makes it ``Tabel 3``."""
    word = text(f"report.{kind}_caption", language, n="").strip()
    return f'<span class="number" data-kind="{kind}">{html.escape(word)}</span>'


def captions(page: str, language: str) -> dict[str, str]:
    """Each table's and figure's anchor with the caption number it gets in ``page`` (``tabel-t1``: ``Tabel 2``)."""
    counters, found = {"table": 0, "chart": 0}, {}
    for kind, anchor in re.findall(r'<(?:div|figure) class="(table|chart)" id="([^"]+)"', page):
        counters[kind] += 1
        found[anchor] = text("report.table_caption" if kind == "table" else "report.figure_caption", language,
                             n=counters[kind])
    return found


def number_items(page: str, language: str) -> str:
    """Number tables and figures in the order they appear in ``page``."""
    counters = {"table": 0, "figure": 0}

    def numbered(match: re.Match) -> str:
        kind = match.group(1)
        counters[kind] += 1
        return html.escape(text(f"report.{kind}_caption", language, n=counters[kind]))

    return NUMBER.sub(numbered, page)


def cells(values) -> str:
    return "".join(f"<td>{escape(v)}</td>" for v in values)


def header_row(labels, corner: str | None = None) -> str:
    """One header row of column labels, after an optional corner cell."""
    heads = [corner] if corner is not None else []
    heads += [str(c) for c in labels]
    return "<tr>" + "".join(f'<th scope="col">{html.escape(c)}</th>' for c in heads) + "</tr>"


def grouped_header(keys: list[str], labels: dict, corner: str) -> str:
    """T5's two header rows: a group (side) above its parts (years, total); other columns span both rows."""
    groups = [SIDE_COLUMN.fullmatch(str(key)) for key in keys]
    top, bottom = [f'<th scope="col" rowspan="2">{html.escape(corner)}</th>'], []
    for index, (key, match) in enumerate(zip(keys, groups)):
        if not match:
            top.append(f'<th scope="col" rowspan="2">{html.escape(str(labels.get(key, key)))}</th>')
            continue
        side, part = match.groups()
        if index == 0 or not groups[index - 1] or groups[index - 1].group(1) != side:
            span = sum(1 for m in groups if m and m.group(1) == side)
            top.append(f'<th scope="colgroup" colspan="{span}">{html.escape(labels.get(side, side))}</th>')
        bottom.append(f'<th scope="col">{html.escape(str(labels.get(part, part)))}</th>')
    return f"<tr>{''.join(top)}</tr><tr>{''.join(bottom)}</tr>"


def table_html(table: Table) -> str:
    """A numbered table with its caption and source line; totals bold, zeros shown."""
    shown = table.shown()
    keys = list(table.data.columns)
    if not table.row_headers:
        head = header_row(shown.columns)
        body = "".join(f"<tr>{cells(row)}</tr>" for row in shown.itertuples(index=False))
    else:
        corner = table.corner or text("columns.row", table.language)
        if any(SIDE_COLUMN.fullmatch(str(key)) for key in keys):
            head = grouped_header(keys, table.labels, corner)
        else:
            head = header_row(shown.columns, corner)
        body = "".join(f'<tr{TOTAL if key in table.totals else ""}><th scope="row">{escape(label)}</th>{cells(row)}</tr>'
                       for key, (label, row) in zip(table.data.index, shown.iterrows()))
    css = "numbers wide" if table.wide else ("numbers" if table.row_headers else "records")
    if len(table.data) <= KEEP_ROWS:
        css += " keep"  # short enough to print without a page break inside
    return numbered_table(table, css, head, body)


def numbered_table(table: Table, css: str, head: str, body: str) -> str:
    ident = f' id="{table.table_id}"' if table.table_id else ""
    caption = f"{table.anchor}-caption"
    hint = html.escape(text("report.scroll_hint", table.language))
    return (f'<div class="table" id="{table.anchor}"><p class="scroll-hint" aria-hidden="true">{hint}</p>'
            f'<div class="scroll" tabindex="0" role="region" aria-labelledby="{caption}">'
            f'<table{ident} class="{css}"><caption id="{caption}">'
            f"{placeholder('table', table.language)}. {html.escape(table.title)}</caption>"
            f"<thead>{head}</thead><tbody>{body}</tbody></table></div>"
            f'<p class="source">{html.escape(table.source)}</p></div>')


def figure_html(figure: Figure) -> str:
    """A numbered figure: the SVG as an image (vector in HTML and PDF) whose ``alt`` is the generated text."""
    data = base64.b64encode(figure.svg.encode("utf-8")).decode("ascii")
    caption = f"{figure.anchor}-caption"
    return (f'<figure class="chart" id="{figure.anchor}"><div class="scroll" tabindex="0" role="region" '
            f'aria-labelledby="{caption}"><img src="data:image/svg+xml;base64,{data}" alt="{html.escape(figure.alt)}">'
            f'</div><figcaption id="{caption}">{placeholder("figure", figure.language)}. {html.escape(figure.title)}'
            f'<span class="source">{html.escape(figure.source)}</span></figcaption></figure>')


def text_html(block: Text) -> str:
    """One paragraph per sentence; links to files beside the report follow the last sentence."""
    if not block.links:
        return "\n".join(f"<p>{html.escape(s)}</p>" for s in block.data)
    links = " ".join(f'<a href="{html.escape(name)}">{html.escape(name)}</a>' for name in block.links)
    *before, last = block.data or [""]
    return "\n".join([*(f"<p>{html.escape(s)}</p>" for s in before), f'<p class="downloads">{html.escape(last)} {links}</p>'])


def chapter_html(chapter: Chapter) -> str:
    css = "chapter screen-only" if chapter.screen_only else "chapter"
    return f'<h2 id="{chapter.key}" class="{css}">{html.escape(chapter.title)}</h2>'


def facts_list(frame) -> str:
    return "".join(f"<dt>{escape(r.label)}</dt><dd>{escape(r.value)}</dd>" for r in frame.itertuples())


def cover_html(cover: Cover) -> str:
    """The title page, and the mark where the table of contents goes."""
    mark = ""
    if cover.synthetic:
        stamp, note = cover.synthetic
        mark = f'<p class="synthetic-mark">{html.escape(stamp)}</p><p class="synthetic-note">{html.escape(note)}</p>'
    return (f'<section class="cover"><p class="kicker">{html.escape(cover.kicker)}</p>'
            f'<h1>{html.escape(cover.title)}</h1>{mark}<dl class="meta">{facts_list(cover.data)}</dl></section><!--toc-->')


def facts_html(facts: Facts) -> str:
    return f'<dl class="{facts.css}">{facts_list(facts.data)}</dl>'


def to_html(block) -> str:
    """The HTML of any report object."""
    for kind, writer in ((Table, table_html), (Figure, figure_html), (Text, text_html), (Chapter, chapter_html),
                         (Cover, cover_html), (Facts, facts_html), (ActionList, action_list_html)):
        if isinstance(block, kind):
            return writer(block)
    raise TypeError(f"no HTML for {type(block).__name__}")


ACTION_SCRIPT = """
(function () {
  var list = document.getElementById("actielijst");
  if (!list) { return; }
  var controls = document.getElementById("actielijst-filters");
  var counter = document.getElementById("actielijst-teller");
  var rows = Array.prototype.slice.call(list.tBodies[0].rows);
  controls.hidden = false;
  function apply() {
    var query = controls.querySelector("input").value.toLowerCase();
    var chosen = {};
    controls.querySelectorAll("select").forEach(function (s) { chosen[s.name] = s.value; });
    var shown = 0;
    rows.forEach(function (row) {
      var keep = row.textContent.toLowerCase().indexOf(query) !== -1;
      Object.keys(chosen).forEach(function (name) {
        if (chosen[name] && (" " + row.dataset[name] + " ").indexOf(" " + chosen[name] + " ") === -1) { keep = false; }
      });
      row.hidden = !keep;
      if (keep) { shown += 1; }
    });
    counter.textContent = counter.dataset.template.replace("{shown}", shown).replace("{total}", rows.length);
  }
  controls.addEventListener("input", apply);
  controls.addEventListener("change", apply);
  apply();
})();
"""


def select(name: str, values: list[tuple[str, str]], language: str) -> str:
    """One filter of the action list: a labelled select with an 'all' option."""
    items = "".join(f'<option value="{html.escape(v)}">{html.escape(label)}</option>' for v, label in values)
    label = html.escape(text(f"actionlist.filter_{name}", language))
    everything = html.escape(text("actionlist.all", language))
    return f'<label>{label} <select name="{name}"><option value="">{everything}</option>{items}</select></label>'


def action_list_html(actions: ActionList) -> str:
    """The chapter: heading, filters (hidden until the script runs), counter and the table; no network needed."""
    lang = actions.language
    theme_names = theme_labels(lang)
    rows = []
    for action in actions.data.itertuples():
        data = {"domein": " ".join(action.domeinen), "thema": action.thema, "status": action.status, "aard": action.aard}
        attributes = " ".join(f'data-{k}="{html.escape(v)}"' for k, v in data.items())
        shown = [action.nr, theme_names.get(action.thema, action.thema), action.actie, action.trekker,
                 [domain_label(code, lang) for code in action.domeinen],
                 text(f"actionlist.status_{action.status}", lang), text(f"rows.{action.aard}", lang), action.jaar,
                 action.dubbel_met]
        rows.append(f"<tr {attributes}>{cells(shown)}</tr>")
    head = header_row(text(f"actionlist.columns.{c}", lang) for c in ("nr", "thema", "actie", "trekker", "domeinen",
                                                                     "status", "aard", "jaar", "dubbel_met"))
    filters = "".join([
        f'<label>{html.escape(text("actionlist.search", lang))} <input type="search" name="zoek"></label>',
        select("domein", [(c, domain_label(c, lang)) for c in actions.domains], lang),
        select("thema", list(theme_names.items()), lang),
        select("status", [(s, text(f"actionlist.status_{s}", lang)) for s in ("lopend", "afgerond")], lang),
        select("aard", [(n, text(f"rows.{n}", lang)) for n in ("strategisch", "operationeel", "onbepaald")], lang),
    ])
    template = html.escape(text("actionlist.counter", lang))
    total = len(actions.data)
    table = Table(actions.data, text("actionlist.caption", lang, year=actions.year), "tabel-actielijst",
                  source=actions.source, table_id="actielijst", language=lang)
    heading = chapter_html(Chapter("actionlist", text("chapters.actionlist", lang), screen_only=True))
    return ('<section class="screen-only">' + heading + f'<p>{html.escape(text("actionlist.intro", lang))}</p>'
            f'<form id="actielijst-filters" class="filters" hidden onsubmit="return false">{filters}</form>'
            f'<p id="actielijst-teller" class="counter" role="status" aria-live="polite" data-template="{template}">'
            f'{html.escape(text("actionlist.counter", lang, shown=total, total=total))}</p>'
            f'{numbered_table(table, "records actions", head, "".join(rows))}<script>{ACTION_SCRIPT}</script></section>')
