"""Run the pandoc binary that `pypandoc-binary` ships (never a system pandoc)."""

import importlib.util
import json
import os
import subprocess
import tempfile
from pathlib import Path

from publish.caches import cached
from publish.errors import PublishError


@cached(survives_warm_rebuild=True, holds="the path of the pandoc binary pypandoc-binary ships")
def pandoc_binary():
    spec = importlib.util.find_spec("pypandoc")
    if spec is None or not spec.submodule_search_locations:
        raise PublishError("pypandoc-binary is not installed: run 'make' to set up the environment")
    binary = Path(spec.submodule_search_locations[0]) / "files" / "pandoc"
    if not binary.is_file():
        raise PublishError(f"{binary} is missing: reinstall with 'make' (pypandoc-binary ships pandoc)")
    return binary


TIME_LIMIT_VARIABLE = "PUBLISH_PANDOC_TIME_LIMIT"
DEFAULT_TIME_LIMIT = 60  # seconds; the brief is read in a tenth of a second, a 1 MB book in a few


class PandocTimedOut(PublishError):
    """pandoc ran past its time limit reading Markdown: its reader takes time that doubles with each '['
    left open or nested (jgm/pandoc#1735: 22 in a row take minutes), so an author's typo would hang the build."""

    def __init__(self, seconds, path=None, line=None, column=None, open_brackets=0):
        here = f"{open_brackets} '[' are open at once here, and " if open_brackets else ""
        super().__init__(f"pandoc did not finish reading it in {seconds:g} s: {here}its Markdown reader slows down "
                         "exponentially on '[' left open or nested (jgm/pandoc#1735): close them, or escape them as "
                         f"\\[; or, for a very long text, raise {TIME_LIMIT_VARIABLE}", path, line, column)
        self.seconds = seconds


def markdown_time_limit():
    """The seconds pandoc may take to read an author's Markdown: PUBLISH_PANDOC_TIME_LIMIT, or 60."""
    value = os.environ.get(TIME_LIMIT_VARIABLE, "").strip()
    try:
        return float(value) if value else DEFAULT_TIME_LIMIT
    except ValueError:
        raise PublishError(f"{TIME_LIMIT_VARIABLE} must be a number of seconds, such as 120, not {value!r}: set it "
                           "so, or unset it for 60") from None


def run_pandoc(arguments, input_bytes=None, source_date_epoch=None, context=None, time_limit=None):
    """Run pandoc in its sandbox (no network, no reads beyond its arguments); return stdout bytes.
    A read of an author's Markdown gives a `time_limit` in seconds: a run longer is stopped, PandocTimedOut."""
    environment = dict(os.environ)
    if source_date_epoch is not None:
        environment["SOURCE_DATE_EPOCH"] = str(source_date_epoch)
    command = [str(pandoc_binary()), "--sandbox", *map(str, arguments)]
    try:
        result = subprocess.run(command, input=input_bytes, capture_output=True, env=environment, timeout=time_limit)
    except subprocess.TimeoutExpired:
        raise PandocTimedOut(time_limit, context) from None
    if result.returncode != 0:
        output = result.stderr.decode("utf-8", "replace").strip()
        first = output.splitlines()[0] if output else f"exit status {result.returncode}"
        raise PublishError(f"pandoc failed: {first}", context, detail=output)
    return result.stdout


def run_pandoc_logged(arguments, input_bytes=None, context=None, time_limit=None):
    """(stdout bytes, pandoc's JSON log of messages) of a pandoc run."""
    handle, log_path = tempfile.mkstemp(prefix="publish-pandoc-", suffix=".json")
    os.close(handle)
    try:
        output = run_pandoc([*arguments, f"--log={log_path}"], input_bytes, context=context, time_limit=time_limit)
        with open(log_path, encoding="utf-8") as stream:
            return output, json.loads(stream.read() or "[]")
    finally:
        os.unlink(log_path)


def unreadable_math(formulas, api_version, context=None):
    """{TeX: why} of the formulas ([(InlineMath or DisplayMath, TeX)]) that pandoc's TeX reader cannot
    convert, so that every edition shows their TeX source: the editions' own reader, asked once."""
    if not formulas:
        return {}
    blocks = [{"t": "Para", "c": [{"t": "Math", "c": [{"t": kind}, tex]}]} for kind, tex in dict.fromkeys(formulas)]
    document = {"pandoc-api-version": api_version, "meta": {}, "blocks": blocks}
    _, log = run_pandoc_logged(["--from=json", "--to=html5", "--mathml"], json.dumps(document).encode("utf-8"),
                               context)
    return {message["contents"]: reason_of(message.get("message", "")) for message in log
            if message.get("type") == "CouldNotConvertTeXMath"}


def reason_of(message):
    """texmath's reason, in a few words: 'unexpected control sequence \\over', 'unexpected end'."""
    lines = [line.strip() for line in message.splitlines()]
    reason = next((line for line in lines[2:] if line and not line.startswith("expecting")), "")
    return reason.replace("unexpected eof", "unexpected end") or "not TeX math pandoc reads"


def read_markdown(text, context=None):
    """pandoc's JSON document of a Markdown text (not a file: a caption, a text being adopted)."""
    return json.loads(run_pandoc(["--from=markdown", "--to=json"], text.encode("utf-8"), context=context,
                                 time_limit=markdown_time_limit()))


def read_latex(text, context=None):
    """pandoc's JSON document of a LaTeX text; a command its reader does not know is kept as raw TeX."""
    return json.loads(run_pandoc(["--from=latex+raw_tex", "--to=json"], text.encode("utf-8"), context=context))


def convert_document(document, to_format, extra_arguments=(), source_date_epoch=None, context=None):
    """Convert a pandoc JSON document (a dict) to `to_format`; return the output bytes."""
    arguments = ["--from=json", f"--to={to_format}", *extra_arguments]
    data = json.dumps(document).encode("utf-8")
    return run_pandoc(arguments, data, source_date_epoch, context)


def html_fragment(document, context=None):
    """The document's body as HTML, formulas as MathML; its sections become <h2>, below the title's <h1>."""
    output = convert_document(document, "html5", ["--shift-heading-level-by=1", "--wrap=none", "--mathml"], context=context)
    return output.decode("utf-8")
