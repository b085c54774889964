"""Broken YAML, as authors break it: a line of the front matter (or of a YAML bibliography) mis-indented,
a colon or a quote lost, a tag, alias or directive put in; and a key the schema knows given a value of
the wrong type, out of range, hostile, or YAML that PyYAML reads as something JSON cannot hold.
"""

import re

from hypothesis import strategies as st

from publish.model.front_matter import known_keys

LINE_EDITS = {
    "indented one space more": lambda key, line: " " + line,
    "indented three spaces more": lambda key, line: "   " + line,
    "indented with a tab": lambda key, line: "\t" + line,
    "dedented": lambda key, line: line.lstrip(" "),
    "its colon lost": lambda key, line: line.replace(":", "", 1),
    "its quote left open": lambda key, line: f'{key}: "{line.split(":", 1)[-1].strip()}\n',
    "its bracket left open": lambda key, line: f"{key}: [{line.split(':', 1)[-1].strip()}\n",
    "its brace left open": lambda key, line: f"{key}: {{{line.split(':', 1)[-1].strip()}\n",
    "a second colon": lambda key, line: line[:len(line) // 2] + ": " + line[len(line) // 2:],
    "repeated": lambda key, line: line + line,
    "deleted": lambda key, line: "",
    "an unknown alias": lambda key, line: f"{key}: *nowhere\n",
    "a recursive alias": lambda key, line: f"{key}: &loop [*loop]\n",
    "a python tag": lambda key, line: f'{key}: !!python/object/apply:os.system ["true"]\n',
    "binary data": lambda key, line: f"{key}: !!binary aGVsbG8=\n",
    "a set": lambda key, line: f"{key}: !!set {{a, b}}\n",
    "a local tag": lambda key, line: f"{key}: !local x\n",
    "a complex key": lambda key, line: f"? [{key}, x]\n: y\n",
    "a directive": lambda key, line: "%YAML 1.1\n" + line,
    "a document end": lambda key, line: "...\n" + line,
    "a list marker": lambda key, line: "- " + line,
    "a block scalar badly indented": lambda key, line: f"{key}: |\n  one\n four\n",
    "a very long value": lambda key, line: f"{key}: {'x' * 100_000}\n",
    "a timestamp": lambda key, line: f"{key}: 2001-12-14t21:59:43.10-05:00\n",
    "a number as key": lambda key, line: "1: x\n" + line,
    "a null key": lambda key, line: "~: x\n" + line,
    "a merge key": lambda key, line: "<<: {title: merged}\n" + line,
}
ODD_KEYS = ["unknown-key", "Title", "title ", "references", "bibliography", "nocite"]
ODD_VALUES = ['""', "null", "~", "42", "-1", "1e400", ".nan", "true", "[]", "{}", "[1, [2, [3]]]", "{a: {b: c}}",
              '"\\ud800"', '"\\x00"', '"\\u202e evil"', "'''", "2024-13-45", "0000-00-00", "2024-02-30",
              "2001-12-14t21:59:43.10-05:00", '"../../../etc/passwd"', '"/dev/null"', '"missing.json"',
              '"references.json"', '"index.md"', '"."', '".."', '"*"', '"@*"', '"http://example.org/x.csl"',
              "[a.json, b.bib]", "zz-ZZ-!!", '"en-Latn-GB-x-private"', "ar", "he", "rtl", "ltr", "fa", "sideways",
              "'<script>alert(1)</script>'", '"[@unknown]"', '"[^1]"', '"$x$"', "|\n  block\n   text",
              ">-\n  folded", "\n  - a\n  - b", "\n  - name:\n  - literal: x", "[{name: }]", "[{literal: x}]",
              "{name: [x]}", "&a [x, x, x, x, x, x, x, x, x, x]", "!!binary aGVsbG8=", "!!set {a, b}",
              "[&a [x, x, x, x, x, x, x, x, x, x], &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a], "
              "&c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b], [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]]",
              "1.0", "0x1F", "-.inf", "[[[[[[[[[[[]]]]]]]]]]]", "[" * 500 + "]" * 500, '"' + "long " * 2000 + '"', "\\u0000"]
KEY_LINE = re.compile(r"^\s*-?\s*([^:\s#][^:\n]*):")


def break_yaml_line(draw, document, name, span=None):
    """One line of the YAML in `name` (within `span`, the front matter, when given) edited as LINE_EDITS says."""
    text = document.text(name)
    start, end = span or (0, len(text))
    lines = text[start:end].splitlines(keepends=True) or [""]
    number = draw(st.integers(0, len(lines) - 1))
    how = draw(st.sampled_from(sorted(LINE_EDITS)))
    key = key_of(lines[number])
    line = lines[number] if lines[number].endswith("\n") else lines[number] + "\n"
    lines[number] = LINE_EDITS[how](key, line)
    return document.with_file(name, text[:start] + "".join(lines) + text[end:], f"YAML line {number + 1} of {name} {how}")


def key_of(line):
    match = KEY_LINE.match(line)
    return match.group(1).strip() if match else "title"


def set_front_matter_value(draw, document):
    """`key: value` in the unit's front matter, replacing the key's value or added at its top."""
    key = draw(st.sampled_from(sorted(known_keys()) + ODD_KEYS))
    value = draw(st.sampled_from(ODD_VALUES))
    text = document.text()
    entry = f"{key}: {value}\n"
    if not text.startswith("---"):
        return document.with_text(f"---\n{entry}---\n{text}", f"front matter {entry.strip()!r} added")
    lines = text.splitlines(keepends=True)
    closing = next((number for number, line in enumerate(lines[1:], 1) if line.rstrip() in ("---", "...")), len(lines))
    found = next((number for number in range(1, closing) if lines[number].startswith(f"{key}:")), None)
    if found is None:
        lines.insert(1, entry)
    else:
        following = next((number for number in range(found + 1, closing) if not lines[number][:1].isspace()), closing)
        lines[found:following] = [entry]
    return document.with_text("".join(lines), f"front matter {entry.strip()[:60]!r}")
