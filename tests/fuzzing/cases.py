"""The cases: a real document (fuzzing/documents.py) with up to three mutations, of its text or of its
bibliography (fuzzing/mutations.py, fuzzing/bibliographies.py), drawn by Hypothesis."""

from hypothesis import strategies as st

from fuzzing.bibliographies import BIBLIOGRAPHY_MUTATIONS
from fuzzing.documents import SEEDS
from fuzzing.mutations import TEXT_MUTATIONS


def mutations_for(document):
    return TEXT_MUTATIONS + (BIBLIOGRAPHY_MUTATIONS if document.bibliographies else [])


@st.composite
def cases(draw, seeds=tuple(SEEDS), most=3):
    """A seed document, mutated from one to `most` times."""
    document = draw(st.sampled_from(seeds))
    for _ in range(draw(st.integers(1, most))):
        mutation = draw(st.sampled_from(mutations_for(document)))
        document = mutation(draw, document)
    return document
