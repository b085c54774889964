"""Jinja templates: one strict, autoescaping environment, and their dependencies."""

from jinja2 import (
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    select_autoescape,
)

from publish.caches import cached
from publish.errors import PublishError
from publish.labels import Labels
from publish.paths import TEMPLATES


@cached(survives_warm_rebuild=True, holds="the Jinja environment, which recompiles a template whose file changed")
def environment():
    """One environment a process: it compiles each template once, however many pages it renders."""
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html", "html.j2"]),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )


def template_frame(error):
    """(template file, line) of the innermost template line a render error comes from."""
    found = None
    trace = error.__traceback__
    while trace is not None:
        filename = trace.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            found = (filename, trace.tb_lineno)
        trace = trace.tb_next
    return found


def rendered_blocks(name, metadata, context=None):
    """A template rendered for the publication, as pandoc blocks (pandoc's HTML reader): the colophon the
    web page and the PDF show, for an edition pandoc writes. Its headings are shifted up one level, as the
    text's sections are level 1 there."""
    import json

    from publish.pandoc import run_pandoc

    html = render(name, meta=metadata)
    arguments = ["--from=html", "--to=json", "--shift-heading-level-by=-1"]
    return json.loads(run_pandoc(arguments, html.encode("utf-8"), context=context))["blocks"]


def render(name, **context):
    """Render a template; a mistake in it names the template and the line. A template given the
    metadata writes the words the pipeline adds in the publication's language: {{ label("Edition") }}."""
    if "meta" in context:
        context.setdefault("label", Labels(context["meta"]["lang"]).word)
    try:
        return environment().get_template(name).render(**context)
    except TemplateError as error:
        where, line = template_frame(error) or (getattr(error, "filename", None) or TEMPLATES / name,
                                                getattr(error, "lineno", None))
        message = error.message or type(error).__name__
        raise PublishError(f"template error: {message}", where, line) from None
