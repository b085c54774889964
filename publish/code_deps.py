"""Which of the pipeline's own source files a stage runs, so editing one reruns only its stage."""

import ast
from pathlib import Path

PACKAGE = "publish"
PACKAGE_FOLDER = Path(PACKAGE)


def imported_modules(path):
    """Names of the package's modules that `path` imports, at the top or inside functions."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == PACKAGE:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names if alias.name.split(".")[0] == PACKAGE)
    return names


def module_path(name):
    path = Path(*name.split("."))
    return path.with_suffix(".py") if path.with_suffix(".py").is_file() else None


def code_files(module):
    """`module`'s file and every package file it imports, directly or not, sorted."""
    seen = set()
    pending = [module]
    while pending:
        path = module_path(pending.pop())
        if path is None or path in seen:
            continue
        seen.add(path)
        pending.extend(imported_modules(path))
    return sorted(path.as_posix() for path in seen)
