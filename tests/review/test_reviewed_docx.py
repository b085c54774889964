"""Reading a reviewed DOCX's text (publish/review/reviewed_docx.py): what the edition added for layout is
not the author's text."""

from lxml import etree

from publish.review.reviewed_docx import run_text

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def run(xml):
    return etree.fromstring(f'<w:r xmlns:w="{W}">{xml}</w:r>')


def test_a_runs_text_leaves_out_the_isolates_set_around_a_word_of_the_other_script():
    """A Latin note in a Persian DOCX has its Persian words isolated (publish.editions.docx_directions);
    compared with its source, the isolates would read as a change the reviewer never made."""
    assert run_text(run("<w:t>10 \u2067دسامبر\u2069 1948,</w:t>")) == "10 دسامبر 1948,"
    assert run_text(run("<w:delText>\u2066UN\u2069</w:delText><w:tab/>")) == "UN "
