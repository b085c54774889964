"""Raw HTML in the Markdown, kept where it is safe and made part of the document.

Every fragment first passes an allow-list sanitiser (nh3, the Python binding of ammonia):
scripts and styles with their content, iframes, objects, forms, event handlers, `style`
attributes, and addresses that are not https, http or mailto are removed, and so is an
image fetched from the network. What is left is then read into the document itself:

- a block of HTML (a table pasted from a spreadsheet, a list, a figure) by pandoc's own
  HTML reader, so that it is a real table in the PDF and the DOCX too; what that reader
  cannot represent (a <details> element, say) keeps its content and loses its markup;
- paired inline tags (<sup>…</sup>, <span class="x">…</span>, <a href>…</a>) as pandoc's
  own inlines, around the Markdown between them; <br> as a line break; <img> as an image.

Nothing raw is left for an edition to pass on. Each removal is a warning at its place.
"""

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit

import nh3

BLOCK_TAGS = {"table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col", "ul", "ol", "li", "dl",
              "dt", "dd", "blockquote", "pre", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "p", "div", "figure",
              "figcaption", "section", "aside", "details", "summary", "header", "footer", "article", "nav", "main"}
INLINE_TAGS = {"a", "abbr", "b", "br", "cite", "code", "del", "dfn", "em", "i", "img", "ins", "kbd", "mark", "q", "s",
               "samp", "small", "span", "strike", "strong", "sub", "sup", "time", "u", "var", "wbr", "bdi", "bdo"}
ALLOWED_ATTRIBUTES = {
    "*": {"class", "id", "lang", "dir", "title"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "ol": {"start", "type", "reversed"},
    "col": {"span", "width"},
    "colgroup": {"span", "width"},
    "time": {"datetime"},
}
URL_SCHEMES = {"https", "http", "mailto"}
# Attributes that only set how something looks (what a spreadsheet or a word processor pastes):
# removed, as the house style sets every edition, with one warning for a whole fragment.
PRESENTATIONAL = {"style", "border", "width", "height", "bgcolor", "cellpadding", "cellspacing", "valign", "align",
                  "color", "face", "size", "nowrap", "frame", "rules"}
ADDRESS_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "background", "poster", "data", "codebase"}
REMOVED_WITH_CONTENT = {"script", "style"}
TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)\b[^>]*?(/?)>", re.DOTALL)
VOID = {"br", "wbr", "img", "hr", "col"}
# Inline tags as pandoc inlines: a container type, or a Span with a class that names the tag.
CONTAINERS = {"sup": "Superscript", "sub": "Subscript", "u": "Underline", "ins": "Underline", "s": "Strikeout",
              "del": "Strikeout", "strike": "Strikeout", "b": "Strong", "strong": "Strong", "i": "Emph", "em": "Emph",
              "cite": "Emph", "dfn": "Emph"}


def keep_attribute(tag, attribute, value):
    """nh3's attribute filter: an image's address must be a file beside the Markdown, never the network."""
    if tag == "img" and attribute == "src" and (urlsplit(value).scheme or value.startswith("//")):
        return None
    return value


def sanitise(html):
    """The fragment with everything the allow-list does not keep removed."""
    return nh3.clean(html, tags=BLOCK_TAGS | INLINE_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                     clean_content_tags=REMOVED_WITH_CONTENT, attribute_filter=keep_attribute, link_rel=None,
                     strip_comments=True)


class StartTags(HTMLParser):
    """Every start tag of a fragment, with its attributes, in order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []

    def handle_starttag(self, tag, attributes):
        self.tags.append((tag, dict(attributes)))

    handle_startendtag = handle_starttag


def start_tags(html):
    parser = StartTags()
    parser.feed(html)
    parser.close()
    return parser.tags


@dataclass
class Removal:
    offset: int  # where in the author's file
    code: str  # publish.model.finding_codes
    message: str


def removals(before, after):
    """(tag, code, message) for what sanitising removed: each tag (with its content, for scripts and
    styles), each attribute that could run or load something, and, once for the fragment, the
    presentational attributes (a pasted table's `style`, `border`, `bgcolor`) the house style replaces."""
    kept_by_tag, found, presentational = {}, [], {}
    for tag, attributes in start_tags(after):
        kept_by_tag.setdefault(tag, []).append(attributes)
    for tag, attributes in start_tags(before):
        if not kept_by_tag.get(tag):
            what = "with its content " if tag in REMOVED_WITH_CONTENT else ""
            found.append((tag, "raw.html.removed", f"raw HTML <{tag}> is removed {what}from every edition: it could "
                                                   "run code, load something or not show the same in each edition"))
            continue
        surviving = kept_by_tag[tag].pop(0)
        for name in attributes:
            if name in surviving:
                continue
            if name in PRESENTATIONAL:
                presentational.setdefault(tag, set()).add(name)
            else:
                found.append((tag, "raw.html.removed",
                              f"the attribute '{name}' of raw HTML <{tag}> is removed: {removal_reason(name)}"))
    if presentational:
        first = next(iter(presentational))
        names = ", ".join(sorted(set().union(*presentational.values())))
        found.append((first, "raw.html.presentational", f"raw HTML <{first}> loses its presentational attributes "
                                                        f"({names}): the house style sets every edition"))
    return found


def removal_reason(attribute):
    if attribute.startswith("on"):
        return "an event handler would run code"
    if attribute in ADDRESS_ATTRIBUTES:
        return "its address is not https, http or mailto (an image must be a file beside index.md)"
    return "no edition has a use for it"


def tag_offset(text, tag):
    """Where `<tag` first stands in `text` (0 if it cannot be told)."""
    match = re.search(rf"<{re.escape(tag)}\b", text, re.IGNORECASE)
    return match.start() if match else 0


def checked_fragment(html, offset, written=None):
    """(sanitised HTML, [Removal]) of one fragment whose author's text (`written`, by default the
    fragment itself) stands at `offset` in the author's file."""
    clean = sanitise(html)
    written = html if written is None else written
    return clean, [Removal(offset + tag_offset(written, tag), code, message)
                   for tag, code, message in removals(html, clean)]


# -- blocks


def tag_events(html):
    """(closing?, tag) of each non-void tag in a raw fragment."""
    return [(bool(closing), name.lower()) for closing, name, self_closing in TAG.findall(html)
            if name.lower() not in VOID and not self_closing]


def is_html_read_as_code(block, is_fenced):
    """Whether a code block is HTML that pandoc read as code only for its indent: an indented (not
    fenced) block whose text is markup, as a Jekyll author's tab-indented `<li>` or `</ol>` line is.
    kramdown reads it as HTML; so does this, but only inside an element already open (block_runs)."""
    if block["t"] != "CodeBlock" or block["c"][0] != ["", [], []] or is_fenced(block):
        return False
    text = block["c"][1].strip()
    return bool(TAG.match(text)) and text.endswith(">")


def html_events(block, is_fenced):
    """(closing?, tag) of each tag of a block that is raw HTML (or HTML read as code), else []."""
    if block["t"] == "RawBlock" and block["c"][0] == "html":
        return tag_events(block["c"][1])
    return tag_events(block["c"][1]) if is_html_read_as_code(block, is_fenced) else []


def block_runs(blocks, is_fenced=lambda block: False):
    """[(start, end)] of each run of blocks that is one HTML element written raw: it opens with a raw
    block tag and ends where its tags close (the Markdown between its tags included, and an indented
    line of its markup that pandoc read as code). `is_fenced(block)` tells a fenced code block."""
    runs, index = [], 0
    while index < len(blocks):
        block = blocks[index]
        if not (block["t"] == "RawBlock" and block["c"][0] == "html" and tag_events(block["c"][1])):
            index += 1
            continue
        depth, end = 0, index
        for end in range(index, len(blocks)):
            for closing, _ in html_events(blocks[end], is_fenced):
                depth += -1 if closing else 1
            if depth <= 0:
                break
        runs.append((index, end + 1))
        index = end + 1
    return runs


def as_raw_html(block, is_fenced):
    """A block of a run as it is written to pandoc's HTML writer: HTML read as code as raw HTML again."""
    return {"t": "RawBlock", "c": ["html", block["c"][1]]} if is_html_read_as_code(block, is_fenced) else block


def html_of_runs(runs, render):
    """The HTML of each run, its Markdown blocks written by pandoc: `render(document)` gives HTML."""
    document = {"pandoc-api-version": [1, 23, 1, 1], "meta": {},
                "blocks": [{"t": "Div", "c": [[f"raw-html-{number}", [], []], run]} for number, run in enumerate(runs)]}
    return render(document)


# Tags whose id pandoc's HTML reader keeps (on the element it makes, or a Span around a list item's
# content); a block that pandoc reads without one gives its id to a <div> around it.
KEEPS_ITS_ID = {"div", "span", "section", "article", "aside", "header", "footer", "nav", "main", "h1", "h2", "h3", "h4",
                "h5", "h6", "table", "pre", "li", "a", "img", "code"}
WRAPPED_FOR_ITS_ID = {"p", "blockquote", "ul", "ol", "dl", "hr", "figure", "details"}


def ids_kept(html):
    """Sanitised HTML with each id that pandoc's HTML reader would drop (a <p>'s, a <blockquote>'s, a
    <sup>'s, a table cell's) moved where it keeps it, so that a link to it still arrives: onto a <div>
    around a block, or into an empty <span> opening an inline or a cell."""
    if " id=" not in html:
        return html
    import lxml.html

    root = lxml.html.fragment_fromstring(html, create_parent="div")
    for element in list(root.iter()):
        identifier = element.get("id") if isinstance(element.tag, str) else None
        if element is root or not identifier or element.tag in KEEPS_ITS_ID:
            continue
        del element.attrib["id"]
        if element.tag in WRAPPED_FOR_ITS_ID:
            wrapper = lxml.html.Element("div", id=identifier)
            element.addprevious(wrapper)
            wrapper.append(element)  # moves the element, and its tail stays with it: put it back after the div
            wrapper.tail, element.tail = element.tail, None
        else:
            anchor = lxml.html.Element("span", id=identifier)
            anchor.tail, element.text = element.text, None
            element.insert(0, anchor)
    return (root.text or "") + "".join(lxml.html.tostring(child, encoding="unicode") for child in root)


def read_runs(html, read):
    """{number: blocks} from pandoc's HTML reader; `read(html)` gives a pandoc document."""
    document = read(ids_kept(html))
    return {int(block["c"][0][0].removeprefix("raw-html-")): block["c"][1] for block in document["blocks"]
            if block["t"] == "Div" and block["c"][0][0].startswith("raw-html-")}


# -- inlines


def attributes_of_tag(html):
    """[id, classes, [[key, value]]] of the first tag of a sanitised fragment."""
    tags = start_tags(html)
    if not tags:
        return None
    _, attributes = tags[0]
    classes = (attributes.pop("class", "") or "").split()
    identifier = attributes.pop("id", "") or ""
    return [identifier, classes, [[key, value or ""] for key, value in attributes.items()]]


def inline_element(tag, attributes, inlines):
    """A pandoc inline for an inline HTML element around `inlines`: its formatting, with a Span inside
    carrying its id and classes when it has any (a note call's <sup id="fnr1"> stays raised and a target)."""
    if tag in CONTAINERS:
        has_attributes = attributes[0] or attributes[1] or attributes[2]
        return {"t": CONTAINERS[tag], "c": [{"t": "Span", "c": [attributes, inlines]}] if has_attributes else inlines}
    if tag == "a":
        pairs = dict(attributes[2])
        href = pairs.pop("href", "")
        plain = [attributes[0], attributes[1], [[key, value] for key, value in pairs.items()]]
        return {"t": "Link", "c": [plain, inlines, [href, pairs.get("title", "")]]} if href else \
            {"t": "Span", "c": [plain, inlines]}
    if tag == "q":
        return {"t": "Quoted", "c": [{"t": "DoubleQuote"}, inlines]}
    identifier, classes, pairs = attributes
    return {"t": "Span", "c": [[identifier, classes if tag == "span" else [tag, *classes], pairs], inlines]}


def void_element(tag, html):
    """A pandoc inline for a void tag (<br>, <img>), or None to drop it."""
    if tag == "br":
        return {"t": "LineBreak"}
    if tag == "img":
        attributes = dict(start_tags(html)[0][1]) if start_tags(html) else {}
        if not attributes.get("src"):
            return None
        alt = attributes.get("alt") or ""
        words = [{"t": "Str", "c": word} for word in alt.split()]
        spaced = [item for word in words for item in ({"t": "Space"}, word)][1:]
        size = [[key, attributes[key]] for key in ("width", "height") if attributes.get(key)]
        return {"t": "Image", "c": [["", [], size], spaced, [attributes["src"], attributes.get("title") or ""]]}
    return None


@dataclass
class InlineResult:
    inlines: list
    removals: list
    placed: list  # (new element, offset of the raw tag it came from)


def settle_inlines(inlines, offset_of):
    """Raw inline HTML in a list of inlines as pandoc inlines; `offset_of(element)` is where a raw
    tag stands in the author's file."""
    result = InlineResult([], [], [])
    index = 0
    while index < len(inlines):
        inline = inlines[index]
        if inline["t"] != "RawInline" or inline["c"][0] != "html":
            result.inlines.append(inline)
            index += 1
        else:
            index = settle_tag(inlines, index, offset_of, result)
    return result


def closing_position(inlines, index, tag):
    """The index of the raw tag that closes the `tag` opened at `index`, past the same tags opened and closed
    inside it (e<sup>x<sup>2</sup></sup>), or None when it is never closed."""
    depth = 0
    for position in range(index + 1, len(inlines)):
        if inlines[position]["t"] != "RawInline":
            continue
        text = inlines[position]["c"][1].strip()
        if re.fullmatch(rf"</{tag}\s*>", text, re.IGNORECASE):
            if depth == 0:
                return position
            depth -= 1
        elif (opened := TAG.match(text)) and not opened.group(1) and opened.group(2).lower() == tag \
                and not opened.group(3):
            depth += 1
    return None


def settle_tag(inlines, index, offset_of, result):
    """The raw tag at `index` (and, for an opening tag, what it holds up to its closing tag) settled into
    `result`; return the index after what it took."""
    raw, offset = inlines[index]["c"][1], offset_of(inlines[index]) or 0
    match = TAG.match(raw.strip())
    if not match or raw.strip().startswith("<!--"):
        result.removals += checked_fragment(raw, offset)[1]  # a comment, or text that only looks like HTML
        return index + 1
    closing, tag = bool(match.group(1)), match.group(2).lower()
    if closing:  # a closing tag without its opening one: it marks nothing
        return index + 1
    end = closing_position(inlines, index, tag)
    clean, found = checked_fragment(raw + (f"</{tag}>" if tag not in VOID else ""), offset)
    result.removals += found
    if tag in VOID or match.group(3):
        element = void_element(tag, clean) if start_tags(clean) else None
        if element:
            result.inlines.append(element)
            result.placed.append((element, offset))
        return index + 1
    inner = settle_inlines(inlines[index + 1:end] if end else [], offset_of)
    result.removals += inner.removals
    result.placed += inner.placed
    kept = attributes_of_tag(clean)
    if kept is None:  # the tag is removed; what it marked stays as text
        result.inlines += inner.inlines
    else:
        element = inline_element(tag, kept, inner.inlines)
        result.inlines.append(element)
        result.placed.append((element, offset))
        if tag in CONTAINERS and any(kept):  # the Span inside that carries the id stands at the tag too
            result.placed.append((element["c"][0], offset))
    return (end + 1) if end else index + 1
