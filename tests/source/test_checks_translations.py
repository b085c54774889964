"""What a translation lacks that its original has (publish/source/checks.py, `translation_findings`):
each note, citation and label it lacks named, as `doit check` finds them beside the original."""

from pathlib import Path

from checking import FRONT

from publish.paths import Publication
from publish.source.preflight import check_publication


TRANSLATION = "source/brief/index.fr.md"


ORIGINAL_BODY = "First[^1] and second[^2] and third[^3] notes, [@smith2020] and [@jones2021].\n\n" \
                "![A figure](figure.png){#fig:one}\n\n| a |\n|---|\n| 1 |\n\n: A table {#tbl:one}\n\n" \
                "[^1]: One.\n[^2]: Two.\n[^3]: Three.\n"


PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")


def translation_findings(write, body, front_lang="fr", original=ORIGINAL_BODY):
    """The findings for source/brief/index.fr.md, beside an original (by default with three notes,
    two citations and two labels)."""
    write(original)
    Path("source/brief/figure.png").write_bytes(PNG)
    Path(TRANSLATION).write_text(FRONT.replace("lang: en", f"lang: {front_lang}") + body, encoding="utf-8")
    return [str(f) for f in check_publication(Publication("brief", "fr")) if "translation" in f.message]


def test_a_translation_with_everything_the_original_has_is_not_told_anything(write):
    assert translation_findings(write, ORIGINAL_BODY) == []


def test_each_note_citation_and_label_a_translation_lacks_is_named(write):
    at = f"{TRANSLATION}:{FRONT[:FRONT.index('lang:')].count(chr(10)) + 1}:1: warning: "
    original = "the original (source/brief/index.md)"
    findings = translation_findings(write, "Only one[^1], [@jones2021].\n\n[^1]: Un.\n")
    assert findings == [f"{at}note 2 of {original} has no counterpart in this translation [translation.incomplete]",
                        f"{at}note 3 of {original} has no counterpart in this translation [translation.incomplete]",
                        f"{at}{original} cites 'smith2020', which this translation does not [translation.incomplete]",
                        f"{at}{original} has the label 'fig:one', which this translation does not "
                        "[translation.incomplete]",
                        f"{at}{original} has the label 'tbl:one', which this translation does not "
                        "[translation.incomplete]"]


def test_a_translation_with_no_notes_is_told_each_note_it_lacks(write):
    body = ORIGINAL_BODY.replace("First[^1] and second[^2] and third[^3] notes", "No notes").split("[^1]:")[0]
    assert [finding.split(": warning: ")[1] for finding in translation_findings(write, body)] == [
        f"note {number} of the original (source/brief/index.md) has no counterpart in this translation "
        "[translation.incomplete]" for number in (1, 2, 3)]


def test_a_translation_with_more_than_the_original_is_not_told_anything(write):
    original = ORIGINAL_BODY.replace(" and [@jones2021]", "")
    body = (ORIGINAL_BODY.replace("[^3]: Three.", "[^3]: Three.\n[^4]: Four.").replace("third[^3]", "third[^3] fourth[^4]")
            + "\n![Another figure](figure.png){#fig:two}\n")
    assert translation_findings(write, body, original=original) == []


def test_a_translation_beside_an_original_that_cannot_be_read_is_not_told_what_it_lacks(write):
    translation_findings(write, ORIGINAL_BODY)
    Path("source/brief/index.md").write_text("No front matter.\n", encoding="utf-8")  # the original's own check says so
    assert [str(f) for f in check_publication(Publication("brief", "fr")) if "original" in f.message] == []


def test_a_cross_reference_capitalised_to_start_a_sentence_is_the_same_reference(write):
    """'@Tbl:one' (the README's capitalised form, as a French sentence may start with it) refers to 'tbl:one'."""
    original = ORIGINAL_BODY + "\nSee @tbl:one and [@fig:one].\n"
    translated = ORIGINAL_BODY + "\n@Tbl:one le montre, comme [@Fig:one].\n"
    assert translation_findings(write, translated, original=original) == []
    at = f"{TRANSLATION}:{FRONT[:FRONT.index('lang:')].count(chr(10)) + 1}:1: warning: "
    assert translation_findings(write, ORIGINAL_BODY + "\n@Tbl:one.\n", original=original) == [
        f"{at}the original (source/brief/index.md) refers to '@fig:one', which this translation does not "
        "[translation.incomplete]"]


def test_a_translation_into_the_originals_own_language_is_refused(write):
    line = FRONT[:FRONT.index("lang:")].count("\n") + 1
    said = "the language of the original (source/brief/index.md)"
    assert [str(f) for f in same_language(write, "fr", "lang: en")] == [
        f"{TRANSLATION}:{line}:1: error: this translation's lang is 'en', {said}: set `lang: fr`, the language its "
        "file name says, in its front matter [translation.same-language]"]
    assert [str(f) for f in same_language(write, "fr", "")] == [  # its lang inherited from the original
        f"{TRANSLATION}:1:1: error: this translation's lang is 'en', {said}: set `lang: fr`, the language its "
        "file name says, in its front matter [translation.same-language]"]
    assert [str(f) for f in same_language(write, "EN", "lang: EN")] == [
        f"source/brief/index.EN.md:{line}:1: error: index.EN.md is a translation into 'EN', {said}: name it after the "
        "language it is translated into (index.fr.md, say), or remove it [translation.same-language]"]
    assert same_language(write, "fr", "lang: fr") == []


def same_language(write, tag, lang_line):
    """The findings of source/brief/index.<tag>.md whose front matter says `lang_line`, beside the original."""
    write(ORIGINAL_BODY)
    Path("source/brief/figure.png").write_bytes(PNG)
    front = FRONT.replace("lang: en\n", f"{lang_line}\n" if lang_line else "")
    Path(f"source/brief/index.{tag}.md").write_text(front + ORIGINAL_BODY, encoding="utf-8")
    return [f for f in check_publication(Publication("brief", tag)) if f.code == "translation.same-language"]
