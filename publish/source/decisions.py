"""What the parse stage decides about a read unit, once, into one value the checks and the
transforms both read: its metadata (by the schema), its citation styles, its bibliographies, its
images (resolved and read), the numbers of its figures, tables, sections and equations (by
element identity), and what a translation is compared with.

Deciding can find problems (a style that does not exist, an image that is not there): those are
findings of their own, at their places, beside the checks' (publish.source.checks).
"""

import difflib
from dataclasses import dataclass, field, replace

from publish.errors import PublishError
from publish.findings import Finding
from publish.house_style import box_kinds, load_house_style
from publish.model.finding_codes import BY_CODE
from publish.model.front_matter import BY_NAME
from publish.model.values import DATE_WORDS
from publish.source import crossrefs
from publish.source.bibliography import Bibliography, bibliography_paths, load_bibliography, load_csl_yaml
from publish.source.elements import ElementIndex
from publish.source.images import resolved_image
from publish.source.metadata import metadata_from, normalised_value, problems, resolved_date
from publish.source.raw_latex import text_without_latex
from publish.source.settings import split_front_matter
from publish.source.styles import missing_style_file_stand_in, resolve_csl


@dataclass
class Decisions:
    metadata: dict | None = None  # every normalised value and derived fact; None when the front matter has an error
    csl: object = None  # the house citation style's file
    other_styles: list = field(default_factory=list)  # files of the How to cite styles, each once
    bibliographies: list = field(default_factory=list)  # Bibliography objects, the front matter's own first
    images: dict = field(default_factory=dict)  # an image's address -> (media type, bytes every edition shows)
    numbering: object = None  # publish.source.crossrefs.Numbering of the read document
    contents: dict = field(default_factory=dict)  # what a translation is compared with (see contents_of)
    box_kinds: dict = field(default_factory=dict)  # fenced-div class -> box kind, from the house style
    date_known_from: str = ""  # for a date written 'today': how its day is known (publish.source.revision)
    quiet: frozenset = frozenset()  # the warning codes not to report (the `quiet` key)
    findings: list = field(default_factory=list)  # what deciding found wrong

    @property
    def references(self):
        return [item for bibliography in self.bibliographies for item in bibliography.items]


class Places:
    """Findings at places: an element of the read document, or the line where a key was set."""

    def __init__(self, source):
        self.source = source

    def at(self, element, code, message, default=(1, 1)):
        place = self.source.places.place(element)
        line, column = (place.line, place.column) if place else default
        return Finding(str(self.source.index), line, column, code, message)

    def at_offset(self, offset, code, message):
        place = self.source.places.place_of_offset(offset)
        return Finding(str(self.source.index), place.line, place.column, code, message)

    def at_key(self, key, code, message):
        path, line = self.source.settings.where(key)
        return Finding(str(path), line, 1, code, message)


def finding_from(error, code):
    return Finding(str(error.path or ""), error.line or 1, error.column or 1, code, error.message)


def setting(settings, name):
    """One key's normalised value, read alone (so that one wrong key does not hide the others)."""
    return normalised_value(settings.merged, settings.where, BY_NAME[name])


def with_latex_as_text(settings, meta_latex):
    """The settings with the raw LaTeX of each one-line value (a title) as the body shows it: its meaning as
    text, or nothing, so that every edition, How to cite and the metadata agree (the warning for what is
    left out is the front matter's: publish.source.raw_content.settle_front_matter)."""
    changed = {key: text_without_latex(value, meta_latex[key]) for key, value in settings.merged.items()
               if isinstance(value, str) and meta_latex.get(key)}
    return replace(settings, merged={**settings.merged, **changed}) if changed else settings


def decide_metadata(source, decisions):
    settings = with_latex_as_text(source.settings, source.settled.meta_latex)
    found = problems(settings.merged, settings.where)
    decisions.findings += [finding_from(problem, "front-matter.invalid") for problem in found]
    if found:
        return
    day, known_from = resolved_date(source.unit) if str(settings.merged.get("date")) in DATE_WORDS else (None, "")
    try:
        decisions.metadata = metadata_from(settings, source.unit, day)
    except PublishError as error:
        decisions.findings.append(finding_from(error, "front-matter.invalid"))
        return
    decisions.date_known_from = known_from


def decide_styles(source, decisions):
    """The house style first, then each How to cite style not already named; a `.csl` file named for pandoc
    but never copied beside the text is stood in for by the bundled style of that name, with a warning."""
    places = Places(source)
    names = [("csl", setting(source.settings, "csl"))]
    try:
        names += [("how-to-cite-styles", name) for name in setting(source.settings, "how-to-cite-styles")]
    except PublishError as error:
        decisions.findings.append(finding_from(error, "front-matter.invalid"))
    for key, name in names:
        try:
            path = resolve_csl(name, source.unit, None)
        except PublishError as error:
            path = missing_style_file_stand_in(name, source.unit)
            if path is None:
                decisions.findings.append(places.at_key(key, "csl.missing", error.message))
                continue
            decisions.findings.append(places.at_key(key, "csl.stand-in", f"{error.message}: the bundled style "
                                                                    f"'{path.stem}' of that name stands in"))
        if key == "csl":
            decisions.csl = path
        elif path != decisions.csl and path not in decisions.other_styles:
            decisions.other_styles.append(path)


def decide_bibliographies(source, decisions):
    """The front matter's own entries (`references`), then each file `bibliography` names."""
    if "references" in source.settings.front_matter:
        own = Bibliography(source.index, "CSL-YAML")
        decisions.bibliographies.append(load_csl_yaml(own, split_front_matter(source.text, source.index), first_line=2))
    try:
        for path in bibliography_paths(setting(source.settings, "bibliography"), source.unit, None):
            decisions.bibliographies.append(load_bibliography(path))
    except PublishError as error:
        decisions.findings.append(Places(source).at_key("bibliography", "bibliography.unreadable", error.message))
        decisions.bibliographies.append(Bibliography(error.path, "", read=False))
    for bibliography in decisions.bibliographies:
        decisions.findings += bibliography.findings


def decide_images(source, index, decisions):
    """Each image's file, read once: what every edition shows for it."""
    places = Places(source)
    for image in index.of("Image"):
        target = image["c"][2][0]
        if target in decisions.images:
            continue
        try:
            decisions.images[target] = resolved_image(source.unit, target)
        except PublishError as error:
            decisions.findings.append(places.at(image, "image.unusable", error.message))


def decide_quiet(source, decisions):
    """The warning codes `quiet` silences; a code unknown, or an error's, is a warning of its own."""
    try:
        names = setting(source.settings, "quiet")
    except PublishError:
        return  # the metadata's own finding says what is wrong with it
    places, quiet = Places(source), set()
    for name in names:
        if name not in BY_CODE:
            close = difflib.get_close_matches(name, sorted(BY_CODE), n=1)
            hint = f"did you mean '{close[0]}'?" if close else "the README lists the codes (Finding codes)"
            decisions.findings.append(places.at_key("quiet", "front-matter.quiet",
                                                    f"'{name}' is no finding code: {hint}"))
        elif BY_CODE[name].severity == "error":
            decisions.findings.append(places.at_key("quiet", "front-matter.quiet",
                                                    f"'{name}' is an error, which cannot be silenced: the "
                                                    "build stops until what it reports is fixed"))
        else:
            quiet.add(name)
    decisions.quiet = frozenset(quiet)


def contents_of(index, numbering, lang=""):
    """What a translation must have of its original: its notes (how many), the keys it cites, the labels it
    refers to ('@Tbl-x', capitalised to start a sentence, refers to 'tbl-x' as '@tbl-x' does), its labels;
    and its language, which a translation's is not."""
    keys = {citation["citationId"] for cite in index.of("Cite") for citation in cite["c"][0]}
    references = {crossrefs.label_of(key) for key in keys if crossrefs.is_crossref(key)}
    cited = {key for key in keys if not crossrefs.is_crossref(key)}
    labels = {label for label, _, _ in numbering.definitions}
    return {"notes": len(index.of("Note")), "cited": sorted(cited), "references": sorted(references),
            "labels": sorted(labels), "lang": lang}


def decide(source, index=None):
    """The Decisions for one read unit (`index`: its ElementIndex, if already made)."""
    index = index or ElementIndex(source.document)
    decisions = Decisions(box_kinds=box_kinds(load_house_style()))
    decide_metadata(source, decisions)
    decide_styles(source, decisions)
    decide_bibliographies(source, decisions)
    decide_images(source, index, decisions)
    decide_quiet(source, decisions)
    decisions.numbering = crossrefs.number_targets(
        source.document, index.in_order, number_sections=setting(source.settings, "number-sections"),
        auto_section_labels=setting(source.settings, "auto-section-labels"))
    decisions.contents = contents_of(index, decisions.numbering, str(source.settings.merged.get("lang") or ""))
    return decisions

