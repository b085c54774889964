"""Every kind of finding the checks report, declared once: its stable code, printed with each finding
(`path:line:col: warning: message [link.unresolved]`), its severity, and what it means.

A code never changes meaning once released; a new kind of finding gets a new code. An error is a
finding where an edition would be wrong or content lost: it stops the build. A warning is what a
best-effort render handles; a publication (or the series) can silence warnings by code with
`quiet: [code, ...]`. The README's table of codes is written from this one
(`python -m publish.model.manual`).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Code:
    name: str
    severity: str  # "error" or "warning"
    meaning: str  # what it says, for the README


CODES = (
    Code("source.unreadable", "error", "The text or its front matter cannot be read (not UTF-8, broken YAML), or holds "
         "a character no edition can (a control character, written or as `&#1;`)."),
    Code("folder.no-index", "error", "A folder in `source/` has no `index.md`."),
    Code("folder.bad-slug", "error", "A folder's name cannot be a slug (lower-case letters, digits, hyphens)."),
    Code("folder.slug-clash", "error", "Two folders differ only in case, so would share a slug."),
    Code("front-matter.invalid", "error", "A front-matter or series value the schema refuses, or a required one "
                                          "missing."),
    Code("front-matter.quiet", "warning", "A `quiet` code that is unknown, or that names an error, which cannot be "
                                          "silenced."),
    Code("front-matter.unknown-key", "warning", "A front-matter key no edition uses (a typo, or another tool's)."),
    Code("placeholder.unfilled", "warning", "Text `doit new` wrote for the author to replace (their name, "
                                            "institution, first sentence): `--strict` and a release refuse it."),
    Code("series.missing", "warning", "A series setting the editions leave out until it is filled in."),
    Code("date.uncommitted", "warning", "A date written `today` in a folder with no commit yet."),
    Code("lang.no-catalogue", "warning", "A language with no catalogue of the words the editions add."),
    Code("csl.missing", "error", "A citation style that is neither a file beside the text nor a bundled style."),
    Code("csl.stand-in", "warning", "A `.csl` file named but not there: the bundled style of that name stands in."),
    Code("bibliography.unreadable", "error", "A bibliography file missing or not readable as its format."),
    Code("bibliography.invalid-entry", "error", "An entry without an id, or with a name, date or type citeproc "
                                                "cannot read."),
    Code("bibliography.incomplete-entry", "warning", "An entry without a type, a title, an author or a date: what "
                                                     "citations show instead is said."),
    Code("bibliography.duplicate-key", "error", "Two entries share a key."),
    Code("bibliography.uncited", "warning", "An entry the text never cites."),
    Code("citation.unknown", "error", "A citation of a key no bibliography holds."),
    Code("crossref.unknown", "error", "A cross-reference to a label nothing carries."),
    Code("crossref.uncaptioned", "error", "A cross-reference to a figure or table without a caption, so without a "
                                          "number."),
    Code("crossref.cell-output", "warning", "A cross-reference to a code cell's output, which is not made here."),
    Code("crossref.duplicate-label", "error", "A label given twice."),
    Code("link.unresolved", "warning", "A link without an address (`[text]` or `[text]()`): shown as plain text."),
    Code("link.dead-anchor", "error", "A link to `#anchor` that no heading or element in the text carries."),
    Code("link.unsafe", "error", "A link whose address is malformed or could run code."),
    Code("link.local-file", "warning", "A link to a file on the author's machine: shown as plain text."),
    Code("link.duplicate-reference", "warning", "A link reference defined twice: the first is used."),
    Code("image.no-alt", "error", "An image without alt text."),
    Code("image.unusable", "error", "An image whose file is missing, outside the project or not an image."),
    Code("heading.skipped-level", "warning", "A heading more than one level below the one before."),
    Code("note.undefined", "error", "A note called (`[^x]`) but never defined."),
    Code("note.unused", "warning", "A note defined but never called."),
    Code("note.duplicate", "warning", "A note defined twice: the first is used."),
    Code("note.table", "warning", "A table inside a footnote: the PDF prints its rows as text."),
    Code("math.unreadable", "warning", "A formula that cannot be read as TeX math: its TeX source is shown."),
    Code("raw.latex.dropped", "warning", "Raw LaTeX with no meaning outside LaTeX: left out."),
    Code("raw.dropped", "warning", "Raw content of another format (not HTML or LaTeX): left out."),
    Code("raw.html.removed", "warning", "Raw HTML, or an attribute of it, removed because it could run code or load "
                                        "something."),
    Code("raw.html.presentational", "warning", "Raw HTML's presentational attributes dropped: the house style sets "
                                               "them."),
    Code("quarto.cell-not-run", "warning", "A Quarto or R Markdown code cell: the build runs no code, so its code is "
                                           "shown."),
    Code("quarto.shortcode-dropped", "warning", "A Quarto shortcode with no meaning here: left out."),
    Code("kramdown.attribute-list", "warning", "A kramdown attribute list (`{: #id .class}`, `{:toc}` under its "
                                               "placeholder list), which only Jekyll reads: left out."),
    Code("attribute.unsafe", "warning", "An attribute that could run code or load something: left out."),
    Code("attribute.unused", "warning", "A harmless attribute no edition uses (another tool's, such as Quarto's "
                                        "`collapse`): left out."),
    Code("div.unknown-class", "warning", "A fenced div of a class the house style does not draw: its text is shown "
                                         "plainly."),
    Code("brand.unreadable", "error", "The brand file (`_brand.yml`, or `brand:` in series.yaml) is missing or not "
                                      "readable as YAML."),
    Code("brand.file-missing", "error", "A logo or font file the brand names is not there."),
    Code("brand.invalid", "warning", "A brand value the editions cannot use (a colour not #rrggbb, a font not a "
                                     "file): the house style's stands."),
    Code("brand.unknown-key", "warning", "A key brand.yml does not have (a typo): left out."),
    Code("brand.contrast", "warning", "A brand colour the editions set text in stands out from the background less "
                                      "than WCAG AA asks of text (4.5:1)."),
    Code("translation.incomplete", "warning", "A note, citation, cross-reference or label of the original that a "
                                              "translation lacks."),
    Code("translation.same-language", "error", "A translation into the original's own language (its file name's "
                                               "tag or its `lang`)."),
)

BY_CODE = {code.name: code for code in CODES}


def severity_of(name):
    return BY_CODE[name].severity


def warning_codes():
    return [code.name for code in CODES if code.severity == "warning"]
