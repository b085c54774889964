"""Helpers for the pandoc JSON document (its abstract syntax tree)."""

import json
from urllib.parse import urlsplit

LINK_SCHEMES = ("http", "https", "mailto")


def walk(value, action):
    """Apply `action` bottom-up to every element (a dict with a 't').

    `action` returns None to keep the element, an element to replace it, or
    a list of elements to splice in its place.
    """
    if isinstance(value, dict):
        return {key: walk(item, action) for key, item in value.items()}
    if not isinstance(value, list):
        return value
    result = []
    for item in value:
        item = walk(item, action)
        replacement = action(item) if isinstance(item, dict) and "t" in item else None
        if replacement is None:
            result.append(item)
        elif isinstance(replacement, list):
            result.extend(replacement)
        else:
            result.append(replacement)
    return result


def span(classes, inlines, attributes=None):
    """A Span; `attributes` become data-* attributes in HTML."""
    pairs = [[key, value] for key, value in (attributes or {}).items()]
    return {"t": "Span", "c": [["", list(classes), pairs], inlines]}


def div(attributes, blocks):
    return {"t": "Div", "c": [["", [], [list(pair) for pair in attributes]], blocks]}


def plain_inlines(text):
    """Inlines for plain text: words and spaces."""
    inlines = []
    for word in text.split():
        if inlines:
            inlines.append({"t": "Space"})
        inlines.append({"t": "Str", "c": word})
    return inlines


def is_real_link(target):
    """A web or mail address, or an anchor inside the document; not '#', '' or a local file."""
    if target.startswith("#"):
        return len(target) > 1
    parts = urlsplit(target)
    return parts.scheme in LINK_SCHEMES and bool(parts.netloc or parts.path)


def unwrap_placeholder_links(document):
    """Links whose target is lost ('#') or local become plain text in every edition."""

    def unwrap(element):
        if element["t"] == "Link" and not is_real_link(element["c"][2][0]):
            return span(["unresolved-link"], element["c"][1])
        return None

    return {**document, "blocks": walk(document["blocks"], unwrap)}


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))
