"""Numbered figures, tables, sections and equations, and the cross-references to them
(publish/source/crossrefs.py): numbered links, in the document's language. The numbers as each
edition shows them are in test_crossref_numbers.py."""

from publish.document import iterate


def parsed(markdown):
    import json

    from publish.pandoc import run_pandoc

    return json.loads(run_pandoc(["--from=markdown", "--to=json"], markdown.encode("utf-8")))


def test_cross_references_become_numbered_links_in_the_documents_language():
    from publish.document import stringify
    from publish.labels import Labels
    from publish.source.crossrefs import number_and_link, number_targets

    document = parsed("# A {#sec-a}\n\n## B {#sec-b}\n\n# C {#sec-c}\n\n"
                      "See @sec-b, @Sec-c, [-@eq-x], @eq-x and [@fig-one; @smith2020] then @tbl-t.\n\n"
                      "$$x = 1$$ {#eq-x}\n\n![One](one.png){#fig-one}\n\n| a |\n|---|\n| 1 |\n\n: T {#tbl-t}\n")
    numbering = number_targets(document, number_sections=True)
    english = number_and_link(document, numbering, Labels("en"))
    text = stringify(english["blocks"][3]).replace("\u00a0", " ")
    assert text.startswith("See Section 1.1, Section 2, (1), Equation (1) and Figure 1 ")
    links = [element["c"][2][0] for element in iterate(english["blocks"][3]) if element["t"] == "Link"]
    assert links == ["#sec-b", "#sec-c", "#eq-x", "#eq-x", "#fig-one", "#tbl-t"]
    assert [c["citationId"] for element in iterate(english["blocks"][3]) if element["t"] == "Cite"
            for c in element["c"][0]] == ["smith2020"]  # the real citation stays for citeproc
    french = number_and_link(document, numbering, Labels("fr"))
    text = stringify(french["blocks"][3]).replace("\u00a0", " ")
    assert text.startswith("See section 1.1, Section 2, (1), équation (1) and figure 1 ") and text.endswith(" then tableau 1.")
    caption = stringify(french["blocks"][5]["c"][1][1]).replace("\u00a0", " ")
    assert caption == "Figure 1: One"
    equation = [element for element in iterate(french["blocks"][4]) if element["t"] == "Span" and element["c"][0][0] == "eq-x"]
    assert stringify(equation).endswith("(1)") and "{#eq-x}" not in stringify(french["blocks"][4])
    assert stringify(english["blocks"][1]).replace("\u00a0", " ") == "1.1 B"  # the heading shows its number


def test_sections_are_named_by_their_titles_unless_the_document_numbers_them():
    from publish.document import stringify
    from publish.labels import Labels
    from publish.source.crossrefs import number_and_link, number_targets

    markdown = ("# Intro {-}\n\n# Policy options[^n] {#sec-options}\n\n## Costs {#sec-costs}\n\n"
                "See @sec-options and [-@sec-costs].\n\n[^n]: A note.\n")
    document = parsed(markdown)
    titled = number_and_link(document, number_targets(document), Labels("en"))
    assert stringify(titled["blocks"][3]) == "See Policy options and Costs."  # no note, no invented number
    links = [element for element in iterate(titled["blocks"][3]) if element["t"] in ("Link", "Note")]
    assert [link["c"][2][0] for link in links] == ["#sec-options", "#sec-costs"]
    assert all(link["c"][1][0]["t"] == "Quoted" and link["c"][1][0]["c"][0]["t"] == "DoubleQuote" for link in links)
    assert titled["blocks"][1]["c"][2][0] == {"t": "Str", "c": "Policy"}  # the heading shows no number
    document = parsed(markdown)
    numbered = number_and_link(document, number_targets(document, number_sections=True), Labels("en"))
    text = stringify(numbered["blocks"][3]).replace("\u00a0", " ")
    assert text == "See Section 1 and 1.1."  # the unnumbered introduction is not counted
    assert [stringify(block).replace("\u00a0", " ") for block in numbered["blocks"][:3]] == [
        "Intro", "1 Policy optionsA note.", "1.1 Costs"]  # (stringify reads the heading's note too)


def test_with_auto_section_labels_a_reference_links_to_the_headings_own_id():
    from publish.document import stringify
    from publish.labels import Labels
    from publish.source.crossrefs import number_and_link, number_targets

    document = parsed("# Method\n\n# Results {#results}\n\nAs @sec:method and @sec:results say.\n")
    linked = number_and_link(document, number_targets(document, auto_section_labels=True), Labels("en"))
    assert stringify(linked["blocks"][2]) == "As Method and Results say."
    assert [element["c"][2][0] for element in iterate(linked["blocks"][2]) if element["t"] == "Link"] == [
        "#method", "#results"]


def test_subfigures_are_lettered_under_their_figures_number(write):
    from checking import CITED

    from publish.document import stringify
    from publish.labels import Labels
    from publish.paths import Publication
    from publish.source.crossrefs import number_and_link
    from publish.source.decisions import decide
    from publish.source.read import read_source

    body = ("See @fig-elephants, @fig-surus and [-@fig-hanno], then @fig-after.\n\n"
            "::: {#fig-elephants layout-ncol=2}\n\n![Surus](a.png){#fig-surus}\n\n![Hanno](b.png){#fig-hanno}\n\n"
            "Famous Elephants\n:::\n\n![After](c.png){#fig-after}\n\n" + CITED)
    write(body, files={name: "not read here" for name in ("a.png", "b.png", "c.png")})
    source = read_source(Publication("brief"))
    linked = number_and_link(source.document, decide(source).numbering, Labels("en"))
    text = stringify(linked["blocks"][0]).replace("\u00a0", " ")
    assert text == "See Figure 1, Figure 1 (a) and 1 (b), then Figure 2."
    captions = [stringify(element["c"][1][1]).replace("\u00a0", " ") for element in iterate(linked["blocks"])
                if element["t"] == "Figure"]
    assert captions == ["Figure 1: Famous Elephants", "(a) Surus", "(b) Hanno", "Figure 2: After"]


def equation_labels_in(markdown):
    from publish.source.crossrefs import equation_labels

    return [label for block in parsed(markdown)["blocks"] for _, label in equation_labels(block)]


def test_an_equations_label_is_the_text_right_after_it_with_or_without_a_space():
    assert equation_labels_in("$$x = 1$$ {#eq-a}\n\nWe have $$y = 2$${#eq-b} and $$z$$  {#eq-c}\n") == [
        "eq-a", "eq-b", "eq-c"]


def test_what_follows_an_equation_that_is_not_its_label_labels_nothing():
    """Emphasis, code, a link or words after the formula, a label further on, a label before it."""
    assert equation_labels_in("$$x$$ *{#eq-a}*\n\n$$x$$ `{#eq-b}`\n\n$$x$$ [{#eq-c}](u)\n\n$$x$$ so {#eq-d}\n\n"
                              "{#eq-e} $$x$$\n\nInline $x$ {#eq-f}\n\n$$x$$ **{#eq-g}**\n") == []


def test_a_labelled_code_block_is_a_listing_and_a_figure_is_only_what_its_label_says():
    from publish.source.crossrefs import definitions_among

    document = parsed("```{#lst-code .python}\nprint(1)\n```\n\n![A](a.png){#eq-wrong}\n\n![B](b.png){#fig-b}\n\n"
                      "::: {#lst-div .listing}\nNot code\n:::\n\n```{#fig-code}\nx\n```\n")
    assert [(label, kind) for label, kind, _ in definitions_among(document["blocks"])] == [
        ("lst-code", "lst"), ("fig-b", "fig")]


def test_a_reference_keeps_the_words_written_before_and_after_it():
    from publish.document import stringify
    from publish.labels import Labels
    from publish.source.crossrefs import number_and_link, number_targets

    document = parsed("![B](b.png){#fig-b}\n\nAs [see @fig-b, left] shows.\n")
    linked = number_and_link(document, number_targets(document, number_sections=False), Labels("en"))
    assert stringify(linked["blocks"][1]).replace("\u00a0", " ") == "As see Figure 1, left shows."


def test_numbers_are_given_only_to_the_document_they_were_decided_on():
    import pytest

    from publish.labels import Labels
    from publish.source.crossrefs import number_and_link, number_targets

    document = parsed("![B](b.png){#fig-b}\n")
    with pytest.raises(ValueError):
        number_and_link(parsed("![B](b.png){#fig-b}\n"), number_targets(document, number_sections=False), Labels("en"))
