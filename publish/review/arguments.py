"""What `doit review` is given: one reviewed DOCX that is there, and a reviewer named when --reviewer is
written (publish.options says when it is given no name); each mistake one line that says what to do."""

from pathlib import Path

from publish.errors import PublishError

USAGE = "doit review path/to/reviewed.docx [--apply] [--reviewer NAME]"
VALUED = {"--reviewer": "the reviewer's name (as Word shows it)"}


def reviewed_docx(paths):
    """The one reviewed DOCX named, which must be a file."""
    if not paths:
        raise PublishError(f"name the reviewed DOCX: {USAGE}")
    if len(paths) > 1:
        raise PublishError(f"name one reviewed DOCX, not {len(paths)} ({', '.join(paths)}): {USAGE}")
    path = Path(paths[0])
    if path.is_dir():
        raise PublishError("this is a folder, not a DOCX: name the reviewed .docx file in it", path)
    if not path.exists():
        raise PublishError("there is no such file: check its name and folder (a path from the project's folder, "
                           "where doit runs)", path)
    return path
