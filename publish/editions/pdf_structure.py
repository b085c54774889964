"""The PDF's structure tree finished where WeasyPrint 70 leaves it short of PDF/UA-1:

- footnotes: WeasyPrint tags the footnote area of each page as NonStruct; each note
  in it becomes a Note with its own ID (ISO 14289-1, 7.9);
- table header cells: WeasyPrint tags them TH with no /Scope, so a reader's software cannot tell
  which cells a header heads (7.5); a header of the table's head heads its column, one in a body
  row (a row's first cell written as a header) its row;
- running heads and page numbers: WeasyPrint marks their text as tagged content but
  links it to no structure element (its margin boxes stay out of the tree); that
  content becomes an Artifact, as page furniture must be (7.1).

The rest of the tree (headings, paragraphs, links, figures with their alt text,
tables) is WeasyPrint's. The file is rewritten with a fixed, content-derived ID,
so identical inputs still give identical bytes.
"""

import io

import pikepdf

NOTE_AREA = "/NonStruct"


def elements(node):
    """Every structure element (a dictionary with /S) at or below `node`, depth first."""
    if isinstance(node, pikepdf.Array):
        for child in node:
            yield from elements(child)
    elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
        yield node
        yield from elements(node.get("/K", pikepdf.Array()))


def marked_content_ids(element, page):
    """(page object, MCID) of the marked content an element holds directly."""
    kids = element.get("/K")
    kids = kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []
    for kid in kids:
        if isinstance(kid, int):
            yield page, int(kid)
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
            yield kid.get("/Pg", page).objgen, int(kid["/MCID"])


def tagged_content(pdf):
    """{(page objgen, MCID)} of the marked content the structure tree reaches."""
    reached = set()
    for element in elements(pdf.Root.StructTreeRoot.get("/K")):
        page = element.get("/Pg")
        reached.update(marked_content_ids(element, page.objgen if page is not None else None))
    return reached


def mark_furniture_as_artifacts(pdf, reached):
    """Marked content no structure element reaches (the margin boxes) becomes an Artifact,
    and the parent tree no longer maps it to a structure element."""
    parents = pdf.Root.StructTreeRoot.ParentTree.Nums
    for index, page in enumerate(pdf.pages):
        operations, artifacts = [], []
        for operands, operator in pikepdf.parse_content_stream(page):
            properties = operands[1] if str(operator) == "BDC" and len(operands) == 2 else None
            if isinstance(properties, pikepdf.Dictionary) and "/MCID" in properties \
                    and (page.obj.objgen, int(properties.MCID)) not in reached:
                artifacts.append(int(properties.MCID))
                operands, operator = [pikepdf.Name("/Artifact")], pikepdf.Operator("BMC")
            operations.append(pikepdf.ContentStreamInstruction(operands, operator))
        if artifacts:
            page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(operations))
            mapping = parents[2 * index + 1]
            for mcid in artifacts:
                mapping[mcid] = None


def is_continuation(note, previous):
    """A note's continuation on the next page (publish.editions.long_notes): its marker is empty."""
    kids = note.get("/K", pikepdf.Array())
    marker = kids[0] if isinstance(kids, pikepdf.Array) and len(kids) else None
    return previous is not None and isinstance(marker, pikepdf.Dictionary) and not len(marker.get("/K", []))


def join_continuation(note, previous, area):
    """The continuation's content made part of the note it continues (one Note, on two pages)."""
    for kid in list(note.K)[1:]:
        kid.P = previous
        previous.K.append(kid)
    area.K = pikepdf.Array([kid for kid in area.K if not (kid.is_indirect and kid.objgen == note.objgen)])


def tag_notes(pdf):
    """Each note in a page's footnote area (a NonStruct child of the Document) becomes a Note; a long
    note's continuation on the next page joins the note it continues."""
    document = pdf.Root.StructTreeRoot.K[0]
    number, previous = 0, None
    for area in document.K:
        if area.get("/S") != NOTE_AREA:
            continue
        for note in list(area.get("/K", pikepdf.Array())):
            if not (isinstance(note, pikepdf.Dictionary) and "/S" in note):
                continue
            if is_continuation(note, previous):
                join_continuation(note, previous, area)
                continue
            number += 1
            note.S = pikepdf.Name("/Note")
            note.ID = pikepdf.String(f"note-{number}")
            previous = note


def table_attributes(element):
    """The element's attribute dictionary of the Table owner, made if it has none (/A may be one
    dictionary or an array of them)."""
    attributes = element.get("/A")
    found = [attributes] if isinstance(attributes, pikepdf.Dictionary) else list(attributes or [])
    table = next((entry for entry in found if entry.get("/O") == "/Table"), None)
    if table is None:
        table = pikepdf.Dictionary(O=pikepdf.Name("/Table"))
        element.A = pikepdf.Array([*found, table]) if found else table
    return table


def scope_table_headers(node, in_head=False):
    """Every TH at or below `node` with its /Scope: /Column in the table's head (THead), else /Row."""
    if isinstance(node, pikepdf.Array):
        for child in node:
            scope_table_headers(child, in_head)
    elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
        if node.S == "/TH":
            table_attributes(node).Scope = pikepdf.Name("/Column" if in_head else "/Row")
        scope_table_headers(node.get("/K", pikepdf.Array()), in_head or node.S == "/THead")


def finish_structure(data):
    """The PDF bytes with notes tagged as notes, table headers scoped, and page furniture as artifacts."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        if "/StructTreeRoot" not in pdf.Root:
            return data
        mark_furniture_as_artifacts(pdf, tagged_content(pdf))
        tag_notes(pdf)
        scope_table_headers(pdf.Root.StructTreeRoot.K)
        output = io.BytesIO()
        pdf.save(output, deterministic_id=True, compress_streams=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.preserve)
        return output.getvalue()
