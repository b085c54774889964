"""The bibliography loader (publish/source/bibliography.py): bibliographies in every format pandoc
reads (CSL-JSON, CSL-YAML, BibLaTeX, BibTeX), several per publication, each checked in its own format
with findings at the entry's line and column."""

import json

import pytest
from checking import BIBLIOGRAPHY, CITING_BOTH, FRONT, INDEX, REFERENCES, entry_position, line_of


BIBLATEX = """% exported from Zotero
@book{smith2020,
  title = {A Book},
  author = {Smith, Ann},
  date = {2020},
  file = {/home/author/Zotero/storage/X/book.pdf},
}

@article{jones2021,
  title = {An Article},
  author = {Jones, Bo},
  journaltitle = {A Journal},
  date = {2021-03},
}
"""


CSL_YAML = """references:
- id: smith2020
  type: book
  title: A Book
  author:
  - family: Smith
    given: Ann
  issued:
    date-parts:
    - [2020]
- id: jones2021
  type: article-journal
  title: An Article
  author:
  - family: Jones
    given: Bo
  issued:
    date-parts:
    - [2021, 3]
"""


def front_naming(*files):
    listed = "".join(f"\n  - {name}" for name in files)
    return FRONT.replace("bibliography: references.json", f"bibliography:{listed}")


@pytest.mark.parametrize("name, text", [("references.bib", BIBLATEX), ("references.bibtex", BIBLATEX),
                                        ("references.yaml", CSL_YAML), ("references.yml", CSL_YAML)])
def test_each_format_is_read_and_cited(write, name, text):
    assert write(CITING_BOTH, front=front_naming(name), files={name: text}) == []


def test_several_bibliographies_of_different_formats_are_one(write):
    only_jones = "\n\n".join(BIBLATEX.split("\n\n")[1:])
    findings = write(CITING_BOTH, references=[REFERENCES[0]], front=front_naming("references.json", "more.bib"),
                     files={"more.bib": only_jones})
    assert findings == []


def test_a_key_in_two_files_is_an_error_at_the_second(write):
    findings = write(CITING_BOTH, front=front_naming("references.json", "more.bib"), files={"more.bib": BIBLATEX})
    lines = json.dumps(REFERENCES, indent=2).splitlines()
    smith, jones = (lines.index(f'    "id": "{key}",') + 1 for key in ("smith2020", "jones2021"))
    assert findings == [
        f"source/brief/more.bib:{line_of(BIBLATEX, '@book')}:1: error: duplicate key 'smith2020' (first in "
        f"references.json at line {smith}): give each entry its own id [bibliography.duplicate-key]",
        f"source/brief/more.bib:{line_of(BIBLATEX, '@article')}:1: error: duplicate key 'jones2021' (first in "
        f"references.json at line {jones}): give each entry its own id [bibliography.duplicate-key]",
    ]


def test_bibtex_entries_are_checked_at_their_line(write):
    text = BIBLATEX.replace("  title = {An Article},\n", "").replace("  author = {Smith, Ann},\n", "") + (
        "\n@book{smith2020,\n  title = {Again},\n  date = {2020},\n}\n\n@misc{unused,\n  title = {Never Cited},\n}\n")
    findings = write(CITING_BOTH, front=front_naming("references.bib"), files={"references.bib": text})
    bib = "source/brief/references.bib"
    book, article = line_of(text, "@book"), line_of(text, "@article")
    again = [number for number, line in enumerate(text.splitlines(), start=1) if line.startswith("@book")][1]
    unused = line_of(text, "@misc")
    assert findings == [
        f"{bib}:{book}:1: warning: entry 'smith2020': has no author or editor: citations will show its title instead "
        "[bibliography.incomplete-entry]",
        f"{bib}:{article}:1: warning: entry 'jones2021': has no 'title': citations and the bibliography show it "
        "without one [bibliography.incomplete-entry]",
        f"{bib}:{again}:1: error: duplicate key 'smith2020' (first at line {book}): give each entry its own id "
        "[bibliography.duplicate-key]",
        f"{bib}:{unused}:1: warning: entry 'unused': has no author or editor: citations will show its title instead "
        "[bibliography.incomplete-entry]",
        f"{bib}:{unused}:1: warning: entry 'unused': has no date ('issued'): citations will show 'n.d.' "
        "[bibliography.incomplete-entry]",
        f"{bib}:{unused}:1: warning: bibliography entry 'unused' is never cited [bibliography.uncited]",
    ]


UNTITLED = "@article{untitled, journal = {J}, year = {1984}}\n"


def test_an_entry_without_a_title_or_author_is_a_warning_cited_or_not(write):
    """As pandoc and Quarto, which cite it by what it has: an untitled entry never cited (the ACM template's)
    no longer stops the build, and the warnings do not promise a title it lacks."""
    bib = "source/brief/references.bib"
    findings = write(CITING_BOTH, front=front_naming("references.bib"), files={"references.bib": BIBLATEX + UNTITLED})
    at = f"{bib}:{line_of(BIBLATEX + UNTITLED, '@article{untitled')}:1"
    assert findings == [
        f"{at}: warning: entry 'untitled': has no 'title': citations and the bibliography show it without one "
        "[bibliography.incomplete-entry]",
        f"{at}: warning: entry 'untitled': has no author or editor, nor a title to show instead: citations show what "
        "else it has, such as its date [bibliography.incomplete-entry]",
        f"{at}: warning: bibliography entry 'untitled' is never cited [bibliography.uncited]"]


def test_a_cited_entry_without_a_title_is_cited_by_what_it_has(write):
    from publish.document import stringify
    from publish.paths import Publication
    from publish.source.parse import parse_publication

    write(CITING_BOTH + "\nAnd [@untitled].\n", front=front_naming("references.bib"),
          files={"references.bib": BIBLATEX + UNTITLED})
    parse_publication(Publication("brief"))  # no error stops it
    document = json.loads(Publication("brief").document.read_text(encoding="utf-8"))
    assert stringify(document["blocks"]).count("J, 1984") == 2  # its note and its bibliography entry


def test_a_bibtex_file_that_does_not_parse_names_its_format_and_the_place(write):
    text = BIBLATEX.replace("title = {A Book},", "title = {A Book,")
    findings = write(CITING_BOTH, front=front_naming("references.bib"), files={"references.bib": text})
    # at the brace never closed (pandoc stops at the next entry), in a file with BibLaTeX's fields (date)
    assert findings == [f"source/brief/references.bib:{line_of(text, '  title = {A Book,')}:11: error: not valid "
                        "BibLaTeX: this brace is never closed: close it where its value ends "
                        "[bibliography.unreadable]"]  # and no citation is 'missing'


def test_a_csl_yaml_file_is_checked_at_its_lines(write):
    text = CSL_YAML.replace("  title: An Article\n", "") + "- id: smith2020\n  type: book\n  title: Again\n"
    findings = write(CITING_BOTH, front=front_naming("references.yaml"), files={"references.yaml": text})
    yaml = "source/brief/references.yaml"
    assert findings[:2] == [
        f"{yaml}:{line_of(text, '- id: jones2021')}:3: warning: entry 'jones2021': has no 'title': citations and "
        "the bibliography show it without one [bibliography.incomplete-entry]",
        f"{yaml}:{text.splitlines().index('- id: smith2020', 2) + 1}:3: error: duplicate key 'smith2020' (first at line "
        f"{line_of(text, '- id: smith2020')}): give each entry its own id [bibliography.duplicate-key]",
    ]


def test_a_csl_yaml_file_that_does_not_parse_points_at_the_place(write):
    text = CSL_YAML.replace("  title: An Article", "  title: An: Article")
    findings = write(CITING_BOTH, front=front_naming("references.yaml"), files={"references.yaml": text})
    [finding] = findings
    assert finding.startswith(f"source/brief/references.yaml:{line_of(text, '  title: An: Article')}:")
    assert finding.endswith(': error: not valid CSL-YAML: a value with a colon in it needs quotes, as in title: '
                            '"An: Article" [bibliography.unreadable]')


def test_references_in_the_front_matter_are_checked_in_the_index(write):
    front = FRONT.replace("bibliography: references.json\n", CSL_YAML.replace("  title: A Book\n", ""))
    findings = write(CITING_BOTH, front=front)
    assert findings == [f"{INDEX}:{line_of(front, '- id: smith2020')}:3: warning: entry 'smith2020': has no "
                        "'title': citations and the bibliography show it without one [bibliography.incomplete-entry]"]


def test_a_file_in_a_format_pandoc_does_not_read_is_named(write):
    findings = write(CITING_BOTH, front=front_naming("references.ris"), files={"references.ris": "TY  - BOOK\n"})
    assert findings == ["source/brief/references.ris:1:1: error: 'references.ris' is not a bibliography format pandoc "
                        "reads: use .bib, .bibtex, .json, .yaml, .yml [bibliography.unreadable]"]


def test_duplicate_keys_are_errors(write):
    references = [REFERENCES[0], REFERENCES[0]]
    findings = write("[@smith2020]\n", references=references)
    assert findings == [f"{BIBLIOGRAPHY}:{entry_position(references, 'smith2020', 2)}: error: duplicate key 'smith2020' "
                        f"(first at line {entry_position(references, 'smith2020').split(':')[0]}): give each entry its "
                        "own id [bibliography.duplicate-key]"]


@pytest.mark.parametrize("change, message", [
    ({"type": "paper"}, "type 'paper' is not a CSL item type"),
    ({"issued": {"date-parts": [[2020, 13, 40]]}}, "'issued' has a month or day out of range"),
    ({"issued": 2020}, "'issued' must be an object"),  # a number, which pandoc cannot read (text it can)
    ({"author": [{"given": "Ann"}]}, "'author' has a name without 'family'"),
])
def test_csl_json_entries_are_validated_at_their_line(write, change, message):
    findings = write("[@smith2020] [@jones2021]\n", references=[{**REFERENCES[0], **change}, REFERENCES[1]])
    assert any(f.startswith("source/brief/references.json:3:5: error: entry 'smith2020': " + message) for f in findings), findings


def test_a_bibliography_that_does_not_parse_points_at_the_place(write):
    findings = write("[@smith2020]\n", bibliography_text='[\n  {"id": "smith2020",,}\n]')
    assert (f"{BIBLIOGRAPHY}:2:22: error: not valid CSL-JSON: Expecting property name enclosed in double quotes "
            "[bibliography.unreadable]") in findings


LEGACY = """references:
- id: smith2020
  author:
  - family: Smith
    given: Ann
  title: A Legacy Entry
  issued:
    year: 2008
    month: 3
- id: jones2021
  type: book
  title: Old Style
  author: [{family: Jones, given: Bo}]
  issued: {year: 2001}
"""


def test_csl_data_as_pandoc_citeproc_wrote_it_is_read_as_pandoc_reads_it(write):
    """Legacy dates ({year: 2008}) and an entry without a type, as tools wrote CSL-YAML for years: pandoc's
    citeproc renders them, so they are no error here; what is assumed is one warning, and the dates reach
    citeproc as CSL's date-parts (pandoc reads the legacy form in front matter, not in a CSL-JSON file)."""
    from publish.paths import Publication
    from publish.source.parse import examined

    front = FRONT.replace("bibliography: references.json\n", LEGACY)
    findings = write(CITING_BOTH, front=front)
    assert findings == [f"{INDEX}:{line_of(front, '- id: smith2020')}:3: warning: entry 'smith2020': has no 'type': it is "
                        "cited as an item of no particular type; give it one (e.g. article-journal, book, report, "
                        "webpage) [bibliography.incomplete-entry]"]
    references = {item["id"]: item for item in examined(Publication("brief"))[1].references}
    assert references["smith2020"]["issued"] == {"date-parts": [[2008, 3]]}
    assert references["jones2021"]["issued"] == {"date-parts": [[2001]]}
    assert "None" not in " ".join(write(CITING_BOTH, front=front.replace("  title: Old Style", "  type:\n  title: Old")))
