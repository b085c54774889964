"""The PDF's structure tree finished where WeasyPrint leaves it short of PDF/UA-1
(publish/editions/pdf_structure.py): each note a Note with its own ID, running heads and page numbers
artifacts, the file identified by its content; on small tagged PDFs made here, shaped as WeasyPrint
writes them, and on the brief's archival PDF."""

import io

import pikepdf

from publish.editions import pdf_structure


def test_the_structure_is_finished_once_and_stays_so(archival):
    once = pdf_structure.finish_structure(archival)
    assert pdf_structure.finish_structure(once) == once  # nothing left to finish
    with pikepdf.open(io.BytesIO(archival)) as document:
        kinds = [str(element.S) for element in pdf_structure.elements(document.Root.StructTreeRoot.K)]
        assert kinds.count("/Note") == 4 and kinds[0] == "/Document"
        ids = [str(element.ID) for element in pdf_structure.elements(document.Root.StructTreeRoot.K) if element.S == "/Note"]
        assert ids == ["note-1", "note-2", "note-3", "note-4"]
        reached = pdf_structure.tagged_content(document)
        for index, page in enumerate(document.pages):
            marked = [operands for operands, operator in pikepdf.parse_content_stream(page) if str(operator) == "BDC"]
            assert all((page.obj.objgen, int(operands[1].MCID)) in reached for operands in marked)
            parents = document.Root.StructTreeRoot.ParentTree.Nums[2 * index + 1]
            furniture = sum(1 for parent in parents if parent is None)
            assert furniture == (0 if index == 0 else 3), f"page {index + 1}"  # running head (two parts), page number


def test_a_pdf_without_tags_is_left_as_it_is():
    untagged = pikepdf.new()
    untagged.add_blank_page()
    output = io.BytesIO()
    untagged.save(output)
    assert pdf_structure.finish_structure(output.getvalue()) == output.getvalue()


def tagged_pdf(pages=5):
    """A small tagged PDF shaped as WeasyPrint writes them: on each page a paragraph the structure tree
    reaches (MCID 0; its /K written each way the PDF format allows) and a running head it does not
    (MCID 1), and a marked-content point; the last page's footnote area (a NonStruct) holds two notes
    and content of its own."""
    Dictionary, Array, Name = pikepdf.Dictionary, pikepdf.Array, pikepdf.Name
    document_pdf = pikepdf.new()
    for _ in range(pages):
        document_pdf.add_blank_page()
    root = document_pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    document = document_pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document, P=root))
    children, numbers = Array(), Array()
    for index, page in enumerate(document_pdf.pages):
        content = (b"/P <</MCID 0>> BDC BT (Text) Tj ET EMC\n/Span <</MCID 1>> BDC BT (Running head) Tj ET EMC\n"
                   b"/Span <</MCID 9>> DP\n")
        kids = [0, Array([0]), Dictionary(Type=Name.MCR, Pg=page.obj, MCID=0),
                Array([Dictionary(Type=Name.MCR, Pg=page.obj, MCID=0)])][index % 4]
        paragraph = document_pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.P, P=document, Pg=page.obj, K=kids))
        children.append(paragraph)
        parents = Array([paragraph, paragraph])
        if index == pages - 1:
            content += b"".join(b"/Span <</MCID %d>> BDC BT (Note) Tj ET EMC\n" % mcid for mcid in (2, 3, 4))
            area = document_pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.NonStruct, P=document, Pg=page.obj))
            notes = [document_pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.P, P=area, Pg=page.obj,
                                                           K=Array([mcid]))) for mcid in (2, 3)]
            area.K = Array([*notes, 4])  # the area holds marked content of its own, beside its notes
            children.append(area)
            parents.extend([*notes, area])
        page.obj.Contents = document_pdf.make_stream(content)
        page.obj.StructParents = index
        numbers.extend([index, parents])
    document.K = children
    root.K = Array([document])
    root.ParentTree = Dictionary(Nums=numbers)
    document_pdf.Root.StructTreeRoot = root
    document_pdf.Root.MarkInfo = Dictionary(Marked=True)
    output = io.BytesIO()
    document_pdf.save(output, deterministic_id=True)
    return output.getvalue()


def marked_content(page):
    return [(str(operator), [str(operand) if isinstance(operand, pikepdf.Name) else operand.get("/MCID", None)
                             if isinstance(operand, pikepdf.Dictionary) else operand for operand in operands])
            for operands, operator in pikepdf.parse_content_stream(page) if str(operator) in ("BDC", "BMC", "DP", "EMC")]


def test_content_no_element_reaches_becomes_an_artifact_on_every_page():
    pages = 5
    with pikepdf.open(io.BytesIO(pdf_structure.finish_structure(tagged_pdf(pages)))) as finished:
        parents = finished.Root.StructTreeRoot.ParentTree.Nums
        for index, page in enumerate(finished.pages):
            expected = [("BDC", ["/P", 0]), ("EMC", []), ("BMC", ["/Artifact"]), ("EMC", []), ("DP", ["/Span", 9])]
            if index == pages - 1:
                expected += [("BDC", ["/Span", mcid]) if n % 2 == 0 else ("EMC", []) for mcid in (2, 3, 4) for n in (0, 1)]
            assert marked_content(page) == expected, f"page {index + 1}"  # a marked-content point stays one
            assert page.obj.Contents.get("/Filter") == "/FlateDecode"  # the rewritten stream compressed again
            mapping = parents[2 * index + 1]
            assert parents[2 * index] == index and mapping[1] is None, f"page {index + 1}"
            assert mapping[0].S == "/P" and mapping[0].Pg.objgen == page.obj.objgen
        notes = [element for element in pdf_structure.elements(finished.Root.StructTreeRoot.K) if element.S == "/Note"]
        assert [str(note.ID) for note in notes] == ["note-1", "note-2"]
        [area] = [element for element in pdf_structure.elements(finished.Root.StructTreeRoot.K) if element.S == "/NonStruct"]
        assert area.K[2] == 4


def test_the_finished_pdf_is_identified_by_its_content_not_by_the_clock():
    import time

    while True:  # two documents finished within one second: a clock-seeded identifier would be the same for both
        second = int(time.time())
        one, two = (pdf_structure.finish_structure(tagged_pdf(pages)) for pages in (1, 2))
        if int(time.time()) == second:
            break
    identifiers = []
    for data in (one, two):
        with pikepdf.open(io.BytesIO(data)) as finished:
            identifiers.append(bytes(finished.trailer.ID[1]))
    assert identifiers[0] != identifiers[1]
    assert pdf_structure.finish_structure(tagged_pdf(1)) == one


def test_every_table_header_of_the_examples_says_what_it_heads(examples_project):
    """A TH without /Scope leaves a screen reader guessing which cells it heads (PDF/UA-1 7.5; pdfua's
    UA-15-003): the examples' tables, in their head, head columns; pdfua finds nothing else either."""
    import json
    import subprocess
    import sys
    from pathlib import Path

    pdfs = [pdf for pdf in sorted((examples_project / "build").glob("*/*.pdf")) if pdf.stem == pdf.parent.name]
    assert len([pdf for pdf in pdfs if pdf.stem in ("figures-and-tables", "from-plain-pandoc")]) == 2
    for path in pdfs:
        with pikepdf.open(path) as document:
            headers = [element for element in pdf_structure.elements(document.Root.StructTreeRoot.K)
                       if element.S == "/TH"]
            scopes = {str(pdf_structure.table_attributes(header).get("/Scope")) for header in headers}
            assert not headers or scopes == {"/Column"}, path.name
        checker = Path(sys.executable).parent / "pdfua"
        report = json.loads(subprocess.run([str(checker), "check", "--format", "json", str(path)],
                                           capture_output=True, text=True).stdout)
        assert report["findings"] == [], (path.name, report["findings"])
