"""The README's tables that the model declares: the editions (publish.model.editions), the keys
of the front matter and the series settings (publish.model.front_matter) and the codes of the
findings (publish.model.finding_codes). They are written between
their markers in README.md by `python -m publish.model.manual`; the tests check they are current."""

import sys
from pathlib import Path

from publish.model.editions import EDITIONS
from publish.model.finding_codes import CODES
from publish.model.front_matter import KEYS

README = Path("README.md")
MARKERS = {
    "editions": ("<!-- editions: written by python -m publish.model.manual from publish/model/editions.py -->",
                 "<!-- /editions -->"),
    "keys": ("<!-- keys: written by python -m publish.model.manual from publish/model/front_matter.py -->",
             "<!-- /keys -->"),
    "codes": ("<!-- codes: written by python -m publish.model.manual from publish/model/finding_codes.py -->",
              "<!-- /codes -->"),
}


def editions_table():
    rows = ["| task | what it makes | from | built | released |", "| --- | --- | --- | --- | --- |"]
    for edition in EDITIONS:
        sources = [*(f"`templates/{template}`" for template in edition.templates),
                   f"`styles/{edition.stylesheet}`" if edition.stylesheet else ""]
        built = "by `doit`" if edition.default else f"on request (`doit {edition.task}`), then kept fresh by `doit`"
        rows.append(f"| `{edition.task}:<slug>` | {edition.about}: `{edition.files}` | "
                    f"{', '.join(filter(None, sources)) or 'the metadata'} | {built} | "
                    f"{'yes' if edition.released else 'no'} |")
    return "\n".join(rows)


def shown_default(key):
    if key.default in (None, ""):
        return ""
    if isinstance(key.default, list):
        return "`[" + ", ".join(key.default) + "]`"
    if isinstance(key.default, bool):
        return f"`{str(key.default).lower()}`"
    return f"`{key.default}`" if len(str(key.default)) < 30 else "see the text"


def keys_table():
    rows = ["| key | value | default | read by | what it says |", "| --- | --- | --- | --- | --- |"]
    for key in KEYS:
        names = " or ".join(f"`{name}`" for name in (key.name, *key.aliases))
        required = " (required)" if key.required else ""
        rows.append(f"| {names}{required} | {key.shape} | {shown_default(key)} | {', '.join(key.read_by)} | {key.help} |")
    return "\n".join(rows)


def codes_table():
    rows = ["| code | severity | what it reports |", "| --- | --- | --- |"]
    rows += [f"| `{code.name}` | {code.severity} | {code.meaning} |" for code in CODES]
    return "\n".join(rows)


def with_tables(text):
    """The README's text with each table written afresh between its markers."""
    for name, table in (("editions", editions_table()), ("keys", keys_table()), ("codes", codes_table())):
        start, end = MARKERS[name]
        before, rest = text.split(start, 1)
        _, after = rest.split(end, 1)
        text = f"{before}{start}\n{table}\n{end}{after}"
    return text


def main(arguments):
    """Write the tables into README.md; with --check, only say whether they are current."""
    text = README.read_text(encoding="utf-8")
    current = with_tables(text)
    if "--check" in arguments:
        return 0 if current == text else 1
    README.write_text(current, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
