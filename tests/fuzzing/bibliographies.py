"""What a case does to a publication's bibliography (CSL-JSON, BibTeX or CSL-YAML): the file cut short or
given stray bytes, an entry's field given a value of the wrong type, an id lost or repeated, a BibTeX
brace or comma lost, YAML broken as in the front matter. Same shape as fuzzing/mutations.py.
"""

import json
import re

from hypothesis import strategies as st

from fuzzing.mutations import odd_unicode, random_bytes
from fuzzing.yaml_damage import break_yaml_line

FIELDS = ["id", "type", "title", "author", "editor", "issued", "accessed", "container-title", "URL", "DOI", "page",
          "volume", "language", "note", "citation-key", "publisher", "abstract"]
ODD_FIELD_VALUES = [None, 5, -1, 1.5, True, "", [], {}, "\ud800", "x" * 10_000, [None], [{}], [{"family": None}],
                    [{"literal": ""}], [{"family": 5, "given": []}], {"date-parts": []}, {"date-parts": [[]]},
                    {"date-parts": [["2024", "x"]]}, {"date-parts": [[2024, 13, 45]]}, {"date-parts": [[-50000]]},
                    {"raw": "not a date"}, {"literal": "circa 1990"}, {"season": 5}, "<i>html</i> & <b>",
                    "$x$", "\u202eevil", "10.1000/\x00", "ar-x-invalid", "@unknown", "[^1]", {"nested": {"deep": [1]}}]
TOP_LEVELS = [{}, [], "references", None, [[]], [1, 2], {"references": []}, [{"id": None}], [{}]]
BIBTEX_SNIPPETS = ["@article{", "@string{a = {b}}\n", "@comment{", '@preamble{"x"}\n', "  month = foo,\n",
                   "  title = {\\\n", "  author = {and and},\n", "  year = {abc},\n", "  date = {2024-99-99},\n", "@{\n",
                   "@misc{,}\n", "@misc{key with space,}\n", "% a comment\n", "  crossref = {missing},\n", "@xdata{\n",
                   '  title = "unclosed,\n', "@ARTICLE{X,TITLE={A}}\n", "  url = {http://a b},\n", "}\n", "{\n"]


def bibliography(draw, document):
    return draw(st.sampled_from(document.bibliographies))


def truncated_bibliography(draw, document):
    name = bibliography(draw, document)
    data = document.file(name)
    cut = draw(st.integers(0, len(data)))
    return document.with_file(name, data[:cut], f"{name} cut at byte {cut}")


def garbled_bibliography(draw, document):
    """Stray bytes or odd characters anywhere in a bibliography file."""
    damage = draw(st.sampled_from([random_bytes, odd_unicode]))
    return damage(draw, document, bibliography(draw, document))


def broken_entry(draw, document):
    """A CSL-JSON entry's field given an odd value or deleted, an entry repeated, or the file made
    another JSON value (a YAML or BibTeX file gets its own damage instead)."""
    name = bibliography(draw, document)
    if name.endswith((".yaml", ".yml")):
        return break_yaml_line(draw, document, name)
    if not name.endswith(".json"):
        return broken_bibtex(draw, document, name)
    try:
        entries = json.loads(document.file(name))
    except ValueError:
        return garbled_bibliography(draw, document)
    entries, done = changed_entries(draw, entries)
    return document.with_file(name, json.dumps(entries, indent=2), f"{name}: {done}")


def changed_entries(draw, entries):
    """(The entries with one change, that change in words)."""
    if not isinstance(entries, list) or not entries or draw(st.integers(0, 9)) == 0:
        top = draw(st.sampled_from(TOP_LEVELS))
        return top, f"the whole file made {json.dumps(top)}"
    number = draw(st.integers(0, len(entries) - 1))
    entry = entries[number]
    if not isinstance(entry, dict):
        return entries[:number] + entries[number + 1:], f"entry {number} removed"
    how = draw(st.sampled_from(["set", "deleted", "repeated"]))
    if how == "repeated":
        return entries + [entry], f"entry {number} repeated"
    field = draw(st.sampled_from(FIELDS))
    changed = {key: value for key, value in entry.items() if key != field}
    if how == "set":
        changed[field] = draw(st.sampled_from(ODD_FIELD_VALUES))
    entries = entries[:number] + [changed] + entries[number + 1:]
    return entries, f"entry {number}'s {field} {how}" + (f" to {json.dumps(changed[field])[:40]}" if how == "set" else "")


def broken_bibtex(draw, document, name):
    """A BibTeX file with a comma or brace lost, or a half-written or odd entry put in at a line's start."""
    text = document.text(name)
    how = draw(st.sampled_from(["a comma lost", "a brace lost", "a snippet put in"]))
    if how != "a snippet put in":
        places = [match.start() for match in re.finditer("," if how == "a comma lost" else "[{}]", text)]
        if places:
            place = draw(st.sampled_from(places))
            return document.with_file(name, text[:place] + text[place + 1:], f"{name}: {how} at {place}")
    starts = [0] + [match.end() for match in re.finditer("\n", text)]
    place = draw(st.sampled_from(starts))
    snippet = draw(st.sampled_from(BIBTEX_SNIPPETS))
    return document.with_file(name, text[:place] + snippet + text[place:], f"{name}: {snippet.strip()!r} at {place}")


BIBLIOGRAPHY_MUTATIONS = [truncated_bibliography, garbled_bibliography, broken_entry]
