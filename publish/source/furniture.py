"""The furniture of a policy brief, made once at the parse stage for every edition: the summary
up front, boxes (key points, recommendations, asides, Quarto's callouts), quotations with their
source, pull quotes, and "About the authors" at the end.

Each becomes a Div with a known class that every edition draws: the web and print
stylesheets style them (the boxes' colours from styles/house.toml), and the DOCX edition
gives their paragraphs the named styles the reference document defines.
"""

from publish.document import plain_inlines, walk
from publish.house_style import box_kinds
from publish.source.citations import needs_bibliography_place

ATTRIBUTION_DASHES = ("\u2014", "\u2015")  # what `---` becomes, and the horizontal bar


def meta_blocks(value):
    """A front-matter value pandoc read as Markdown, as blocks."""
    if not value:
        return []
    if value["t"] == "MetaBlocks":
        return value["c"]
    if value["t"] == "MetaInlines":
        return [{"t": "Para", "c": value["c"]}]
    if value["t"] == "MetaString":
        return [{"t": "Para", "c": plain_inlines(value["c"])}]
    return []


def div(identifier, classes, blocks, attributes=()):
    return {"t": "Div", "c": [[identifier, list(classes), [list(pair) for pair in attributes]], blocks]}


def header(level, identifier, classes, inlines):
    return {"t": "Header", "c": [level, [identifier, list(classes), []], inlines]}


def summary(document, labels, title):
    """The front matter's abstract as the first section, headed 'Summary' (or the series' abstract-title)."""
    blocks = meta_blocks(document["meta"].get("abstract"))
    if not blocks:
        return document
    heading = header(1, "summary-title", ["unnumbered", "summary-title"], plain_inlines(labels.word(title)))
    return {**document, "blocks": [div("summary", ["summary"], [heading, *blocks]), *document["blocks"]]}


def box_title(element, kind, house, labels):
    """(title inlines, the box's blocks without a first heading that served as its title)."""
    (_, _, pairs), blocks = element["c"]
    attributes = dict(pairs)
    if attributes.get("title"):
        return plain_inlines(attributes["title"]), blocks
    if blocks and blocks[0]["t"] == "Header":
        return blocks[0]["c"][2], blocks[1:]
    default = house["boxes"][kind].get("title", "")
    return (plain_inlines(labels.word(default)) if default else []), blocks


def box_kind(classes, kinds):
    """The box kind a div's classes name, the specific before the general: `{.box .recommendations}` is a
    box of recommendations, not a general box. None for a div that is no box."""
    named = [kinds[name] for name in classes if name in kinds]
    return next((kind for kind in named if kind != "box"), named[0] if named else None)


def boxes(document, house, labels):
    """Each fenced div of a box class as a box: its kind, its title as a heading one level below the
    section it stands in (for the outline and the PDF's tags), an id the page names it by."""
    kinds = box_kinds(house)
    level, number = 1, 0

    def draw(element):
        nonlocal number
        if element["t"] != "Div":
            return None
        kind = box_kind(element["c"][0][1], kinds)
        if kind is None:
            return None
        number += 1
        identifier = element["c"][0][0] or f"box-{number}"
        title, content = box_title(element, kind, house, labels)
        heading = [header(min(level + 1, 6), f"{identifier}-title", ["unnumbered", "unlisted", "box-title"], title)] if title else []
        labelled = [("role", "note"), ("aria-labelledby", f"{identifier}-title")] if title else [("role", "note")]
        return div(identifier, list(dict.fromkeys(["box", kind])), [*heading, *content], labelled)

    blocks = []
    for block in document["blocks"]:
        if block["t"] == "Header":
            level = block["c"][0]
        blocks += walk([block], draw)
    return {**document, "blocks": blocks}


def quotations(document):
    """A block quote whose last paragraph starts with a dash ('--- Name') as a quotation and its source;
    a pull-quote div kept for the stylesheets."""

    def attribute(element):
        if element["t"] != "BlockQuote" or len(element["c"]) < 2:
            return None
        last = element["c"][-1]
        inlines = last["c"] if last["t"] in ("Para", "Plain") else []
        if not inlines or inlines[0]["t"] != "Str" or not inlines[0]["c"].startswith(ATTRIBUTION_DASHES):
            return None
        source = div("", ["attribution"], [{"t": "Para", "c": inlines}])
        return div("", ["quotation"], [{"t": "BlockQuote", "c": element["c"][:-1]}, source])

    return {**document, "blocks": walk(document["blocks"], attribute)}


def author_blocks(author, meta_author, labels):
    """One author's entry in 'About the authors': the name, the bio, and the ways to reach them."""
    name = [{"t": "Strong", "c": plain_inlines(author["name"])}]
    if author["position"]:
        name += [{"t": "Str", "c": ","}, {"t": "Space"}, *plain_inlines(author["position"])]
    bio = meta_blocks(meta_author.get("bio")) if meta_author else []
    contacts = []
    for value, target, text in ((author["email"], f"mailto:{author['email']}", author["email"]),
                                (author["url"], author["url"], author["url"]),
                                (author["orcid"], f"https://orcid.org/{author['orcid']}", f"ORCID {author['orcid']}")):
        if value:
            contacts += [{"t": "Str", "c": "·"}, {"t": "Space"}] if contacts else []
            contacts.append({"t": "Link", "c": [["", [], []], plain_inlines(text), [target, ""]]})
            contacts.append({"t": "Space"})
    paragraphs = [{"t": "Para", "c": name}, *bio]
    if contacts:
        paragraphs.append({"t": "Para", "c": contacts[:-1]})
    return div("", ["author-note"], paragraphs)


def about_authors(document, metadata, labels, bibliography_title):
    """'About the author(s)' at the end, after the bibliography, for authors the front matter gives a bio,
    an e-mail, an address or an ORCID iD."""
    meta_authors = document["meta"].get("author", {})
    meta_authors = meta_authors["c"] if meta_authors.get("t") == "MetaList" else [meta_authors]
    entries = []
    for author, meta_author in zip(metadata["authors"], meta_authors):
        meta_author = meta_author["c"] if meta_author.get("t") == "MetaMap" else {}
        if meta_author.get("bio") or author["email"] or author["url"] or author["orcid"]:
            entries.append(author_blocks(author, meta_author, labels))
    if not entries:
        return document
    title = labels.word("About the author" if len(metadata["authors"]) == 1 else "About the authors")
    section = div("about-authors", ["about-authors"], [header(1, "about-the-authors", ["unnumbered"], plain_inlines(title)),
                                                        *entries])
    blocks = list(document["blocks"])
    if needs_bibliography_place(document):
        # citeproc puts the bibliography where a Div#refs stands, else at the very end: keep it before this section
        heading = [header(1, "bibliography", ["unnumbered"], plain_inlines(bibliography_title))] if bibliography_title else []
        blocks += [*heading, div("refs", [], [])]
    return {**document, "blocks": [*blocks, section]}
