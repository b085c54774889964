"""TeX math as the editions read it: pandoc's TeX reader (texmath) makes every edition's formulas
(MathML on the web and, drawn, in the PDF; Word's own equations in the DOCX). What it cannot read
every edition shows as TeX source. So the check asks that same reader (publish.pandoc.unreadable_math),
and the commands authors use that it lacks are written, once in the parse, as commands it reads:

    {a \\over b}   ->  {\\frac{a}{b}}          {n \\choose k}  ->  {\\binom{n}{k}}
    \\argmin       ->  \\operatorname*{arg\\,min}   (and \\argmax)

Definitions in the document (`\\newcommand`, `\\DeclareMathOperator`) pandoc applies itself as it
reads (its latex_macros extension); the raw block that holds them is no content, and is left out in
silence.
"""

import re

NAMED = {"argmin": r"\operatorname*{arg\,min}", "argmax": r"\operatorname*{arg\,max}"}
NAMED_COMMAND = re.compile(r"\\(" + "|".join(NAMED) + r")(?![A-Za-z])")
INFIX = {"over": "frac", "choose": "binom"}
INFIX_COMMAND = re.compile(r"\\(over|choose)(?![A-Za-z])")
DEFINITION = re.compile(r"\\(?:(?:re)?newcommand|providecommand|DeclareMathOperator)\*?\s*(\{\\[A-Za-z]+\}|\\[A-Za-z]+)"
                        r"\s*(?:\[\d\])?\s*(?:\[[^\]]*\])?\s*|\\def\s*\\[A-Za-z]+\s*(?:#\d)*\s*")


def group_around(tex, start, end):
    """(start, end) of the innermost brace group around tex[start:end] (its contents), or the whole."""
    depth, left = 0, 0
    for position in range(start - 1, -1, -1):
        depth += {"}": 1, "{": -1}.get(tex[position], 0)
        if depth < 0:
            left = position + 1
            break
    depth, right = 0, len(tex)
    for position in range(end, len(tex)):
        depth += {"{": 1, "}": -1}.get(tex[position], 0)
        if depth < 0:
            right = position
            break
    return left, right


def with_infix_written(tex):
    """`{a \\over b}` as `{\\frac{a}{b}}`, each in turn, the innermost group first."""
    while match := INFIX_COMMAND.search(tex):
        left, right = group_around(tex, match.start(), match.end())
        above, below = tex[left:match.start()].strip(), tex[match.end():right].strip()
        tex = f"{tex[:left]}\\{INFIX[match.group(1)]}{{{above}}}{{{below}}}{tex[right:]}"
    return tex


def as_texmath_reads(tex):
    """A formula with the commands texmath lacks written as commands it reads."""
    return with_infix_written(NAMED_COMMAND.sub(lambda match: NAMED[match.group(1)], tex))


def balanced_end(text, start):
    """The offset after the brace group opening at `start`, or None when it is not one."""
    if start >= len(text) or text[start] != "{":
        return None
    depth = 0
    for position in range(start, len(text)):
        depth += {"{": 1, "}": -1}.get(text[position], 0)
        if depth == 0:
            return position + 1
    return None


def is_definitions(raw):
    """Whether raw TeX holds nothing but macro definitions (and comments)."""
    text = re.sub(r"(?<!\\)%.*", "", raw).strip()
    while text:
        match = DEFINITION.match(text)
        end = balanced_end(text, match.end()) if match else None
        if end is None:
            return False
        text = text[end:].strip()
    return bool(raw.strip())
