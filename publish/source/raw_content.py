"""What the author writes that an edition could load, run or show differently: raw HTML,
raw content for other formats, and the attributes on elements. Decided here, once, for the
checks (which warn or stop) and the transforms (which keep only what is safe).

Attributes (`[text]{lang=fr}`, `<span lang="fr">`, `{#id .class key=value}`) are kept when
they are inert: an id, classes, a short list of meaningful keys, and keys pandoc writes as
`data-` attributes (Quarto's `fig-align`, any `data-*`). Anything else (event handlers such
as `onclick`, `style`, `src`, `href`) could run code or load something in a browser, and is
dropped from every edition with a warning.
"""

from publish.document import walk

KEPT_ATTRIBUTES = {"lang", "dir", "title", "width", "height", "custom-style", "alt", "colspan", "rowspan", "start",
                   "type", "reversed", "align", "label", "number", "caption"}
ATTRIBUTE_FIRST = ("Span", "Div", "Code", "CodeBlock", "Link", "Image", "Table", "Figure")


def attribute_is_safe(key):
    key = key.lower()
    if key.startswith("on"):
        return False
    return key in KEPT_ATTRIBUTES or key.startswith("data-") or ("-" in key and not key.startswith(("http-", "accept-")))


def attributes_of(element):
    """The [id, classes, key-values] of an element that has attributes, else None."""
    if element["t"] == "Header":
        return element["c"][1]
    if element["t"] in ATTRIBUTE_FIRST:
        return element["c"][0]
    return None


def unsafe_attributes(element):
    attributes = attributes_of(element)
    return [key for key, _ in attributes[2] if not attribute_is_safe(key)] if attributes else []


def drop_unsafe_attributes(document):
    """The document with every unsafe attribute removed from every element."""

    def clean(element):
        attributes = attributes_of(element)
        if not attributes or all(attribute_is_safe(key) for key, _ in attributes[2]):
            return None
        identifier, classes, pairs = attributes
        kept = [identifier, classes, [[key, value] for key, value in pairs if attribute_is_safe(key)]]
        content = list(element["c"])
        content[1 if element["t"] == "Header" else 0] = kept
        return {**element, "c": content}

    return {**document, "blocks": walk(document["blocks"], clean)}
