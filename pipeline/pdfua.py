"""Finish WeasyPrint's tagged PDF where its structure breaks PDF/UA rules that a checker verifies.

WeasyPrint tags the annex (PDF/UA-1) but leaves three faults that pikepdf can
mend without touching the page content:

- table header cells (``TH``) carry no ``/Scope``: a header of the ``THead`` is a
  column header, one of the ``TBody`` heads its row;
- cells point at their headers by ``/Headers`` ids, but the structure tree root
  has no ``/IDTree`` to resolve them;
- a figure's ``/BBox`` is written in CSS pixels instead of PDF points.

The file is saved with a content-derived id, so the same input gives the same bytes.
"""

from pathlib import Path

PX_TO_PT = 0.75  # 96 CSS pixels per inch, 72 points per inch


def attributes(element) -> list:
    """The element's attribute dictionaries (``/A`` may be one dictionary or an array of them)."""
    import pikepdf

    found = element.get("/A")
    if found is None:
        return []
    return list(found) if isinstance(found, pikepdf.Array) else [found]


def structure_type(element) -> str:
    kind = element.get("/S")
    return "" if kind is None else str(kind)


def elements(node):
    """Every structure element under ``node``, depth first, in document order."""
    import pikepdf

    if isinstance(node, pikepdf.Array):
        for kid in node:
            yield from elements(kid)
    elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
        yield node
        kids = node.get("/K")
        if kids is not None:
            yield from elements(kids)


def header_scope(header) -> str:
    """``/Column`` for a header cell in a ``THead``, ``/Row`` otherwise."""
    row = header.get("/P")
    group = row.get("/P") if row is not None else None
    return "/Column" if group is not None and structure_type(group) == "/THead" else "/Row"


def finish(path: Path) -> dict[str, int]:
    """Mend the structure of the PDF at ``path`` in place; return what was changed, for the log and the tests."""
    import pikepdf

    changed = {"scopes": 0, "ids": 0, "figures": 0}
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        root = pdf.Root.get("/StructTreeRoot")
        if root is None:
            return changed
        ids = {}
        for element in elements(root.get("/K")):
            kind = structure_type(element)
            if kind == "/TH" and not any("/Scope" in a for a in attributes(element)):
                scope = pikepdf.Dictionary(O=pikepdf.Name("/Table"), Scope=pikepdf.Name(header_scope(element)))
                element.A = pikepdf.Array([*attributes(element), scope])
                changed["scopes"] += 1
            if "/ID" in element:
                ids[bytes(element.ID)] = element
            if kind == "/Figure":
                for attribute in attributes(element):
                    box = attribute.get("/BBox")
                    if box is not None:
                        attribute.BBox = pikepdf.Array([round(float(v) * PX_TO_PT, 3) for v in box])
                        changed["figures"] += 1
        if ids:
            names = pikepdf.Array()
            for key in sorted(ids):
                names.extend([pikepdf.String(key), ids[key]])
            root.IDTree = pdf.make_indirect(pikepdf.Dictionary(Names=names))
            changed["ids"] = len(ids)
        pdf.save(path, deterministic_id=True)
    return changed
