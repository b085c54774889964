"""A table that runs over pages says so. WeasyPrint repeats a long table's header row on each page but not
its caption, so a reader who turns to the table's second page cannot tell which table it is. After a
layout, a captioned table whose rows run onto another page is cut there into parts, each after the first
captioned 'Table 3 (continued)' in the publication's language, its header row repeated, and the document
is laid out again (publish.editions.settling). The rows are numbered once, so that a cut stays where it
was made, and a cut the next layout no longer needs (its part starts on the page its table was on) goes.
"""

import copy

import lxml.html

from publish.editions.floats import FLOAT
from publish.editions.layout_boxes import walked

ROW = "data-row"
CONTINUES = "data-continues"  # the float number of the table a part continues


def body_rows(table):
    return table.xpath("./tbody/tr | ./tr")


def number_rows(container):
    """Each body row of each numbered table numbered in order."""
    for table in container.iter("table"):
        if table.get(FLOAT) is not None:
            for number, row in enumerate(body_rows(table)):
                row.set(ROW, str(number))


def continued_caption(table, word):
    """'Table 3 (continued)', from the table's caption label ('Table 3:'); None for an uncaptioned table."""
    label = table.find("caption//span[@class='caption-label']")
    if label is None:
        return None
    caption = lxml.html.Element("caption")
    shown = lxml.html.Element("span", {"class": "caption-label"})
    lxml.html.etree.SubElement(shown, "strong").text = " ".join(label.text_content().split()).rstrip(":")
    caption.append(shown)
    shown.tail = f" ({word})"
    return caption


def cut(table, row, word):
    """The table's rows from `row` on moved to a part of their own after it, with its caption and header."""
    rows = [tr for tr in body_rows(table) if int(tr.get(ROW, -1)) >= row]
    caption = continued_caption(table, word)
    if not rows or len(rows) == len(body_rows(table)) or caption is None:
        return
    part = lxml.html.Element("table", {key: value for key, value in table.attrib.items() if key not in ("id", FLOAT)})
    part.set(CONTINUES, table.get(FLOAT) or table.get(CONTINUES))
    part.append(caption)
    for element in table.xpath("./colgroup | ./thead"):
        part.append(copy.deepcopy(element))
    body = lxml.html.Element("tbody")
    part.append(body)
    body.extend(rows)
    table.addnext(part)


def split_tables(container, splits, word):
    """Each table cut at the rows of `splits` ((float number, row)), the last cut first."""
    tables = {table.get(FLOAT): table for table in container.iter("table") if table.get(FLOAT) is not None}
    for number, row in sorted(splits, reverse=True):
        if number in tables:
            cut(tables[number], row, word)


def table_breaks(rendered):
    """{(float number, row)} of each row that starts a new page inside a table."""
    first_page = {}
    for index, page in enumerate(rendered.pages):
        for box, parents in walked(page._page_box):
            element = getattr(box, "element", None)
            if type(box).__name__ == "TableRowBox" and element is not None and element.get(ROW) is not None:
                table = next((parent.element for parent in reversed(parents) if getattr(parent, "element", None)
                              is not None and parent.element.tag == "table"), None)
                number = table.get(FLOAT) or table.get(CONTINUES) if table is not None else None
                if number is not None:
                    first_page.setdefault((number, int(element.get(ROW))), index)
    return {(number, row) for (number, row), page in first_page.items()
            if row > 0 and first_page.get((number, row - 1), page) < page}
