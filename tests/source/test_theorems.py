"""Quarto's theorems, proofs and numbered callouts (publish/source/theorems.py): numbered each kind
on its own, named by the heading inside them (which is no section of the document), referred to as
"Theorem 1", in the publication's language."""

import json

from checking import FRONT

from publish.document import iterate, stringify
from publish.labels import Labels
from publish.pandoc import run_pandoc
from publish.paths import Publication
from publish.source.crossrefs import number_and_link, number_targets
from publish.source.parse import examined
from publish.source.theorems import settle_theorems

STATEMENTS = """# Results

::: {#thm-line}
## Line
The equation of any straight line is $y = ax + b$.
:::

::: {#lem-small name="Small"}
A lemma.
:::

::: {#thm-other}
Another theorem.
:::

::: {.proof}
Obvious.
:::

::: {#tip-cook .callout-tip}
## Cooking
Salt it.
:::

See @thm-line, @lem-small, [-@thm-other] and @tip-cook.
"""


def numbered(markdown, lang):
    document = json.loads(run_pandoc(["--from=markdown", "--to=json"], markdown.encode("utf-8")))
    settle_theorems(document)
    blocks = number_and_link(document, number_targets(document), Labels(lang))["blocks"]
    return [" ".join(" ".join(stringify(part) for part in (block["c"][1] if block["t"] == "Div" else [block]))
                     .replace("\u00a0", " ").split()) for block in blocks]


def test_statements_are_numbered_each_kind_apart_and_named_and_referred_to():
    assert numbered(STATEMENTS, "en") == [
        "Results", "Theorem 1 (Line) The equation of any straight line is y = ax + b.", "Lemma 1 (Small) A lemma.",
        "Theorem 2 Another theorem.", "Proof. Obvious.", "Tip 1: Cooking Salt it.",
        "See Theorem 1, Lemma 1, 2 and Tip 1."]


def test_statements_read_in_the_publications_language():
    french = numbered(STATEMENTS, "fr")
    assert french[1].startswith("Théorème 1 (Line)") and french[4] == "Démonstration. Obvious."
    assert french[-1] == "See théorème 1, lemme 1, 2 and Conseil 1."


def test_a_statements_heading_is_its_name_not_a_section_and_nothing_is_reported(write):
    findings = write("Text [@smith2020] [@jones2021].\n\n" + STATEMENTS, front=FRONT)
    assert findings == []
    source, decisions, _ = examined(Publication("brief"))
    headings = [stringify(element) for element in iterate(source.document["blocks"]) if element["t"] == "Header"]
    assert headings == ["Results", "Cooking"]  # the callout's heading is its title; the theorem's its name
    assert {label: target.number for label, target in decisions.numbering.targets.items()} == {
        "thm-line": "1", "lem-small": "1", "thm-other": "2", "tip-cook": "1"}
