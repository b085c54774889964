"""Pandoc JSON (the document's abstract syntax tree) written by hand, for the tests of the functions that
take it: a paragraph, words, a note, a link."""


def para(*inlines):
    return {"t": "Para", "c": list(inlines)}


def words(text):
    inlines = []
    for word in text.split():
        inlines += [{"t": "Space"}] if inlines else []
        inlines.append({"t": "Str", "c": word})
    return inlines


def note(*blocks):
    return {"t": "Note", "c": list(blocks)}


def link(target, text="words"):
    return {"t": "Link", "c": [["", [], []], [{"t": "Str", "c": text}], [target, ""]]}
