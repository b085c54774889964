"""The chapters of a folder being adopted, in the order the folder itself gives (publish.author.adopt).

A folder says its order the way the tool it was written for reads it, asked in this order:
Quarto's `_quarto.yml` (a book's `chapters`, or `render`); a pandoc defaults file (`input-files`);
a `Makefile`'s file list (its variables and wildcards expanded); a Jekyll site's navigation
(`_data/navigation.yml`, `header_pages` in `_config.yml`, or just-the-docs' `nav_order`). With
none of them, the file names' order ("2-x" before "10-y"). Each also says where the publication's
metadata stands when the folder keeps it apart (`metadata-file`, a YAML file a Makefile names).
"""

import glob
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from publish.errors import PublishError
from publish.source.files import read_text

TEXT_SUFFIXES = {".md", ".markdown", ".qmd", ".rmd", ".txt"}
NOT_CHAPTERS = {"readme", "license", "licence", "changelog", "contributing", "code_of_conduct", "citation", "404"}
MAKE_ASSIGNMENT = re.compile(r"^[ \t]*([A-Za-z_][A-Za-z0-9_]*)[ \t]*(:{0,3}=|\?=|\+=)[ \t]*(.*)$", re.MULTILINE)
MAKE_REFERENCE = re.compile(r"\$[({]([A-Za-z_][A-Za-z0-9_]*)[)}]")
NAMED_TEXT = re.compile(r"[\w./*?\[\]-]+\.(?:md|markdown|qmd|rmd|txt)(?![\w.])", re.IGNORECASE)
NAMED_YAML = re.compile(r"[\w./-]+\.ya?ml(?![\w.])", re.IGNORECASE)
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
FILE_OPTIONS = {key: re.compile(rf"--{key}[= ]+([^\s;|&]+)") for key in ("bibliography", "csl")}
NUMBER_SECTIONS = re.compile(r"(?<![\w-])(--number-sections|-N)(?![\w-])")
LIQUID_STRING = re.compile(r"""\{\{\s*['"]([^'"]*)['"]""")


@dataclass(frozen=True)
class Order:
    chapters: list
    how: str  # said to the author: where the order came from
    metadata: Path | None = None  # a YAML file holding the publication's metadata, when kept apart
    given: dict = field(default_factory=dict)  # front-matter values its build gives pandoc's command line


def split(text):
    """(the YAML of a leading front matter, or None; the rest, exactly as written)."""
    match = FRONT_MATTER.match(text)
    return (match.group(1) or "", text[match.end():]) if match else (None, text)


def natural_key(path):
    return [int(part) if part.isdigit() else part.lower() for part in re.split(r"(\d+)", Path(path).name)]


def metadata_text(path):
    """A metadata file's YAML: pandoc reads one written between `---` lines, as a front matter, too."""
    text = read_text(path)
    own, _ = split(text)
    return own if own is not None else text


def yaml_in(path):
    """The YAML file's value; a file that is not YAML is one line at its name."""
    try:
        return yaml.safe_load(metadata_text(path))
    except yaml.YAMLError as error:
        raise PublishError(f"not valid YAML ({getattr(error, 'problem', error)}): fix it, then adopt again", path) \
            from None


def chapters_named(folder, names):
    """The text files among `names` (relative to `folder`, wildcards allowed), in the order named, once each."""
    found = []
    for name in names:
        name = name.removeprefix("./")
        if name.startswith("/"):
            continue
        paths = sorted(folder.glob(name), key=natural_key) if glob.has_magic(name) else [folder / name]
        found += [path for path in paths if path.is_file() and path.suffix.lower() in TEXT_SUFFIXES
                  and path.stem.lower() not in NOT_CHAPTERS and path.resolve().is_relative_to(folder.resolve())]
    return list(dict.fromkeys(found))


def metadata_named(folder, names):
    """The first YAML file among `names` that holds a publication's metadata (a mapping with a title)."""
    for name in names:
        path = folder / name.strip("'\"")
        if path.is_file() and path.name not in ("_quarto.yml", "_config.yml"):
            value = yaml_in(path)
            if isinstance(value, dict) and "title" in value:
                return path
    return None


def quarto_order(folder):
    config = folder / "_quarto.yml"
    if not config.is_file():
        return None
    settings = yaml_in(config) or {}
    listed = (settings.get("book") or {}).get("chapters") or (settings.get("project") or {}).get("render") or []
    names = []
    for entry in listed:
        if isinstance(entry, dict):  # a part: {part: "...", chapters: [...]}
            names += [name for name in [entry.get("part")] + list(entry.get("chapters") or []) if isinstance(name, str)]
        elif isinstance(entry, str):
            names.append(entry)
    chapters = chapters_named(folder, names)
    return Order(chapters, f"in the order its {config.name} gives") if chapters else None


def defaults_order(folder):
    """A pandoc defaults file's `input-files` (and its `metadata-file`)."""
    for path in sorted(folder.glob("*.y*ml"), key=natural_key):
        settings = yaml_in(path) if path.suffix.lower() in (".yaml", ".yml") else None
        if not isinstance(settings, dict) or not ({"input-files", "input-file"} & settings.keys()):
            continue
        names = settings.get("input-files") or [settings.get("input-file")]
        chapters = chapters_named(folder, [name for name in names if isinstance(name, str)])
        metadata = settings.get("metadata-files") or [settings.get("metadata-file")]
        if chapters:
            return Order(chapters, f"in the order its pandoc defaults file {path.name} gives",
                         metadata_named(folder, [name for name in metadata if isinstance(name, str)]))
    return None


def expanded_makefile(text):
    """The Makefile's text with its variables' values put in (CURDIR is the folder), comments left out."""
    text = re.sub(r"\\\n", " ", text).replace("$(shell pwd)", ".")
    text = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    values = {"CURDIR": ".", "PWD": "."}
    for name, operator, value in MAKE_ASSIGNMENT.findall(text):
        if operator == "+=":
            values[name] = f"{values.get(name, '')} {value.strip()}"
        elif operator != "?=" or name not in values:
            values[name] = value.strip()
    for _ in range(8):  # variables made of variables, a few levels deep
        text = MAKE_REFERENCE.sub(lambda reference: values.get(reference.group(1), reference.group(0)), text)
    return re.sub(r"""["']""", "", text)  # "$(DIR)"/*.md is one name once its quotes are gone


def makefile_order(folder):
    makefile = next((folder / name for name in ("Makefile", "makefile", "GNUmakefile") if (folder / name).is_file()),
                    None)
    if makefile is None:
        return None
    text = expanded_makefile(read_text(makefile))
    names = [name.removeprefix("./") for name in NAMED_TEXT.findall(text)]
    chapters = chapters_named(folder, names)
    if not chapters:
        return None
    metadata = metadata_named(folder, [name.removeprefix("./") for name in NAMED_YAML.findall(text)])
    return Order(chapters, "in the order its Makefile names them", metadata, pandoc_options(text, folder))


def pandoc_options(text, folder):
    """The front-matter values a build's pandoc options give: --bibliography (each file that is
    there), --csl, --number-sections (-N)."""
    given = {}
    files = {key: [name for name in (found.removeprefix("./") for found in option.findall(text))
                   if (folder / name).is_file()] for key, option in FILE_OPTIONS.items()}
    if files["bibliography"]:
        given["bibliography"] = list(dict.fromkeys(files["bibliography"]))
    if files["csl"]:
        given["csl"] = files["csl"][0]
    if NUMBER_SECTIONS.search(text):
        given["number-sections"] = True
    return given


def url_key(url):
    """A Jekyll address as a comparable key: '/memo/', '/memo.html', "{{ '/memo' | relative_url }}" → 'memo'."""
    liquid = LIQUID_STRING.search(url)
    url = liquid.group(1) if liquid else re.sub(r"\{\{.*?\}\}", "", url)
    path = re.split(r"[#?]", url, maxsplit=1)[0].strip().strip("/")
    path = re.sub(r"\.(html?|md|markdown)$", "", path)
    return "" if path in ("index", "") else path.removesuffix("/index")


def jekyll_pages(folder):
    """{page: its front matter} for the site's Markdown pages (not in _folders, which Jekyll builds apart)."""
    pages = {}
    for path in sorted(folder.rglob("*"), key=lambda path: [natural_key(part) for part in path.parts]):
        inside = path.relative_to(folder).parts
        if path.suffix.lower() in TEXT_SUFFIXES and not any(part.startswith(("_", ".")) for part in inside[:-1]):
            try:
                pages[path] = yaml.safe_load(split(read_text(path))[0] or "")
            except yaml.YAMLError:
                pages[path] = {}
    return {path: front if isinstance(front, dict) else {} for path, front in pages.items()}


def addresses(value):
    """Every url/link/href a navigation data file lists, in order, nested menus included."""
    if isinstance(value, dict):
        own = [value[key] for key in ("url", "link", "href") if isinstance(value.get(key), str)]
        return own + [url for item in value.values() if isinstance(item, (dict, list)) for url in addresses(item)]
    if isinstance(value, list):
        return [url for item in value for url in addresses(item)]
    return []


def nav_ordered(pages, parent=None):
    """just-the-docs' order: pages by nav_order, each followed by its children (`parent: its title`)."""
    level = [path for path, front in pages.items() if front.get("parent") == parent
             and isinstance(front.get("nav_order"), (int, float))]
    if parent is not None:
        level += [path for path, front in pages.items() if front.get("parent") == parent and path not in level]
    ordered = []
    for path in sorted(level, key=lambda path: pages[path].get("nav_order", float("inf"))):
        title = pages[path].get("title")
        ordered += [path] + (nav_ordered(pages, title) if title else [])
    return ordered


def navigation_lists(folder, config):
    """[(where, the addresses it lists)] of a Jekyll site's navigation: its data file, then the
    `navigation` (or `nav`, `menu`) list of its _config.yml, as themes read them."""
    found = []
    for name in ("navigation.yml", "nav.yml", "navigation.yaml"):
        if (folder / "_data" / name).is_file():
            found.append((f"_data/{name}", addresses(yaml_in(folder / "_data" / name))))
    found += [(f"_config.yml's {key}", addresses(config[key])) for key in ("navigation", "nav", "menu")
              if isinstance(config.get(key), (list, dict))]
    return found


def jekyll_order(folder):
    if not (folder / "_config.yml").is_file():
        return None
    config = yaml_in(folder / "_config.yml") or {}
    excluded = {str(name).strip("/") for name in config.get("exclude") or []}
    pages = {path: front for path, front in jekyll_pages(folder).items()
             if not excluded & {part for part in path.relative_to(folder).parts}}
    keys = {}
    for path, front in pages.items():
        keys.setdefault(url_key(str(path.relative_to(folder))), path)
        if isinstance(front.get("permalink"), str):
            keys[url_key(front["permalink"])] = path
    for where, urls in navigation_lists(folder, config):
        listed = [keys[url_key(url)] for url in urls if url_key(url) in keys]
        if listed:
            return Order(list(dict.fromkeys(listed)), f"in the order its {where} lists them")
    header_pages = config.get("header_pages") or []
    listed = chapters_named(folder, [name for name in header_pages if isinstance(name, str)])
    how = "in the order its _config.yml's header_pages gives"
    if not listed:
        listed, how = nav_ordered(pages), "in their nav_order"
    chapters = [path for path in dict.fromkeys(listed) if path.stem.lower() not in NOT_CHAPTERS]
    return Order(chapters, how) if chapters else None


def named_order(folder):
    """The folder's text files in the order of their names (or, with none, of its one folder of them)."""
    texts = sorted((path for path in folder.iterdir() if path.is_file() and path.suffix.lower() in TEXT_SUFFIXES),
                   key=natural_key)
    if not texts:
        inner = [path for path in sorted(folder.iterdir(), key=natural_key) if path.is_dir()
                 and not path.name.startswith((".", "_"))
                 and any(child.suffix.lower() in TEXT_SUFFIXES for child in path.iterdir())]
        if len(inner) == 1:
            return named_order(inner[0])
    chapters = [path for path in texts if path.stem.lower() not in NOT_CHAPTERS] or texts
    if not chapters:
        raise PublishError(f"{folder}/ holds no Markdown file to adopt")
    how = "in the order of their file names" if len(chapters) > 1 else "its only text"
    return Order(chapters, how)


ORDERS = (quarto_order, defaults_order, makefile_order, jekyll_order)


def chapter_order(folder):
    """The folder's Order: the first its own files give, else its file names'."""
    for read_order in ORDERS:
        order = read_order(folder)
        if order:
            return order
    return named_order(folder)
