"""Where the source map (publish/source/source_map.py) places what the checks find. The checks agree
with pandoc: Markdown that only looks like a note, a citation or a link (in code, math, comments,
escapes, e-mail addresses) is never a finding, and a real fault hidden among it is found at its true
line and column."""

from checking import BODY_LINE, INDEX, place

CORPUS = r"""# Markdown syntax, explained {#sec-syntax}

To write a note, type `text[^1]` and define it as `[^1]: the note`.
A citation is written `[@smith2020]`; mail editor@example.org or <mailto:a@example.org>.

    indented code: [^9] and [link](#nowhere) and @nokey and <script>x</script> \newpage

```markdown
Fenced: [^8]: a fake definition
[x](#nope) @nokey2 ![](missing.png)
```

~~~
tilde fence [^7] @nokey3 <iframe src="https://example.org"></iframe>
~~~

Real text cites [@smith2020, p. 3] and @jones2021 and links [out][ref], [again][] and <https://example.org/a>.
An escaped \[not a link\](#x), \[^notanote] and \@notacite, math $a[^2] @x$ and $$\text{[x](\#y)}$$ and a real note.[^real]
Prices of $5 and $10 are not math. An at sign in an address: user@example.org, an @ alone, and `@` in code.
Press <kbd>Ctrl</kbd> and <sup>2</sup>, \*not emphasis\*, &amp; an entity.

- a list item with a note.[^listnote]
    - nested item citing [@jones2021]
        1. deeper, with a link to [the syntax](#sec-syntax)

1. ordered
2. ordered, with code: `[^x]`

> A quotation with a note.[^quotenote]
>
>     code in a quote [^q] @noq

<!-- a comment with [^c], [x](#c), <script>alert(1)</script> and @cite -->

Term
:   Definition with [@smith2020].

| Col | Num |
|-----|----:|
| a @jones2021 | 1 |
| `[^t]` | 2 |

: A caption {#tbl-x}

See @tbl-x and @sec-syntax.

[again]: https://example.org/again
[ref]: https://example.org/ref "Title"

[^real]: The real note, with [a link](https://example.org) and @smith2020.

    A second paragraph of the note.

        code in a note: [^n] @non

[^listnote]: A list note.
[^quotenote]: A quote note.

Last paragraph, after the notes, cites @smith2020.
"""


def test_markdown_that_only_looks_like_notes_citations_and_links_is_no_finding(write):
    assert write(CORPUS) == []


def test_real_faults_among_it_are_found_at_their_true_places(write):
    body = (CORPUS
            .replace("nested item citing [@jones2021]", "nested item citing [@jones2021] and [@smyth2020]")
            .replace("> A quotation with a note.[^quotenote]", "> A quotation with a note.[^quotenote] And[^missing].")
            .replace("| a @jones2021 | 1 |", "| a @jones2021 [cell](#no-such-anchor) | 1 |")
            .replace("See @tbl-x and @sec-syntax.", "See @tbl-x and @sec-syntax and [a broken one][bad].\n\n"
                                                    "#### Too deep")
            .replace("[again]: https://example.org/again", "[again]: https://example.org/again\n[bad]: #nowhere")
            .replace("Last paragraph,", "[^orphan]: Never called, though code shows `[^orphan]`.\n\nLast paragraph,"))
    assert write(body) == [
        f"{INDEX}:{place(body, '@smyth2020')}: error: citation key 'smyth2020' is not in the bibliography; "
        "did you mean 'smith2020'? [citation.unknown]",
        f"{INDEX}:{place(body, '[^missing]')}: error: note '[^missing]' is called but never defined [note.undefined]",
        f"{INDEX}:{place(body, '[cell]')}: error: link 'cell' points to '#no-such-anchor', which is no heading or "
        "anchor in this document [link.dead-anchor]",
        f"{INDEX}:{place(body, '[a broken one]')}: error: link 'a broken one' points to '#nowhere', which is no "
        "heading or anchor in this document [link.dead-anchor]",
        f"{INDEX}:{place(body, '#### Too deep')}: warning: heading level 4 follows level 1: a level is skipped "
        "[heading.skipped-level]",
        f"{INDEX}:{place(body, '[^orphan]: Never')}: warning: note '[^orphan]' is defined but never called "
        "[note.unused]",
    ]


def test_a_raw_html_or_latex_fault_is_a_warning_at_its_place(write):
    command = "\\foo{bar}"
    body = CORPUS.replace("Press <kbd>Ctrl</kbd>", f'Press <kbd onclick="go()">Ctrl</kbd> {command}')
    assert write(body) == [
        f"{INDEX}:{place(body, '<kbd')}: warning: the attribute 'onclick' of raw HTML <kbd> is removed: an event "
        "handler would run code [raw.html.removed]",
        f"{INDEX}:{place(body, command)}: warning: the LaTeX '{command}' has no meaning outside LaTeX: the editions "
        "leave it out (write it in Markdown) [raw.latex.dropped]",
    ]


def test_a_raw_block_is_at_its_content_on_the_line_after_its_fence(write):
    body = "Text [@smith2020] [@jones2021].\n\n```{=latex}\n\\afterpage{%\n```\n\nMore.\n\n```{=latex}\n}\n```\n"
    brace = body.index("\n}\n") + 1
    line = body[:brace].count("\n") + BODY_LINE
    assert write(body)[-1] == (f"{INDEX}:{line}:1: warning: the LaTeX '}}' has no meaning outside LaTeX: the editions "
                               "leave it out (write it in Markdown) [raw.latex.dropped]")


def test_what_follows_a_long_code_block_is_at_its_place(write):
    code = "".join(f"    if value == {number}:\n        return {{'see': 'here'}}\n" for number in range(150))
    body = f"```python\ndef f(value):\n{code}}}\n```\n\nSee [here](#gone) [@smith2020] [@jones2021].\n"
    assert len(code) > 4000 and write(body) == [
        f"{INDEX}:{place(body, '[here]')}: error: link 'here' points to '#gone', which is no heading or anchor in "
        "this document [link.dead-anchor]"]


def test_inline_code_over_two_lines_is_not_taken_for_the_same_code_on_one_line_further_on(write):
    body = ("Writing `$$\\int_0^1\nx \\, dx$$` gives [this](#gone) [@smith2020] [@jones2021]:\n\n"
            "$$\\int_0^1 x \\, dx$$\n\nThe end.\n")
    assert write(body) == [
        f"{INDEX}:{place(body, '[this]')}: error: link 'this' points to '#gone', which is no heading or anchor in "
        "this document [link.dead-anchor]"]
