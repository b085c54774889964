"""Where a piece of one text stands in another: the DOCX edition's words in the Markdown they came
from, a reviewed text in the edition, an old revision of the source in today's.

Both texts are cut into tokens (a word, a run of spaces, one punctuation mark) and aligned with
difflib; a token matches its counterpart when they are the same word, with typographic quotes
taken for straight ones and a blank line for a paragraph break. Markdown's markup (`#`, `*`,
`[@key]`, a link's address) and what the edition generates from it (a rendered citation) are left
unmatched, and a change is placed only where the words around it matched.
"""

import bisect
import re
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher

TOKEN = re.compile(r"\s+|\w+|[^\w\s]")
SAME_CHARACTER = str.maketrans("\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u00a0\u202f\u2011",
                               "''''\"\"\"\"  -")
# Markdown's inline markup: what a deletion may take along with the words, when it takes both ends.
MARKUP = set("*_~^`")
PAIRS = {"[": "]", "(": ")"}


def key(token):
    if token.isspace():
        return "\u00b6" if token.count("\n") >= 2 else " "
    return token.translate(SAME_CHARACTER)


@dataclass(frozen=True)
class Tokens:
    text: str
    starts: tuple
    ends: tuple
    keys: tuple

    @classmethod
    def of(cls, text):
        found = list(TOKEN.finditer(text))
        return cls(text, tuple(m.start() for m in found), tuple(m.end() for m in found), tuple(key(m.group()) for m in found))

    def at(self, offset):
        """The index of the token holding the character at `offset`, or None past the end."""
        index = bisect.bisect_right(self.starts, offset) - 1
        return index if 0 <= index < len(self.starts) and offset < self.ends[index] else None

    def token(self, index):
        return self.text[self.starts[index]:self.ends[index]]


class Alignment:
    """Token `i` of `a` matches token `pairs[i]` of `b`."""

    def __init__(self, a, b):
        self.a, self.b = Tokens.of(a) if isinstance(a, str) else a, Tokens.of(b) if isinstance(b, str) else b
        matcher = SequenceMatcher(None, self.a.keys, self.b.keys, autojunk=False)
        self.pairs = {}
        for first_a, first_b, size in matcher.get_matching_blocks():
            for step in range(size):
                self.pairs[first_a + step] = first_b + step
        self.match_the_rest()
        self.fill_gaps()
        self.matched_b = set(self.pairs.values())

    def match_the_rest(self):
        """A second pass over the tokens left unmatched, for words that stand in another order in the
        edition than in the source (a table's caption, written under the table in Markdown, stands above
        it in Word): a distinctive word found once among the unmatched tokens on each side is paired,
        and so are the equal tokens around it."""
        taken = set(self.pairs.values())
        left_a = [index for index in range(len(self.a.keys)) if index not in self.pairs]
        left_b = [index for index in range(len(self.b.keys)) if index not in taken]
        count_a, count_b = Counter(self.a.keys[i] for i in left_a), Counter(self.b.keys[i] for i in left_b)
        where_b = {self.b.keys[index]: index for index in left_b}
        near = self.neighbourhoods(left_a)
        for index in left_a:
            word = self.a.keys[index]
            if index in self.pairs or not distinctive(word) or count_a[word] != 1 or count_b[word] != 1:
                continue
            if not near[index][0] <= where_b[word] <= near[index][1]:
                continue  # the same word far away: a citation's author named in the front matter
            self.pairs[index] = where_b[word]
            taken.add(where_b[word])
            for step in (-1, 1):
                x, y = index + step, where_b[word] + step
                while 0 <= x < len(self.a.keys) and 0 <= y < len(self.b.keys) and x not in self.pairs and y not in taken \
                        and self.a.keys[x] == self.b.keys[y]:
                    self.pairs[x] = y
                    taken.add(y)
                    x, y = x + step, y + step

    def fill_gaps(self):
        """The tokens left unmatched between two matched ones, aligned with those between their partners: a
        table's cells, which stand above its caption in Word and below it in Markdown, are placed by their
        distinctive words only, and a word a table repeats ('Medium' in three rows) was left out."""
        taken = set(self.pairs.values())
        words = sorted((x, y) for x, y in self.pairs.items() if not self.a.token(x).isspace())  # spaces anchor nothing
        for (x1, y1), (x2, y2) in zip(words, words[1:]):
            if y2 <= y1:
                continue  # the partners cross: text that moved
            # words only: a blank line that matched first would keep the word after it from matching
            left_a = [index for index in range(x1 + 1, x2) if index not in self.pairs and not self.a.token(index).isspace()]
            left_b = [index for index in range(y1 + 1, y2) if index not in taken and not self.b.token(index).isspace()]
            matcher = SequenceMatcher(None, [self.a.keys[i] for i in left_a], [self.b.keys[i] for i in left_b],
                                      autojunk=False)
            for first_a, first_b, size in matcher.get_matching_blocks():
                for step in range(size):
                    self.pairs[left_a[first_a + step]] = left_b[first_b + step]
                    taken.add(left_b[first_b + step])

    def neighbourhoods(self, unmatched):
        """For each unmatched token of a, the range of b where its counterpart may stand: around where
        the matched token before its run of unmatched tokens stands, as far either way as twice the
        run is long (and some)."""
        ranges, run = {}, []
        for index in unmatched + [None]:
            if run and (index is None or index != run[-1] + 1):
                before = self.pairs.get(run[0] - 1, 0)
                reach = 2 * len(run) + 50
                ranges.update({member: (before - reach, before + reach) for member in run})
                run = []
            if index is not None:
                run.append(index)
        return ranges

    def exact(self, offset, side="start"):
        """`offset` of a in b, when the token holding it (for side='end', the one before it) matched."""
        index = self.a.at(offset if side == "start" else offset - 1)
        if index is None or index not in self.pairs:
            return None
        partner = self.pairs[index]
        into = offset - self.a.starts[index]
        return self.b.starts[partner] + min(into, self.b.ends[partner] - self.b.starts[partner])

    def insertion_point(self, offset):
        """Where text inserted at `offset` of a goes in b: after the word before it, else before the
        word after it; None when neither matched."""
        if offset == 0 and not self.a.text:
            return 0 if not self.b.text else None
        after = self.exact(offset, "end") if offset > 0 else None
        return after if after is not None else self.exact(offset, "start")

    def nearest(self, offset):
        """The place in b of the nearest matched token at or before `offset` (after it, if none): where
        an editor should look, though the text there may be markup or generated."""
        index = self.a.at(min(offset, len(self.a.text) - 1)) if self.a.text else None
        if index is None:
            return 0
        for candidate in range(index, -1, -1):
            if candidate in self.pairs:
                return self.b.starts[self.pairs[candidate]] + (offset - self.a.starts[candidate] if candidate == index else
                                                              self.b.ends[self.pairs[candidate]] - self.b.starts[self.pairs[candidate]])
        for candidate in range(index, len(self.a.starts)):
            if candidate in self.pairs:
                return self.b.starts[self.pairs[candidate]]
        return 0

    def matched_in(self, start, end):
        """How many of a's tokens in [start, end) matched."""
        first = bisect.bisect_left(self.a.ends, start + 1)
        return sum(1 for index in range(first, len(self.a.starts)) if self.a.starts[index] < end and index in self.pairs)

    def deletion(self, start, end):
        """b's range for a's [start, end), when both ends matched and whatever lies between in b only
        is balanced markup or the source of something the edition generated within the range; else None."""
        first, last = self.exact(start, "start"), self.exact(end, "end")
        if first is None or last is None or last < first:
            return None
        inside = [index for index in range(len(self.b.starts)) if first <= self.b.starts[index] < last]
        unmatched = "".join(self.b.token(index) for index in inside if index not in self.matched_b and not self.b.keys[index].isspace())
        return (first, last) if balanced(unmatched) else None


def distinctive(word):
    """A word unlikely to stand twice by chance: four letters or more, or a number."""
    return (word[:1].isalnum() and len(word) >= 4) or any(character.isdigit() for character in word)


def balanced(markup):
    """True when deleting `markup` with the words around it leaves no half of a pair behind."""
    for character in MARKUP:
        if markup.count(character) % 2:
            return False
    return all(markup.count(opening) == markup.count(closing) for opening, closing in PAIRS.items())
