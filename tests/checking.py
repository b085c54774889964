"""A small publication written into a scratch project, and its `doit check` findings: what the
tests of the checks share (the `write` fixture is in conftest.py)."""

import json
import shutil

from publish.paths import Publication
from publish.source.preflight import check_publication

REFERENCES = [
    {"id": "smith2020", "type": "book", "title": "A Book", "author": [{"family": "Smith", "given": "Ann"}],
     "issued": {"date-parts": [[2020]]}},
    {"id": "jones2021", "type": "article-journal", "title": "An Article", "author": [{"family": "Jones", "given": "Bo"}],
     "issued": {"date-parts": [[2021, 3]]}},
]
FRONT = '---\ntitle: "T"\nauthor: "A. Author"\ndate: "2024"\nlang: en\nbibliography: references.json\n---\n\n'
INDEX = "source/brief/index.md"
BODY_LINE = FRONT.count("\n") + 1  # the first line after the front matter


def publication_writer(project, root):
    """make(body, ...) writes source/brief/ in `project` (series settings and house style from
    `root`) and returns the findings of `doit check` for it, as lines."""
    (project / "source").mkdir()
    shutil.copy(root / "source" / "series.yaml", project / "source" / "series.yaml")
    (project / "styles").mkdir()
    shutil.copy(root / "styles" / "house.toml", project / "styles" / "house.toml")

    def make(body, references=REFERENCES, front=FRONT, bibliography_text=None, files=None):
        folder = project / "source" / "brief"
        folder.mkdir(exist_ok=True)
        (folder / "index.md").write_text(front + body, encoding="utf-8")
        (folder / "references.json").write_text(bibliography_text or json.dumps(references, indent=2), encoding="utf-8")
        for name, text in (files or {}).items():
            (folder / name).write_text(text, encoding="utf-8")
        return [str(finding) for finding in check_publication(Publication("brief"))]

    return make
