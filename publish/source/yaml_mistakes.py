"""What a YAML mistake means, in words an author can act on, and where it is: PyYAML names what its
parser expected ("expected <block end>, but found '<block mapping start>'") and points past the mistake
(the line after a missing colon, the end of the text after an unclosed quote).

Only the mistakes authors make often are read here; any other keeps PyYAML's own words.
"""

import re

import yaml

KEY = r"[^\s:#'\"&*!|>%@`{}\[\],-][^:]*:(?:\s|$)"
# A line that opens a level of the structure: a key, a list item, or a list item that opens with a key.
STRUCTURE = re.compile(rf"^(?P<indent> *)(?:(?P<item>-(?:\s+|$))(?P<key>{KEY})?|{KEY})")
NO_SPACE_AFTER_COLON = re.compile(r"^\s*[\w-]+:[^\s:]")
CLOSING = {"flow sequence": ("[", "]"), "flow mapping": ("{", "}")}


def open_indents(lines):
    """The indentations, deepest first, at which a key or list item may follow `lines`: those of the keys and
    list items still open at their end."""
    stack = []
    for line in lines:
        match = STRUCTURE.match(line)
        if not match:
            continue
        indent = len(match.group("indent"))
        while stack and stack[-1] >= indent:
            stack.pop()
        stack.append(indent)
        if match.group("item") and match.group("key"):  # '- name: A': the item's keys stand where 'name' does
            stack.append(indent + len(match.group("item")))
    return stack[::-1]


def spaces(count):
    return f"{count} space{'' if count == 1 else 's'}"


def misplaced_line(lines, mark):
    """A key or list item at an indentation that lines up with nothing above it, or a list item where a key is."""
    line = lines[mark.line]
    indent = len(line) - len(line.lstrip(" "))
    levels = open_indents(lines[:mark.line])
    if line.lstrip().startswith("-") and indent in levels:
        return ("a list item ('- ') where a key is expected: put it under the key of its list (such as keywords:), "
                "indented further than that key")
    said = ", ".join(str(level) for level in levels[:-1]) + (" or " if len(levels) > 1 else "") + str(levels[-1])
    return (f"this line is indented {spaces(indent)}, which lines up with none of the keys above it ({said}): indent "
            "it as far as the keys it belongs with (YAML reads which key a line belongs to from its indentation)")


def text_after_value(line):
    """A value that ends, at a closing quote or bracket, before its line does."""
    key = line.split(":", 1)[0].strip()
    return (f"text after the value's closing quote or bracket: put the whole value in quotes, writing a double quote "
            f"inside it as \\\" (as in {key}: \"The \\\"best\\\" brief\") or quoting it with ' instead")


def colon_in_value(lines, mark):
    """A second colon on a line, or the line above's key with no space after its colon (so that line and this
    one read as one value)."""
    above, line = (lines[mark.line - 1] if mark.line else ""), lines[mark.line]
    if NO_SPACE_AFTER_COLON.match(above):
        return mark.line - 1, above.index(":") + 2, "no space after the key's colon: write a space after it, as in key: value"
    key, _, value = line.partition(":")
    return mark.line, mark.column + 1, f"a value with a colon in it needs quotes, as in {key.strip()}: \"{value.strip()}\""


def explained(error, text):
    """(line, column, what is wrong and what to do) of a YAMLError raised reading `text`: the line counted from 0
    in `text`, the column from 1, as an editor shows it (a tab is one column); None when PyYAML gave no place."""
    mark, context = getattr(error, "problem_mark", None), getattr(error, "context_mark", None)
    if isinstance(error, yaml.reader.ReaderError):
        return unprintable_character(error, text)
    if mark is None:
        return None
    problem, lines = getattr(error, "problem", None) or str(error), text.splitlines() or [""]
    line = lines[mark.line] if mark.line < len(lines) else ""
    opened = (getattr(error, "context", None) or "").removeprefix("while parsing a ")
    if "\t" in problem or "\t" in line[:len(line) - len(line.lstrip())]:
        return mark.line, mark.column + 1, "a tab in the indentation: indent with spaces, not tabs"
    if problem.startswith("expected <block end>") and context:
        if line[:mark.column].strip():
            return mark.line, mark.column + 1, text_after_value(line)
        return mark.line, mark.column + 1, misplaced_line(lines, mark)
    if problem == "could not find expected ':'" and context:
        return (context.line, context.column + 1, "no ':' after the key on this line: write 'key: value', or indent "
                "the line further than its key if it goes on that key's value")
    if "while scanning a quoted scalar" in (getattr(error, "context", None) or "") and context:
        return (context.line, context.column + 1, "the quote opened here is never closed: close it where the value "
                "ends, on this line or a line after it")
    if opened in CLOSING and context:
        opening, closing = CLOSING[opened]
        return (context.line, context.column + 1, f"the '{opening}' opened here is never closed: close it with "
                f"'{closing}' on this line, or put the whole value in quotes if the '{opening}' is part of its text")
    if problem == "mapping values are not allowed here":
        return colon_in_value(lines, mark)
    if (found := re.search(r"found character '(.)' that cannot start any token", problem)) or \
            "found undefined alias" in problem or "expected alphabetic or numeric character" in problem:
        start = found.group(1) if found else line[mark.column:mark.column + 1] or "*"
        key, colon, value = line.partition(":")
        quoted = f"{key.strip()}: \"{value.strip()}\"" if colon else f"\"{line.strip()}\""
        return mark.line, mark.column + 1, f"a value that starts with {start} needs quotes, as in {quoted}"
    return mark.line, mark.column + 1, problem


def unprintable_character(error, text):
    """(line, column, message) of a character YAML does not allow (NUL, another control character, U+FFFE):
    PyYAML says its offset in the text, on a second line."""
    line = text.count("\n", 0, error.position)
    column = error.position - (text.rfind("\n", 0, error.position) + 1) + 1
    return line, column, f"the character U+{error.character:04X} is not allowed in YAML (most editors do not show it): delete it"


def yaml_failure(error, text, first_line=1):
    """(line, column, message) of a YAMLError in YAML text that starts at line `first_line` of its file."""
    place = explained(error, text) if isinstance(error, yaml.YAMLError) else None
    if place is None:
        return first_line, None, " ".join(str(error).split())  # one line, as every finding is
    line, column, message = place
    return line + first_line, column, message
