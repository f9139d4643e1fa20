"""Finish WeasyPrint's tagged PDF where its structure breaks PDF/UA rules that a checker verifies.

WeasyPrint tags the annex (PDF/UA-1) but leaves faults that pikepdf can mend:

- the running header and footer (title, chapter, "pagina x van y") are tagged as
  content of structure elements that the structure tree never reaches; they
  become ``/Artifact`` (``/Pagination``) in the page content, and leave the
  parent tree;
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


def number_tree(node) -> dict[int, object]:
    """The entries of a number tree (``/Nums``, possibly under ``/Kids``)."""
    found = {}
    if "/Nums" in node:
        pairs = node.Nums
        found.update({int(pairs[i]): pairs[i + 1] for i in range(0, len(pairs), 2)})
    for kid in node.get("/Kids", []):
        found.update(number_tree(kid))
    return found


def paginate(pdf, root) -> int:
    """Turn marked content whose structure element is not in the tree (the page furniture) into artifacts."""
    import pikepdf

    reached = {element.objgen for element in elements(root.get("/K"))}
    parents = number_tree(root.ParentTree) if "/ParentTree" in root else {}
    count = 0
    for page in pdf.pages:
        key = page.get("/StructParents")
        owners = parents.get(int(key)) if key is not None else None
        if owners is None:
            continue
        loose = {mcid for mcid, owner in enumerate(owners)
                 if isinstance(owner, pikepdf.Dictionary) and owner.objgen not in reached}
        if not loose:
            continue
        operations = []
        for operands, operator in pikepdf.parse_content_stream(page):
            if str(operator) == "BDC" and len(operands) == 2 and isinstance(operands[1], pikepdf.Dictionary) \
                    and int(operands[1].get("/MCID", -1)) in loose:
                operands = [pikepdf.Name("/Artifact"), pikepdf.Dictionary(Type=pikepdf.Name("/Pagination"))]
            operations.append(pikepdf.ContentStreamInstruction(operands, operator))
        page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(operations))
        for mcid in loose:
            owners[mcid] = None
        count += len(loose)
    return count


def finish(path: Path) -> dict[str, int]:
    """Mend the structure of the PDF at ``path`` in place; return what was changed, for the log and the tests."""
    import pikepdf

    changed = {"scopes": 0, "ids": 0, "figures": 0, "artifacts": 0}
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        root = pdf.Root.get("/StructTreeRoot")
        if root is None:
            return changed
        changed["artifacts"] = paginate(pdf, root)
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
