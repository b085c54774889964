"""The words the pipeline itself adds to a publication ("Figure 2", "Table 1"), in the
publication's language, from one gettext catalogue per language: locale/<lang>.po.

English is the source language: a label without a translation is printed in English,
and `doit check` says which language lacks a catalogue. Numbers are written as the
language writes them (Babel), in its own digits (Persian ۱۲).
"""

from dataclasses import dataclass

from publish.caches import cached
from publish.paths import LOCALE

IN_A_SENTENCE = "in a sentence"
# The digits of the numbering systems CLDR makes some languages' own (Babel's default_numbering_system, which
# Babel itself does not write): Persian and Pashto write ۰–۹, Bengali ০–৯; their CSS counter styles, for the
# PDF's folios and note numbers. A language not here writes 0–9.
ZEROS = {"arabext": 0x06F0, "arab": 0x0660, "beng": 0x09E6, "deva": 0x0966, "mymr": 0x1040}
COUNTER_STYLES = {"arabext": "persian", "arab": "arabic-indic", "beng": "bengali", "deva": "devanagari",
                  "mymr": "myanmar"}


def numbering_system(lang):
    """The numbering system the language writes numbers in ('arabext' for Persian), 'latn' if unknown."""
    from babel.core import Locale, UnknownLocaleError

    try:
        return Locale.parse(lang.replace("-", "_")).default_numbering_system or "latn"
    except (UnknownLocaleError, ValueError):
        return "latn"


def local_digits(text, lang):
    """The text with its digits 0–9 as the language writes them ('۱۰ دسامبر ۱۹۴۸' in Persian)."""
    zero = ZEROS.get(numbering_system(lang))
    return text.translate({ord("0") + digit: zero + digit for digit in range(10)}) if zero else text


def counter_style(lang):
    """The CSS counter style that writes numbers in the language's digits ('persian'), else 'decimal'."""
    return COUNTER_STYLES.get(numbering_system(lang), "decimal")


def catalogue_path(lang):
    """The catalogue for a language tag: 'fr-CA' falls back to 'fr'; None if there is none (or English)."""
    parts = lang.replace("_", "-").split("-")
    for size in range(len(parts), 0, -1):
        candidate = LOCALE / f"{'-'.join(parts[:size])}.po"
        if candidate.is_file():
            return candidate
    return None


@cached(survives_warm_rebuild=False, holds="the label catalogues of locale/")
def read_catalogue(path):
    from babel.messages.pofile import read_po

    with open(path, "rb") as stream:
        return read_po(stream)


@dataclass(frozen=True)
class Labels:
    lang: str

    @property
    def catalogue(self):
        path = catalogue_path(self.lang)
        return read_catalogue(path) if path else None

    def word(self, msgid, in_sentence=False):
        """A label: its form at the start of a caption or sentence, or inside a sentence."""
        catalogue = self.catalogue
        if catalogue is None:
            return msgid
        message = catalogue.get(msgid, context=IN_A_SENTENCE if in_sentence else None)
        if message is None and in_sentence:
            message = catalogue.get(msgid)
        return message.string if message is not None and message.string else msgid

    def number(self, value):
        from babel.numbers import format_decimal

        try:
            return local_digits(format_decimal(value, locale=self.lang.replace("-", "_")), self.lang)
        except ValueError:  # a language Babel does not know: write the digits as they are
            return str(value)

    def digits(self, text):
        return local_digits(text, self.lang)

    def numbered(self, msgid, value, in_sentence=False):
        """'Figure 2', 'figure 2', 'Section 2.1' (each part of an outline number written as the language writes it),
        'Figure 2 (a)' (a subfigure's letter as it is)."""
        outline, _, letter = str(value).partition(" ")
        number = ".".join(self.number(int(part)) for part in outline.split(".")) + (f" {letter}" if letter else "")
        return f"{self.word(msgid, in_sentence)}\u00a0{number}"


def language_name(lang):
    """A language's own name for itself, as a reader looks for it in a menu: 'English', 'Français', 'فارسی'."""
    from babel import Locale, UnknownLocaleError

    try:
        name = Locale.parse(lang.replace("-", "_")).get_display_name(lang.replace("-", "_")) or lang
    except (ValueError, UnknownLocaleError):
        return lang
    return name[:1].upper() + name[1:]


def has_catalogue(lang):
    return lang.split("-")[0].lower() == "en" or catalogue_path(lang) is not None
