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
