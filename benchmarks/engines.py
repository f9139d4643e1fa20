"""Compare the two PDF engines on the real annex: WeasyPrint (with pipeline.report.pdfua) and Typst. Not a test.

Both print the same report objects of the 2024 sample (the chapter notebooks run in
this process): WeasyPrint from the report's HTML, Typst from a Typst document
written here from the same objects (headings, paragraphs, tables with their
captions, the three charts as SVG, a running header and page numbers, an outline).
For each engine: the time to print, whether two prints are byte-identical, the
PDF/UA structure checks of tests/test_end_to_end.py, and page images to look at.

Usage: python benchmarks/engines.py [OUT_DIR]   (requires: pip install typst pikepdf)
"""

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pipeline.report import markup, render
from pipeline.report.labels import text
from pipeline.report.notebooks import assemble, run_in_process
from pipeline.report.present import ActionList, Chapter, Cover, Facts, Figure, Table, Text

YEAR, LANGUAGE = 2024, "nl"


def quote(value) -> str:
    """Any text as a Typst string literal, so nothing in it is read as markup."""
    shown = markup.format_value(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return f'"{shown}"'


def typst_table(table: Table, number: int) -> str:
    shown = table.shown()
    header = ([text("columns.row", LANGUAGE)] if table.row_headers else []) + [str(c) for c in shown.columns]
    rows = [([str(label)] if table.row_headers else []) + [markup.format_value(v) for v in values]
            for label, values in zip(shown.index, shown.to_numpy().tolist())]
    cells = ", ".join(f"[#{quote(c)}]" for row in rows for c in row)
    head = ", ".join(f"[#strong({quote(h)})]" for h in header)
    caption = quote(f"{text('report.table_caption', LANGUAGE, n=number)}. {table.title}")
    return (f"#figure(kind: table, supplement: none, caption: figure.caption(position: top, {caption}),\n"
            f"  table(columns: {len(header)}, stroke: (x: none, y: 0.4pt + gray), inset: 3pt,\n"
            f"    table.header({head}),\n    {cells}))\n#text(size: 7pt, fill: gray)[#{quote(table.source)}]\n")


def typst_document(objects: list, folder: Path) -> str:
    title = text("report.title", LANGUAGE, year=YEAR)
    page_word, of_word = text("report.page", LANGUAGE), text("report.of", LANGUAGE)
    out = [f'#set document(title: {quote(title)})', f'#set text(lang: "{LANGUAGE}", font: "DejaVu Sans", size: 9pt)',
           '#set page(paper: "a4", margin: (x: 1.8cm, y: 2.2cm),',
           f'  header: context {{ if counter(page).get().first() > 1 [#text(size: 7pt)[#{quote(title)}]] }},',
           f'  footer: context {{ if counter(page).get().first() > 1 [#align(right)[#text(size: 7pt)['
           f'#{quote(page_word)} #counter(page).display() #{quote(of_word)} #counter(page).final().first()]]] }})',
           "#show heading.where(level: 2): it => { pagebreak(weak: true); it }"]
    tables = figures = 0
    for block in objects:
        if isinstance(block, Cover):
            out.append(f"#text(size: 8pt)[#{quote(block.kicker)}]\n\n#heading(level: 1)[#{quote(block.title)}]")
            if block.synthetic:
                out.append(f"#text(fill: rgb(\"#A33F00\"), weight: \"bold\")[#{quote(block.synthetic[0])}]\n\n"
                           f"{quote(block.synthetic[1])[1:-1]}")
            out += [f"#{quote(r.label)}: #{quote(r.value)}\n" for r in block.data.itertuples()]
            out.append(f"#pagebreak()\n#outline(title: {quote(text('report.toc', LANGUAGE))}, depth: 2)")
        elif isinstance(block, Chapter) and not block.screen_only:
            out.append(f"#heading(level: 2)[#{quote(block.title)}]")
        elif isinstance(block, Text):
            out += [f"#{quote(sentence)}\n" for sentence in block.data]
        elif isinstance(block, Table):
            tables += 1
            out.append(typst_table(block, tables))
        elif isinstance(block, Figure):
            figures += 1
            path = folder / f"figure-{figures}.svg"
            path.write_text(block.svg, encoding="utf-8")
            caption = quote(f"{text('report.figure_caption', LANGUAGE, n=figures)}. {block.title}")
            out.append(f'#figure(image("{path.name}", width: 100%, alt: {quote(block.alt)}), supplement: none, '
                       f"caption: {caption})")
        elif isinstance(block, Facts):
            out += [f"#{quote(r.label)}: #{quote(r.value)}\n" for r in block.data.itertuples()]
        elif isinstance(block, ActionList):
            continue  # web edition only, as in the HTML's print stylesheet
    return "\n\n".join(out)


def structure(path: Path) -> dict:
    """The PDF/UA structure figures of the end-to-end test, counted instead of asserted."""
    import pikepdf

    from pipeline.report.pdfua import attributes, elements, number_tree, structure_type

    with pikepdf.open(path) as pdf:
        root = pdf.Root.get("/StructTreeRoot")
        if root is None:
            return {"tagged": False}
        found = list(elements(root.get("/K")))
        kinds = [structure_type(e) for e in found]
        reached = {e.objgen for e in found}
        owners = number_tree(root.ParentTree) if "/ParentTree" in root else {}
        outside = artifacts = 0
        for page in pdf.pages:
            for operands, _ in pikepdf.parse_content_stream(page, "BDC"):
                if str(operands[0]) == "/Artifact":
                    artifacts += 1
                elif isinstance(operands[1], pikepdf.Dictionary) and "/MCID" in operands[1]:
                    owner = owners.get(int(page.get("/StructParents", -1)), [None] * 100000)
                    mcid = int(operands[1].MCID)
                    if mcid >= len(owner) or not isinstance(owner[mcid], pikepdf.Dictionary) or \
                            owner[mcid].objgen not in reached:
                        outside += 1
        width = float(pdf.pages[0].MediaBox[2])
        boxes = [float(a.BBox[2]) for e in found if structure_type(e) == "/Figure" for a in attributes(e)
                 if "/BBox" in a]
        return {"tagged": True, "pages": len(pdf.pages), "parts": kinds.count("/Part"), "sects": kinds.count("/Sect"),
                "tables": kinds.count("/Table"), "captions": kinds.count("/Caption"),
                "th_without_scope": sum(1 for e in found if structure_type(e) == "/TH"
                                        and not any("/Scope" in a for a in attributes(e))),
                "content_outside_tree": outside, "artifacts": artifacts,
                "figures_without_alt": sum(1 for e in found if structure_type(e) == "/Figure" and "/Alt" not in e),
                "figure_boxes_past_page": sum(1 for x in boxes if x > width)}


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main(out: Path) -> dict:
    import typst

    out.mkdir(parents=True, exist_ok=True)
    objects = run_in_process(assemble(), {"year": YEAR, "plan": "", "annotations": "", "language": LANGUAGE})
    body = "\n".join(markup.to_html(block) for block in objects)
    css = (render.TEMPLATES / "annex" / "annex.css").read_text(encoding="utf-8")
    title = text("report.title", LANGUAGE, year=YEAR)
    page = render.add_toc(markup.number_items(f'<!DOCTYPE html><html lang="{LANGUAGE}"><head><meta charset="utf-8">'
                                              f"<title>{title}</title><style>{css}</style></head><body>"
                                              f'<main class="annex">{body}</main></body></html>', LANGUAGE), LANGUAGE)
    source = out / "annex.typ"
    source.write_text(typst_document(objects, out), encoding="utf-8")
    results = {}
    for engine in ("weasyprint", "typst"):
        times, digests = [], set()
        for attempt in range(2):
            target = out / f"{engine}-{attempt}.pdf"
            if engine == "weasyprint":
                times.append(timed(lambda t=target: render.write_pdf(page, t, out, "2023-11-14T00:00:00Z", title,
                                                                     LANGUAGE)))
            else:
                times.append(timed(lambda t=target: typst.compile(str(source), output=str(t), root=str(out),
                                                                  pdf_standards=["ua-1"], timestamp=1699920000)))
            digests.add(target.read_bytes())
        results[engine] = {"seconds": [round(t, 2) for t in times], "identical": len(digests) == 1,
                           **structure(out / f"{engine}-0.pdf")}
        subprocess.run(["pdftoppm", "-r", "40", "-f", "1", "-l", "6", "-png", str(out / f"{engine}-0.pdf"),
                        str(out / f"{engine}-page")], check=False)
    (out / "engines.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    (Path(__file__).resolve().parent / "engines.md").write_text(report(results), encoding="utf-8")
    print(json.dumps(results, indent=1))
    return results


def report(results: dict) -> str:
    """The comparison as a markdown table (benchmarks/engines.md)."""
    rows = ["seconds", "identical", "pages", "parts", "sects", "tables", "captions", "th_without_scope",
            "content_outside_tree", "artifacts", "figures_without_alt", "figure_boxes_past_page"]
    lines = ["# PDF engines on the 2024 annex", "", "Written by `python benchmarks/engines.py`: two prints per engine "
             "of the same report objects; WeasyPrint includes `pipeline.report.pdfua`. Page images are in the output folder.",
             "", "| figure | WeasyPrint | Typst |", "| --- | --- | --- |"]
    lines += [f"| {row} | {results['weasyprint'].get(row)} | {results['typst'].get(row)} |" for row in rows]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="engines-")))
