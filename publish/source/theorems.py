"""Quarto's theorems, proofs and numbered callouts, as Quarto draws them, in every edition.

- A div labelled `#thm-x` (`lem`, `cor`, `prp`, `cnj`, `def`, `exm`, `exr`, `sol`, `rem`, `alg`) is a
  numbered statement: "**Theorem 1 (Name)** its text", each kind counted on its own. Its name is a
  first `##` heading inside it, or its `name` attribute; such a heading is the statement's name, not
  a section of the document (it is taken out when the source is read, settle_theorems).
- A callout labelled `#tip-x` (`nte`, `wrn`, `imp`, `cau`) is numbered too: its title reads "Tip 1: …".
- A `.proof`, `.remark` or `.solution` div starts with its word in italics, "*Proof.*", unnumbered.

The numbers are decided with the figures' and tables' (publish.source.crossrefs), `@thm-x` is a
link reading "Theorem 1"; the words are the publication's language's (locale/*.po).
"""

from publish.document import iterate, plain_inlines

STATEMENTS = {"thm": "Theorem", "lem": "Lemma", "cor": "Corollary", "prp": "Proposition", "cnj": "Conjecture",
              "def": "Definition", "exm": "Example", "exr": "Exercise", "sol": "Solution", "rem": "Remark",
              "alg": "Algorithm"}
CALLOUTS = {"nte": "Note", "tip": "Tip", "wrn": "Warning", "imp": "Important", "cau": "Caution"}
UNNUMBERED = {"proof": "Proof", "remark": "Remark", "solution": "Solution"}
NAME_CLASS = "theorem-name"


def div_kind(element):
    """'thm', 'tip', ...: what a labelled div is numbered as, or '' (a callout only when it is one)."""
    identifier, classes, _ = element["c"][0]
    prefix = identifier.split("-", 1)[0] if "-" in identifier else ""
    if prefix in STATEMENTS:
        return prefix
    return prefix if prefix in CALLOUTS and any(name.startswith("callout") for name in classes) else ""


def with_name_inside(element):
    """A statement div whose name (a first heading, or `name="..."`) is a span opening its first paragraph."""
    (identifier, classes, pairs), blocks = element["c"]
    name = dict(pairs).get("name")
    inlines = plain_inlines(name) if name else None
    if blocks and blocks[0]["t"] == "Header":
        inlines, blocks = blocks[0]["c"][2], blocks[1:]
    if inlines is None:
        return
    named = {"t": "Span", "c": [["", [NAME_CLASS], []], inlines]}
    if blocks and blocks[0]["t"] in ("Para", "Plain"):
        blocks = [{**blocks[0], "c": [named, {"t": "Space"}, *blocks[0]["c"]]}, *blocks[1:]]
    else:
        blocks = [{"t": "Para", "c": [named]}, *blocks]
    element["c"] = [[identifier, classes, [pair for pair in pairs if pair[0] != "name"]], blocks]


def settle_theorems(document):
    """Each statement's name taken into its first paragraph, in place, before headings are counted."""
    for element in iterate(document["blocks"]):
        if element["t"] == "Div" and div_kind(element) in STATEMENTS:
            with_name_inside(element)


def opening(blocks, lead):
    """The blocks with `lead` (inlines) opening the first paragraph (a paragraph of its own if none opens)."""
    if blocks and blocks[0]["t"] in ("Para", "Plain"):
        return [{**blocks[0], "c": [*lead, {"t": "Space"}, *blocks[0]["c"]]}, *blocks[1:]]
    return [{"t": "Para", "c": lead}, *blocks]


def numbered_statement(element, label):
    """'**Theorem 1 (Name)**' opening the statement: its name (a span settle_theorems made) joins the label."""
    attributes, blocks = element["c"]
    first = blocks[0]["c"] if blocks and blocks[0]["t"] in ("Para", "Plain") else []
    title = [{"t": "Str", "c": label}]
    if first and first[0]["t"] == "Span" and NAME_CLASS in first[0]["c"][0][1]:
        title += [{"t": "Space"}, {"t": "Str", "c": "("}, *first[0]["c"][1], {"t": "Str", "c": ")"}]
        blocks = [{**blocks[0], "c": first[2:]}, *blocks[1:]]
    lead = [{"t": "Span", "c": [["", ["theorem-title"], []], [{"t": "Strong", "c": title}]]}]
    return {**element, "c": [attributes, opening(blocks, lead)]}


def numbered_callout(element, label):
    """A callout whose title starts with its label: 'Tip 1: Cooking', or 'Tip 1' when it has none."""
    (identifier, classes, pairs), blocks = element["c"]
    title = dict(pairs).get("title")
    if title:
        pairs = [[key, f"{label}: {value}" if key == "title" else value] for key, value in pairs]
    elif blocks and blocks[0]["t"] == "Header":
        level, heading_attributes, inlines = blocks[0]["c"]
        blocks = [{**blocks[0], "c": [level, heading_attributes, [{"t": "Str", "c": f"{label}:"}, {"t": "Space"},
                                                                   *inlines]]}, *blocks[1:]]
    else:
        pairs = [*pairs, ["title", label]]
    return {**element, "c": [[identifier, classes, pairs], blocks]}


def with_label(element, labels, kind, number):
    """A numbered statement or callout, its label ('Theorem 1', 'Tip 1') in the publication's language."""
    label = labels.numbered(STATEMENTS.get(kind) or CALLOUTS[kind], number)
    return numbered_statement(element, label) if kind in STATEMENTS else numbered_callout(element, label)


def unnumbered_opening(element, labels):
    """A proof, remark or solution div opening with its word in italics: '*Proof.*'; else None."""
    word = next((UNNUMBERED[name] for name in element["c"][0][1] if name in UNNUMBERED), None)
    if word is None or div_kind(element):
        return None
    lead = [{"t": "Emph", "c": [{"t": "Str", "c": f"{labels.word(word)}."}]}]
    return {**element, "c": [element["c"][0], opening(element["c"][1], lead)]}
