"""Pictures at the size each edition needs, read back from the built PDF, DOCX, HTML and EPUB: a picture larger
than needed comes out at the needed size (300 dpi at its printed width in the PDF and the DOCX, twice its
width on screen in the web page), one small enough byte for byte; the same inputs give the same bytes; an
edit to the text encodes no picture again."""

import base64
import hashlib
import io
import math
import random
import re
import shutil
import struct
import zipfile

import lxml.html
import pikepdf
import pytest
from PIL import Image, ImageCms
from projects import SLUG, copy_project, run_doit

from publish.editions.docx_package import text_width
from publish.editions.picture_sizes import length_px, print_pixels, screen_pixels, text_width_px
from publish.editions.stand_ins import marked, stand_in
from publish.house_style import load_house_style
from publish.pictures.encode import encoded
from publish.pictures.facts import picture_facts

# 136 mm of A4 text at 300 dpi; the web page's 576-px column, twice
PRINT_FULL, PRINT_HALF = math.ceil(136 / 25.4 * 300), math.ceil(68 / 25.4 * 300)
SCREEN_FULL, SCREEN_HALF = 1152, 576
MOMENT = {"SOURCE_DATE_EPOCH": "1733400000"}  # the moment the editions record, the same for every build here
SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def photograph(size, seed):
    """A picture with a photograph's detail (seeded noise over gradients): the same one every time."""
    small = (max(1, size[0] // 4), max(1, size[1] // 4))
    noise = Image.frombytes("L", small, random.Random(seed).randbytes(small[0] * small[1])).resize(size, Image.BICUBIC)
    gradient = Image.linear_gradient("L").resize(size)
    return Image.merge("RGB", (noise, gradient, gradient.transpose(Image.Transpose.FLIP_LEFT_RIGHT)))


def write_pictures(folder):
    """The test's pictures: {name: (markdown width attribute, file bytes)}."""
    pictures = {}
    large = io.BytesIO()
    photograph((3000, 2000), 1).save(large, format="JPEG", quality=92, icc_profile=SRGB)
    pictures["large.jpg"] = ("", large.getvalue())
    turned, exif = io.BytesIO(), Image.Exif()
    exif[0x0112] = 6  # stored landscape, shown turned a quarter clockwise: portrait
    photograph((2400, 1800), 2).save(turned, format="JPEG", quality=90, exif=exif)
    pictures["turned.jpg"] = ("", turned.getvalue())
    alpha = io.BytesIO()
    chart = photograph((2600, 1600), 3).convert("RGBA")
    chart.putalpha(Image.linear_gradient("L").resize((2600, 1600)))
    chart.save(alpha, format="PNG")
    pictures["alpha.png"] = ("50%", alpha.getvalue())
    palette = io.BytesIO()
    photograph((2400, 1200), 4).quantize(colors=16).save(palette, format="PNG")
    pictures["palette.png"] = ("", palette.getvalue())
    small = io.BytesIO()
    photograph((300, 200), 5).save(small, format="JPEG", quality=80)
    pictures["small.jpg"] = ("", small.getvalue())
    tiny = io.BytesIO()
    photograph((200, 100), 6).save(tiny, format="PNG")
    pictures["small.png"] = ("", tiny.getvalue())
    for name, (_, data) in pictures.items():
        (folder / name).write_bytes(data)
    return pictures


def add_pictures(project):
    pictures = write_pictures(project / "source" / SLUG)
    with open(project / "source" / SLUG / "index.md", "a", encoding="utf-8") as text:
        for name, (width, _) in pictures.items():
            attribute = f"{{width={width}}}" if width else ""
            text.write(f"\n![The test picture {name}]({name}){attribute}\n")
    return pictures


@pytest.fixture(scope="module")
def pictures_project(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("pictures") / "project")
    pictures = add_pictures(project)
    run_doit(project, environment=MOMENT)
    return project, pictures


def artifact(project, extension):
    return project / "build" / SLUG / f"{SLUG}.{extension}"


def by_size(datas):
    """{(width, height): (format, mode, bytes, info)} of pictures' bytes."""
    found = {}
    for data in datas:
        with Image.open(io.BytesIO(data)) as image:
            found[image.size] = (image.format, image.mode, data, dict(image.info), image.getexif().get(0x0112))
    return found


def html_pictures(project):
    page = lxml.html.parse(str(artifact(project, "html"))).getroot()
    sources = [image.get("src") for image in page.iter("img") if image.get("alt", "").startswith("The test picture")]
    return by_size(base64.b64decode(source.split(",", 1)[1]) for source in sources)


def package_pictures(project, extension="docx", folder="word/media/"):
    with zipfile.ZipFile(artifact(project, extension)) as package:
        return by_size(package.read(name) for name in package.namelist()
                       if name.startswith(folder) and name.rsplit(".", 1)[-1] in ("png", "jpg", "jpeg"))


def pdf_pictures(project):
    """{(width, height): the XObject's filter and its raw stream} of the PDF's pictures."""
    with pikepdf.open(artifact(project, "pdf")) as pdf:
        return {(int(image.Width), int(image.Height)): (str(image.get("/Filter")), image.read_raw_bytes())
                for page in pdf.pages for image in page.get_images().values()}


def scaled(size, width):
    return width, round(size[1] * width / size[0])


def test_the_needed_sizes_follow_the_house_page_and_the_web_column():
    house = load_house_style()
    assert text_width_px(house, "a4") == pytest.approx(136 / 25.4 * 96)
    assert text_width_px(house, "letter") == pytest.approx(text_width("letter", house["page"]) / 1440 * 96, abs=0.1)  # the DOCX's, in twips
    text = text_width_px(house, "a4")
    assert print_pixels([], text) == PRINT_FULL == print_pixels([["width", "100%"]], text)
    assert print_pixels([["width", "50%"]], text) == PRINT_HALF
    assert print_pixels([["width", "2in"]], text) == 600 and print_pixels([["width", "30cm"]], text) == PRINT_FULL
    assert screen_pixels([], 576) == SCREEN_FULL and screen_pixels([["width", "50%"]], 576) == SCREEN_HALF
    assert screen_pixels([["width", "50%"]], 576, least=500) == 1000  # a chart keeps its least width
    assert length_px("12em", 576) is None and length_px("300", 576) == 300


def test_a_large_picture_comes_out_of_each_edition_at_the_size_it_needs(pictures_project):
    project, _ = pictures_project
    pdf, docx, html = pdf_pictures(project), package_pictures(project), html_pictures(project)
    for width, screen in ((PRINT_FULL, SCREEN_FULL),):
        assert scaled((3000, 2000), width) in pdf and scaled((3000, 2000), width) in docx
        assert scaled((3000, 2000), screen) in html
    assert scaled((2600, 1600), PRINT_HALF) in pdf and scaled((2600, 1600), PRINT_HALF) in docx
    assert scaled((2600, 1600), SCREEN_HALF) in html  # its width=50% of the column, twice
    assert scaled((1800, 2400), PRINT_FULL) in pdf  # turned upright: as wide as the text, portrait
    epub = package_pictures(project, "epub", "EPUB/media/")
    assert scaled((3000, 2000), 1600) in epub  # as wide as a tablet's screen at most


def test_a_picture_keeps_its_format_alpha_palette_profile_and_is_turned_upright(pictures_project):
    project, _ = pictures_project
    docx, html = package_pictures(project), html_pictures(project)
    large = docx[scaled((3000, 2000), PRINT_FULL)]
    assert large[:2] == ("JPEG", "RGB") and large[3]["icc_profile"] == SRGB
    assert html[scaled((3000, 2000), SCREEN_FULL)][0] == "JPEG"
    assert docx[scaled((2600, 1600), PRINT_HALF)][:2] == ("PNG", "RGBA")
    assert docx[scaled((2400, 1200), PRINT_FULL)][:2] == ("PNG", "P")
    turned = docx[scaled((1800, 2400), PRINT_FULL)]
    assert turned[0] == "JPEG" and turned[4] in (None, 1)  # stored upright, no orientation left to apply


def test_a_picture_small_enough_passes_through_byte_for_byte(pictures_project):
    project, pictures = pictures_project
    small_jpeg, small_png = pictures["small.jpg"][1], pictures["small.png"][1]
    for found in (package_pictures(project), html_pictures(project), package_pictures(project, "epub", "EPUB/media/")):
        assert found[(300, 200)][2] == small_jpeg and found[(200, 100)][2] == small_png
    assert pdf_pictures(project)[(300, 200)] == ("/DCTDecode", small_jpeg)  # WeasyPrint carries a JPEG as it is


def test_an_edit_to_the_text_encodes_no_picture_again(pictures_project, tmp_path):
    project = shutil.copytree(pictures_project[0], tmp_path / "edited", symlinks=True)
    cache = project / "build" / ".cache" / "pictures"
    before = {path.name: path.stat().st_mtime_ns for path in cache.glob("[!.]*")}  # not the locks
    assert sum(bool(re.search(r"-\d+x\d+-", name)) for name in before) >= 8  # the encodings the editions asked for
    index = project / "source" / SLUG / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("Three years in", "Three years on"), encoding="utf-8")
    old_html = artifact(project, "html").stat().st_mtime_ns
    run_doit(project, environment=MOMENT)
    assert artifact(project, "html").stat().st_mtime_ns != old_html  # the editions were built again
    assert {path.name: path.stat().st_mtime_ns for path in cache.glob("[!.]*")} == before


def test_the_same_inputs_give_the_same_bytes(pictures_project, tmp_path):
    first, _ = pictures_project
    second = copy_project(tmp_path / "again")
    add_pictures(second)
    run_doit(second, environment=MOMENT)
    for extension in ("pdf", "docx", "html", "epub"):
        assert artifact(first, extension).read_bytes() == artifact(second, extension).read_bytes(), extension
    encodings = sorted(path.name for path in (first / "build" / ".cache" / "pictures").glob("*-*x*-*"))
    for name in encodings:
        assert (first / "build" / ".cache" / "pictures" / name).read_bytes() == \
               (second / "build" / ".cache" / "pictures" / name).read_bytes(), name


def test_the_parse_records_a_turned_or_cmyk_picture_as_one_to_encode_again():
    turned, exif = io.BytesIO(), Image.Exif()
    exif[0x0112] = 6
    photograph((40, 30), 7).save(turned, format="JPEG", exif=exif, dpi=(300, 300))
    picture = picture_facts("0" * 64, "image/jpeg", turned.getvalue())
    assert (picture.width, picture.height, picture.dpi, picture.as_is) == (30, 40, 300, False)
    cmyk = io.BytesIO()
    photograph((40, 30), 8).convert("CMYK").save(cmyk, format="JPEG")
    assert not picture_facts("1" * 64, "image/jpeg", cmyk.getvalue()).as_is


def test_a_cmyk_jpeg_is_given_in_srgb_at_its_size():
    cmyk = io.BytesIO()
    photograph((400, 300), 9).convert("CMYK").save(cmyk, format="JPEG", quality=95)
    picture = picture_facts("2" * 64, "image/jpeg", cmyk.getvalue())
    data = encoded(picture, cmyk.getvalue(), 200, "print")
    with Image.open(io.BytesIO(data)) as image:
        assert (image.format, image.mode, image.size) == ("JPEG", "RGB", (200, 150))
        profile = image.info["icc_profile"]
    assert ImageCms.getProfileDescription(ImageCms.ImageCmsProfile(io.BytesIO(profile))).startswith("sRGB")
    assert struct.unpack(">6H", profile[24:36]) == (2000, 1, 1, 0, 0, 0)  # not the moment littlecms made it


@pytest.mark.parametrize("kind, dpi", [("JPEG", (300, 300)), ("PNG", (150, 150)), ("PNG", None)])
def test_pandoc_is_given_a_stand_in_of_the_format_size_and_resolution_it_sizes_a_picture_by(kind, dpi):
    output = io.BytesIO()
    photograph((320, 200), 10).save(output, format=kind, **({"dpi": dpi} if dpi else {}))
    data = output.getvalue()
    blank, mark = stand_in(data)
    with Image.open(io.BytesIO(blank)) as one, Image.open(io.BytesIO(data)) as other:
        assert (one.format, one.size) == (other.format, other.size)
        assert [round(value) for value in one.info.get("dpi", ())] == [round(value) for value in other.info.get("dpi", ())]
    assert len(blank) < len(data) and mark == marked(blank) == hashlib.sha256(data).hexdigest()
