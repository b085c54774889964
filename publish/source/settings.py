"""The settings of a publication unit, read once: the series settings (source/series.yaml), then its
original's front matter for a translation, then its own front matter, each layer overriding the one
before, with the line where each key was set (for findings at that line).

The schema of what these may hold is publish.model.front_matter; this module only reads YAML.
"""

import re
from dataclasses import dataclass, field

import yaml

from publish.errors import PublishError
from publish.paths import SERIES_SETTINGS, Publication
from publish.source.files import read_text
from publish.source.yaml_mistakes import yaml_failure
from publish.source.yaml_reading import safe_yaml

TOP_LEVEL_KEY = re.compile(r"^([A-Za-z][\w-]*)\s*:")


def split_front_matter(text, path):
    """The YAML between the opening `---` and the closing `---` or `...`."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        raise PublishError("no front matter: start the file with a line '---', the YAML metadata, then '---'", path, 1)
    for number, line in enumerate(lines[1:], start=2):
        if line.strip() in ("---", "..."):
            return "\n".join(lines[1 : number - 1])
    raise PublishError("the front matter is not closed: add a line '---' after the metadata", path, 1)


def load_yaml(text, path, first_line=1):
    """A YAML mapping; a mistake is said in words an author can act on, at its line in the file."""
    try:
        data, _ = safe_yaml(text)
    except yaml.YAMLError as error:
        line, column, message = yaml_failure(error, text, first_line)
        raise PublishError(f"YAML error: {message}", path, line, column) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise PublishError("expected YAML keys and values (a mapping)", path, first_line)
    return data


def key_lines(text, first_line):
    """The line of each top-level key in YAML text that starts at `first_line`."""
    lines = {}
    for offset, line in enumerate(text.splitlines()):
        match = TOP_LEVEL_KEY.match(line)
        if match:
            lines.setdefault(match.group(1), first_line + offset)
    return lines


def value_places(text, first_line):
    """{('author', 0, 'bio'): (line, column)} of every key, and every item of a list, in YAML text that
    starts at `first_line`: where a value inside another stands, as YAML's own parser saw it (the values
    inside one aliased twice, where it first stands)."""
    places, seen = {}, set()
    try:
        _, root = safe_yaml(text)
    except yaml.YAMLError:  # load_yaml has said where
        return places
    pending = [(root, ())]
    while pending:
        node, path = pending.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            inside = [(key.value, key, value) for key, value in node.value if isinstance(key, yaml.ScalarNode)]
        else:
            inside = list(enumerate(node.value)) if isinstance(node, yaml.SequenceNode) else []
            inside = [(number, item, item) for number, item in inside]
        for name, marked, _ in inside:
            places[(*path, name)] = (marked.start_mark.line + first_line, marked.start_mark.column + 1)
        pending.extend((value, (*path, name)) for name, _, value in reversed(inside))  # in the text's order
    return places


@dataclass
class Settings:
    """The series settings merged with a publication's front matter (and, for a translation, the
    original's front matter under its own), and where each key was set."""

    merged: dict
    front_matter: dict  # the unit's own front matter
    origins: dict  # key -> (path, line)
    index: object
    places: dict = field(default_factory=dict)  # ('author', 0, 'bio') -> (path, line, column), the unit's own

    def where(self, key):
        """(path, line) where a key was set; for a value inside one, named by a tuple ('author', 0, 'orcid'),
        (path, line, column)."""
        return self.place(*key) if isinstance(key, tuple) else self.origins.get(key, (self.index, 1))

    def place(self, *keys):
        """(path, line, column) of a value inside the front matter (`place('author', 0, 'bio')`): where its
        own key or item stands, else the nearest one around it."""
        for size in range(len(keys), 0, -1):
            if keys[:size] in self.places:
                return self.places[keys[:size]]
        return (*self.where(keys[0]), 1)


def settings_layer(path, text, first_line):
    """(values, {key: (path, line)}) of one YAML layer."""
    values = load_yaml(text, path, first_line)
    return values, {key: (path, line) for key, line in key_lines(text, first_line).items() if key in values}


def series_settings():
    """(values, {key: (path, line)}) of the series settings: the one way they are read."""
    return settings_layer(SERIES_SETTINGS, read_text(SERIES_SETTINGS), 1)


def read_settings(publication, text=None):
    """The merged settings of a unit; `text` is its index file's text if already read."""
    series, origins = series_settings()
    merged = dict(series)
    layers = [Publication(publication.slug)] if publication.lang else []
    front_matter = {}
    places = {}
    for unit in [*layers, publication]:
        own_text = text if unit == publication and text is not None else read_text(unit.index)
        yaml_text = split_front_matter(own_text, unit.index)
        front_matter, where = settings_layer(unit.index, yaml_text, 2)
        merged.update(front_matter)
        origins.update(where)
        places = {keys: place for keys, place in places.items() if keys[0] not in front_matter}  # overridden
        places.update({keys: (unit.index, *place) for keys, place in value_places(yaml_text, 2).items()})
    return Settings(merged, front_matter, origins, publication.index, places)
