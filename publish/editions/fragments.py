"""An HTML body as one lxml tree: pandoc's HTML is parsed once, every post-processing step of an
edition changes the tree in place, and it is written out once."""

import lxml.html


def parsed(fragment):
    """The fragment's elements as the children of one <div>."""
    return lxml.html.fragment_fromstring(fragment, create_parent="div")


def serialised(container):
    """The children of `container` as HTML, as the fragment they were parsed from."""
    return "".join(lxml.html.tostring(child, encoding="unicode") for child in container)


def finished(fragment, *steps):
    """The fragment after each step (a function of the tree) has changed it in turn."""
    container = parsed(fragment)
    for step in steps:
        step(container)
    return serialised(container)


def mark_wide_tables(container, house, namespace=""):
    """A table of many columns (the house style says how many) gets the class 'wide': print and the EPUB set
    it smaller, and the web page lets it spread into the margin beside the text. `namespace`: an EPUB
    page's (XHTML), none in an HTML fragment."""
    def tag(name):
        return f"{{{namespace}}}{name}" if namespace else name

    for table in container.iter(tag("table")):
        cells = [sum(1 for cell in row if cell.tag in (tag("th"), tag("td"))) for row in table.iter(tag("tr"))]
        if max(cells, default=0) >= int(house["table"]["wide-columns"]):
            table.set("class", " ".join(filter(None, [table.get("class"), "wide"])))
