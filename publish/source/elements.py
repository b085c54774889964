"""Every element of a document's body by kind, found in one walk: what the checks read, instead of
walking the whole document once per kind of finding."""

from publish.document import iterate
from publish.source.raw_content import attributes_of


class ElementIndex:
    def __init__(self, document):
        self.in_order = list(iterate(document["blocks"]))  # the very objects, in reading order
        self.by_kind = {}
        for element in self.in_order:
            self.by_kind.setdefault(element["t"], []).append(element)

    def of(self, *kinds):
        """The elements of these kinds, in reading order."""
        if len(kinds) == 1:
            return self.by_kind.get(kinds[0], [])
        return [element for element in self.in_order if element["t"] in kinds]

    def anchors(self):
        """Every id in the body: headings, divs, spans and the rest."""
        return {attributes[0] for element in self.in_order if (attributes := attributes_of(element))} - {""}
