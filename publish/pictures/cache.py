"""The picture cache: each picture's file kept once by its content (the parse puts it there), and each size
an edition asked for, kept by content, size and encoder settings, so that an edit to the text never encodes
a picture again, and the PDF and the DOCX, which need the same size, share one encoding.

    build/.cache/pictures/<sha256>.<ext>                             the file as the author saved it
    build/.cache/pictures/<sha256>-<width>x<height>-<settings>.<ext>  a size an edition asked for

A picture that needs no change (no larger than asked, upright, not CMYK) is given as the author's bytes,
byte for byte. Two builds that ask for the same size at once encode it once: the second waits for the
first's file (a lock beside it).
"""

import contextlib
import fcntl
import os
from concurrent.futures import ThreadPoolExecutor

from publish import atomic
from publish.errors import PublishError
from publish.paths import CACHE
from publish.pictures.encode import encoded, settings_tag, target_size
from publish.pictures.facts import EXTENSIONS

FOLDER = CACHE / "pictures"


def original_path(picture):
    return FOLDER / f"{picture.digest}{EXTENSIONS[picture.media_type]}"


def keep_original(picture, data):
    """The parse's part: the picture's file kept under its hash (once, whatever the publications that show it)."""
    path = original_path(picture)
    if not path.is_file():
        atomic.write_bytes(path, data)


def original(picture):
    """The picture's file as the parse kept it."""
    path = original_path(picture)
    if not path.is_file():
        raise PublishError(f"a picture the parse read is gone from the cache (was {FOLDER.as_posix()}/ removed?): "
                           "run `doit forget parse` and `doit` to read it again", path)
    return path.read_bytes()


@contextlib.contextmanager
def locked(path):
    """Held while `path` is made, so that another build asking for it waits and then reads it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(f".{path.name}.lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def passes_through(picture, width):
    return not picture.resizable or (picture.as_is and width >= picture.width)


def fitted(picture, width, purpose):
    """The bytes of `picture` for `width` pixels wide at most (print or screen `purpose`): the author's own
    when they need no change, else an encoding kept in the cache."""
    if passes_through(picture, width):
        return original(picture)
    size = target_size(picture, width)
    path = FOLDER / f"{picture.digest}-{size[0]}x{size[1]}-{settings_tag(purpose)}{EXTENSIONS[picture.media_type]}"
    if path.is_file():
        return path.read_bytes()
    with locked(path):
        if path.is_file():  # made by another build while this one waited
            return path.read_bytes()
        data = encoded(picture, original(picture), width, purpose)
        atomic.write_bytes(path, data)
    return data


def fit_all(wanted, purpose):
    """Every (picture, width) of `wanted` put in the cache for `purpose`, side by side on the machine's cores
    (Pillow lets go of Python's lock while it decodes, resizes and encodes): a long report's forty pictures
    took as many seconds one after the other. What is cached already is only looked at."""
    to_encode = sorted({(picture, width) for picture, width in wanted if not passes_through(picture, width)},
                       key=lambda pair: (pair[0].digest, pair[1]))
    if not to_encode:
        return
    with ThreadPoolExecutor(max_workers=min(len(to_encode), os.cpu_count() or 1)) as pool:
        for _ in pool.map(lambda pair: fitted(*pair, purpose), to_encode):  # each one's bytes let go at once
            pass
