"""The words the pipeline adds (publish/labels.py), from the catalogue of the publication's language,
English where it has none."""


def test_labels_come_from_the_catalogue_of_the_language_and_fall_back_to_english():
    from publish.labels import Labels, has_catalogue

    assert Labels("fr-CA").numbered("Table", 2) == "Tableau\u00a02"
    assert Labels("de").numbered("Figure", 3, in_sentence=True) == "Abbildung\u00a03"
    assert Labels("sw").numbered("Figure", 3) == "Figure\u00a03"
    assert has_catalogue("en-GB") and has_catalogue("fa") and not has_catalogue("sw")


def test_numbers_are_written_in_the_languages_own_digits():
    from publish.labels import Labels, counter_style, local_digits

    assert Labels("fa").numbered("Figure", "12") == "شکل\u00a0۱۲" and Labels("fa").digits("(3)") == "(۳)"
    assert local_digits("10 دسامبر 1948", "fa-AF") == "۱۰ دسامبر ۱۹۴۸" and local_digits("p. 12", "fr") == "p. 12"
    assert (counter_style("fa"), counter_style("ps"), counter_style("en"), counter_style("xx-unknown")) == (
        "persian", "persian", "decimal", "decimal")
