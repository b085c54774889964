"""`doit new --slug my-brief --title "..."`: a new publication folder, ready to build."""

import datetime
import json

from publish import atomic
from publish.errors import PublishError
from publish.model.placeholders import AFFILIATION, AUTHOR_NAME, OPENING
from publish.paths import SLUG_FORM, SOURCE, TRANSLATION_INDEX, Publication
from publish.source.numbering import next_number

INDEX = """---
title: {title}
author:
  - name: "{author}"
    affiliation: "{affiliation}"
date: "{year}"{number}
lang: en
keywords: []
bibliography: references.json
---

{opening} This sentence carries a footnote.[^example]

# A first section

To cite a work, add it to `references.json` (CSL-JSON, which Zotero exports)
and write its key in square brackets, like `[@smith2024]`; the house citation
style renders it as a note and adds it to the bibliography.

[^example]: A footnote: it is printed at the foot of the page in the PDF, as a
    Word footnote in the DOCX and beside the text on the web.
"""


def unused_publication(slug, instead="choose another slug"):
    """The publication a new folder named `slug` would be; refused in one line when the name cannot be
    a slug, or a folder of that name, in any case, is in source/ already (`instead`: what to do)."""
    if not SLUG_FORM.match(slug):
        raise PublishError(f"'{slug}' cannot be a slug: use lower-case letters, digits and hyphens, e.g. my-brief")
    taken = [folder.name for folder in SOURCE.iterdir() if folder.name.lower() == slug]
    if taken:
        raise PublishError(f"{SOURCE / taken[0]}/ exists already: {instead}", SOURCE / taken[0])
    return Publication(slug)


def new_publication(slug="", title="", lang="", translation_of=""):
    """Create source/<slug>/ with index.md and an empty bibliography; or, given a language, a translation
    of an existing publication: source/<slug>/index.<lang>.md."""
    if lang or translation_of:
        return new_translation(translation_of or slug, lang)
    if not slug or not title:
        raise PublishError("give both --slug and --title, e.g. doit new --slug my-brief --title \"My brief\"")
    publication = unused_publication(slug)
    year = datetime.date.today().year  # a draft's date; the author corrects it when it is published
    number = next_number()
    text = INDEX.format(title=json.dumps(title, ensure_ascii=False), year=year, author=AUTHOR_NAME,
                        affiliation=AFFILIATION, opening=OPENING, number=f'\nnumber: "{number}"' if number else "")
    atomic.write_text(publication.index, text)
    atomic.write_text(publication.folder / "references.json", "[]\n")
    print(f"created {publication.index} and {publication.folder / 'references.json'}: edit them, then run doit")
    if number:
        print(f"numbered {number}, after the highest number in the series (numbering: auto): change it if need be")


def new_translation(slug, lang):
    """source/<slug>/index.<lang>.md: the original's text with its front matter's `lang` set to the
    translation's, for the translator to translate (title included); bibliography and images are shared."""
    original = Publication(slug)
    if not slug or not lang:
        raise PublishError("give the publication and the language: doit new --translation-of my-brief --lang fr")
    if not original.index.is_file():
        raise PublishError(f"there is no publication '{slug}' to translate (no {original.index.as_posix()})")
    if not TRANSLATION_INDEX.match(f"index.{lang}.md"):
        raise PublishError(f"'{lang}' is not a language tag such as 'fr', 'fa' or 'pt-BR'")
    from publish.source.settings import read_settings

    original_lang = str(read_settings(original).merged.get("lang") or "")
    if lang.lower() == original_lang.lower():
        raise PublishError(f"{original.index.as_posix()} is in '{original_lang}' already: a translation is into "
                           "another language (--lang fr, say)", original.index)
    translation = Publication(slug, lang)
    if translation.index.exists():
        raise PublishError(f"{translation.index.as_posix()} exists already", translation.index)
    text = original.index.read_text(encoding="utf-8")
    atomic.write_text(translation.index, with_language(text, lang, original.index))
    print(f"created {translation.index.as_posix()}: translate its text (and its title), add `translator:` to its "
          "front matter, then run doit")


def with_language(text, lang, path):
    """The text with its front matter's top-level `lang` set to `lang` (added if it has none)."""
    from publish.source.settings import key_lines, split_front_matter

    split_front_matter(text, path)  # a source without front matter is a one-line error
    lines = text.split("\n")
    where = key_lines("\n".join(lines[1:]), 2).get("lang")
    if where is None:
        lines.insert(1, f"lang: {lang}")
    else:
        lines[where - 1] = f"lang: {lang}"
    return "\n".join(lines)
