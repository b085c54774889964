"""The CSL styles a publication is cited in (publish/source/styles.py): found by name or as a file beside
index.md; an unknown name is an error that suggests close ones, a missing file a warning when a
bundled style of that name stands in."""

from checking import CITED, CITING_BOTH, FRONT, INDEX, line_of, with_front

from publish.paths import Publication
from publish.source.parse import examined


def test_an_unknown_csl_style_suggests_close_names(write):
    findings = write("Text.\n", front=FRONT.replace("lang: en\n", "lang: en\ncsl: chicago-notes-bibliografy\n"))
    assert any("unknown CSL style 'chicago-notes-bibliografy'; did you mean chicago-notes-bibliography" in f for f in findings)


def test_a_missing_style_file_with_a_bundled_namesake_is_a_warning(write):
    assert write(CITED, front=with_front("csl: apa.csl\n")) == [
        f"{INDEX}:6:1: warning: csl file 'apa.csl' not found next to index.md: the bundled style 'apa' of that name "
        "stands in [csl.stand-in]"]


def test_each_unknown_style_is_an_error_and_the_others_are_still_decided(write):
    front = with_front("how-to-cite-styles: [nope-one, harvard-cite-them-right, nope-two]\n")
    findings = write(CITED, front=front)
    assert [f.split(": error: ")[1].split(";")[0] for f in findings] == ["unknown CSL style 'nope-one' [csl.missing]",
                                                                      "unknown CSL style 'nope-two'"]
    assert all(f.startswith(f"{INDEX}:6:1: error: ") for f in findings)  # at the key
    assert [path.name for path in examined(Publication("brief"))[1].other_styles] == ["harvard-cite-them-right.csl"]


def test_a_style_file_written_for_pandoc_but_not_copied_is_stood_in_for(write):
    front = FRONT.replace("lang: en\n", "lang: en\ncsl: apa.csl\n")
    assert write(CITING_BOTH, front=front) == [
        f"{INDEX}:{line_of(front, 'csl:')}:1: warning: csl file 'apa.csl' not found next to index.md: the bundled "
        "style 'apa' of that name stands in [csl.stand-in]"]
