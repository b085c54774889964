"""kramdown's attribute lists, in a page written for Jekyll: `{: #from}` on the line after a list,
`**Subject:**{: .from}`, and `{:toc}`, kramdown's "the table of contents here" under a placeholder
list (`* Table of Contents`).

pandoc reads them as words, which every edition would print. They set attributes that only
Jekyll's stylesheet reads, so each is left out of the text with a warning at its place; a list that
only holds the place of kramdown's table of contents is left out with it (the editions make no
table of contents in the text: the PDF's bookmarks and the web page's headings are the sections).
"""

import re

from publish.document import iterate, stringify
from publish.source.raw_content import block_lists, inline_lists

ATTRIBUTE_LIST = re.compile(r"\{:\s*([^{}]*)\}")
CODE = "kramdown.attribute-list"


def attribute_list_end(inlines, index):
    """The index of the last inline of a kramdown attribute list that starts at `index`, else None:
    pandoc reads `{: #from}` as the words '{:' and '#from}'. kramdown reads one right after what it
    sets, or on a line of its own; after a space it is text."""
    if inlines[index]["t"] != "Str" or not inlines[index]["c"].startswith("{:"):
        return None
    if index and inlines[index - 1]["t"] == "Space":
        return None
    for end in range(index, len(inlines)):
        if inlines[end]["t"] not in ("Str", "Space"):
            return None
        if inlines[end]["t"] == "Str" and "}" in inlines[end]["c"]:
            return end if ATTRIBUTE_LIST.fullmatch(stringify(inlines[index:end + 1])) else None
    return None


def is_table_of_contents(block):
    """Whether a block is kramdown's placeholder list: one item whose last words are `{:toc}`."""
    if block["t"] not in ("BulletList", "OrderedList"):
        return False
    items = block["c"] if block["t"] == "BulletList" else block["c"][1]
    if len(items) != 1 or not items[0] or items[0][-1]["t"] not in ("Plain", "Para"):
        return False
    inlines = items[0][-1]["c"]
    return bool(inlines) and inlines[-1]["t"] == "Str" and inlines[-1]["c"] == "{:toc}"


def without_table_of_contents(blocks, offset_of, settled):
    """The blocks without kramdown's placeholder list for its table of contents, each one said."""
    kept = []
    for block in blocks:
        if not is_table_of_contents(block):
            kept.append(block)
            continue
        mark = [element for element in iterate(block) if element["t"] == "Str"][-1]
        placeholder = stringify(block).removesuffix("{:toc}").strip()
        settled.findings.append((offset_of(mark) or 0, CODE, f"kramdown's table of contents ('{{:toc}}') is not made "
                                 f"here: the editions leave out the list '{placeholder}' that holds its place"))
    return kept


def without_attribute_lists(inlines, offset_of, settled):
    """The inlines without kramdown's attribute lists (and the space or line break before each)."""
    kept, index = [], 0
    while index < len(inlines):
        end = attribute_list_end(inlines, index)
        if end is None:
            kept.append(inlines[index])
            index += 1
            continue
        written = stringify(inlines[index:end + 1])
        settled.findings.append((offset_of(inlines[index]) or 0, CODE, f"the kramdown attribute list '{written}' "
                                 "sets what only Jekyll reads: the editions leave it out of the text (pandoc's "
                                 "attributes, {#id .class}, go after a heading, a [span] or a ::: div)"))
        while kept and kept[-1]["t"] in ("Space", "SoftBreak"):
            kept.pop()
        index = end + 1
    return kept


def settle_kramdown(document, offset_of, settled):
    """The document, in place, without kramdown's attribute lists; each one a warning in `settled`
    (a publish.source.raw_content.Settled)."""
    for blocks in block_lists(document["blocks"]):
        blocks[:] = without_table_of_contents(blocks, offset_of, settled)
    for inlines in [found for element in iterate(document["blocks"]) for found in inline_lists(element)]:
        if any(attribute_list_end(inlines, index) is not None for index in range(len(inlines))):
            inlines[:] = without_attribute_lists(inlines, offset_of, settled)
