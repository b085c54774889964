"""The QR code at the end of the PDF that leads a reader of the printed page to the web edition: drawn
as vector paths (segno) in the house's accent colour, made only where the publication's address is known
(its `url`, or the series' `site-url`); never an address made up."""

from markupsafe import Markup


def web_edition_code(url, colour, size_mm=22):
    """The QR code of `url` as inline SVG, `size_mm` wide, or '' when there is no address."""
    if not url:
        return ""
    import segno

    code = segno.make(url, error="m")
    svg = code.svg_inline(dark=colour, scale=1, border=2, title=url)
    width, _ = code.symbol_size(scale=1, border=2)
    svg = svg.replace(f'width="{width}" height="{width}"',
                      f'width="{size_mm}mm" height="{size_mm}mm" viewBox="0 0 {width} {width}" role="img"', 1)
    return Markup(svg)
