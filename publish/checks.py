"""The author's pre-flight: every check `doit check` runs, and that guards the build.

Each finding is one line, `path:line:col: severity: message`, the form editors
and CI annotators understand. Errors stop the build; warnings do not (unless
`doit check --strict`).
"""

import difflib
import json
import re
from urllib.parse import urlsplit

from publish.citations import resolve_bibliographies, resolve_csl
from publish.csl_json import bibliography_findings
from publish.document import walk
from publish.errors import PublishError
from publish.findings import Finding, plural
from publish.images import image_file
from publish.markdown_scan import scan
from publish.metadata import problems, read_settings, read_text, text_list
from publish.pandoc import run_pandoc

# Keys the pipeline reads, and pandoc's own that it passes on.
KNOWN_KEYS = {
    "title", "subtitle", "short-title", "author", "date", "lang", "keywords", "description", "publisher",
    "series", "papersize", "csl", "bibliography", "reference-section-title", "license", "url", "doi",
    "how-to-cite-styles", "abstract", "nocite", "link-citations", "link-bibliography", "suppress-bibliography",
    "notes-after-punctuation", "citation-abbreviations", "release-requires-strict-check", "html-content-security-policy",
}
WEB_SCHEMES = ("http", "https")
SLUG_FORM = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# Raw HTML an author may write: inline marks that load nothing and run nothing.
ALLOWED_RAW_TAGS = {"br", "wbr", "sup", "sub", "span", "abbr", "small", "mark", "u", "s", "cite", "q", "kbd", "var"}
ALLOWED_RAW_ATTRIBUTES = {"class", "title", "lang", "dir", "id"}
RAW_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)((?:\s[^<>]*?)?)\s*/?>", re.DOTALL)
RAW_TAG_ANYWHERE = re.compile(r"<!--.*?-->|<(?:/?)[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*?)?\s*/?>", re.DOTALL)
RAW_ATTRIBUTE = re.compile(r"([^\s=/>\"']+)(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'>]+))?")


def finding_from(error, severity="error"):
    return Finding(str(error.path or ""), error.line or 1, error.column or 1, severity, error.message)


def finding_at(settings, key, message, severity="error"):
    """A finding at the line where `key` is set (in the front matter or the series settings)."""
    path, line = settings.where(key)
    return Finding(str(path), line, 1, severity, message)


def front_matter_findings(settings):
    findings = [finding_from(problem) for problem in problems(settings.merged, settings.where)]
    for key in settings.front_matter:
        if key not in KNOWN_KEYS:
            findings.append(finding_at(settings, key, f"unknown key '{key}' in the front matter: no edition uses it", "warning"))
    return findings


def cited_keys(document):
    """The citation keys pandoc found in the document (not in code, raw HTML or e-mail addresses)."""
    keys = set()

    def collect(element):
        if element["t"] == "Cite":
            keys.update(citation["citationId"] for citation in element["c"][0])
        return None

    walk(document["blocks"], collect)
    return keys


def citation_findings(marks, cited, entries, index, cited_everything):
    """Unknown keys are errors (with the closest key); entries never cited are warnings.
    `cited` comes from pandoc's parse; the scan's marks give the places."""
    findings = []
    keys = {entry.key for entry in entries}
    places = {}
    for mark in marks:
        if mark.kind == "citation":
            places.setdefault(mark.value, []).append((mark.line, mark.column))
    for key in sorted(cited - keys):
        close = difflib.get_close_matches(key, sorted(keys), n=1)
        hint = f"; did you mean '{close[0]}'?" if close else "; add it to the bibliography"
        for line, column in places.get(key, [(1, 1)]):
            findings.append(Finding(str(index), line, column, "error", f"citation key '{key}' is not in the bibliography{hint}"))
    if not cited_everything:
        findings += [Finding(str(entry.path), entry.line, entry.column, "warning",
                             f"bibliography entry '{entry.key}' is never cited")
                     for entry in entries if entry.key not in cited]
    return findings


def link_finding(mark, index, anchors):
    target = mark.value
    text = f"'{mark.text}'" if mark.text else "a link"
    if target in ("", "#"):
        return Finding(str(index), mark.line, mark.column, "warning",
                       f"unresolved link: {text} has no address; the editions show it as plain text")
    if target.startswith("#"):
        if target[1:] in anchors:
            return None
        return Finding(str(index), mark.line, mark.column, "error",
                       f"link {text} points to '{target}', which is no heading or anchor in this document")
    parts = urlsplit(target)
    if parts.scheme in WEB_SCHEMES and parts.netloc and "." in parts.netloc:
        return None
    if parts.scheme == "mailto" and "@" in parts.path:
        return None
    if parts.scheme or parts.netloc or target.startswith("//"):
        return Finding(str(index), mark.line, mark.column, "error",
                       f"link {text} has a malformed or unsafe address '{target}': use https://… or mailto:…")
    return Finding(str(index), mark.line, mark.column, "warning",
                   f"link {text} points to the local file '{target}'; the editions show it as plain text")


def image_findings(marks, publication):
    findings = []
    for mark in (m for m in marks if m.kind == "image"):
        if not mark.text.strip():
            findings.append(Finding(str(publication.index), mark.line, mark.column, "error",
                                    f"image '{mark.value}' has no alt text: describe it between the brackets, ![like this](…)"))
        try:
            image_file(publication, mark.value)
        except PublishError as error:
            findings.append(Finding(str(publication.index), mark.line, mark.column, "error", error.message))
    return findings


def heading_findings(marks, index):
    findings, previous = [], 0
    for mark in (m for m in marks if m.kind == "heading"):
        level = int(mark.value)
        if previous and level > previous + 1:
            findings.append(Finding(str(index), mark.line, mark.column, "warning",
                                    f"heading level {level} follows level {previous}: a level is skipped"))
        previous = level
    return findings


def footnote_findings(marks, index):
    references = [m for m in marks if m.kind == "note-reference"]
    definitions = [m for m in marks if m.kind == "note-definition"]
    defined = {m.value for m in definitions}
    used = {m.value for m in references}
    findings = [Finding(str(index), m.line, m.column, "error", f"note '[^{m.value}]' is called but never defined")
                for m in references if m.value not in defined]
    findings += [Finding(str(index), m.line, m.column, "warning", f"note '[^{m.value}]' is defined but never called")
                 for m in definitions if m.value not in used]
    return findings


ATTRIBUTE_FIRST = ("Div", "Span", "Code", "CodeBlock", "Image", "Link", "Table", "Figure")


def document_anchors(document):
    """Every id in the parsed document: headings, divs, spans and the rest."""
    anchors = set()

    def collect(element):
        if element["t"] == "Header":
            anchors.add(element["c"][1][0])
        elif element["t"] in ATTRIBUTE_FIRST:
            anchors.add(element["c"][0][0])
        return None

    walk(document["blocks"], collect)
    return anchors - {""}


def parsed_document(publication):
    """The document as pandoc reads it, without citations resolved (they may be wrong)."""
    output = run_pandoc(["--from=markdown", "--to=json", publication.index], context=publication.index)
    return json.loads(output)


def position_of(text, needle):
    """(line, column) of the first `needle` in `text`, or (1, 1)."""
    at = text.find(needle)
    if at < 0:
        return 1, 1
    return text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)


def raw_html_problem(tag):
    """What is wrong with one raw HTML tag, or None when it is in the allowed set."""
    match = RAW_TAG.fullmatch(tag)
    name = match.group(2).lower()
    if name not in ALLOWED_RAW_TAGS:
        hint = "put the image beside index.md and write ![alt](file)" if name == "img" else \
            "write it in Markdown; raw HTML may only mark text (<sup>, <span>, <abbr>, ...)"
        return f"raw HTML <{name}> is not allowed: {hint}"
    for attribute in RAW_ATTRIBUTE.findall(match.group(3)):
        if attribute.lower() not in ALLOWED_RAW_ATTRIBUTES:
            return f"raw HTML attribute '{attribute}' on <{name}> is not allowed (only {', '.join(sorted(ALLOWED_RAW_ATTRIBUTES))})"
    return None


def raw_content_findings(document, text, index):
    """Raw HTML beyond a small inline set, and raw content for other formats, are errors:
    they could load, run or leak something, or show differently in each edition."""
    findings = []

    def inspect(element):
        if element["t"] not in ("RawInline", "RawBlock"):
            return None
        kind, content = element["c"]
        if kind != "html":
            line, column = position_of(text, f"{{={kind}}}")
            findings.append(Finding(str(index), line, column, "error",
                                    f"raw {kind} content is not allowed: write it in Markdown"))
            return None
        for tag in RAW_TAG_ANYWHERE.findall(content):
            problem = raw_html_problem(tag) if not tag.startswith(("<!--", "</")) else None
            if problem:
                line, column = position_of(text, tag)
                findings.append(Finding(str(index), line, column, "error", problem))
        return None

    walk(document["blocks"], inspect)
    return findings


def folder_findings(publication):
    """A publication's folder needs an index.md and a name that can be its slug, unique in source/."""
    folder = publication.folder
    if not publication.index.is_file():
        return [Finding(str(publication.index), 1, 1, "error",
                        f"{folder}/ has no index.md: add one, or move the folder out of source/")]
    if not SLUG_FORM.match(publication.slug):
        return [Finding(str(publication.index), 1, 1, "error", f"the folder name '{publication.slug}' is the slug of "
                        "the editions' file names: use lower-case letters, digits and hyphens only")]
    twins = [other.name for other in folder.parent.iterdir()
             if other.is_dir() and other.name != publication.slug and other.name.lower() == publication.slug.lower()]
    if twins:
        return [Finding(str(publication.index), 1, 1, "error",
                        f"{folder}/ and source/{twins[0]}/ would share the slug '{publication.slug.lower()}': rename one")]
    return []


def nocite_everything(settings):
    return "@*" in str(settings.merged.get("nocite", ""))


def check_publication(publication):
    """All findings for one publication, in file and line order."""
    problems_with_folder = folder_findings(publication)
    if problems_with_folder:
        return problems_with_folder
    try:
        settings = read_settings(publication)
    except PublishError as error:
        return [finding_from(error)]
    findings = front_matter_findings(settings)
    text = read_text(publication.index)
    marks = scan(text)
    index = publication.index
    entries = []
    styles = [("csl", settings.merged.get("csl"))]
    styles += [("how-to-cite-styles", name) for name in text_list(settings.merged.get("how-to-cite-styles"),
                                                                     "how-to-cite-styles", settings.where)]
    for key, name in styles:
        try:
            resolve_csl(str(name or ""), publication, None)
        except PublishError as error:
            findings.append(finding_at(settings, key, error.message))
    try:
        names = text_list(settings.merged.get("bibliography"), "bibliography", settings.where)
        for bibliography in resolve_bibliographies(names, publication, None):
            found, parsed = bibliography_findings(bibliography)
            findings += found
            entries += parsed
    except PublishError as error:
        findings.append(finding_at(settings, "bibliography", error.message))
    document = parsed_document(publication)
    findings += citation_findings(marks, cited_keys(document), entries, index, nocite_everything(settings))
    anchors = document_anchors(document)
    findings += raw_content_findings(document, text, index)
    findings += [f for f in (link_finding(m, index, anchors) for m in marks if m.kind == "link") if f]
    findings += image_findings(marks, publication)
    findings += heading_findings(marks, index)
    findings += footnote_findings(marks, index)
    return sorted(set(findings))


def run_checks(publications, strict=False):
    """`doit check`: print every finding; fail on errors, or on warnings too when strict."""
    findings = [finding for publication in publications for finding in check_publication(publication)]
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


def guard_build(publication):
    """Stop a publication's build on any error the pre-flight finds; warnings are for `doit check`."""
    findings = check_publication(publication)
    if any(finding.severity == "error" for finding in findings):
        raise ChecksFailed(findings)
