"""Every cache the package keeps in a process, declared where it is made, in one registry.

A cache either survives a warm rebuild (`doit serve` builds again in the same process after each
save) because it holds nothing from the files serve watches (source/, templates/, styles/,
locale/), or it is forgotten before each warm rebuild because it does. Each cache says which
when it is declared; `forget_before_warm_rebuild` clears the second kind and nothing else.
"""

import functools
import json
import os
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


class KeptOnDisk:
    """What a process worked out from each of a set of files, kept for the next process in a JSON file of
    build/.cache/ by each file's time and size: the next reads it there unless the file changed since.
    Registered like the caches (a warm rebuild reads the JSON file again; its entries check themselves)."""

    def __init__(self, name, holds):
        self.name, self.entries, self.changed = name, None, False
        register(f"{__name__}.KeptOnDisk:{name}", self.forget, False, holds)

    def value(self, path, work_out):
        """`work_out(path)` (a JSON value), or what the last process kept of it for the same file."""
        status, entries = os.stat(path), self.loaded()
        stamp, entry = [status.st_mtime_ns, status.st_size], entries.get(str(path))
        if isinstance(entry, list) and len(entry) == 3 and entry[:2] == stamp:
            return entry[2]
        value = work_out(path)
        entries[str(path)], self.changed = [*stamp, value], True
        return value

    def loaded(self):
        if self.entries is None:
            try:
                entries = json.loads(self.path().read_text(encoding="utf-8"))
            except (OSError, ValueError):
                entries = {}
            self.entries = entries if isinstance(entries, dict) else {}
        return self.entries

    def keep(self):
        """Write what was worked out, if anything (a folder that cannot be written only costs the next run)."""
        from publish import atomic

        if self.changed:
            try:
                atomic.write_text(self.path(), json.dumps(self.entries, sort_keys=True))
                self.changed = False
            except OSError:
                pass

    def path(self):
        from publish.paths import CACHE

        return CACHE / self.name

    def forget(self):
        self.entries, self.changed = None, False
