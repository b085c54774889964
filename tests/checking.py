"""A small publication written into a scratch project, and its `doit check` findings: what the
tests of the checks share (the `write` fixture is in conftest.py), with the texts they cite, the
places they expect findings at, and a valid front matter as YAML reads it."""

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
        for name, content in (files or {}).items():
            path = folder / name
            path.write_bytes(content) if isinstance(content, bytes) else path.write_text(content, encoding="utf-8")
        return [str(finding) for finding in check_publication(Publication("brief"))]

    return make


def picture(name):
    """A real picture of the kind a file name says (PNG, JPEG, SVG): the checks read each picture's size."""
    import io

    from PIL import Image

    if name.endswith(".svg"):
        return b'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30"><rect width="40" height="30"/></svg>'
    output = io.BytesIO()
    Image.new("RGB", (40, 30), "navy").save(output, format="JPEG" if name.endswith((".jpg", ".jpeg")) else "PNG")
    return output.getvalue()


def place(body, token):
    """'line:column' in the index file of the one place `token` stands in `body`."""
    assert body.count(token) == 1, token
    before = body[:body.index(token)]
    return f"{BODY_LINE + before.count(chr(10))}:{len(before) - before.rfind(chr(10))}"


CITED = "[@smith2020] [@jones2021]\n"  # cites both entries of the fixture's bibliography: no 'never cited'


def with_front(extra, front=FRONT):
    """The fixture's front matter with `extra` lines added after `lang`."""
    return front.replace("lang: en\n", f"lang: en\n{extra}")


CITING_BOTH = "Text [@smith2020] and @jones2021.\n"


def line_of(text, starting):
    """The number of the first line of `text` that starts with `starting`."""
    return next(number for number, line in enumerate(text.splitlines(), start=1) if line.startswith(starting))


BIBLIOGRAPHY = "source/brief/references.json"


def entry_position(references, key, occurrence=1):
    """line:column of the `"id"` of an entry, in the JSON the fixture writes."""
    lines = json.dumps(references, indent=2).splitlines()
    found = [number for number, line in enumerate(lines, start=1) if line.strip() == f'"id": "{key}",']
    return f"{found[occurrence - 1]}:5"


def column(body_line, text):
    """The column (from 1) where `text` stands in a line."""
    return body_line.index(text) + 1


VALID = {"title": "T", "author": [{"name": "A. Author", "affiliation": "Somewhere"}], "lang": "en", "date": 2024}


def where(key):
    """Where VALID sets each key, as the schema's normalisers ask."""
    return ("index.md", 7)
