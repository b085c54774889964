"""The HTML edition: pandoc's HTML of the body in the web template, notes at the end, linked both ways."""

from markupsafe import Markup

from publish import atomic
from publish.edition_inputs import load_inputs
from publish.house_style import load_house_style, stylesheet
from publish.layout import WEB_CSS
from publish.pandoc import html_fragment
from publish.templates import render

TEMPLATE = "web.html.j2"


def build_html(publication):
    document, metadata = load_inputs(publication)
    page = render(
        TEMPLATE,
        meta=metadata,
        body=Markup(html_fragment(document, publication.document)),
        css=Markup(stylesheet(WEB_CSS, load_house_style())),
    )
    atomic.write_text(publication.edition("html"), page)
