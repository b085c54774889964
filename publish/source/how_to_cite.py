"""'How to cite this publication': the publication's own metadata as a CSL item,
rendered in the house style and in the other styles the series settings list.

citeproc-py renders in-process. Where a style uses a CSL feature citeproc-py
0.11 does not implement (see CITEPROC_PY_GAPS), its output would be wrong, so
that style is rendered by pandoc's citeproc, the engine that renders the
citations in the text. tests/source/test_how_to_cite.py compares the two engines.
"""

import hashlib
import html
import json
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from xml.etree import ElementTree

from publish import atomic
from publish.bidi import isolated_html
from publish.labels import Labels
from publish.pandoc import run_pandoc
from publish.paths import CACHE

CSL = "{http://purl.org/net/xbiblio/csl}"
# Markers of CSL features citeproc-py 0.11 gets wrong, and what goes wrong.
CITEPROC_PY_GAPS = {
    'initialize="false"': "citeproc-py ignores initialize=\"false\" and abbreviates given names ('Malejacq, R.')",
}
# CSL locales for a bare language tag (the CSL specification's primary dialects).
PRIMARY_DIALECTS = {"en": "en-US", "de": "de-DE", "fr": "fr-FR", "nl": "nl-NL", "es": "es-ES", "pt": "pt-PT",
                    "it": "it-IT", "da": "da-DK", "sv": "sv-SE", "nb": "nb-NO", "fi": "fi-FI", "pl": "pl-PL"}
CACHE_FOLDER = CACHE / "how-to-cite"
PANDOC_ENTRY = re.compile(r'<div id="ref-self"[^>]*>(.*?)</div>', re.DOTALL)
URL = re.compile(r"(https?://[^\s<]+?)([.,;:]?)(?=\s|$)")


def csl_locale(lang):
    return lang if "-" in lang else PRIMARY_DIALECTS.get(lang.lower(), f"{lang.lower()}-{lang.upper()}")


def style_title(csl_path):
    title = ElementTree.parse(csl_path).getroot().find(f"{CSL}info/{CSL}title")
    return title.text.strip() if title is not None and title.text else csl_path.stem


def citeproc_py_gaps(csl_path):
    """The features of this style that citeproc-py would render wrongly."""
    text = csl_path.read_text(encoding="utf-8")
    return [reason for marker, reason in CITEPROC_PY_GAPS.items() if marker in text]


def escaped(value):
    """The item's text escaped for HTML: citeproc-py's HTML output does not escape it."""
    if isinstance(value, str):
        return html.escape(value, quote=False)
    if isinstance(value, list):
        return [escaped(item) for item in value]
    if isinstance(value, dict):
        return {key: escaped(item) for key, item in value.items()}
    return value


def render_with_citeproc_py(item, csl_path, lang):
    from citeproc import (
        Citation,
        CitationItem,
        CitationStylesBibliography,
        CitationStylesStyle,
        formatter,
    )
    from citeproc.source.json import CiteProcJSON

    style = CitationStylesStyle(str(csl_path), validate=False, locale=csl_locale(lang))
    bibliography = CitationStylesBibliography(style, CiteProcJSON([escaped(item)]), formatter.html)
    bibliography.register(Citation([CitationItem(item["id"])]))
    html = str(bibliography.bibliography()[0])
    html = html.replace("<i>", "<em>").replace("</i>", "</em>").replace("<b>", "<strong>").replace("</b>", "</strong>")
    return URL.sub(r'<a href="\1">\1</a>\2', html)


def render_with_pandoc(item, csl_path, lang, context=None):
    front_matter = {"references": [item], "nocite": f"@{item['id']}", "lang": lang}
    markdown = f"---\n{json.dumps(front_matter, ensure_ascii=False)}\n---\n"
    arguments = ["--from=markdown-raw_html", "--to=html5", "--citeproc", f"--csl={csl_path}", "--wrap=none"]
    html = run_pandoc(arguments, markdown.encode("utf-8"), context=context).decode("utf-8")
    entry = PANDOC_ENTRY.search(html)
    return entry.group(1).strip() if entry else ""


def render(item, csl_path, lang, context=None):
    """The item in one style, as HTML: by citeproc-py, or by pandoc where citeproc-py would err.
    Cached by what the rendering depends on, so that an edit to the text renders nothing again."""
    key = json.dumps([item, lang, csl_path.read_text(encoding="utf-8"), Path(__file__).read_text(encoding="utf-8")],
                     sort_keys=True)
    cached = CACHE_FOLDER / f"{hashlib.sha256(key.encode('utf-8')).hexdigest()}.html"
    if cached.is_file():
        return cached.read_text(encoding="utf-8")
    if citeproc_py_gaps(csl_path):
        html = render_with_pandoc(item, csl_path, lang, context)
    else:
        html = render_with_citeproc_py(item, csl_path, lang)
    atomic.write_text(cached, html)
    return html


def how_to_cite(metadata, csl_paths, context=None):
    """[{style, title, html}] for each style, the house style first."""
    item = metadata["citation_item"]

    labels = Labels(metadata["lang"])

    def entry(csl_path):  # the style's title as the language writes it, where locale/ translates it; the
        # citation's runs of the other direction isolated (a Latin author's name in a Persian page)
        return {"style": csl_path.stem, "title": labels.word(style_title(csl_path)),
                "html": isolated_html(render(item, csl_path, metadata["lang"], context), metadata["dir"])}

    # pandoc runs as a process, so the styles it renders are rendered side by side.
    with ThreadPoolExecutor(max_workers=len(csl_paths) or 1) as pool:
        return list(pool.map(entry, csl_paths))
