"""kramdown's attribute lists in a page written for Jekyll (publish/source/kramdown.py): left out of
every edition's text, each one a warning at its own line and column."""

from checking import BODY_LINE, CITED, INDEX

from publish.document import iterate, stringify
from publish.paths import Publication
from publish.source.read import read_source

# As the White House's M-13-13 memo (project-open-data) writes its first lines for Jekyll.
MEMO = """**From:**

* **Sylvia M. Burwell**<br />Director
* **Todd Park**<br />U.S. Chief Technology Officer
{: #from}

**Subject:**{: .from} Open Data Policy

* Table of Contents
{:toc}

Information is a valuable national resource.
"""


def test_attribute_lists_are_left_out_of_the_text_each_with_a_warning_at_its_place(write):
    findings = write(MEMO + "\n" + CITED)
    said = "sets what only Jekyll reads: the editions leave it out of the text (pandoc's attributes, {#id .class}, " \
           "go after a heading, a [span] or a ::: div) [kramdown.attribute-list]"
    assert findings == [
        f"{INDEX}:{BODY_LINE + 4}:1: warning: the kramdown attribute list '{{: #from}}' {said}",
        f"{INDEX}:{BODY_LINE + 6}:13: warning: the kramdown attribute list '{{: .from}}' {said}",
        f"{INDEX}:{BODY_LINE + 9}:1: warning: kramdown's table of contents ('{{:toc}}') is not made here: the editions "
        "leave out the list 'Table of Contents' that holds its place [kramdown.attribute-list]",
    ]
    blocks = read_source(Publication("brief")).document["blocks"]
    assert "{:" not in stringify(blocks) and "Table of Contents" not in stringify(blocks)
    assert [stringify(block) for block in blocks][2:4] == ["Subject: Open Data Policy",
                                                            "Information is a valuable national resource."]
    assert stringify(blocks[1]).endswith("U.S. Chief Technology Officer")  # the list, its last word kept
    assert [element["t"] for element in iterate(blocks[1])].count("LineBreak") == 2


def test_braces_that_are_no_attribute_list_stay_words(write):
    body = "A set {: not closed and {x} stays, as does a list:\n\n* one {:toc} two\n* three\n\n" + CITED
    assert write(body) == []
    blocks = read_source(Publication("brief")).document["blocks"]
    assert "{: not closed and {x} stays" in stringify(blocks) and "one {:toc} two" in stringify(blocks)
