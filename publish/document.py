"""Helpers for the pandoc JSON document (its abstract syntax tree)."""

import json


def walk(value, action):
    """Apply `action` bottom-up to every element (a dict with a 't').

    `action` returns None to keep the element, an element to replace it, or
    a list of elements to splice in its place.
    """
    return rewrite(value, lambda element, _original: action(element))


CONTAINERS = (dict, list)


def is_pandoc_element(value):
    """Whether a dict is an element as pandoc writes one: its kind, and its content if it has any (`{t, c}`).
    Of such an element only the content can hold others."""
    return "t" in value and (len(value) == 1 or (len(value) == 2 and value.get("c") is not None))


def rewrite(value, action):
    """`walk`, where `action(element, original)` is also given the element as it stood in `value`: the very
    object whose identity a decision recorded (publish.source.crossrefs numbers elements by identity),
    before its children were rewritten. The parse walks the whole document several times: a word is
    copied without a call, and only an element's content is looked into."""
    if value.__class__ is dict:
        return {key: rewrite(item, action) if isinstance(item, CONTAINERS) else item for key, item in value.items()}
    if value.__class__ is not list:
        return value
    result = []
    for original in value:
        if original.__class__ is not dict or "t" not in original:  # a word, a number, a list: no action
            result.append(rewrite(original, action) if isinstance(original, CONTAINERS) else original)
            continue
        content = original.get("c")
        if not is_pandoc_element(original):  # another shape: walked whole
            item = rewrite(original, action)
        elif isinstance(content, CONTAINERS):
            item = {"t": original["t"], "c": rewrite(content, action)}
        else:
            item = dict(original)
        replacement = action(item, original)
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
        if item.__class__ is dict and "t" in item:
            yield item
        pending += children(item)


def children(value):
    """What inside one JSON value may hold elements, last first (for a stack): of an element, its content
    alone, never its kind or its words. The parse walks the whole document several times."""
    if value.__class__ is dict:
        if is_pandoc_element(value):
            content = value.get("c")
            return [content] if content.__class__ is list or content.__class__ is dict else ()
        value = value.values()
    elif value.__class__ is not list:
        return ()
    return [child for child in reversed(value) if child.__class__ is list or child.__class__ is dict]


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
