"""The full action list as an HTML table that a reader can filter and search.

The table is complete without JavaScript; a small inline script (no network)
adds the filters for domain, theme, status and nature and a search box. Every
cell's text is escaped, so a title is never read as markup. The list is for the
web edition only: in print it would be some fifteen pages that cannot be filtered
(and half of the PDF's rendering time), so the print stylesheet leaves it out.
"""

import html

import pandas as pd

from pipeline.config import domain_order, themes
from pipeline.present import Document, cells_html, header_html

FILTERS = ["domein", "thema", "status", "aard"]

SCRIPT = """
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


def options(doc: Document, name: str, values: list[tuple[str, str]]) -> str:
    """One filter: a labelled select with an 'all' option."""
    items = "".join(f'<option value="{html.escape(v)}">{html.escape(label)}</option>' for v, label in values)
    label = html.escape(doc.t(f"actionlist.filter_{name}"))
    return (f'<label>{label} <select name="{name}"><option value="">{html.escape(doc.t("actionlist.all"))}</option>'
            f"{items}</select></label>")


def render(doc: Document, plan: pd.DataFrame, year: int) -> str:
    """The chapter: heading, filters (hidden until the script runs), counter and the table."""
    theme_names = {t["key"]: doc.t(f"rows.{t['key']}") for t in themes()}
    ordered = plan.assign(_key=plan["nr"].map(lambda nr: tuple(int(p) for p in nr.split(","))))
    ordered = ordered.sort_values("_key")
    rows = []
    for action in ordered.itertuples():
        data = {"domein": " ".join(action.domeinen), "thema": action.thema, "status": action.status,
                "aard": action.aard}
        attributes = " ".join(f'data-{k}="{html.escape(v)}"' for k, v in data.items())
        cells = [action.nr, theme_names.get(action.thema, action.thema), action.actie, action.trekker,
                 ", ".join(action.domeinen), doc.t(f"actionlist.status_{action.status}"), doc.t(f"rows.{action.aard}"),
                 str(action.jaar), action.dubbel_met]
        rows.append(f"<tr {attributes}>{cells_html(cells)}</tr>")
    headers = header_html(doc.t(f"actionlist.columns.{c}") for c in ("nr", "thema", "actie", "trekker", "domeinen",
                                                                     "status", "aard", "jaar", "dubbel_met"))
    filters = "".join([
        f'<label>{html.escape(doc.t("actionlist.search"))} <input type="search" name="zoek"></label>',
        options(doc, "domein", [(c, c) for c in domain_order(year)]),
        options(doc, "thema", list(theme_names.items())),
        options(doc, "status", [(s, doc.t(f"actionlist.status_{s}")) for s in ("lopend", "afgerond")]),
        options(doc, "aard", [(n, doc.t(f"rows.{n}")) for n in ("strategisch", "operationeel", "onbepaald")]),
    ])
    template = html.escape(doc.t("actionlist.counter"))
    total = len(ordered)
    table = doc.numbered(doc.t("actionlist.caption", year=year), "tabel-actielijst", "records actions", headers,
                         "".join(rows), table_id="actielijst")
    return ('<section class="screen-only">' + doc.heading("actionlist", screen_only=True) +
            f'<p>{html.escape(doc.t("actionlist.intro"))}</p>'
            f'<form id="actielijst-filters" class="filters" hidden onsubmit="return false">{filters}</form>'
            f'<p id="actielijst-teller" class="counter" data-template="{template}">'
            f'{html.escape(doc.t("actionlist.counter", shown=total, total=total))}</p>'
            f"{table}<script>{SCRIPT}</script></section>")
