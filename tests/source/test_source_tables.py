"""Where the source map (publish/source/source_tables.py) places what a table holds, and what
follows it: a fault in a cell is found at its own line and column in a pipe, simple, multiline or
grid table, and a table whose cells are written over several lines misplaces nothing after it."""

from checking import INDEX, place

MULTILINE = """--------------------------------------------------------------
Classification        Detections     Detections     Detections
                      on Android         on iOS       in total
--------------- ---------------- -------------- --------------
dialog                       132            199            331
                        (6.38 %)       (8.58 %)       (7.54 %)

link                         103            103            206
                        (4.98 %)       (4.44 %)       (4.69 %)
--------------------------------------------------------------

The table lists the apps: 206 apps (4.69 %) link to a policy.

```{=latex}
\\sloppy
```

![A chart.](chart.png)

The end [@smith2020] [@jones2021].
"""
SLOPPY = ("warning: the LaTeX '\\sloppy' has no meaning outside LaTeX: the editions leave it out (write it in "
          "Markdown) [raw.latex.dropped]")


def test_what_follows_a_multiline_table_with_blank_lines_between_its_rows_is_at_its_place(write):
    findings = write(MULTILINE)
    assert findings == [f"{INDEX}:{place(MULTILINE, chr(92) + 'sloppy')}: {SLOPPY}",
                        (f"{INDEX}:{place(MULTILINE, '![A chart.]')}: error: image 'chart.png' not found in "
                         "source/brief/ [image.unusable]")]

# Each table has a dead link whose words also stand in the column before it, on the same line, and
# a citation of a key the bibliography lacks, on a cell's second line where cells have several.
TABLES = """| Kind | Note |
|------|------|
| see pipe | [see pipe](#gone-pipe) |

Kind       Note
---------- ------------------------
see simple [see simple](#gone-simple)
other      @nokeysimple

--------------------------------------
Kind       Note
---------- ---------------------------
see multi  first line, then
           [see multi](#gone-multi)

other      more, and a citation of
           @nokeymulti
--------------------------------------

+------------+---------------------+
| Kind       | Note                |
+============+=====================+
| see grid   | first line, then    |
| see grid   | [see grid](#gone-g) |
+------------+---------------------+
| other      | more, citing        |
|            | @nokeygrid          |
+------------+---------------------+

Then the text [@smith2020] [@jones2021].
"""


def dead(anchor, text):
    return (f"error: link '{text}' points to '#{anchor}', which is no heading or anchor in this document "
            "[link.dead-anchor]")


def unknown(key):
    return f"error: citation key '{key}' is not in the bibliography; add it to the bibliography [citation.unknown]"


def test_a_fault_in_a_cell_is_at_its_line_and_column_in_every_kind_of_table(write):
    assert write(TABLES) == [
        f"{INDEX}:{place(TABLES, '[see pipe]')}: {dead('gone-pipe', 'see pipe')}",
        f"{INDEX}:{place(TABLES, '[see simple]')}: {dead('gone-simple', 'see simple')}",
        f"{INDEX}:{place(TABLES, '@nokeysimple')}: {unknown('nokeysimple')}",
        f"{INDEX}:{place(TABLES, '[see multi]')}: {dead('gone-multi', 'see multi')}",
        f"{INDEX}:{place(TABLES, '@nokeymulti')}: {unknown('nokeymulti')}",
        f"{INDEX}:{place(TABLES, '[see grid]')}: {dead('gone-g', 'see grid')}",
        f"{INDEX}:{place(TABLES, '@nokeygrid')}: {unknown('nokeygrid')}",
    ]


def test_a_table_after_a_caption_with_attributes_has_its_faults_at_their_places(write):
    body = ("| Kind | Note |\n|------|------|\n| one  | two  |\n\n: The first. {#tbl:first}\n\n\n"
            "| Kind | Note |\n|------|------|\n| see  | [see](#gone-second) |\n\n"
            "See @tbl:first [@smith2020] [@jones2021].\n")
    assert write(body) == [f"{INDEX}:{place(body, '[see]')}: {dead('gone-second', 'see')}"]


def test_a_table_after_a_caption_of_two_lines_has_its_faults_at_their_places(write):
    body = (": A caption written\n  over two lines.\n\n------------------------\nKind       Note\n---------- -------------\n"
            "see the    [see](#gone)\nnotes      it says\n\nother      more\n------------------------\n\n"
            "Then [@smith2020] [@jones2021].\n")
    assert write(body) == [f"{INDEX}:{place(body, '[see]')}: {dead('gone', 'see')}"]
