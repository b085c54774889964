"""Notes in the PDF editions (publish/editions/print_notes.py, `notes_to_footnotes`): each note becomes a span at
its call, which print.css floats to the foot of the page; what a note holds (paragraphs, lists,
quotations, code, tables, figures, headings, terms) becomes what print can set in a note; a long
note is cut where it splits across pages. On pandoc JSON written here, in this process."""

from pandoc_json import note, para, words

from publish.document import stringify
from publish.editions import print_notes
from publish.editions.print_notes import notes_to_footnotes


def test_notes_become_spans_at_their_calls_and_long_ones_split():
    document = {"meta": {}, "blocks": [para(*words("Call one."), note(para(*words("first note"))),
                                            *words(" and two."), note(para(*words("a b c d e f")), para(*words("g h"))))]}
    whole = print_notes.notes_to_footnotes(document)["blocks"][0]["c"]
    spans = [inline for inline in whole if inline["t"] == "Span"]
    assert [span["c"][0][2] for span in spans] == [[["note", "1"]], [["note", "2"]]]
    assert [inline["t"] for inline in spans[1]["c"][1]].count("LineBreak") == 1  # two paragraphs, one break
    assert print_notes.note_word_counts(document) == {"1": 2, "2": 8}
    cut = [inline for inline in print_notes.notes_to_footnotes(document, cuts={"2": 3})["blocks"][0]["c"] if inline["t"] == "Span"]
    assert [span["c"][0][1] for span in cut] == [["footnote"], ["footnote"], ["footnote", "footnote-continued"]]
    assert [inline["c"] for inline in cut[1]["c"][1] if inline["t"] == "Str"] == ["a", "b", "c"]
    assert cut[2]["c"][0][2] == [["note", "2-continued"]]


def test_notes_become_footnote_spans_at_their_call():
    note = {"t": "Note", "c": [para({"t": "Str", "c": "one"}), para({"t": "Str", "c": "two"})]}
    document = notes_to_footnotes({"meta": {}, "blocks": [para({"t": "Str", "c": "call"}, note)]})
    footnote = document["blocks"][0]["c"][1]
    assert footnote["t"] == "Span" and footnote["c"][0][1] == ["footnote"]
    assert [i["t"] for i in footnote["c"][1]] == ["Str", "LineBreak", "Str"]


def test_a_note_with_a_list_a_quotation_code_and_a_table_keeps_them_as_spans_print_sets_as_blocks():
    bullet = {"t": "BulletList", "c": [[{"t": "Plain", "c": [{"t": "Str", "c": "one"}]}], [{"t": "Plain", "c": [{"t": "Str", "c": "two"}]}]]}
    quote = {"t": "BlockQuote", "c": [para({"t": "Str", "c": "quoted"})]}
    code = {"t": "CodeBlock", "c": [["", [], []], "x = 1\ny = 2"]}
    def cell(text):
        return [["", [], []], {"t": "AlignDefault"}, 1, 1, [{"t": "Plain", "c": [{"t": "Str", "c": text}]}]]

    table = {"t": "Table", "c": [["", [], []], [None, []], [], [["", [], []], [[["", [], []], [cell("a"), cell("b")]]]],
                                 [[["", [], []], 0, [], [[["", [], []], [cell("1"), cell("2")]]]]], [["", [], []], []]]}
    image = {"t": "Image", "c": [["", [], []], [], ["data:image/png;base64,AA==", ""]]}
    figure = {"t": "Figure", "c": [["", [], []], [None, [{"t": "Plain", "c": [{"t": "Str", "c": "caption"}]}]],
                                   [{"t": "Plain", "c": [image]}]]}
    rule = {"t": "HorizontalRule"}
    note = {"t": "Note", "c": [para({"t": "Str", "c": "first"}), bullet, quote, code, table, figure, rule]}
    footnote = notes_to_footnotes({"meta": {}, "blocks": [para(note)]})["blocks"][0]["c"][0]
    kinds = [(inline["t"], inline["c"][0][1] if inline["t"] in ("Span", "Code") else None) for inline in footnote["c"][1]]
    assert kinds == [("Str", None), ("Span", ["note-list"]), ("Span", ["note-quote"]), ("Code", ["note-code"]),
                     ("Span", ["note-table"]), ("Span", ["note-figure"])]
    items = footnote["c"][1][1]["c"][1]
    assert [[i["c"] for i in item["c"][1] if i["t"] == "Str"] for item in items] == [["•", "one"], ["•", "two"]]
    assert stringify(footnote["c"][1][4]["c"][1]) == "a | b 1 | 2"  # rows as lines: a line break reads as a space
    assert [i["t"] for i in footnote["c"][1][5]["c"][1]] == ["Image", "LineBreak", "Str"]


def test_a_note_numbers_its_list_from_the_lists_start_and_keeps_its_heading_terms_lines_and_divisions():
    from publish.document import stringify

    ordered = {"t": "OrderedList", "c": [[3, {"t": "Decimal"}, {"t": "Period"}],
                                         [[{"t": "Plain", "c": words(item)}] for item in ("three", "four", "five")]]}
    heading = {"t": "Header", "c": [2, ["a-heading", ["unnumbered"], []], words("A heading")]}
    terms = {"t": "DefinitionList", "c": [[words("Term"), [[para(*words("its meaning"))]]],
                                          [words("Other"), [[para(*words("another"))]]]]}
    lines = {"t": "LineBlock", "c": [words("line one"), words("line two")]}
    division = {"t": "Div", "c": [["", ["aside"], []], [para(*words("inside"))]]}
    document = {"meta": {}, "blocks": [para(note(ordered, heading, terms, lines, division))]}
    parts = print_notes.notes_to_footnotes(document)["blocks"][0]["c"][0]["c"][1]
    assert [(part["t"], part["c"][0][1] if part["t"] == "Span" else None) for part in parts] == [
        ("Span", ["note-list"]), ("Span", ["note-heading"]), ("Span", ["note-item"]), ("Span", ["note-item"]),
        ("Span", ["note-lines"]), ("Str", None)]
    assert [stringify(item["c"][1]) for item in parts[0]["c"][1]] == ["3. three", "4. four", "5. five"]
    [strong] = parts[1]["c"][1]
    assert strong["t"] == "Strong" and stringify(strong["c"]) == "A heading"
    assert [stringify(part["c"][1]) for part in parts[2:4]] == ["Term its meaning", "Other another"]
    assert parts[2]["c"][1][0] == {"t": "Strong", "c": words("Term")}
    assert stringify(parts[4]["c"][1]) == "line one line two "
    assert parts[5:] == words("inside") and print_notes.note_word_counts(document) == {"1": 18}


def test_a_notes_code_keeps_its_text_as_written():
    code = {"t": "CodeBlock", "c": [["listing", ["python"], []], "x = 1\ny = 2"]}
    footnote = print_notes.notes_to_footnotes({"meta": {}, "blocks": [para(note(code))]})["blocks"][0]["c"][0]
    assert footnote["c"][1] == [{"t": "Code", "c": [["", ["note-code"], []], "x = 1\ny = 2"]}]


def test_a_notes_list_may_hold_an_empty_item():
    from publish.document import stringify

    bullets = {"t": "BulletList", "c": [[], [{"t": "Plain", "c": words("second")}]]}  # "-" alone on its first line
    [listed] = print_notes.notes_to_footnotes({"meta": {}, "blocks": [para(note(bullets))]})["blocks"][0]["c"][0]["c"][1]
    assert [stringify(item["c"][1]) for item in listed["c"][1]] == ["• ", "• second"]


def test_a_notes_blocks_after_a_rule_or_an_empty_paragraph_are_kept():
    from publish.document import stringify

    blocks = [para(*words("before")), {"t": "HorizontalRule"}, para(), para(*words("after"))]
    footnote = print_notes.notes_to_footnotes({"meta": {}, "blocks": [para(note(*blocks))]})["blocks"][0]["c"][0]
    assert [inline["t"] for inline in footnote["c"][1]] == ["Str", "LineBreak", "Str"]
    assert stringify(footnote["c"][1]) == "before after"


def test_the_notes_a_layout_cuts_are_written_into_the_text_as_pandoc_writes_the_whole_text_cut():
    """PrintText writes the text once and, for each layout, only the notes it cuts: the print body is the
    very HTML pandoc writes for the whole text cut, whatever the notes hold and wherever they stand."""
    from publish.editions.fragments import finished
    from publish.editions.print_notes import PrintText, put_cut_notes
    from publish.pandoc import html_fragment, read_markdown

    document = read_markdown(
        "Call one.^[A *first* note of [seven](https://example.org) words, then more.] Then text.\n\n"
        "| a | b |\n|---|---|\n| cell^[A note in a cell, of eight words in all.] | c |\n\n"
        "Two^[One short.] and three.^[The last note, **strong** and `code`, ends the paragraph here.]\n")
    text = PrintText(document)
    for cuts in ({}, {"1": 3}, {"2": 4, "4": 1}, {"1": 7, "2": 1, "4": 9}):
        whole, parts = text.fragment(cuts)
        assert sorted(parts) == sorted(cuts)
        expected = finished(html_fragment(notes_to_footnotes(document, cuts)))
        assert finished(whole, lambda body: put_cut_notes(body, parts)) == expected
        assert expected.count("footnote-continued") == len(cuts)
