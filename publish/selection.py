"""Which publication units a command was asked for: `doit check`, `doit dist` and `doit verify` take
slugs (`doit dist my-brief --version v1.0`), and each reads them here, the same way.

A slug names a publication with its translations, 'slug.fr' one translation; no names, every unit.
"""

import difflib

from publish.errors import PublishError
from publish.options import options_after

# The options of `doit dist`, which may be written after its slugs as well as before them.
DIST_OPTIONS = {"flags": ("--allow-uncommitted",), "valued": ("--version",)}


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


def named_on_command_line(arguments, task, flags=(), valued=()):
    """The names written after `task` on doit's command line (`doit dist my-brief --version v1`), its options
    (`flags`, `valued`) left out: doit hands them to the task's action only once the task's dependencies are
    fixed, so a task that depends on the units named reads them here."""
    if task not in arguments:
        return []
    return options_after(arguments[arguments.index(task) + 1:], flags=flags, valued=valued)[0]
