"""Raw LaTeX in the Markdown (pandoc keeps `\\command{...}` it does not know as raw TeX): the
commands that have a Markdown meaning become it, in every edition; the rest cannot be shown
and are dropped, each with a warning at its place.

    \\emph{x} \\textit{x}      emphasis          \\textbf{x}       strong emphasis
    \\texttt{x}               code              \\url{x}          a link to x
    \\autoref{fig:x}, \\cref   "Figure 2"        \\ref{fig:x}      "2"  (\\eqref{eq:y}: "(1)")
    \\newpage, \\clearpage, \\pagebreak: a page break in print and in the DOCX
    \\LaTeX, \\TeX, \\BibTeX, ... the logo's name as text     \\verb|x + y| (any delimiter)   code
    \\section{x}, \\subsection*{x}, ...: a heading (publish.source.latex_headings)

pandoc's Markdown reader makes the control space of `\\LaTeX\\ is` a no-break space, as its LaTeX
reader does: the word after the logo stays apart from it.
"""

import re

from publish.document import plain_inlines

COMMAND = re.compile(r"^\\([A-Za-z]+)\*?\{([^{}]*)\}$")
LOGO = re.compile(r"^\\([A-Za-z]+)(?:\{\})?$")  # \LaTeX, \LaTeX{}
VERB = re.compile(r"^\\verb\*?([^A-Za-z*\s])(.*)\1$", re.DOTALL)  # \verb|x|, \verb+x+: any delimiter
# Logos as their names are written in text: pandoc's LaTeX reader knows \LaTeX and \TeX; the others are the
# LaTeX kernel's (\LaTeXe), BibTeX's and the engines' (metalogo), used the same way.
LOGOS = {"LaTeX": "LaTeX", "TeX": "TeX", "LaTeXe": "LaTeX2ε", "BibTeX": "BibTeX", "XeTeX": "XeTeX",
         "XeLaTeX": "XeLaTeX", "LuaTeX": "LuaTeX", "LuaLaTeX": "LuaLaTeX", "pdfTeX": "pdfTeX", "pdfLaTeX": "pdfLaTeX"}
PAGE_BREAKS = {"newpage", "clearpage", "pagebreak", "cleardoublepage"}
EMPHASIS = {"emph": "Emph", "textit": "Emph", "textsl": "Emph", "textbf": "Strong", "underline": "Underline",
            "textsc": "SmallCaps", "textsuperscript": "Superscript", "textsubscript": "Subscript"}
REFERENCES = {"autoref": "NormalCitation", "cref": "NormalCitation", "Cref": "NormalCitation",
              "ref": "SuppressAuthor", "eqref": "SuppressAuthor"}


def citation(key, mode):
    return {"citationId": key, "citationPrefix": [], "citationSuffix": [], "citationMode": {"t": mode},
            "citationNoteNum": 0, "citationHash": 0}


def latex_inline(raw, labels=None):
    """The inline a LaTeX command means, or None when it has no Markdown meaning. `labels`: what each
    LaTeX label in the document became (publish.source.latex_labels), for a reference to one."""
    if (logo := LOGO.match(raw.strip())) and logo.group(1) in LOGOS:
        return {"t": "Str", "c": LOGOS[logo.group(1)]}
    if verbatim := VERB.match(raw.strip()):
        return {"t": "Code", "c": [["", [], []], verbatim.group(2)]}
    match = COMMAND.match(raw.strip())
    if not match:
        return None
    command, argument = match.groups()
    if command in EMPHASIS:
        return {"t": EMPHASIS[command], "c": plain_inlines(argument)}
    if command == "texttt":
        return {"t": "Code", "c": [["", [], []], argument]}
    if command == "url":
        return {"t": "Link", "c": [["", [], []], [{"t": "Str", "c": argument}], [argument, ""]]}
    if command in REFERENCES:  # \cref{fig:a,fig:b}: each of them
        keys = [(labels or {}).get(key.strip(), key.strip()) for key in argument.split(",") if key.strip()]
        keys = [key[0].upper() + key[1:] if command == "Cref" else key for key in keys]
        if not keys:
            return None
        return {"t": "Cite", "c": [[citation(key, REFERENCES[command]) for key in keys],
                                   [{"t": "Str", "c": raw.strip()}]]}
    return None


def text_without_latex(text, commands):
    """A one-line front-matter value as text, as the body would show it: each raw LaTeX command pandoc read
    in it (`commands`: (as written, its meaning as text or '', whether a control space follows), in order)
    replaced by its meaning, its control space by pandoc's no-break space; every other character as written."""
    parts, cursor = [], 0
    for written, meaning, spaced in commands:
        at = text.find(written, cursor)
        if at < 0:
            continue
        parts += [text[cursor:at], meaning]
        cursor = at + len(written)
        if meaning and written != written.rstrip():  # the space pandoc read into `\\TeX and`: two words
            parts.append(" ")
        elif not meaning and text[at - 1:at] == " " and text[cursor:cursor + 1] == " ":  # one space, not two
            cursor += 1
        if spaced and text.startswith("\\ ", cursor):
            parts.append("\u00a0")
            cursor += 2
    return "".join(parts) + text[cursor:]


def is_page_break(raw):
    return raw.strip().lstrip("\\") in PAGE_BREAKS


def page_break():
    """A page break: a Div the print stylesheet and the DOCX edition break the page at."""
    return {"t": "Div", "c": [["", ["page-break"], []], []]}
