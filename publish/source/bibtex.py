"""BibTeX files as authors have them: which dialect a `.bib` is, and where its mistakes are, in words.

A `.bib` is read as pandoc reads it, with its BibLaTeX reader (which reads BibTeX's fields as well), but is
named for what it holds: Zotero, Better BibTeX and most journals export BibTeX, so a `.bib` is called
BibTeX unless it says it is BibLaTeX (JabRef's `databaseType:biblatex`) or has an entry type or field only
BibLaTeX has (`@online`, `date`, `journaltitle`, ...). A `.bibtex` is BibTeX, as pandoc reads it.

pandoc reports a mistake where its parser gave up, at a column of the text with its tabs expanded to
stops of 4: a missing comma as "unexpected 't'" at the start of the next field, an unclosed brace as
"unexpected '@'" at the next entry. Here each is placed where it is, at the column an editor shows.
"""

import re

BIBLATEX_TYPES = {"online", "mvbook", "mvcollection", "mvproceedings", "mvreference", "bookinbook", "collection",
                  "reference", "report", "thesis", "dataset", "software", "patent", "periodical", "suppbook"}
BIBLATEX_FIELDS = {"date", "journaltitle", "location", "eventdate", "origdate", "eprinttype", "langid",
                   "maintitle", "pagetotal", "shortjournal"}
ENTRY_TYPE = re.compile(r"^\s*@([A-Za-z]+)\s*[{(]", re.MULTILINE)
FIELD_NAME = re.compile(r",\s*([A-Za-z][\w.:+-]*)\s*=")
PANDOC_TAB_STOP = 4
FIELD_START = re.compile(r"([A-Za-z][\w.:+-]*)\s*=")
FIELD_LINE = re.compile(r"[ \t]*[A-Za-z][\w.:+-]*[ \t]*=")
ENTRY_START = re.compile(r"^[ \t]*@", re.MULTILINE)
VALUE_END = re.compile(r"""[}"\w.-]$""")
ENTRY_KEY = re.compile(r"""@[A-Za-z]+\s*[{(]\s*([^,\s{}()"]+)$""")


def dialect(text):
    """'BibLaTeX' for a .bib that says so or uses what only BibLaTeX has; 'BibTeX' otherwise."""
    if "databaseType:biblatex" in text:
        return "BibLaTeX"
    types = {match.lower() for match in ENTRY_TYPE.findall(text)}
    fields = {match.lower() for match in FIELD_NAME.findall(text)}
    return "BibLaTeX" if types & BIBLATEX_TYPES or fields & BIBLATEX_FIELDS else "BibTeX"


def editor_column(line, expanded_column):
    """The column an editor shows (a tab is one column) of pandoc's column, counted with tabs expanded."""
    width = 0
    for index, character in enumerate(line):
        if width + 1 >= expanded_column:
            return index + 1
        width = (width // PANDOC_TAB_STOP + 1) * PANDOC_TAB_STOP if character == "\t" else width + 1
    return len(line) + 1


def missing_comma(lines, line, column):
    """(line, column, message) of the comma missing before the field that starts at `line` and `column` (where
    pandoc stopped), at the end of the value or key before it; None when something else comes before it."""
    field = FIELD_START.match(lines[line - 1], column - 1)
    before_line, before = line, lines[line - 1][:column - 1].rstrip()
    while not before and before_line > 1:  # what it follows ends on an earlier line
        before_line -= 1
        before = lines[before_line - 1].rstrip()
    if not field or not VALUE_END.search(before):
        return None
    where = f"before '{field.group(1)}'" + ("" if before_line == line else f" on line {line}")
    if key := ENTRY_KEY.search(before):
        return before_line, len(before) + 1, f"a comma is missing after the entry's key '{key.group(1)}' ({where}): add ','"
    return before_line, len(before) + 1, f"a comma is missing after this field's value ({where}): add ','"


def unclosed(text, offset):
    """(line, column, message) of the brace or quote the entry before `offset` never closes, or None: the value's
    that a field's line starts inside, else the last one open."""
    starts = [match.end() - 1 for match in ENTRY_START.finditer(text, 0, offset)]
    opened, quote = [], None
    for index in range(starts[-1] if starts else 0, offset):
        character = text[index]
        if character == "\n" and (quote is not None or len(opened) > 1) and FIELD_LINE.match(text, index + 1):
            break  # a field starts inside a value: it is that value that is never closed
        if character == "{":
            opened.append(index)
        elif character == "}" and opened:
            opened.pop()
        elif character == '"' and len(opened) == 1:  # a value in quotes (a quote in braces is text)
            quote = index if quote is None else None
    place = quote if quote is not None else opened[1] if len(opened) > 1 else opened[0] if opened else None
    if place is None:
        return None
    line, column = text.count("\n", 0, place) + 1, place - text.rfind("\n", 0, place)
    if place == quote or len(opened) > 1:
        return line, column, f"this {'quote' if place == quote else 'brace'} is never closed: close it where its value ends"
    return line, column, "this entry is never closed: end it with '}' after its last field"


def mistake(text, line, expanded_column, problem):
    """(line, column, message) of pandoc's parse error at `line` and its `expanded_column`: where the mistake
    is, at the column an editor shows, and what to do."""
    lines = text.splitlines() or [""]
    within = line <= len(lines)
    column = editor_column(lines[line - 1], expanded_column) if within else 1
    found = None
    if problem.startswith(("unexpected '@'", "unexpected end of input")):
        offset = sum(len(each) + 1 for each in lines[:line - 1]) + column - 1 if within else len(text)
        found = unclosed(text, offset)
    elif re.match(r"unexpected '[A-Za-z]'", problem) and within:
        found = missing_comma(lines, line, column)
    return found or (line, column, f"{problem}: write each field as name = {{value}} or name = \"value\", with a "
                                   "comma between fields")
