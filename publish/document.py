"""Helpers for the pandoc JSON document (its abstract syntax tree)."""

import json


def walk(value, action):
    """Apply `action` bottom-up to every element (a dict with a 't').

    `action` returns None to keep the element, an element to replace it, or
    a list of elements to splice in its place.
    """
    return rewrite(value, lambda element, _original: action(element))


def rewrite(value, action):
    """`walk`, where `action(element, original)` is also given the element as it stood in `value`: the very
    object whose identity a decision recorded (publish.source.crossrefs numbers elements by identity),
    before its children were rewritten."""
    if isinstance(value, dict):
        return {key: rewrite(item, action) if isinstance(item, (dict, list)) else item for key, item in value.items()}
    if not isinstance(value, list):
        return value
    result = []
    for original in value:
        if not isinstance(original, (dict, list)):  # a word, a number: kept as it is, without a call
            result.append(original)
            continue
        item = rewrite(original, action)
        replacement = action(item, original) if isinstance(item, dict) and "t" in item else None
        if replacement is None:
            result.append(item)
        elif isinstance(replacement, list):
            result.extend(replacement)
        else:
            result.append(replacement)
    return result


def iterate(value):
    """Every element (a dict with a 't') inside `value`, in reading order: the very objects of the
    document, not copies, so that places recorded for them (publish.source.source_map) apply."""
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, dict):
            if "t" in item:
                yield item
            pending.extend(reversed(list(item.values())))
        elif isinstance(item, list):
            pending.extend(reversed(item))


def texts(value):
    """Every text in a JSON value (a document, or a bibliography's entries), its keys' too."""
    pending = [value]
    while pending:
        value = pending.pop()
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            pending += [*value.keys(), *value.values()]
        elif isinstance(value, list):
            pending += value


def stringify(value):
    """The plain text of inlines or blocks: words, spaces, code and math as written."""
    parts = []
    for element in iterate(value):
        kind = element["t"]
        if kind == "Str":
            parts.append(element["c"])
        elif kind in ("Space", "SoftBreak", "LineBreak"):
            parts.append(" ")
        elif kind in ("Code", "Math"):
            parts.append(element["c"][1])
    return "".join(parts)


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


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))
