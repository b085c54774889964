"""Where a table and its cells stand in the author's Markdown, for the source map
(publish.source.source_map): what the table holds comes from pandoc's parse; a scan of its lines
only says where the table ends, where each row is and which characters of a line belong to a column.

A multiline or grid table writes a cell's words over several lines, column after column within
each line, so a cell is searched within its own row and, where the columns are known, within its
own column; nothing of a table is searched past the table's end, so what follows it stays right.
"""

import re
from itertools import pairwise

from publish.source.markdown_layout import SEPARATOR_LINE, line_spans

TABLE_CAPTION = re.compile(r"[^\n]*(?:\n[ \t]*)*\n {0,3}(?:Table)?:[ \t]")
# A caption before its table runs to a blank line, as a paragraph does.
CAPTION_BEFORE = re.compile(r" {0,3}(?:Table)?:[ \t][^\n]*\n(?:[ \t]*\S[^\n]*\n)*(?:[ \t]*\n)*")
BLANK_LINES = re.compile(r"(?:[ \t]*\n)*")
DASHES = re.compile(r"[ \t]*-[- \t]*")  # a simple or multiline table's dashed line (whole)
BLANK_LINE = re.compile(r"\n[ \t]*(?:\n|$)")


def table_region(view, cursor, limit):
    """(start, end) of the table's own lines after `cursor`: from its first line (past a caption
    written before it) to the blank line after it. A multiline table has blank lines between its
    rows: it ends at the dashed line that a blank line follows."""
    line_start = view.rfind("\n", 0, cursor) + 1
    if view[line_start:cursor].strip():  # the search stopped inside the line before (a caption's attributes)
        cursor = view.find("\n", cursor) + 1 or len(view)
    position = BLANK_LINES.match(view, cursor).end()
    caption = CAPTION_BEFORE.match(view, position)
    position = caption.end() if caption else position
    stop = min(limit, len(view))
    end = dashed_end(view, position, stop)
    if end is None:
        blank = BLANK_LINE.search(view, position, stop)
        end = blank.start() if blank else stop
    return (position, end) if position < end else None


def dashed_end(view, start, stop):
    """The end of the last line of a table that opens with a dashed line, or None."""
    lines = line_spans(view[start:stop])
    if not lines or not DASHES.fullmatch(view[start:start + lines[0][1]]):
        return None
    for (a, b), (c, d) in zip(lines[1:], lines[2:] + [(None, None)]):
        if DASHES.fullmatch(view[start + a:start + b]) and (c is None or not view[start + c:start + d].strip()):
            return start + b
    return None


def table_rows(view, start, end, count):
    """(start, end) of each of the `count` rows of the table in view[start:end], or None if its
    lines are no such rows: a grid table's rows lie between its '+---+' lines, a pipe or simple
    table's are its other lines, a multiline table's are separated by blank or dashed lines."""
    spans = [(start + a, start + b) for a, b in line_spans(view[start:end])]
    if view[start:end].lstrip().startswith("+"):
        rows, current = [], None
        for a, b in spans:
            if view[a:b].lstrip().startswith("+"):
                if current is not None:
                    rows.append((current, a))
                current = b + 1
        return rows if len(rows) == count else None
    lines = [(a, b + 1) for a, b in spans if view[a:b].strip() and not SEPARATOR_LINE.match(view[a:b])]
    if len(lines) == count:
        return lines
    groups, previous = [], None
    for a, b in lines:  # lines that follow each other make one row
        if groups and previous == a:
            groups[-1] = (groups[-1][0], b)
        else:
            groups.append((a, b))
        previous = b
    return groups if len(groups) == count else None


def table_columns(view, start, end):
    """[(left, right)] character columns of each column of the table in view[start:end] (right None
    for the last, which runs to the line's end), or None where the table marks none: a grid table's
    between its '+', a simple or multiline table's from each run of its dashed line to the next."""
    lines = [view[start + a:start + b] for a, b in line_spans(view[start:end])]
    if lines and lines[0].lstrip().startswith("+"):
        plus = [index for index, character in enumerate(lines[0]) if character == "+"]
        return list(pairwise(plus)) or None
    dashed = [line for line in lines if DASHES.fullmatch(line)]
    if not dashed:
        return None
    runs = max(([match.start() for match in re.finditer("-+", line)] for line in dashed), key=len)
    return [(0 if index == 0 else left, runs[index + 1] if index + 1 < len(runs) else None)
            for index, left in enumerate(runs)]


def column_view(view, start, end, left, right):
    """`view` with every character of view[start:end] outside the columns [left, right) blanked
    (offsets stay), so a cell's words are looked for in its own column only."""
    kept = []
    for line in view[start:end].split("\n"):
        inside = line[left:right]
        before = " " * min(left, len(line))
        kept.append(before + inside + " " * (len(line) - len(before) - len(inside)))
    return view[:start] + "\n".join(kept) + view[end:]


class TablePlaces:
    """The source map's placing of tables (a part of publish.source.source_map.SourceMap)."""

    def table_block(self, content, cursor, view, limit):
        region = table_region(view, cursor, limit)
        end = self.table(content, cursor, view, limit, region)
        if region:
            return region[0], end
        first = self.first_in(content[3:])
        return (self.line_start(first) if first is not None else cursor), end

    def table(self, content, cursor, view, limit, region):
        """A table's cells, each within its own row and column, then its caption, before or after it."""
        _, caption, colspecs, head, bodies, foot = content
        rows = list(head[1])
        for body in bodies:
            rows += body[2] + body[3]
        rows += foot[1]
        if region is None:
            end = cursor
            for row in rows:
                for cell in row[1]:
                    end = self.blocks(cell[4], end, view, limit)
        else:
            self.cells(rows, len(colspecs), view, *region)
            end = region[1]
        following = TABLE_CAPTION.match(view, end)
        if following:  # the caption after the table; else it stood before, where the search began
            return self.blocks(caption[1], following.end(), view, limit)
        self.blocks(caption[1], cursor, view, limit)
        return end

    def cells(self, rows, count, view, start, end):
        """Place each row's cells within the table's lines: within its row and column where these
        are known, else one after another (never past the table's end)."""
        spans = table_rows(view, start, end, len(rows))
        if spans is None:  # a layout this does not know (a grid table's cell over rows): in reading order
            cursor = start
            for row in rows:
                for cell in row[1]:
                    found = self.blocks(cell[4], cursor, view, end)
                    if not self.all_words_placed(cell[4]):  # it stands before a cell read before it
                        self.blocks(cell[4], start, view, end)
                    cursor = found
            return
        columns = table_columns(view, start, end)
        columns = columns if columns and len(columns) == count else None
        views = {}
        for row, (row_start, row_stop) in zip(rows, spans):
            spanned = [cell[3] for cell in row[1]]
            if columns and all(cell[2] == 1 for cell in row[1]) and sum(spanned) == count:
                self.cells_in_columns(row[1], columns, views, view, (start, end), (row_start, row_stop))
                continue
            single = "\n" not in view[row_start:row_stop - 1]  # a row on one line: its cells in order
            cursor = row_start
            for cell in row[1]:
                found = self.blocks(cell[4], cursor, view, row_stop)
                cursor = found if single else row_start

    def all_words_placed(self, value):
        if isinstance(value, dict):
            return (value.get("t") != "Str" or id(value) in self.offsets) and self.all_words_placed(value.get("c"))
        return not isinstance(value, list) or all(self.all_words_placed(item) for item in value)

    def cells_in_columns(self, cells, columns, views, view, region, row):
        column = 0
        for cell in cells:
            left, right = columns[column][0], columns[column + cell[3] - 1][1]
            if (left, right) not in views:
                views[left, right] = column_view(view, *region, left, right)
            self.blocks(cell[4], row[0], views[left, right], row[1])
            column += cell[3]
