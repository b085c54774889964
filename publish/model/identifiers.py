"""The identifiers a publication carries (its series' ISSN, its ISBN and DOI), each checked as its
registry defines it, so a mistyped digit is said before it is printed, deposited or linked."""

import re

ISSN_FORM = re.compile(r"^(\d{4})-?(\d{3})([\dXx])$")
DOI_FORM = re.compile(r"^10\.\d{4,9}/\S+$")
DOI_PREFIXES = ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "doi:")


def issn_problem(value, key):
    """What is wrong with an ISSN (ISO 3297: seven digits and a check digit, weights 8 to 2, mod 11)."""
    match = ISSN_FORM.match(value.strip())
    if not match:
        return f"{key} '{value}' is not an ISSN: write its eight digits as 2049-3630"
    digits = match.group(1) + match.group(2)
    check = (11 - sum(int(digit) * weight for digit, weight in zip(digits, range(8, 1, -1))) % 11) % 11
    if ("X" if check == 10 else str(check)) != match.group(3).upper():
        return (f"{key} '{value}' is not a valid ISSN (its check digit does not match): copy it again from the "
                "ISSN record")
    return None


def isbn_problem(value, key):
    """What is wrong with an ISBN-13 (weights 1 and 3, mod 10) or an ISBN-10 (weights 10 to 1, mod 11)."""
    digits = re.sub(r"[\s-]", "", value)
    if re.fullmatch(r"97[89]\d{10}", digits):
        valid = sum(int(digit) * (3 if index % 2 else 1) for index, digit in enumerate(digits)) % 10 == 0
    elif re.fullmatch(r"\d{9}[\dXx]", digits):
        weighted = sum((10 - index) * (10 if digit in "Xx" else int(digit)) for index, digit in enumerate(digits))
        valid = weighted % 11 == 0
    else:
        return f"{key} '{value}' is not an ISBN: write its 13 digits, hyphens as printed (978-90-5031-000-0)"
    return None if valid else f"{key} '{value}' is not a valid ISBN (its check digit does not match): copy it again"


def doi(value, merged=None, where=None, key=""):
    """A DOI as the registry writes it, without the resolver's address an author may have copied with it."""
    text = str(value or "").strip()
    for prefix in DOI_PREFIXES:
        if text.lower().startswith(prefix):
            return text[len(prefix):]
    return text


def doi_problem(value, key):
    if not DOI_FORM.match(doi(value)):
        return f"{key} '{value}' is not a DOI: it starts with 10. and a registrant's number, as 10.5555/12345"
    return None
