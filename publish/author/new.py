"""`doit new --slug my-brief --title "..."`: a new publication folder, ready to build."""

import datetime
import json

from publish import atomic
from publish.errors import PublishError
from publish.paths import SLUG_FORM, SOURCE, Publication

INDEX = """---
title: {title}
author:
  - name: "Your Name"
    affiliation: "Your institution"
date: "{year}"
lang: en
keywords: []
bibliography: references.json
---

Write the brief here, in Markdown. This sentence carries a footnote.[^example]

# A first section

To cite a work, add it to `references.json` (CSL-JSON, which Zotero exports)
and write its key in square brackets, like `[@smith2024]`; the house citation
style renders it as a note and adds it to the bibliography.

[^example]: A footnote: it is printed at the foot of the page in the PDF, as a
    Word footnote in the DOCX and beside the text on the web.
"""


def new_publication(slug="", title=""):
    """Create source/<slug>/ with index.md and an empty bibliography."""
    if not slug or not title:
        raise PublishError("give both --slug and --title, e.g. doit new --slug my-brief --title \"My brief\"")
    if not SLUG_FORM.match(slug):
        raise PublishError(f"'{slug}' cannot be a slug: use lower-case letters, digits and hyphens, e.g. my-brief")
    publication = Publication(slug)
    taken = [folder.name for folder in SOURCE.iterdir() if folder.name.lower() == slug]
    if taken:
        raise PublishError(f"{SOURCE / taken[0]}/ exists already: choose another slug", SOURCE / taken[0])
    year = datetime.date.today().year  # a draft's date; the author corrects it when it is published
    atomic.write_text(publication.index, INDEX.format(title=json.dumps(title, ensure_ascii=False), year=year))
    atomic.write_text(publication.folder / "references.json", "[]\n")
    print(f"created {publication.index} and {publication.folder / 'references.json'}: edit them, then run doit")
