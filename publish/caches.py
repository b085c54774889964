"""Every cache the package keeps in a process, declared where it is made, in one registry.

A cache either survives a warm rebuild (`doit serve` builds again in the same process after each
save) because it holds nothing from the files serve watches (source/, templates/, styles/,
locale/), or it is forgotten before each warm rebuild because it does. Each cache says which
when it is declared; `forget_before_warm_rebuild` clears the second kind and nothing else.
"""

import functools
from dataclasses import dataclass


@dataclass(frozen=True)
class Registered:
    clear: object  # a function that empties the cache
    survives_warm_rebuild: bool
    holds: str  # what it holds, in a few words: why it may survive or must go


REGISTRY = {}  # qualified name -> Registered


def register(name, clear, survives_warm_rebuild, holds):
    REGISTRY[name] = Registered(clear, survives_warm_rebuild, holds)


def cached(survives_warm_rebuild, holds):
    """functools.cache, registered: `@cached(survives_warm_rebuild=False, holds="label catalogues")`."""

    def decorate(function):
        wrapped = functools.cache(function)
        register(f"{function.__module__}.{function.__qualname__}", wrapped.cache_clear, survives_warm_rebuild, holds)
        return wrapped

    return decorate


def forget_before_warm_rebuild():
    """Clear every cache that holds something from the watched files; keep the others."""
    for entry in REGISTRY.values():
        if not entry.survives_warm_rebuild:
            entry.clear()


class Remembered:
    """One value a module remembers from its last run in this process, under the key it was made for
    (citeproc's last run, under the publication it was for), registered like the caches."""

    def __init__(self, name, survives_warm_rebuild, holds):
        self.key = self.value = None
        register(name, self.forget, survives_warm_rebuild, holds)

    def recall(self, key):
        """The value remembered under `key`, or None."""
        return self.value if self.key is not None and self.key == key else None

    def remember(self, key, value):
        self.key, self.value = key, value

    def forget(self):
        self.key = self.value = None
