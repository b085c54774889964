"""The Office Open XML names every DOCX module uses: the namespaces, `w()` for a WordprocessingML
tag, and how a part is written, declared once for the edition and for `doit review`."""

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
MATH = "http://schemas.openxmlformats.org/officeDocument/2006/math"
PICTURE = "http://schemas.openxmlformats.org/drawingml/2006/picture"
DRAWING = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
CORE = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
DC = "http://purl.org/dc/elements/1.1/"
DCTERMS = "http://purl.org/dc/terms/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
RELATIONSHIP_TYPE = R + "/{kind}"  # the type of a package relationship: header, footer, font, ...


def w(tag):
    """A WordprocessingML tag in lxml's {namespace}name form."""
    return f"{{{W}}}{tag}"


def xml_bytes(root):
    """A part as Word writes it: UTF-8, declared standalone."""
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
