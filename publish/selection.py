"""Which publication units a command was asked for: `doit check`, `doit dist` and `doit verify` take
slugs (`doit dist my-brief --version v1.0`), and each reads them here, the same way.

A slug names a publication with its translations, 'slug.fr' one translation; no names, every unit.
"""

import difflib

from publish.errors import PublishError


def is_named(unit, names):
    """Whether `unit` is one of those `names` ask for (all of them when no name is given)."""
    return not names or unit.name in names or unit.slug in names


def named_units(units, names):
    """The units of `units` that `names` ask for; a name that is none of them is refused in one line that
    lists the publications there are."""
    known = {unit.name for unit in units} | {unit.slug for unit in units}
    for name in names:
        if name not in known:
            close = difflib.get_close_matches(name, sorted(known), n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            there = f"the publications are {', '.join(sorted(known))}" if known else "there is none yet (doit new)"
            raise PublishError(f"no publication '{name}' in source/: {hint}{there}")
    return [unit for unit in units if is_named(unit, names)]
