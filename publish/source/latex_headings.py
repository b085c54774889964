"""LaTeX's sectioning commands in the Markdown, as theses written for LaTeX have them: pandoc keeps
`\\subsection*{Goals}` on a line of its own as raw TeX, which no edition shows; here it becomes the
heading it is in LaTeX, in every edition.

    \\chapter{x} #     \\section{x} #     \\subsection{x} ##     \\subsubsection{x} ###
    \\paragraph{x} ####     \\subparagraph{x} #####     (each command as pandoc's LaTeX reader reads it alone)
    \\section*{x}       the same heading, unnumbered      \\section[short]{x}    the heading x

The heading's words are as pandoc's LaTeX reader reads them (`\\emph`, math); a command it does not know
stays raw TeX, settled as any in a heading is. A `\\label{...}` right after the command labels the heading
(publish.source.latex_labels). Whatever else the raw block holds stays raw TeX, before and after it.
The scan below only finds where each command stands in the raw TeX; its meaning is pandoc's.
"""

import re

from publish.pandoc import read_latex

LEVELS = {"chapter": 1, "section": 1, "subsection": 2, "subsubsection": 3, "paragraph": 4, "subparagraph": 5}
COMMAND = re.compile(r"\\(" + "|".join(LEVELS) + r")(?![A-Za-z])\*?\s*(?:\[[^\]]*\]\s*)?\{")
LABEL_AFTER = re.compile(r"\s*\\label\{([^{}]+)\}")


def group_end(tex, start):
    """The index just past the brace group that opens at tex[start], or None when it does not close."""
    depth, index = 0, start
    while index < len(tex):
        character = tex[index]
        if character == "\\":
            index += 2  # an escaped character, \{ or \}, is no brace
            continue
        depth += {"{": 1, "}": -1}.get(character, 0)
        index += 1
        if depth == 0:
            return index
    return None


def commented(tex, at):
    """Whether `at` stands after a TeX comment sign (an unescaped %) on its line."""
    line = tex[tex.rfind("\n", 0, at) + 1:at]
    return bool(re.search(r"(?<!\\)%", line))


def heading_pieces(tex):
    """The raw TeX of a block cut at each sectioning command: [(kind, TeX, start, label)], kind 'raw'
    (label None) or 'heading' (the command alone, its \\label's name or None), in order."""
    pieces, cursor = [], 0
    for match in COMMAND.finditer(tex):
        end = group_end(tex, match.end() - 1)
        if match.start() < cursor or end is None or commented(tex, match.start()):
            continue
        label = LABEL_AFTER.match(tex, end)
        pieces += [("raw", tex[cursor:match.start()], cursor, None),
                   ("heading", tex[match.start():end], match.start(), label.group(1) if label else None)]
        cursor = label.end() if label else end
    pieces.append(("raw", tex[cursor:], cursor, None))
    return [piece for piece in pieces if piece[1].strip()] if len(pieces) > 1 else []


def headings_read(commands, context=None):
    """The Header pandoc's LaTeX reader makes of each command, in one run; its level the command's
    own (read together, a \\chapter would push every \\section down). None if they do not match."""
    document = read_latex("\n\n".join(commands), context)
    headers = [block for block in document["blocks"] if block["t"] == "Header"]
    if len(headers) != len(commands) or len(document["blocks"]) != len(commands):
        return None
    for header, command in zip(headers, commands):
        header["c"][0] = LEVELS[COMMAND.match(command).group(1)]
    return headers


def unique(identifier, taken):
    """The identifier, or pandoc's next free form of it (x-1, x-2, ...) when another element has it."""
    if not identifier:  # a heading of no words has no id, as pandoc gives it none
        return identifier
    candidate, number = identifier, 0
    while candidate in taken:
        number += 1
        candidate = f"{identifier}-{number}"
    taken.add(candidate)
    return candidate


def labelled(header, label):
    """The header with its \\label written at the end of its words, as `# Title \\label{x}` would read."""
    if label:
        header["c"][2] += [{"t": "Space"}, {"t": "RawInline", "c": ["tex", f"\\label{{{label}}}"]}]
    return header
