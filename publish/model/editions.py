"""The table of editions: every artifact the pipeline makes of a publication unit, declared once.

Each entry is one doit task (`doit html`, `doit pdf:<slug>`) and the files it writes in
build/<slug>/. The task graph, `doit dist`, `doit site`, the editions' links to each other,
`doit verify`, the warm preview and the README's list of tasks are derived from this table:
adding an edition is an entry here and a renderer (plus its templates and tests).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Artifact:
    kind: str  # its name in the table and in the code: "pdf", "pdfa", "ris"
    suffix: str  # between the slug and the language in its file name: "" or "-pdfa"
    extension: str
    media_type: str
    label: str  # what a reader sees in a link to it: "PDF", "BibTeX" (English; the catalogues translate)
    note: str = ""  # what the web edition's link says it is for: "for print"

    def file_name(self, slug, lang=""):
        """<slug><suffix>[.<lang>].<extension>: brief.pdf, brief-pdfa.pdf, brief.fa.html."""
        return f"{slug}{self.suffix}{f'.{lang}' if lang else ''}.{self.extension}"


@dataclass(frozen=True)
class Edition:
    task: str  # doit's name for it: `doit <task>`, `doit <task>:<unit>`
    about: str  # what its task does, in a few words (`doit list` and the README add the files)
    artifacts: tuple  # the Artifacts its task writes
    renderer: str  # "module:function" its task runs, given the unit and `arguments`
    arguments: tuple = ()
    templates: tuple = ()  # the Jinja templates it renders (what they include is found by the task graph)
    stylesheet: str | None = None  # its style sheet in styles/
    masthead: str | None = None  # the style sheet in styles/ it adds to it when the project has a brand
    # the parse's outputs it reads (publish.paths.Publication); "markdown": of the sources, the Markdown only
    reads: tuple = ("document", "metadata")
    house_style: bool = True  # reads the house style, its fonts and the label catalogues
    paged: bool = False  # set on pages of a size (the front matter's papersize)
    needs: tuple = ()  # the shared tasks whose outputs it reads as well (docx_reference)
    default: bool = True  # built by plain `doit`; else on request, and kept fresh by `doit` once built
    released: bool = True  # a release bundle (doit dist) carries it
    linked: str = ""  # how the web edition and the site link to it: "edition", "citation", or not at all
    web_page: bool = False  # the publication's page on the web: it links to the others; `doit serve` rebuilds it first
    # `doit serve` rebuilds it right after the web page, before the other editions and the site: what an author
    # checks after the page (the EPUB took as long as the PDF, and built beside it, kept it waiting)
    previewed: bool = False

    @property
    def module(self):
        return self.renderer.split(":")[0]

    @property
    def files(self):
        """Its files for a reader: 'build/<slug>/<slug>.ris, .bib, .json'."""
        first, *others = self.artifacts
        return ", ".join([f"build/<slug>/{first.file_name('<slug>')}",
                          *(f".{artifact.extension}" if artifact.suffix == first.suffix else artifact.file_name("<slug>")
                            for artifact in others)])

    @property
    def doc(self):
        """Its line in `doit list`."""
        return f"{self.about}: {self.files}."

    @property
    def reads_document(self):
        return "document" in self.reads


PDF_MEDIA = "application/pdf"
DOCX_MEDIA = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

EDITIONS = (
    Edition("html", "Build the HTML edition, one self-contained page",
            (Artifact("html", "", "html", "text/html", "HTML"),),
            "publish.editions.html:build_html", templates=("web.html.j2",), stylesheet="web.css",
            masthead="masthead-web.css", linked="edition", web_page=True),
    Edition("pdf", "Build the PDF edition (tagged PDF/UA-1) with WeasyPrint",
            (Artifact("pdf", "", "pdf", PDF_MEDIA, "PDF", "for print"),),
            "publish.editions.pdf:build_pdf", ("pdf",), templates=("print.html.j2",), stylesheet="print.css",
            masthead="masthead-print.css", paged=True, linked="edition", previewed=True),
    Edition("pdfa", "Build the archival PDF/A-3a, carrying its Markdown and bibliography",
            (Artifact("pdfa", "-pdfa", "pdf", PDF_MEDIA, "PDF/A"),),
            "publish.editions.pdf:build_pdf", ("pdfa",), templates=("print.html.j2",), stylesheet="print.css",
            masthead="masthead-print.css", reads=("document", "metadata", "sources"), paged=True, default=False),
    Edition("press", "Build the printer's PDF with 3 mm bleed and crop marks outside it",
            (Artifact("press", "-press", "pdf", PDF_MEDIA, "PDF for the printer"),),
            "publish.editions.pdf:build_pdf", ("press",), templates=("print.html.j2",), stylesheet="print.css",
            masthead="masthead-print.css", paged=True, default=False, released=False),
    Edition("docx", "Build the DOCX edition with pandoc",
            (Artifact("docx", "", "docx", DOCX_MEDIA, "DOCX", "for Word and LibreOffice"),),
            "publish.editions.docx:build_docx", templates=("partials/colophon.html.j2",), needs=("docx_reference",),
            reads=("document", "metadata", "markdown"), paged=True, linked="edition", previewed=True),
    Edition("epub", "Build the EPUB 3 edition for e-readers with pandoc",
            (Artifact("epub", "", "epub", "application/epub+zip", "EPUB", "for e-readers"),),
            "publish.editions.epub:build_epub",
            templates=("epub/title-page.html.j2", "epub/cover.html.j2", "epub/cover-page.html.j2", "epub/book.css.j2",
                       "partials/colophon.html.j2"),
            linked="edition"),
    Edition("cite", "Write the publication's own citation as RIS, BibTeX and CSL-JSON",
            (Artifact("ris", "", "ris", "application/x-research-info-systems", "RIS"),
             Artifact("bib", "", "bib", "application/x-bibtex", "BibTeX"),
             Artifact("json", "", "json", "application/vnd.citationstyles.csl+json", "CSL-JSON")),
            "publish.editions.citation_files:build_citation_files", reads=("metadata",), house_style=False,
            linked="citation"),
)

BY_TASK = {edition.task: edition for edition in EDITIONS}
ARTIFACTS = {artifact.kind: artifact for edition in EDITIONS for artifact in edition.artifacts}
EDITION_OF = {artifact.kind: edition for edition in EDITIONS for artifact in edition.artifacts}


def artifacts(*, default=None, released=None, linked=None):
    """The Artifacts of the editions that are built by default, released or linked as asked (None: any)."""
    return [artifact for edition in EDITIONS for artifact in edition.artifacts
            if (default is None or edition.default == default) and (released is None or edition.released == released)
            and (linked is None or edition.linked == linked)]


def downloads():
    """The Artifacts the web page offers for download as other editions of the publication (not itself)."""
    return [artifact for edition in EDITIONS if edition.linked == "edition" and not edition.web_page
            for artifact in edition.artifacts]
