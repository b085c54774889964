"""What every publication's task of a stage reads alike (its templates, style sheets, house style, fonts,
label catalogues, the package's modules it runs), given to each task as one digest that doit compares
(config_changed), not as sixty to eighty file dependencies: doit checks every dependency of every task on
every run, and that was most of a catalogue's no-op. The digest is doit's own up-to-date check, so `doit
verify` and anything else that asks doit whether a task is stale sees an edited template at once.

Each file's SHA-256 is kept in build/.cache/digests.json by its time and size: a no-op reads none of them.
"""

import hashlib
import os

from publish.caches import KeptOnDisk, cached

KNOWN_DIGESTS = KeptOnDisk("digests.json", "the SHA-256 of templates, styles and modules, by time and size")


@cached(survives_warm_rebuild=False, holds="the digests of templates, styles and modules, which serve watches")
def shared_digest(paths):
    """The SHA-256 of the files `paths` names (a sorted tuple) and their names: one value for them all."""
    lines = [f"{KNOWN_DIGESTS.value(path, file_digest)}  {path}" for path in paths]
    KNOWN_DIGESTS.keep()
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def file_digest(path):
    with open(path, "rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def split_shared(paths):
    """(the digest of those of `paths` that are files, the others): a missing file stays a file
    dependency, which doit reports by its name."""
    present = tuple(sorted(path for path in set(paths) if os.path.isfile(path)))
    return shared_digest(present), sorted(set(paths) - set(present))
