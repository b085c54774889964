"""`doit adopt draft.docx`: a Word draft becomes the canonical Markdown (publish.author.adopt).

pandoc's DOCX reader, with its `citations` extension, turns Zotero, Mendeley and EndNote citation
fields into `[@key]` citations and the data embedded in them into the bibliography, written here as
`references.json` (CSL-JSON). Footnotes, tables, headings, lists and emphasis are pandoc's reading;
the pictures are taken out of the draft into `media/`. The title, authors and date come from the
draft's document properties, as pandoc reads them, and its language from its Language property. A
DOCX edition built here loses what its build added (publish.author.edition_docx).

A draft still holding comments or tracked changes is refused, each listed: accepting them silently
would put words in the author's mouth, dropping them would lose the reviewer's.
"""

import io
import json
import zipfile

import yaml

from publish.author.adopted_front_matter import document_language
from publish.author.edition_docx import edition_properties, front_of, package_part, without_furniture
from publish.author.written_dates import read_date
from publish.document import iterate, stringify
from publish.errors import PublishError
from publish.pandoc import convert_document, run_pandoc

DUBLIN_CORE = "http://purl.org/dc/elements/1.1/"
REVIEW_MARKS = {"insertion": "an insertion", "deletion": "a deletion", "comment-start": "a comment"}


def review_marks(path):
    """[(what, who, the words)] of the draft's tracked changes and comments, as pandoc reads them all."""
    document = json.loads(run_pandoc(["--from=docx", "--to=json", "--track-changes=all", path], context=path))
    found = []
    for element in iterate(document["blocks"]):
        if element["t"] == "Span" and (kind := next((REVIEW_MARKS[name] for name in element["c"][0][1]
                                                    if name in REVIEW_MARKS), None)):
            found.append((kind, dict(element["c"][0][2]).get("author", "someone"), stringify(element["c"][1])))
    return found


def refuse_review_marks(path, steps):
    marks = review_marks(path)
    if marks:
        for kind, author, words in marks:
            steps.append(f"{kind} by {author}: '{' '.join(words.split())[:60]}'")
        raise PublishError(f"the draft holds {len(marks)} tracked changes or comments (listed above): accept or "
                           "reject each change and resolve each comment in Word, then adopt it again", path)


def meta_text(meta, key):
    value = meta.get(key)
    if not value:
        return None
    if value["t"] == "MetaList":
        return [stringify(item["c"]) if item["t"] != "MetaString" else item["c"] for item in value["c"]]
    return value["c"] if value["t"] == "MetaString" else stringify(value["c"])


def bibliography_heading(document, has_references, steps):
    """The heading that ends the draft with nothing under it, where its reference manager's bibliography
    field stood: taken out, its words the title of the bibliography the editions make. None if there is none."""
    blocks = document["blocks"]
    if not (has_references and blocks and blocks[-1]["t"] == "Header"):
        return None
    title = stringify(blocks.pop()["c"][2])
    steps.append(f"the draft's last heading, '{title}', stood over its reference manager's bibliography: it titles "
                 "the bibliography the editions make (reference-section-title)")
    return title


def front_matter(meta, known, has_references, lang, steps):
    """The front matter from the draft's document properties (and what `known` adds: an edition's title
    block): only what they say, in this project's keys."""
    front = {}
    for key in ("title", "subtitle", "author", "date", "abstract", "keywords"):
        if (value := known.get(key, meta_text(meta, key))) is not None:
            front[key] = value
    if isinstance(front.get("date"), str) and (read := read_date(front["date"].split("T")[0], lang)):
        front["date"] = read
    if "lang" in known:
        front["lang"] = known["lang"]
    for key in ("title", "author", "date"):
        if key not in front:
            steps.append(f"the draft's properties give no {key}: add one to the front matter; doit check asks for it")
    if has_references:
        front["bibliography"] = "references.json"
    return yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=100)


def extracted_media(package, document, folder, steps):
    """The draft's pictures its text shows, copied out of it beside index.md (pandoc names them media/...)."""
    names = {element["c"][2][0] for element in iterate(document["blocks"]) if element["t"] == "Image"}
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        members = set(archive.namelist())
        for name in sorted(names):
            member = f"word/{name}"
            if name.startswith("media/") and member in members:
                (folder / name).parent.mkdir(parents=True, exist_ok=True)
                (folder / name).write_bytes(archive.read(member))
                steps.append(f"took {name} out of the draft")


def stated_language(package, steps):
    """The language the draft's document properties give (which pandoc does not read), as {'lang': ...}."""
    core = package_part(package, "docProps/core.xml")
    lang = (core.findtext(f"{{{DUBLIN_CORE}}}language") or "").strip() if core is not None else ""
    if lang:
        steps.append(f"the draft's properties give its language: lang: {lang}")
    return {"lang": lang} if lang else {}


def edition_furniture(package, steps):
    """(the package, what it says of itself): an edition built here without what its build added
    (publish.author.edition_docx); a draft as it is."""
    properties = edition_properties(package)
    if not properties:
        return package, {}
    package, lines, colophon = without_furniture(package)
    steps.append(f"it is an edition built from source/{properties['Publication']}/: its title block ({len(lines)} "
                 f"lines) is the front matter and its colophon ({colophon} paragraphs) is left out, as the build "
                 "makes them; its bibliography is kept as text (the edition holds no citation data)")
    return package, front_of(lines, properties)


def draft_as_markdown(path, folder, steps):
    """(front matter YAML, the Markdown body) of a Word draft; its references and pictures written into
    `folder`. Its review marks are refused first (refuse_review_marks), before anything is written."""
    package, known = edition_furniture(path.read_bytes(), steps)
    known |= stated_language(package, steps)
    lang = document_language(known, steps)
    document = json.loads(run_pandoc(["--from=docx+citations", "--to=json"], package, context=path))
    meta = document.get("meta", {})
    has_references = "references" in meta
    if has_references:
        references = convert_document(document, "csljson", context=path)
        (folder / "references.json").write_bytes(references)
        count = len(json.loads(references))
        steps.append(f"wrote references.json: {count} entries, from the draft's citation fields")
    extracted_media(package, document, folder, steps)
    heading = bibliography_heading(document, has_references, steps)
    body = convert_document({**document, "meta": {}}, "markdown", ["--wrap=none"], context=path).decode("utf-8")
    cited = sum(len(element["c"][0]) for element in iterate(document["blocks"]) if element["t"] == "Cite")
    steps.append(f"read the draft with pandoc: {cited} citations from citation fields")
    front = front_matter(meta, known, has_references, lang, steps)
    return front + (yaml.safe_dump({"reference-section-title": heading}, allow_unicode=True) if heading else ""), body
