"""The licences a series may declare by their SPDX id (`license: CC-BY-4.0`), each with its full name,
its short name (the badge's words) and its deed's address; any other text is shown as written."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Licence:
    short: str  # the badge: "CC BY 4.0"
    name: str
    url: str


def creative_commons(parts, name):
    return Licence(f"CC {parts.upper().replace('-', ' ')} 4.0", f"Creative Commons {name} 4.0 International",
                   f"https://creativecommons.org/licenses/{parts}/4.0/")


LICENCES = {
    "CC-BY-4.0": creative_commons("by", "Attribution"),
    "CC-BY-SA-4.0": creative_commons("by-sa", "Attribution-ShareAlike"),
    "CC-BY-ND-4.0": creative_commons("by-nd", "Attribution-NoDerivatives"),
    "CC-BY-NC-4.0": creative_commons("by-nc", "Attribution-NonCommercial"),
    "CC-BY-NC-SA-4.0": creative_commons("by-nc-sa", "Attribution-NonCommercial-ShareAlike"),
    "CC-BY-NC-ND-4.0": creative_commons("by-nc-nd", "Attribution-NonCommercial-NoDerivatives"),
    "CC0-1.0": Licence("CC0 1.0", "Creative Commons CC0 1.0 Universal", "https://creativecommons.org/publicdomain/zero/1.0/"),
}


def licence_facts(value):
    """{license_short, license_name, license_url} of the licence as declared; a text that is no SPDX id
    known here is its own name, with no address (none is invented)."""
    known = next((licence for spdx, licence in LICENCES.items() if spdx.lower() == value.strip().lower()), None)
    if known:
        return {"license_short": known.short, "license_name": known.name, "license_url": known.url}
    return {"license_short": "", "license_name": value.strip(), "license_url": ""}
