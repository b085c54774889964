"""Images: read once from the publication's folder, embedded in every edition, never fetched."""

import hashlib
import zipfile

import lxml.html
import pikepdf
import pytest
from PIL import Image
from projects import SLUG, copy_project, run_doit

from publish.errors import PublishError
from publish.paths import Publication
from publish.pictures.cache import original
from publish.pictures.facts import from_element
from publish.source.images import embed_images, image_file, resolved_image


def document_with_image(target):
    image = {"t": "Image", "c": [["", [], []], [{"t": "Str", "c": "alt"}], [target, ""]]}
    return {"meta": {}, "blocks": [{"t": "Para", "c": [image]}]}


@pytest.fixture
def publication(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "source" / "brief"
    folder.mkdir(parents=True)
    Image.new("RGB", (4, 2), (31, 78, 121)).save(folder / "figure.png")
    (tmp_path / "secret.png").write_bytes((folder / "figure.png").read_bytes())
    return Publication("brief")


def image_target(document):
    return document["blocks"][0]["c"][0]["c"][2][0]


def test_a_local_image_is_read_once_kept_by_its_content_and_recorded(publication):
    data = (publication.folder / "figure.png").read_bytes()
    images = {"figure.png": resolved_image(publication, "figure.png")}
    picture = images["figure.png"][0]
    assert images["figure.png"][1] == data and (picture.media_type, picture.width, picture.height) == ("image/png", 4, 2)
    assert picture.digest == hashlib.sha256(data).hexdigest()
    image = embed_images(document_with_image("figure.png"), images)["blocks"][0]["c"][0]
    assert image_target(embed_images(document_with_image("figure.png"), images)) == f"picture:{picture.digest}.png"
    assert from_element(image["c"][2][0], image["c"][0][2]) == picture and original(picture) == data


@pytest.mark.parametrize("target, message", [
    ("https://example.org/tracker.png", "never fetches from the network"),
    ("file:///etc/passwd", "never fetches from the network"),
    ("../../secret.png", "outside"),
    ("missing.png", "not found"),
])
def test_remote_outside_or_missing_images_are_errors(publication, target, message):
    with pytest.raises(PublishError, match=message):
        image_file(publication, target)


def test_every_edition_carries_the_image(tmp_path):
    project = copy_project(tmp_path)
    folder = project / "source" / SLUG
    Image.new("RGB", (120, 60), (31, 78, 121)).save(folder / "figure.png")
    with open(folder / "index.md", "a", encoding="utf-8") as text:
        text.write("\n![A blue test rectangle](figure.png)\n")
    run_doit(project)
    build = project / "build" / SLUG
    [image] = lxml.html.parse(str(build / f"{SLUG}.html")).getroot().iter("img")
    assert image.get("src").startswith("data:image/png;base64,") and image.get("alt") == "A blue test rectangle"
    with zipfile.ZipFile(build / f"{SLUG}.docx") as docx:
        assert any(name.startswith("word/media/") for name in docx.namelist())
    with pikepdf.open(build / f"{SLUG}.pdf") as pdf:
        assert any(page.get_images() for page in pdf.pages)


def test_a_file_that_is_no_picture_of_its_kind_is_said_at_the_parse(publication):
    (publication.folder / "broken.png").write_bytes(b"not a picture")
    with pytest.raises(PublishError, match="cannot be read as PNG"):
        resolved_image(publication, "broken.png")
