"""Make the figures of the example publications (examples/figures-and-tables/,
examples/from-plain-pandoc/) from real data: the benchmark's measured medians
(bench/latest.json) and the brief's own built editions.

    make && .venv/bin/python docs/make_example_figures.py

Each figure comes in the format an author would bring: an SVG chart, the same chart saved
as PDF (as R and matplotlib users export), a PNG chart, a JPEG of a page of the brief's PDF
and a WebP screenshot of its web page. The files are committed; this script says how they
were made.
"""

import json
import subprocess
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "figures-and-tables"
PLAIN_PANDOC_EXAMPLE = ROOT / "examples" / "from-plain-pandoc"
FONTS = ROOT / "styles" / "fonts"
ACCENT, MUTED, RULE = "#1f4e79", "#595959", "#8c8c8c"
BRIEF_EDITIONS = ROOT / "build" / "engaging-with-the-taliban"
BRIEF = BRIEF_EDITIONS / "engaging-with-the-taliban.pdf"


def medians():
    return json.loads((ROOT / "bench" / "latest.json").read_text(encoding="utf-8"))["median_seconds"]


def bar_chart_svg(bars, unit, title, digits=2, width=480, bar_height=26):
    """A horizontal bar chart, labels left, values right, as SVG text."""
    label_width, gap, top = 190, 10, 10
    largest = max(value for _, value in bars)
    height = top + len(bars) * (bar_height + gap) + 20
    scale = (width - label_width - 90) / largest
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
             'font-family="Noto Sans, sans-serif" font-size="13">',
             f"<title>{title}</title>"]
    for index, (label, value) in enumerate(bars):
        y = top + index * (bar_height + gap)
        parts.append(f'<text x="{label_width - 8}" y="{y + bar_height * 0.68:.1f}" text-anchor="end" fill="{MUTED}">{label}</text>')
        parts.append(f'<rect x="{label_width}" y="{y}" width="{value * scale:.1f}" height="{bar_height}" fill="{ACCENT}"/>')
        parts.append(f'<text x="{label_width + value * scale + 6:.1f}" y="{y + bar_height * 0.68:.1f}" fill="{MUTED}">'
                     f'{value:.{digits}f} {unit}</text>')
    parts.append(f'<line x1="{label_width}" y1="{top - 4}" x2="{label_width}" y2="{height - 16}" stroke="{RULE}"/>')
    parts.append("</svg>\n")
    return "\n".join(parts)


def svg_to_pdf(svg, pdf_path, height=190):
    from weasyprint import HTML

    html = (f"<style>@page {{ size: 480px {height}px; margin: 0 }} body {{ margin: 0 }}</style>{svg}")
    HTML(string=html).write_pdf(pdf_path)


def png_chart(bars, path):
    """Two bars, drawn with Pillow, for the PNG case."""
    image = Image.new("RGB", (960, 300), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(FONTS / "NotoSans-Regular.ttf"), 26)
    largest = max(value for _, value in bars)
    for index, (label, value) in enumerate(bars):
        y = 40 + index * 110
        draw.text((20, y + 18), label, fill=MUTED, font=font)
        draw.rectangle([360, y, 360 + value / largest * 460, y + 70], fill=ACCENT)
        draw.text((370 + value / largest * 460, y + 18), f"{value:.1f} s", fill=MUTED, font=font)
    image.save(path, optimize=True)


def main():
    data = medians()
    brief = [("Cold build", data["brief_cold"]), ("Naive pandoc route", data["naive_pandoc_route"]),
             ("After a one-word edit", data["brief_after_one_word_edit"]),
             ("After a print CSS edit", data["brief_after_print_css_edit"]), ("Nothing changed", data["brief_noop"])]
    svg = bar_chart_svg(brief, "s", "Median build times of the brief, in seconds")
    (EXAMPLE / "build-times.svg").write_text(svg, encoding="utf-8")
    svg_to_pdf(svg, EXAMPLE / "build-times.pdf")
    png_chart([("One process", data["catalogue_cold_n1"]), ("Two processes", data["catalogue_cold_n2"])],
              EXAMPLE / "catalogue.png")
    subprocess.run(["pdftoppm", "-jpeg", "-r", "50", "-f", "1", "-l", "1", "-singlefile", str(BRIEF),
                    str(EXAMPLE / "brief-page")], check=True)
    sizes = [(f"{kind.upper()} edition", (BRIEF_EDITIONS / f"{BRIEF.stem}.{kind}").stat().st_size / 1000)
             for kind in ("pdf", "html", "docx")]
    svg_to_pdf(bar_chart_svg(sizes, "kB", "Size of each edition of the first brief, in kilobytes", digits=0),
               PLAIN_PANDOC_EXAMPLE / "edition-sizes.pdf", height=130)
    Image.open(ROOT / "docs" / "brief-html.png").convert("RGB").resize((640, 400)).save(EXAMPLE / "brief-web.webp",
                                                                                        quality=80)


if __name__ == "__main__":
    main()
