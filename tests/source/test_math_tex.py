"""TeX math as the editions read it (publish/source/math_tex.py): the commands pandoc's TeX reader
lacks written as commands it reads, the document's own macro definitions applied by pandoc and
their block left out in silence, and the check asking the editions' own reader
(publish/pandoc.py's unreadable_math), at each formula's place."""

import pytest
from checking import BODY_LINE, CITED, INDEX, column

from publish.pandoc import unreadable_math
from publish.source.math_tex import as_texmath_reads, is_definitions

API = [1, 23, 1, 1]


@pytest.mark.parametrize("tex, read", [
    (r"{a \over b}", r"{\frac{a}{b}}"), (r"x = {n+1 \over 2} + y", r"x = {\frac{n+1}{2}} + y"),
    (r"a \over b", r"\frac{a}{b}"), (r"{n \choose k}", r"{\binom{n}{k}}"),
    (r"{{a \over b} \over c}", r"{\frac{{\frac{a}{b}}}{c}}"),
    (r"\argmin_x f(x)", r"\operatorname*{arg\,min}_x f(x)"),
    (r"\argmax_{x \in X}", r"\operatorname*{arg\,max}_{x \in X}"),
    (r"\overline{x} + \overrightarrow{v}", r"\overline{x} + \overrightarrow{v}"),
])
def test_commands_texmath_lacks_are_written_as_commands_it_reads(tex, read):
    assert as_texmath_reads(tex) == read
    assert unreadable_math([("InlineMath", read)], API) == {}


@pytest.mark.parametrize("raw, only_definitions", [
    ("\\DeclareMathOperator*{\\argmin}{arg\\,min}\n\\newcommand{\\R}{\\mathbb{R}}", True),
    ("\\newcommand{\\vect}[1]{\\mathbf{#1}} % vectors", True), ("\\renewcommand\\d{\\mathrm{d}}", True),
    ("\\def\\x{1}", True), ("\\vspace{1em}", False), ("\\newcommand{\\R}{\\mathbb{R}} \\tableofcontents", False),
    ("", False),
])
def test_a_block_of_macro_definitions_is_told_from_content(raw, only_definitions):
    assert is_definitions(raw) is only_definitions


def test_the_editions_reader_says_why_a_formula_cannot_be_read():
    found = unreadable_math([("InlineMath", r"\frac{1}{2"), ("DisplayMath", r"\nosuch{x}"), ("InlineMath", "x^2")], API)
    assert found == {r"\frac{1}{2": "unexpected end", r"\nosuch{x}": r"unexpected control sequence \nosuch"}


def test_macros_and_common_commands_check_clean_and_the_rest_is_at_its_place(write):
    formulas = "$x \\in \\R$, $\\argmin_x f$, ${a \\over b}$, $\\argmax_x g$ and $\\nosuch{x}$."
    body = "\\DeclareMathOperator*{\\argmin}{arg\\,min}\n\\newcommand{\\R}{\\mathbb{R}}\n\n" + formulas + "\n\n" + CITED
    place = column(formulas, "$\\nosuch")
    at = f"{BODY_LINE + 3}:{place}"
    assert write(body) == [f"{INDEX}:{at}: warning: the formula '\\nosuch{{x}}' cannot be read as TeX math "
                           "(unexpected control sequence \\nosuch): the editions show its TeX source; check its braces "
                           "and commands [math.unreadable]"]
