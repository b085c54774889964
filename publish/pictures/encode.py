"""A picture resized to the width an edition needs, in its own format, with fixed settings: the same
bytes in, the same bytes out.

- The size: never upscaled; reduced with Lanczos (after an exact reduction by whole factors, Pillow's
  reducing_gap, which is faster for a large reduction and looks the same); a JPEG is decoded at the
  smallest of its DCT scales (1/2, 1/4, 1/8) still at least as large as the target (libjpeg's draft mode),
  which decodes a 5,000-pixel photograph for a 1,600-pixel print four to sixteen times faster.
- A JPEG stays a JPEG: quality 90 for print and the DOCX (no visible loss at 300 dpi), 82 for screens
  (the web page's pictures are shown at half their pixels, which hides what 82 loses and halves the
  bytes); chroma subsampled 4:2:0 as cameras save it; Huffman tables optimised (smaller, lossless);
  baseline, not progressive.
- A PNG stays a PNG: its alpha kept; a palette picture reduced in full colour and given back a palette of
  as many colours as it had (no dithering); zlib level 1 for print and the DOCX (WeasyPrint compresses the
  pixels again for the PDF; the DOCX's pictures are 10 to 15% larger than at level 6, encoded two to four
  times faster), level 6 for screens (the reader downloads them).
- The EXIF orientation is applied (the picture is stored upright and the tag dropped, since Word does not
  turn a picture by it); the ICC colour profile is kept; a CMYK JPEG is converted to sRGB (through its own
  profile when it has one), since the browsers and Word show CMYK differently; the stated resolution is
  scaled with the pixels, so the picture keeps its physical size (pandoc sizes a DOCX picture by it); other
  metadata (EXIF, text chunks) is left out.
"""

import hashlib
import io
import json
import struct

SETTINGS = {
    "print": {"jpeg_quality": 90, "png_compress_level": 1},
    "screen": {"jpeg_quality": 82, "png_compress_level": 6},
}
COMMON = {"resample": "lanczos", "reducing_gap": 3.0, "subsampling": "4:2:0", "optimize_jpeg": True,
          "palette_dither": "none", "version": 2}


def settings_tag(purpose):
    """A short name for every setting that shapes the bytes, Pillow's and its codecs' versions included:
    part of the cache key, so a change of any of them encodes again."""
    import PIL
    from PIL import features

    settings = {**COMMON, **SETTINGS[purpose], "pillow": PIL.__version__, "jpeg": features.version("jpg"),
                "zlib": features.version("zlib")}
    return f"{purpose}-{hashlib.sha256(json.dumps(settings, sort_keys=True).encode()).hexdigest()[:10]}"


def target_size(picture, width):
    """(width, height) for `width` pixels wide at most, the proportions kept, never larger than the picture."""
    if width >= picture.width:
        return picture.width, picture.height
    return width, max(1, round(picture.height * width / picture.width))


def opened(data, size):
    """The picture decoded upright, a JPEG at the smallest DCT scale that still covers `size`."""
    from PIL import Image, ImageOps

    image = Image.open(io.BytesIO(data))
    if image.format == "JPEG":
        transposed = image.getexif().get(0x0112, 1) in (5, 6, 7, 8)
        image.draft(image.mode, (size[1], size[0]) if transposed else size)
    upright = ImageOps.exif_transpose(image)
    return image, upright


def srgb_profile(srgb):
    """The bytes of littlecms's sRGB profile `srgb` with its creation date fixed (littlecms dates it now, which
    made two encodings of one CMYK picture differ)."""
    data = bytearray(srgb.tobytes())
    data[24:36] = struct.pack(">6H", 2000, 1, 1, 0, 0, 0)  # the ICC header's date; its profile ID is left unset
    return bytes(data)


def in_srgb(image):
    """A CMYK picture converted to sRGB (through its own profile when it has one), with the sRGB profile."""
    from PIL import ImageCms

    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
    profile = image.info.get("icc_profile")
    if profile:
        converted = ImageCms.profileToProfile(image, ImageCms.ImageCmsProfile(io.BytesIO(profile)), srgb,
                                              outputMode="RGB")
    else:
        converted = image.convert("RGB")
    converted.info["icc_profile"] = srgb_profile(srgb)
    return converted


def resized(image, size):
    """`image` at `size`: a palette picture reduced in full colour and given its palette back."""
    from PIL import Image

    if image.size == size:
        return image
    if image.mode == "P":
        colours = max(2, len(image.getpalette() or []) // 3)
        alpha = "transparency" in image.info
        full = image.convert("RGBA" if alpha else "RGB").resize(size, Image.LANCZOS, reducing_gap=COMMON["reducing_gap"])
        method = Image.Quantize.FASTOCTREE if alpha else Image.Quantize.MEDIANCUT
        return full.quantize(colors=min(256, colours), method=method, dither=Image.Dither.NONE)
    if image.mode == "1":
        image = image.convert("L")
    return image.resize(size, Image.LANCZOS, reducing_gap=COMMON["reducing_gap"])


def encoded(picture, data, width, purpose):
    """The bytes of `picture` (whose file is `data`) at `width` pixels wide at most, for `purpose` (print or
    screen), in its own format."""
    size = target_size(picture, width)
    original, image = opened(data, size)
    profile = original.info.get("icc_profile")
    if image.mode == "CMYK":
        image = in_srgb(image)
        profile = image.info["icc_profile"]
    image = resized(image, size)
    dpi = original.info.get("dpi")
    options = {"dpi": tuple(round(float(value) * size[0] / picture.width, 2) for value in dpi)} if picture.dpi and dpi else {}
    if profile:
        options["icc_profile"] = profile
    settings, output = SETTINGS[purpose], io.BytesIO()
    if picture.media_type == "image/jpeg":
        image.save(output, format="JPEG", quality=settings["jpeg_quality"], subsampling=2, optimize=True, **options)
    else:
        image.save(output, format="PNG", compress_level=settings["png_compress_level"], **options)
    return output.getvalue()
