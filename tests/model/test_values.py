"""The shapes of front-matter values (publish/model/values.py): a label the series sets, given per
language or translated from English, and the direction of a language's script."""


def test_a_label_the_series_sets_is_given_per_language_or_translated_from_english():
    from publish.model.values import direction, in_language

    assert in_language("Bibliography", "fr") == "Bibliographie"  # one value: English, which the catalogue translates
    assert in_language("Works cited", "fr") == "Works cited"  # not in the catalogue: as written
    assert in_language({"en": "Works cited", "fr": "Ouvrages cités"}, "fr-CA") == "Ouvrages cités"
    assert in_language({"en": "Works cited", "fr": "Ouvrages cités"}, "de") == "Works cited"
    assert [direction(None, {"lang": lang}) for lang in ("fa", "ps-AF", "ar", "he", "en", "fr")] == ["rtl"] * 4 + ["ltr"] * 2
    assert direction("RTL", {"lang": "en"}) == "rtl"
