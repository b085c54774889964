"""The author's pre-flight: every check `doit check` runs, and that guards the build.

The checks work on the one read of a unit (publish.source.read): what is a
citation, a link, a note or a heading comes from pandoc's parse, and the source
map says where it stands. Each finding is one line, `path:line:col: severity:
message`, the form editors and CI annotators understand. Errors stop the build;
warnings do not (unless `doit check --strict`).

Checking is also deciding: the validated metadata, the citation styles, the
bibliographies and the image files are resolved here once, and the parse stage
builds on these decisions (`Checked`) instead of resolving them again.
"""

import difflib
import re
from dataclasses import dataclass, field

from publish.document import iterate, stringify
from publish.errors import PublishError
from publish.findings import Finding, plural
from publish.house_style import box_kinds, load_house_style
from publish.labels import has_catalogue
from publish.paths import SLUG_FORM, Publication
from publish.source import crossrefs
from publish.source.bibliography import (
    Bibliography,
    bibliography_paths,
    load_bibliography,
    load_csl_yaml,
)
from publish.source.crossrefs import is_crossref
from publish.source.images import image_file, pdf_as_png
from publish.source.links import link_kind
from publish.source.metadata import (
    DATE_WORDS,
    metadata_from,
    problems,
    resolved_date,
    series_findings,
    split_front_matter,
    text_list,
)
from publish.source.raw_content import attributes_of, unsafe_attributes
from publish.source.read import read_source
from publish.source.styles import missing_style_file_stand_in, resolve_csl

# Keys the pipeline reads, and pandoc's own that it passes on.
KNOWN_KEYS = {
    "title", "subtitle", "short-title", "author", "date", "lang", "keywords", "description", "publisher",
    "series", "papersize", "csl", "bibliography", "reference-section-title", "license", "url", "doi",
    "how-to-cite-styles", "abstract", "nocite", "link-citations", "link-bibliography", "suppress-bibliography",
    "notes-after-punctuation", "citation-abbreviations", "release-requires-strict-check", "html-content-security-policy",
    "references", "abstract-title", "authors", "affiliations", "dir", "translator", "site-url",
}
UNDEFINED_NOTE = re.compile(r"\[\^([^\]\s]+)\]")
# pandoc's own warnings about the parse that an author should see, with what to do.
PANDOC_WARNINGS = {
    "NoteDefinedButNotUsed": lambda message: f"note '[^{message['key']}]' is defined but never called",
    "DuplicateNoteReference": lambda message: f"note '[^{message['contents']}]' is defined twice: the first "
                                              "definition is used; rename or remove the other",
    "DuplicateLinkReference": lambda message: f"link reference {message['contents']} is defined twice: the first "
                                              "definition is used; rename or remove the other",
}


@dataclass
class Checked:
    """What the checks found in a unit, and what they decided for the parse stage."""

    findings: list = field(default_factory=list)
    metadata: dict | None = None  # validated, when the front matter has no error
    csl: object = None  # the house citation style's file
    other_styles: list = field(default_factory=list)  # files of the how-to-cite styles
    bibliographies: list = field(default_factory=list)  # Bibliography objects, the front matter's own first
    images: dict = field(default_factory=dict)  # image address -> file

    @property
    def errors(self):
        return [finding for finding in self.findings if finding.severity == "error"]

    @property
    def references(self):
        return [item for bibliography in self.bibliographies for item in bibliography.items]


def finding_from(error, severity="error"):
    return Finding(str(error.path or ""), error.line or 1, error.column or 1, severity, error.message)


class Report:
    """Findings at places in the unit's own file."""

    def __init__(self, source):
        self.source = source
        self.findings = []

    def at(self, element, severity, message, default=(1, 1)):
        place = self.source.places.place(element)
        line, column = (place.line, place.column) if place else default
        self.findings.append(Finding(str(self.source.index), line, column, severity, message))

    def at_offset(self, offset, severity, message):
        place = self.source.places.place_of_offset(offset)
        self.findings.append(Finding(str(self.source.index), place.line, place.column, severity, message))

    def at_key(self, key, severity, message):
        """A finding at the line where `key` is set (in the front matter or the series settings)."""
        path, line = self.source.settings.where(key)
        self.findings.append(Finding(str(path), line, 1, severity, message))


def elements(document, *kinds):
    """Every element of the given kinds in the document's body, in reading order."""
    return [element for element in iterate(document["blocks"]) if element["t"] in kinds]


def front_matter_findings(source, report):
    settings = source.settings
    report.findings += [finding_from(problem) for problem in problems(settings.merged, settings.where)]
    for key in settings.front_matter:
        if key not in KNOWN_KEYS:
            report.at_key(key, "warning", f"unknown key '{key}' in the front matter: no edition uses it")
    date = str(settings.merged.get("date"))
    if date in DATE_WORDS and (resolved := resolved_date(source.unit))[1] == "file":
        report.at_key("date", "warning", f"date '{date}' is the day of the last commit of {source.unit.folder.as_posix()}/, "
                      f"which has none yet: the editions say {resolved[0]}, the file's last change, until it is committed")


def style_findings(source, report, checked):
    settings = source.settings
    names = [("csl", settings.merged.get("csl"))]
    try:
        names += [("how-to-cite-styles", name)
                  for name in text_list(settings.merged.get("how-to-cite-styles", ["apa", "harvard-cite-them-right"]),
                                        "how-to-cite-styles", settings.where)]
    except PublishError as error:
        report.findings.append(finding_from(error))
    for key, name in names:
        try:
            path = resolve_csl(str(name or ""), source.unit, None)
        except PublishError as error:
            path = missing_style_file_stand_in(str(name or ""), source.unit)
            if path is None:
                report.at_key(key, "error", error.message)
                continue
            report.at_key(key, "warning", f"{error.message}: the bundled style '{path.stem}' of that name stands in")
        if key == "csl":
            checked.csl = path
        elif path != checked.csl and path not in checked.other_styles:  # each style once in How to cite
            checked.other_styles.append(path)


def bibliography_findings(source, report, checked):
    settings = source.settings
    if "references" in settings.front_matter:  # entries written in the front matter itself
        own = Bibliography(source.index, "CSL-YAML")
        checked.bibliographies.append(load_csl_yaml(own, split_front_matter(source.text, source.index), first_line=2))
    try:
        names = text_list(settings.merged.get("bibliography"), "bibliography", settings.where)
        for path in bibliography_paths(names, source.unit, None):
            checked.bibliographies.append(load_bibliography(path))
    except PublishError as error:
        report.at_key("bibliography", "error", error.message)
        checked.bibliographies.append(Bibliography(error.path, "", read=False))
    first = {}
    for bibliography in checked.bibliographies:
        report.findings += bibliography.findings
        for entry in bibliography.entries:
            earlier = first.setdefault(entry.key, entry)
            if earlier.path != entry.path:
                report.findings.append(Finding(str(entry.path), entry.line, entry.column, "error",
                                               f"duplicate key '{entry.key}' (first in {earlier.path.name} at line "
                                               f"{earlier.line}): give each entry its own id"))


def cited_keys(document):
    """{key: [citation, ...]} of every citation in the body, and whether the front matter's
    `nocite` cites everything ('@*')."""
    cited = {}
    for cite in elements(document, "Cite"):
        for citation in cite["c"][0]:
            if not is_crossref(citation["citationId"]):
                cited.setdefault(citation["citationId"], []).append(citation)
    nocite = {citation["citationId"] for element in iterate(document.get("meta", {}).get("nocite", {}))
              if element["t"] == "Cite" for citation in element["c"][0]}
    return cited, nocite


def citation_findings(source, report, checked):
    """Unknown keys are errors (with the closest key), unless a bibliography could not be read (its
    own error says why, and its keys are unknown); entries never cited are warnings."""
    cited, nocite = cited_keys(source.document)
    entries = [entry for bibliography in checked.bibliographies for entry in bibliography.entries]
    keys = {entry.key for entry in entries}
    all_read = all(bibliography.read for bibliography in checked.bibliographies)
    for key, citations in sorted(cited.items()):
        if key in keys or not all_read:
            continue
        close = difflib.get_close_matches(key, sorted(keys), n=1)
        hint = f"; did you mean '{close[0]}'?" if close else "; add it to the bibliography"
        for citation in citations:
            report.at(citation, "error", f"citation key '{key}' is not in the bibliography{hint}")
    if "*" not in nocite:
        report.findings += [Finding(str(entry.path), entry.line, entry.column, "warning",
                                    f"bibliography entry '{entry.key}' is never cited")
                            for entry in entries if entry.key not in cited and entry.key not in nocite]


def crossref_findings(source, report):
    """A reference to a label nothing carries, or to a figure or table without a caption (so without
    a number), is an error (a warning when the label is a Quarto cell's, whose output is not made
    here); so is a label given twice."""
    defined = crossrefs.definitions(source.document)
    first = {}
    for label, kind, element in defined:
        if label in first:
            line = source.places.place(first[label], default=None)
            where = f" (first at line {line.line})" if line else ""
            report.at(element, "error", f"the label '{label}' is given twice{where}: give each its own")
        first.setdefault(label, element)
    numbered = crossrefs.number_targets(source.document)
    for _, citation in crossrefs.references(source.document):
        key = citation["citationId"]
        label = crossrefs.label_of(key)
        if label in numbered:
            continue
        if label in first:
            report.at(citation, "error", f"'@{key}' points to a {crossrefs.KINDS[crossrefs.kind_of(label)].lower()} without a "
                                         "caption, which has no number: give it a caption")
            continue
        if label in source.settled.cell_labels:
            report.at(citation, "warning", f"cross-reference '@{key}' points to the output of a code cell, which is not "
                                           f"made here: the editions show '@{key}' as written")
            continue
        close = difflib.get_close_matches(label, sorted(first), n=1)
        hint = f"; did you mean '@{close[0]}'?" if close else f"; label the target with {{#{label}}}"
        report.at(citation, "error", f"cross-reference '@{key}' points to no figure, table, section or equation "
                                     f"labelled '{label}'{hint}")


def math_findings(source, report):
    """A formula that cannot be read as TeX math is shown as its TeX source: a warning, never a crash."""
    from latex2mathml.converter import convert

    for formula in elements(source.document, "Math"):
        tex = formula["c"][1]
        try:
            convert(tex)
        except Exception as error:  # latex2mathml raises its own error types, one per fault
            kind = type(error).__name__.removesuffix("Error").replace("NoAvailableTokens", "UnexpectedEnd")
            report.at(formula, "warning", f"the formula '{shorten(tex)}' cannot be read as TeX math ({kind}): "
                                          "the editions show its TeX source; check its braces and environments")


def shorten(text, size=40):
    return text if len(text) <= size else text[:size - 1] + "…"


def document_anchors(document):
    """Every id in the parsed document: headings, divs, spans and the rest."""
    anchors = set()
    for element in iterate(document["blocks"]):
        if attributes := attributes_of(element):
            anchors.add(attributes[0])
    return anchors - {""}


def written_text(source, element):
    """What the author wrote between a link's or image's brackets, as written."""
    offset, text = source.places.offset(element), source.text
    if offset is None or not text.startswith(("[", "!["), offset):  # not written in Markdown: raw HTML, say
        return stringify(element["c"][1])
    start = text.index("[", offset) + 1
    depth, position = 1, start
    while position < len(text) and depth:
        depth += {"[": 1, "]": -1}.get(text[position], 0)
        position += 1
    return text[start:position - 1]


def link_findings(source, report):
    anchors = document_anchors(source.document)
    for link in elements(source.document, "Link"):
        target = link["c"][2][0]
        kind = link_kind(target)
        text = written_text(source, link)
        label = f"'{text}'" if text else "a link"
        if kind == "placeholder":
            report.at(link, "warning", f"unresolved link: {label} has no address; the editions show it as plain text")
        elif kind == "anchor" and target[1:] not in anchors:
            report.at(link, "error", f"link {label} points to '{target}', which is no heading or anchor in this document")
        elif kind == "unsafe":
            report.at(link, "error", f"link {label} has a malformed or unsafe address '{target}': use https://… or mailto:…")
        elif kind == "local":
            report.at(link, "warning", f"link {label} points to the local file '{target}'; the editions show it as plain text")


def image_findings(source, report, checked):
    for image in elements(source.document, "Image"):
        target = image["c"][2][0]
        if not stringify(image["c"][1]).strip():
            report.at(image, "error", f"image '{target}' has no alt text: describe it between the brackets, ![like this](…)")
        try:
            checked.images[target] = image_file(source.unit, target)
            if checked.images[target].suffix.lower() == ".pdf":
                pdf_as_png(checked.images[target])  # drawn once here, cached for the parse
        except PublishError as error:
            report.at(image, "error", error.message)


def heading_findings(source, report):
    previous = 0
    for heading in elements(source.document, "Header"):
        level = heading["c"][0]
        if previous and level > previous + 1:
            report.at(heading, "warning", f"heading level {level} follows level {previous}: a level is skipped")
        previous = level


def note_findings(source, report):
    """Calls of notes never defined (pandoc leaves them as text) and pandoc's own warnings."""
    for word in elements(source.document, "Str"):
        for match in UNDEFINED_NOTE.finditer(word["c"]):
            offset = source.places.offset(word)
            message = f"note '[^{match.group(1)}]' is called but never defined"
            if offset is None:
                report.at(word, "error", message)
                continue
            call = source.text.find(match.group(0), offset)
            if call > 0 and source.text[call - 1] == "\\":  # written \[^x]: brackets, not a call
                continue
            report.at_offset(call if call >= 0 else offset, "error", message)
    for message in source.log:
        describe = PANDOC_WARNINGS.get(message.get("type"))
        if describe and message.get("line"):
            report.findings.append(Finding(str(source.index), message["line"], message.get("column", 1), "warning",
                                           describe(message)))


def raw_content_findings(source, report):
    """What settling the raw content removed or dropped (publish.source.raw_content): warnings, at their places."""
    for offset, message in source.settled.findings:
        report.at_offset(offset, "warning", message)


def note_findings_for_print(source, report):
    """A table in a footnote: the PDF's notes are set at the foot of the page as running text, where a
    table cannot stand, so its rows are printed as lines of text there (the DOCX and the web keep it)."""
    for note in elements(source.document, "Note"):
        if any(element["t"] == "Table" for element in iterate(note["c"])):
            report.at(note, "warning", "a footnote holds a table: the PDF prints its rows as lines of text in the note "
                                       "(the DOCX and the web page keep the table)")


def attribute_findings(source, report):
    for element in iterate(source.document["blocks"]):
        for key in unsafe_attributes(element):
            report.at(element, "warning", f"the attribute '{key}' on this {element['t'].lower()} could run code or load "
                                          "something in a browser: the editions leave it out")


# Classes a fenced div may carry that are not boxes and need no warning: pandoc's and the pipeline's own.
QUIET_CLASSES = {"refs", "unnumbered", "unlisted", "pull-quote", "callout", "hidden", "column", "columns", "notes",
                 "page-break"}


def div_findings(source, report):
    """A fenced div whose classes the house style does not know is shown as plain text: a warning."""
    kinds = box_kinds(load_house_style())
    for element in elements(source.document, "Div"):
        names = element["c"][0][1]
        unknown = [name for name in names if name not in kinds and name not in QUIET_CLASSES]
        if names and unknown and not any(name in kinds for name in names):
            known = ", ".join(sorted(kinds)) + ", pull-quote"
            report.at(element, "warning", f"the fenced div class '{unknown[0]}' is not one the house style draws: its "
                                          f"text is shown plainly (the classes it knows: {known})")


def folder_findings(publication):
    """A publication's folder needs an index.md and a name that can be its slug, unique in source/."""
    folder = publication.folder
    if not publication.index.is_file():
        return [Finding(str(publication.index), 1, 1, "error",
                        f"{folder}/ has no {publication.index.name}: add one, or move the folder out of source/")]
    if not SLUG_FORM.match(publication.slug):
        return [Finding(str(publication.index), 1, 1, "error", f"the folder name '{publication.slug}' is the slug of "
                        "the editions' file names: use lower-case letters, digits and hyphens only")]
    twins = sorted(other.name for other in folder.parent.iterdir()
                   if other.is_dir() and other.name != publication.slug and other.name.lower() == publication.slug.lower())
    if twins:
        return [Finding(str(publication.index), 1, 1, "error",
                        f"{folder}/ and source/{twins[0]}/ would share the slug '{publication.slug.lower()}': rename one")]
    return []


def language_findings(source, report):
    """A language without a catalogue of labels; and, for a translation, what the original has that it
    lacks (a note, a citation, a figure's or table's label), so a translator sees what was missed."""
    lang = str(source.settings.merged.get("lang") or "")
    if lang and not has_catalogue(lang):
        report.at_key("lang", "warning", f"no catalogue of labels for '{lang}' (locale/{lang.split('-')[0]}.po): "
                      "the words the editions add (Bibliography, Figure, ...) are in English")
    if not source.unit.lang or not Publication(source.unit.slug).index.is_file():
        return
    try:
        original = read_source(Publication(source.unit.slug))
    except PublishError:
        return  # the original's own check says what is wrong with it
    name = Publication(source.unit.slug).index.as_posix()
    ours, theirs = elements(source.document, "Note"), elements(original.document, "Note")
    for number in range(len(ours) + 1, len(theirs) + 1):
        report.at_key("lang", "warning", f"note {number} of the original ({name}) has no counterpart in this translation")
    cited = {c["citationId"] for cite in elements(source.document, "Cite") for c in cite["c"][0]}
    for key in sorted({c["citationId"] for cite in elements(original.document, "Cite") for c in cite["c"][0]} - cited):
        report.at_key("lang", "warning", f"the original ({name}) cites '{key}', which this translation does not")
    labels = {label for label, _, _ in crossrefs.definitions(source.document)}
    for label in sorted({label for label, _, _ in crossrefs.definitions(original.document)} - labels):
        report.at_key("lang", "warning", f"the original ({name}) has the label '{label}', which this translation does not")


def check_source(source):
    """Every finding for one read unit, and the decisions the parse builds on."""
    checked, report = Checked(), Report(source)
    front_matter_findings(source, report)
    if not any(f.severity == "error" for f in report.findings):
        try:
            checked.metadata = metadata_from(source.settings, source.unit)
        except PublishError as error:
            report.findings.append(finding_from(error))
    style_findings(source, report, checked)
    bibliography_findings(source, report, checked)
    citation_findings(source, report, checked)
    crossref_findings(source, report)
    math_findings(source, report)
    raw_content_findings(source, report)
    note_findings_for_print(source, report)
    attribute_findings(source, report)
    div_findings(source, report)
    link_findings(source, report)
    image_findings(source, report, checked)
    heading_findings(source, report)
    note_findings(source, report)
    language_findings(source, report)
    checked.findings = sorted(set(report.findings))
    return checked


def check_unit(publication):
    """(Source or None, Checked) for a unit: its folder, then its one read, then everything else."""
    problems_with_folder = folder_findings(publication)
    if problems_with_folder:
        return None, Checked(problems_with_folder)
    try:
        source = read_source(publication)
    except PublishError as error:
        return None, Checked([finding_from(error)])
    return source, check_source(source)


def check_publication(publication):
    """All findings for one unit, in file and line order."""
    return check_unit(publication)[1].findings


def run_checks(publications, strict=False):
    """`doit check`: print every finding; fail on errors, or on warnings too when strict."""
    findings = series_findings() + [finding for unit in publications for finding in check_publication(unit)]
    for finding in findings:
        print(finding)
    errors = sum(finding.severity == "error" for finding in findings)
    warnings = len(findings) - errors
    summary = f"{plural(errors, 'error')}, {plural(warnings, 'warning')} in {plural(len(publications), 'publication')}"
    print(summary)
    if errors or (strict and warnings):
        raise PublishError(f"pre-flight failed{' (--strict fails on warnings)' if strict and not errors else ''}: {summary}")


class ChecksFailed(PublishError):
    """The errors that stop the build, one finding a line, as `doit check` prints them."""

    def __init__(self, findings):
        self.findings = [f for f in findings if f.severity == "error"]
        super().__init__("\n".join(str(f) for f in self.findings))

    def __str__(self):
        return self.message
