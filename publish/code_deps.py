"""What a stage runs: the pipeline's own source files, and the installed tools whose versions
change its bytes, both found from the stage's imports, so a task's dependencies are complete
by construction (editing a module reruns only the stages that import it; a new version of
a library reruns only the stages that use it, directly or through another library).
"""

import ast
import importlib.metadata
import json
import re
import site
import sys
from pathlib import Path

from publish.caches import KeptOnDisk, cached

PACKAGE = "publish"
REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[([^\]]*)\])?")
EXTRA_MARKER = re.compile(r"""extra\s*==\s*["']([^"']+)["']""")


KNOWN_IMPORTS = KeptOnDisk("imports.json", "the imports of the package's modules, by each file's time and size")


@cached(survives_warm_rebuild=True, holds="the imports of the package's modules, which serve does not watch")
def imports_of(path):
    """(package modules, other top-level modules) that `path` imports, as parsed_imports reads them; kept
    in build/.cache/imports.json (parsing the package took every doit a quarter of a second before it did
    anything)."""
    own, others = KNOWN_IMPORTS.value(path, lambda path: [sorted(names) for names in parsed_imports(path)])
    return set(own), set(others)


def parsed_imports(path):
    """(package modules, other top-level modules) that `path` imports, at the top or inside functions."""
    own, others = set(), set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            if node.module.split(".")[0] == PACKAGE:
                own.add(node.module)
                own.update(f"{node.module}.{alias.name}" for alias in node.names)
            else:
                others.add(node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            for alias in node.names:
                top = alias.name.split(".")[0]
                if top == PACKAGE:
                    own.add(alias.name)
                else:
                    others.add(top)
        elif is_find_spec(node):  # a tool found by its package, such as the pandoc binary pypandoc ships
            others.add(node.args[0].value.split(".")[0])
    return own, others


def is_find_spec(node):
    return (isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", None)) == "find_spec"
            and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str))


@cached(survives_warm_rebuild=False, holds="which file each module name is, asked once for every stage that imports it")
def module_path(name):
    path = Path(*name.split("."))
    for candidate in (path.with_suffix(".py"), path / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


@cached(survives_warm_rebuild=True, holds="the package files a stage runs, which serve does not watch")
def stage_modules(module):
    """(the package's files that `module` runs, the other top-level modules they import)."""
    seen, others = set(), set()
    pending = [module]
    while pending:
        path = module_path(pending.pop())
        if path is None or path in seen:
            continue
        seen.add(path)
        own, imported = imports_of(path)
        pending.extend(own)
        others |= imported
    KNOWN_IMPORTS.keep()
    return sorted(path.as_posix() for path in seen), sorted(others - set(sys.stdlib_module_names))


def code_files(module):
    """`module`'s file and every package file it imports, directly or not, sorted."""
    return stage_modules(module)[0]


def environment_key():
    """What changes when packages are installed or removed: the site folders' modification times."""
    folders = [*site.getsitepackages(), site.getusersitepackages()]
    stamps = {folder: Path(folder).stat().st_mtime_ns for folder in folders if Path(folder).is_dir()}
    return json.dumps([sys.version, sys.prefix, stamps], sort_keys=True)


def tools_cache():
    """Where the installed tools are cached: in the virtual environment they describe (a build that
    starts without build/ need not read every package's metadata again), else under build/.cache."""
    from publish.paths import CACHE

    if sys.prefix != sys.base_prefix:
        return Path(sys.prefix) / "publish-installed-tools.json"
    return CACHE / "installed-tools.json"


def installed_tools():
    """{top-level module: [distribution, ...]} and {distribution: (version, [required distributions])},
    cached while the environment does not change (reading them takes a third of a second)."""
    from publish import atomic

    cache = tools_cache()
    key = environment_key()
    if cache.is_file():
        stored = json.loads(cache.read_text(encoding="utf-8"))
        if stored.get("key") == key:
            return stored["modules"], stored["distributions"]
    modules = importlib.metadata.packages_distributions()
    distributions = {}
    for distribution in importlib.metadata.distributions():
        needs = {}  # extra ("" for none) -> [(distribution, its extras)]
        for line in distribution.requires or []:
            requirement, extra = REQUIREMENT.match(line), EXTRA_MARKER.search(line)
            if requirement:
                extras = [e.strip() for e in (requirement.group(2) or "").split(",") if e.strip()]
                needs.setdefault(extra.group(1) if extra else "", []).append((normal(requirement.group(1)), extras))
        distributions[normal(distribution.metadata["Name"])] = (distribution.version, needs)
    atomic.write_text(cache, json.dumps({"key": key, "modules": modules, "distributions": distributions}, sort_keys=True))
    return modules, distributions


def normal(name):
    return name.lower().replace("_", "-")


def tool_versions(module):
    """{distribution: version} of every installed tool `module`'s stage uses, and what those use
    (with the extras they ask for, such as fonttools[woff])."""
    modules, distributions = installed_tools()
    pending = [(normal(name), []) for top in stage_modules(module)[1] for name in modules.get(top, [])]
    versions, seen = {}, set()
    while pending:
        name, extras = pending.pop()
        if (name, tuple(extras)) in seen or name not in distributions:
            continue
        seen.add((name, tuple(extras)))
        version, needs = distributions[name]
        versions[name] = version
        for extra in ["", *extras]:
            pending.extend((need, need_extras) for need, need_extras in needs.get(extra, []))
    return dict(sorted(versions.items()))
