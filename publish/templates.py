"""Jinja templates: one strict, autoescaping environment, and their dependencies."""

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateError, meta, select_autoescape

from publish.errors import PublishError
from publish.layout import TEMPLATES


def environment():
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html", "html.j2"]),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )


def render(name, **context):
    """Render a template; a mistake in it names the template and the line."""
    try:
        return environment().get_template(name).render(**context)
    except TemplateError as error:
        line = getattr(error, "lineno", None)
        where = getattr(error, "filename", None) or TEMPLATES / name
        raise PublishError(f"template error: {error.message}", where, line) from None


def template_files(name):
    """`name` and every template it extends, includes or imports, as paths."""
    env = environment()
    seen = []
    pending = [name]
    while pending:
        current = pending.pop()
        if current in seen:
            continue
        seen.append(current)
        source = env.loader.get_source(env, current)[0]
        pending.extend(ref for ref in meta.find_referenced_templates(env.parse(source)) if ref)
    return sorted(TEMPLATES / template for template in seen)
