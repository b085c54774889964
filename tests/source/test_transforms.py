"""The document transforms (publish/source/transforms.py): a placeholder link becomes plain text, a real
one stays."""

from pandoc_json import link, para

from publish.source.transforms import links as unwrap_placeholder_links


def test_placeholder_links_become_plain_text_and_real_ones_stay():
    document = {"meta": {}, "blocks": [para(link("#"), {"t": "Space"}, link("https://example.org"))]}
    inlines = unwrap_placeholder_links(document, None)["blocks"][0]["c"]
    assert inlines[0]["t"] == "Span" and inlines[0]["c"][0][1] == ["unresolved-link"]
    assert inlines[2]["t"] == "Link"
    assert inlines[0]["c"][1] == [{"t": "Str", "c": "words"}] and inlines[2]["c"][1] == [{"t": "Str", "c": "words"}]
