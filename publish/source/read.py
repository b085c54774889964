"""Read a publication unit once: its text, its settings, and pandoc's parse of it.

Everything after this (the checks, the transforms, the citations, every
edition) works from what is read here; nothing reads the Markdown again.
"""

import json
import os
import tempfile
from dataclasses import dataclass
from functools import cached_property

from publish.pandoc import run_pandoc
from publish.source.files import read_text
from publish.source.metadata import Settings, read_settings
from publish.source.source_map import SourceMap


@dataclass
class Source:
    unit: object  # the Publication
    text: str  # the index file's text
    settings: Settings  # series settings and front matter, merged, with where each key was set
    document: dict  # pandoc's parse (its JSON AST), citations not yet resolved
    log: list  # pandoc's messages about the parse, each with its line and column

    @property
    def index(self):
        return self.unit.index

    @cached_property
    def places(self):
        """Where each element of `document` stands in `text`."""
        return SourceMap(self.text, self.document)


def pandoc_read(path):
    """(pandoc's JSON document, its log of warnings) for a Markdown file."""
    handle, log_path = tempfile.mkstemp(prefix="publish-pandoc-", suffix=".json")
    os.close(handle)
    try:
        output = run_pandoc(["--from=markdown", "--to=json", f"--log={log_path}", path], context=path)
        with open(log_path, encoding="utf-8") as stream:
            log = json.loads(stream.read() or "[]")
    finally:
        os.unlink(log_path)
    return json.loads(output), log


def read_source(unit):
    """The unit's Source; a file that cannot be read, or front matter that cannot be parsed,
    raises a PublishError naming the place."""
    text = read_text(unit.index)
    settings = read_settings(unit, text)
    document, log = pandoc_read(unit.index)
    return Source(unit, text, settings, document, log)
