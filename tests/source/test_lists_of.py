"""`\\listoffigures`, `\\listoftables`, `\\listoflistings` (publish/source/lists_of.py): where the author
wrote them, an unnumbered heading in the document's language and each numbered caption linked to
its element; subfigures are not listed, and a list with nothing in it is left out."""

import shutil

from checking import CITED
from projects import ROOT

from publish.document import iterate, stringify
from publish.labels import Labels
from publish.paths import Publication
from publish.source.crossrefs import number_and_link
from publish.source.decisions import decide
from publish.source.lists_of import lists_of
from publish.source.read import read_source


def listed(write, body, lang="en"):
    write(body + "\n\n" + CITED, files={name: "not read here" for name in ("a.png", "b.png", "c.png")})
    source = read_source(Publication("brief"))
    return lists_of(number_and_link(source.document, decide(source).numbering, Labels(lang)), Labels(lang))


BODY = ("# Figures\n\n![Chart](a.png){#fig:chart}\n\n![Unlabelled](b.png)\n\n"
        "::: {#fig-pair}\n\n![Left](a.png)\n\n![Right](c.png)\n\nA pair\n:::\n\n"
        "# Lists\n\n\\listoffigures\n\n\\listoftables\n")


def test_a_list_of_figures_links_each_numbered_caption_where_it_was_asked_for(write):
    document = listed(write, BODY)
    blocks = document["blocks"]
    heading = next(index for index, block in enumerate(blocks) if block["t"] == "Header" and
                   stringify(block) == "List of Figures")
    assert blocks[heading]["c"][0] == 2 and blocks[heading]["c"][1][1] == ["unnumbered", "unlisted"]
    entries = blocks[heading + 1]["c"]
    assert [stringify(entry).replace("\u00a0", " ") for entry in entries] == [
        "Figure 1: Chart", "Figure 2: Unlabelled", "Figure 3: A pair"]
    links = [[element["c"][2][0] for element in iterate(entry) if element["t"] == "Link"] for entry in entries]
    assert links == [["#fig:chart"], [], ["#fig-pair"]]
    assert "List of Tables" not in stringify(blocks)  # no table: no list


def test_the_lists_title_is_in_the_documents_language(write):
    shutil.copytree(ROOT / "locale", "locale")  # the catalogues, into the scratch project
    blocks = listed(write, BODY, "fr")["blocks"]
    assert any(block["t"] == "Header" and stringify(block) == "Table des figures" for block in blocks)
