"""The picture cache filled for a whole edition at once (publish/pictures/cache.py's fit_all): every size
asked for is encoded once, on the machine's cores, to the very bytes one encoding after another gives."""

import hashlib
import io
import os

from PIL import Image

from publish.pictures import cache
from publish.pictures.encode import encoded
from publish.pictures.facts import picture_facts


def kept_picture(number, image_format, size):
    """A picture of `size`, noisy enough that its encoding takes a while, kept in the cache as the parse keeps it."""
    image = Image.effect_noise(size, 40 + number).convert("RGB")
    output = io.BytesIO()
    image.save(output, format=image_format)
    data = output.getvalue()
    media_type = "image/png" if image_format == "PNG" else "image/jpeg"
    picture = picture_facts(hashlib.sha256(data).hexdigest(), media_type, data)
    cache.keep_original(picture, data)
    return picture, data


def encoded_files():
    return {path.name: path.read_bytes() for path in cache.FOLDER.iterdir()
            if "-" in path.name and not path.name.startswith(".")}


def test_every_size_an_edition_asks_for_is_encoded_once_as_one_at_a_time_would(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    pictures = [kept_picture(number, image_format, (900, 600))
                for number, image_format in enumerate(["PNG", "JPEG", "PNG", "JPEG"])]
    wanted = [(picture, width) for picture, _ in pictures for width in (300, 450)]
    small_enough = (pictures[0][0], 2000)  # asks for more than it has: the author's own bytes, not a file more
    cache.fit_all(wanted + wanted[:3] + [small_enough], "screen")
    made = encoded_files()
    assert len(made) == len(wanted)
    for picture, width in wanted:
        assert encoded(picture, cache.original(picture), width, "screen") in made.values()
        assert cache.fitted(picture, width, "screen") == encoded(picture, cache.original(picture), width, "screen")
    assert cache.fitted(*small_enough, "screen") == pictures[0][1]
    times = {path.name: os.stat(path).st_mtime_ns for path in cache.FOLDER.iterdir()}
    cache.fit_all(wanted, "screen")  # all of them cached: nothing encoded again
    assert {path.name: os.stat(path).st_mtime_ns for path in cache.FOLDER.iterdir()} == times
